//! Importing a cohort from CSV, all or nothing: every row is parsed and checked first (format,
//! program, vocabularies, e-mails repeated in the file); if any row is bad nothing is written and
//! every bad row is reported. A good file is written in one transaction with a fixed number of
//! statements per thousand rows. The natural key is institution + e-mail: importing the same
//! file again updates what changed and creates nothing. New records are PRIVATE, and an import
//! never touches an existing record's consent or status.

use std::collections::{BTreeSet, HashMap};

use chrono::Datelike;
use entity::{graduate, graduate_certification, graduate_skill, program};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::csv_rows::{self, Row, RowError};
use super::relations::{Lists, replace_many};
use super::write::new_row;
use crate::audit::trail::{self, Change};
use crate::auth::Caller;
use crate::authz::{self, Action, Resource};
use crate::domain::Slug;
use crate::error::{ApiError, ApiResult};
use crate::service::candidates::feed;
use crate::service::vocabulary::Vocabulary;
use crate::service::write::begin;
use crate::service::{Lookup, institutions};

/// Rows per multi-row statement, and values per `IN` list (a graduate row has 30 columns: well
/// under both databases' bound-parameter limits).
const CHUNK: usize = 500;

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Every bad row; when there is any, nothing was written.
    pub errors: Vec<RowError>,
}

/// How far an import has got, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `done` of `total` rows checked.
    Checked { done: u64, total: u64 },
    /// `done` of `total` rows written.
    Written { done: u64, total: u64 },
}

/// A graduate's lists as sets, for telling whether a row changes anything.
#[derive(Debug, Default, PartialEq, Eq)]
struct ListSets {
    skills: BTreeSet<Uuid>,
    certifications: BTreeSet<(Uuid, Option<i32>)>,
}

/// Imports `text` into `institution` as `caller` (school staff or admins of it, or consortium
/// admins), reporting progress to `progress`.
pub async fn import(
    db: &DatabaseConnection,
    caller: &Caller,
    institution: Slug,
    text: &str,
    progress: &(dyn Fn(Progress) + Sync),
) -> ApiResult<ImportReport> {
    let school = institutions::get(db, caller, Lookup::Slug(institution.into_inner()))
        .await
        .map_err(crate::service::write::not_found_as_input("institution"))?;
    authz::authorize(
        caller.viewer(),
        Action::Create,
        &Resource::Graduate {
            graduate: Uuid::nil(),
            institution: school.id,
        },
    )?;
    let (rows, mut errors) = csv_rows::parse(text);
    let vocabulary = Vocabulary::load(db).await?;
    let programs: HashMap<String, Uuid> = program::Entity::find()
        .select_only()
        .column(program::Column::Slug)
        .column(program::Column::Id)
        .filter(program::Column::InstitutionId.eq(school.id))
        .into_tuple::<(String, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let total = rows.len() as u64;
    let mut checked = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (n, row) in rows.into_iter().enumerate() {
        match check(&row, &programs, &vocabulary, &mut seen) {
            Ok(plan) => checked.push((row, plan)),
            Err(mut bad) => errors.append(&mut bad),
        }
        if n % 1000 == 999 {
            progress(Progress::Checked {
                done: n as u64 + 1,
                total,
            });
        }
    }
    progress(Progress::Checked { done: total, total });
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Ok(ImportReport {
            errors,
            ..ImportReport::default()
        });
    }
    write(db, caller, school.id, checked, progress).await
}

/// The program and list ids of a parsed row, or its errors.
fn check(
    row: &Row,
    programs: &HashMap<String, Uuid>,
    vocabulary: &Vocabulary,
    seen: &mut HashMap<String, u64>,
) -> Result<(Uuid, ListSets), Vec<RowError>> {
    let r = &row.record;
    let mut errors = Vec::new();
    let mut fail = |column: &str, message: String| {
        errors.push(RowError {
            line: row.line,
            column: Some(column.to_owned()),
            message,
        })
    };
    if let Some(first) = seen.insert(r.email.as_str().to_owned(), row.line) {
        fail("email", format!("the same e-mail as line {first}"));
    }
    let program = programs.get(r.program.as_str()).copied();
    if program.is_none() {
        fail("program", "no such program at this institution".into());
    }
    let mut sets = ListSets::default();
    for (column, slugs, ehr) in [
        ("skills", &r.skills, false),
        ("ehr_systems", &r.ehr_systems, true),
    ] {
        match vocabulary.skill_ids(column, slugs, ehr) {
            Ok(ids) => sets.skills.extend(ids),
            Err(e) => fail(column, e.message()),
        }
    }
    match vocabulary.certification_ids("certifications", &r.certifications) {
        Ok(ids) => sets.certifications.extend(ids),
        Err(e) => fail("certifications", e.message()),
    }
    match program {
        Some(program) if errors.is_empty() => Ok((program, sets)),
        _ => Err(errors),
    }
}

/// The records of `institution` that the file's e-mails name, by e-mail: the cost follows the
/// file, not the school (the unique index on institution and e-mail answers each chunk).
async fn existing_records<C: sea_orm::ConnectionTrait>(
    db: &C,
    institution: Uuid,
    emails: &[&str],
) -> ApiResult<HashMap<String, graduate::Model>> {
    let mut found = HashMap::with_capacity(emails.len());
    for chunk in emails.chunks(CHUNK) {
        let rows = graduate::Entity::find()
            .filter(graduate::Column::InstitutionId.eq(institution))
            .filter(graduate::Column::Email.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        found.extend(rows.into_iter().map(|g| (g.email.clone(), g)));
    }
    Ok(found)
}

/// The lists stored for these graduates.
async fn stored_lists<C: sea_orm::ConnectionTrait>(
    db: &C,
    graduates: &[Uuid],
) -> ApiResult<HashMap<Uuid, ListSets>> {
    let mut lists: HashMap<Uuid, ListSets> = HashMap::new();
    for chunk in graduates.chunks(CHUNK) {
        let skills = graduate_skill::Entity::find()
            .filter(graduate_skill::Column::GraduateId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for s in skills {
            lists
                .entry(s.graduate_id)
                .or_default()
                .skills
                .insert(s.skill_id);
        }
        let certifications = graduate_certification::Entity::find()
            .filter(graduate_certification::Column::GraduateId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for c in certifications {
            let year = c.earned_on.map(|d| d.year());
            lists
                .entry(c.graduate_id)
                .or_default()
                .certifications
                .insert((c.certification_id, year));
        }
    }
    Ok(lists)
}

/// Whether two rows differ in what an import writes (not consent, status or bookkeeping).
fn same_record(a: &graduate::Model, b: &graduate::Model) -> bool {
    let keep = |m: &graduate::Model| graduate::Model {
        id: Uuid::nil(),
        consent: entity::enums::ConsentLevel::Private,
        status: entity::enums::GraduateStatus::Seeking,
        consent_updated_at: chrono::DateTime::UNIX_EPOCH,
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
        version: 0,
        skill_tags: ",".into(),
        certification_tags: ",".into(),
        ..m.clone()
    };
    keep(a) == keep(b)
}

/// Writes a checked file in one transaction.
async fn write(
    db: &DatabaseConnection,
    caller: &Caller,
    institution: Uuid,
    rows: Vec<(Row, (Uuid, ListSets))>,
    progress: &(dyn Fn(Progress) + Sync),
) -> ApiResult<ImportReport> {
    let viewer = caller.viewer();
    let txn = begin(db).await?;
    let emails: Vec<&str> = rows.iter().map(|(r, _)| r.record.email.as_str()).collect();
    let existing = existing_records(&txn, institution, &emails).await?;
    let ids: Vec<Uuid> = existing.values().map(|g| g.id).collect();
    let stored = stored_lists(&txn, &ids).await?;
    let mut report = ImportReport::default();
    let (mut created, mut updated, mut lists, mut audit) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut pool_feed = Vec::new();
    let none = ListSets::default();
    for (row, (program, sets)) in rows {
        let before = existing.get(row.record.email.as_str());
        let id = before.map_or_else(Uuid::now_v7, |b| b.id);
        let mut after = new_row(id, institution, program, &row.record);
        if let Some(before) = before {
            let lists_same = stored.get(&id).unwrap_or(&none) == &sets;
            if same_record(before, &after) && lists_same {
                report.unchanged += 1;
                continue;
            }
            after.consent = before.consent;
            after.consent_updated_at = before.consent_updated_at;
            after.status = before.status;
            after.created_at = before.created_at;
            after.version = before.version + 1;
        }
        let (action, before_json) = match before {
            Some(b) => (
                "graduate.import_update",
                Some(serde_json::to_value(b).map_err(ApiError::internal)?),
            ),
            None => ("graduate.import_create", None),
        };
        audit.push(trail::entry(
            viewer,
            Change {
                action,
                entity_type: "graduate",
                entity_id: id,
                institution: Some(institution),
                employer: None,
                before: before_json,
                after: serde_json::to_value(&after).map_err(ApiError::internal)?,
            },
        ));
        lists.push((id, Lists::all_of(&row.record)));
        pool_feed.push(feed::graduate_entry(before, &after));
        match before {
            Some(b) => updated.push((after, b.version)),
            None => created.push(after),
        }
    }
    report.created = created.len() as u64;
    report.updated = updated.len() as u64;
    let total = report.created + report.updated;
    let mut done = 0;
    for chunk in created.chunks(CHUNK) {
        graduate::Entity::insert_many(
            chunk
                .iter()
                .cloned()
                .map(IntoActiveModel::into_active_model),
        )
        .exec_without_returning(&txn)
        .await?;
        done += chunk.len() as u64;
        progress(Progress::Written { done, total });
    }
    for (after, version) in updated {
        let id = after.id;
        let result = graduate::Entity::update_many()
            .set(after.into_active_model().reset_all())
            .filter(graduate::Column::Id.eq(id))
            .filter(graduate::Column::Version.eq(version))
            .exec(&txn)
            .await?;
        if result.rows_affected == 0 {
            return Err(ApiError::Conflict(
                "a graduate in the file was changed while it was imported; import it again".into(),
            ));
        }
        done += 1;
        if done % 500 == 0 {
            progress(Progress::Written { done, total });
        }
    }
    let vocabulary = Vocabulary::load(&txn).await?;
    replace_many(&txn, &vocabulary, lists, "").await?;
    for chunk in audit.chunks(CHUNK) {
        entity::audit_entry::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    feed::record(&txn, &pool_feed).await?;
    txn.commit().await?;
    progress(Progress::Written { done: total, total });
    Ok(report)
}
