//! A graduate's lists — skills, EHR systems, certifications — and their program, checked against
//! the vocabularies and written for many graduates at once (one write, or a whole import, costs
//! a fixed number of statements, not a few per graduate).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entity::enums::SkillKind;
use entity::{graduate_certification, graduate_skill, program, skill};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::write::GraduateRecord;
use crate::domain::{Label, Slug, bounded};
use crate::error::{ApiError, ApiResult};
use crate::service::vocabulary::{Vocabulary, tags};

/// Most entries in one list of a graduate.
pub const MAX_LIST: usize = 50;

/// Rows per multi-row insert: well under the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK: usize = 1000;

/// A certification a graduate holds (or a criterion names): its code, name or an alias, as the
/// client wrote it (the vocabulary resolves it, ignoring case), and, when known, the year earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub term: String,
    pub year: Option<i32>,
}

impl Held {
    /// Parses a term (`RHIT`, `chts-is`, `Registered Health Information Technician`) and an
    /// optional year earned.
    pub fn parse(field: &str, term: &str, year: Option<i32>) -> ApiResult<Self> {
        let term = Label::parse(field, term)?.into_inner();
        let year = year.map(|y| bounded(field, y, 1970, 2100)).transpose()?;
        Ok(Self { term, year })
    }
}

/// A certification code in its one form: upper case, 2-32 letters, digits and `-`, `+`, `/`, `.`.
pub fn certification_code(field: &str, code: &str) -> ApiResult<String> {
    let code = code.trim().to_ascii_uppercase();
    let ok = (2..=32).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"-+/.".contains(&b));
    if ok {
        Ok(code)
    } else {
        Err(ApiError::invalid(
            field,
            "a certification code such as RHIT or CHTS-IS",
        ))
    }
}

/// The lists to write for one graduate; `None` leaves a list as it is.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub skills: Option<Vec<Label>>,
    pub ehr_systems: Option<Vec<Label>>,
    pub certifications: Option<Vec<Held>>,
}

impl Lists {
    /// Every list of a full record (a create or an import row).
    pub fn all_of(record: &GraduateRecord) -> Self {
        Self {
            skills: Some(record.skills.clone()),
            ehr_systems: Some(record.ehr_systems.clone()),
            certifications: Some(record.certifications.clone()),
        }
    }
}

/// Checks a list's length, naming the field.
pub fn bounded_list<T>(field: &str, list: Vec<T>) -> ApiResult<Vec<T>> {
    if list.len() > MAX_LIST {
        Err(ApiError::invalid(
            field,
            format!("at most {MAX_LIST} entries"),
        ))
    } else {
        Ok(list)
    }
}

/// The error for a program of another institution.
pub fn not_at_institution() -> ApiError {
    ApiError::invalid(
        "input.program",
        "no such program at the graduate's institution",
    )
}

/// A program by slug: its id and institution.
pub async fn program_by_slug<C: ConnectionTrait>(db: &C, slug: &Slug) -> ApiResult<(Uuid, Uuid)> {
    program::Entity::find()
        .select_only()
        .column(program::Column::Id)
        .column(program::Column::InstitutionId)
        .filter(program::Column::Slug.eq(slug.as_str()))
        .into_tuple()
        .one(db)
        .await?
        .ok_or_else(not_at_institution)
}

/// The id of program `slug` of `institution`.
pub async fn program_of<C: ConnectionTrait>(
    db: &C,
    institution: Uuid,
    slug: &Slug,
) -> ApiResult<Uuid> {
    match program_by_slug(db, slug).await? {
        (id, school) if school == institution => Ok(id),
        _ => Err(not_at_institution()),
    }
}

/// Replaces one graduate's lists (in the write's transaction).
pub async fn replace<C: ConnectionTrait>(db: &C, graduate: Uuid, lists: Lists) -> ApiResult<()> {
    if lists.skills.is_none() && lists.ehr_systems.is_none() && lists.certifications.is_none() {
        return Ok(());
    }
    let vocabulary = Vocabulary::load(db).await?;
    replace_many(db, &vocabulary, vec![(graduate, lists)], "input.").await
}

/// Replaces the lists of many graduates with a fixed number of statements. `prefix` is put
/// before field names in errors (`input.` for one write).
pub async fn replace_many<C: ConnectionTrait>(
    db: &C,
    vocabulary: &Vocabulary,
    lists: Vec<(Uuid, Lists)>,
    prefix: &str,
) -> ApiResult<()> {
    let mut skill_rows = Vec::new();
    let mut cert_rows = Vec::new();
    let (mut skills_of, mut ehr_of, mut certs_of) = (Vec::new(), Vec::new(), Vec::new());
    for (graduate, lists) in lists {
        if let Some(slugs) = lists.skills {
            let ids = vocabulary.skill_ids(&format!("{prefix}skills"), &slugs, false)?;
            skill_rows.extend(ids.into_iter().map(|s| (graduate, s)));
            skills_of.push(graduate);
        }
        if let Some(slugs) = lists.ehr_systems {
            let ids = vocabulary.skill_ids(&format!("{prefix}ehrSystems"), &slugs, true)?;
            skill_rows.extend(ids.into_iter().map(|s| (graduate, s)));
            ehr_of.push(graduate);
        }
        if let Some(held) = lists.certifications {
            let ids = vocabulary.certification_ids(&format!("{prefix}certifications"), &held)?;
            cert_rows.extend(ids.into_iter().map(|(c, year)| (graduate, c, year)));
            certs_of.push(graduate);
        }
    }
    delete_skills(db, &skills_of, false).await?;
    delete_skills(db, &ehr_of, true).await?;
    for chunk in certs_of.chunks(CHUNK) {
        graduate_certification::Entity::delete_many()
            .filter(graduate_certification::Column::GraduateId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    for chunk in skill_rows.chunks(CHUNK) {
        graduate_skill::Entity::insert_many(chunk.iter().map(|(g, s)| {
            graduate_skill::ActiveModel {
                graduate_id: Set(*g),
                skill_id: Set(*s),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    for chunk in cert_rows.chunks(CHUNK) {
        graduate_certification::Entity::insert_many(chunk.iter().map(|(g, c, year)| {
            graduate_certification::ActiveModel {
                graduate_id: Set(*g),
                certification_id: Set(*c),
                earned_on: Set(year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    let changed: BTreeSet<Uuid> = skills_of
        .iter()
        .chain(&ehr_of)
        .chain(&certs_of)
        .copied()
        .collect();
    let changed: Vec<Uuid> = changed.into_iter().collect();
    tags::refresh(db, Some(&changed)).await?;
    Ok(())
}

/// Deletes the skill rows (EHR systems when `ehr`, other skills otherwise) of these graduates.
async fn delete_skills<C: ConnectionTrait>(db: &C, graduates: &[Uuid], ehr: bool) -> ApiResult<()> {
    for chunk in graduates.chunks(CHUNK) {
        let kind = Expr::col((skill::Entity, skill::Column::Kind));
        let kind = if ehr {
            kind.eq(SkillKind::EhrSystem)
        } else {
            kind.ne(SkillKind::EhrSystem)
        };
        let of_kind = Query::select()
            .column(skill::Column::Id)
            .from(skill::Entity)
            .and_where(kind)
            .to_owned();
        graduate_skill::Entity::delete_many()
            .filter(graduate_skill::Column::GraduateId.is_in(chunk.iter().copied()))
            .filter(graduate_skill::Column::SkillId.in_subquery(of_kind))
            .exec(db)
            .await?;
    }
    Ok(())
}
