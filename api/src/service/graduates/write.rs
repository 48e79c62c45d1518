//! Graduate writes: a school's staff create and update its graduates and its admins archive
//! them; a graduate keeps their own profile and sets their consent, which a school admin may
//! only ever lower to PRIVATE on their behalf. Every write is audited; every consent change is
//! also kept as a row of its history.

use chrono::{NaiveDate, Utc};
use entity::enums::{Background, ConsentLevel, ConsentSetter, GraduateStatus, GraduationTerm};
use entity::{consent_change, graduate};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DatabaseTransaction, EntityTrait};
use uuid::Uuid;

use super::GraduateView;
use super::relations::{self, Held};
use crate::auth::Caller;
use crate::authz::{self, Action, Resource};
use crate::domain::{Email, IdempotencyKey, Label, Phone, Slug, StateCode, WebUrl};
use crate::error::{ApiError, ApiResult};
use crate::service::candidates::feed::{self, FeedEntry};
use crate::service::write::{self, Versioned};
use crate::service::{Lookup, institutions};

impl Versioned for graduate::Entity {
    const NAME: &'static str = "graduate";
    write::versioned_row!(graduate);
    async fn resource(_: &DatabaseTransaction, m: &graduate::Model) -> ApiResult<Resource> {
        Ok(Resource::Graduate {
            graduate: m.id,
            institution: m.institution_id,
        })
    }
    fn pool_change(before: Option<&graduate::Model>, after: &graduate::Model) -> Option<FeedEntry> {
        Some(feed::graduate_entry(before, after))
    }
}

/// What a graduate is looking for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seeking {
    pub internship: bool,
    pub full_time: bool,
    pub part_time: bool,
}

/// A graduate record as a school keeps it, validated (a create, or one row of an import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraduateRecord {
    /// Slug of the program completed (a program of the graduate's institution).
    pub program: Slug,
    pub given_name: Label,
    pub family_name: Label,
    pub email: Email,
    pub phone: Option<Phone>,
    pub graduation_year: i32,
    pub graduation_term: GraduationTerm,
    pub background: Background,
    pub prior_industry: Option<Label>,
    pub years_experience: i32,
    pub city: Label,
    pub state: StateCode,
    pub region: Label,
    pub open_to_rural: bool,
    pub open_to_relocation: bool,
    pub seeking: Seeking,
    pub available_from: Option<NaiveDate>,
    pub headline: Option<Label>,
    pub portfolio_links: Vec<WebUrl>,
    /// Skill slugs (not EHR systems).
    pub skills: Vec<Label>,
    /// EHR system slugs.
    pub ehr_systems: Vec<Label>,
    pub certifications: Vec<Held>,
}

/// Changes to a graduate record; `None` leaves a field as it is, `Some(None)` clears an optional
/// one. Lists replace the whole list.
#[derive(Debug, Clone, Default)]
pub struct GraduateChanges {
    pub program: Option<Slug>,
    pub given_name: Option<Label>,
    pub family_name: Option<Label>,
    pub email: Option<Email>,
    pub status: Option<GraduateStatus>,
    pub profile: ProfileChanges,
}

/// The part of a record a graduate keeps up themselves (`updateMe`): preferences and profile,
/// never their institution, program, name, e-mail or status.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    pub phone: Option<Option<Phone>>,
    pub graduation_year: Option<i32>,
    pub graduation_term: Option<GraduationTerm>,
    pub background: Option<Background>,
    pub prior_industry: Option<Option<Label>>,
    pub years_experience: Option<i32>,
    pub city: Option<Label>,
    pub state: Option<StateCode>,
    pub region: Option<Label>,
    pub open_to_rural: Option<bool>,
    pub open_to_relocation: Option<bool>,
    pub seeking: Option<Seeking>,
    pub available_from: Option<Option<NaiveDate>>,
    pub headline: Option<Option<Label>>,
    pub portfolio_links: Option<Vec<WebUrl>>,
    pub skills: Option<Vec<Label>>,
    pub ehr_systems: Option<Vec<Label>>,
    pub certifications: Option<Vec<Held>>,
}

fn text(label: Option<Label>) -> Option<String> {
    label.map(Label::into_inner)
}

fn links(urls: Vec<WebUrl>) -> serde_json::Value {
    serde_json::Value::Array(
        urls.into_iter()
            .map(|u| serde_json::Value::String(u.into_inner()))
            .collect(),
    )
}

impl ProfileChanges {
    /// Applies the scalar changes to a row (lists are written by `relations`).
    fn apply(&mut self, m: &mut graduate::Model) {
        if let Some(v) = self.phone.take() {
            m.phone = v.map(Phone::into_inner);
        }
        if let Some(v) = self.graduation_year {
            m.graduation_year = v;
        }
        if let Some(v) = self.graduation_term {
            m.graduation_term = v;
        }
        if let Some(v) = self.background {
            m.background = v;
        }
        if let Some(v) = self.prior_industry.take() {
            m.prior_industry = text(v);
        }
        if let Some(v) = self.years_experience {
            m.years_experience = v;
        }
        if let Some(v) = self.city.take() {
            m.city = v.into_inner();
        }
        if let Some(v) = self.state.take() {
            m.state = v.into_inner();
        }
        if let Some(v) = self.region.take() {
            m.region = v.into_inner();
        }
        if let Some(v) = self.open_to_rural {
            m.open_to_rural = v;
        }
        if let Some(v) = self.open_to_relocation {
            m.open_to_relocation = v;
        }
        if let Some(v) = self.seeking {
            m.seeking_internship = v.internship;
            m.seeking_full_time = v.full_time;
            m.seeking_part_time = v.part_time;
        }
        if let Some(v) = self.available_from {
            m.available_from = v;
        }
        if let Some(v) = self.headline.take() {
            m.headline = text(v);
        }
        if let Some(v) = self.portfolio_links.take() {
            m.portfolio_links = links(v);
        }
    }

    /// The list changes, for `relations::replace`.
    fn lists(&mut self) -> relations::Lists {
        relations::Lists {
            skills: self.skills.take(),
            ehr_systems: self.ehr_systems.take(),
            certifications: self.certifications.take(),
        }
    }
}

/// The new row for a record at `institution`: PRIVATE (in no pool until the graduate says so),
/// seeking.
pub(super) fn new_row(
    id: Uuid,
    institution: Uuid,
    program: Uuid,
    record: &GraduateRecord,
) -> graduate::Model {
    let now = Utc::now();
    let r = record.clone();
    graduate::Model {
        id,
        institution_id: institution,
        program_id: program,
        given_name: r.given_name.into_inner(),
        family_name: r.family_name.into_inner(),
        email: r.email.into_inner(),
        phone: r.phone.map(Phone::into_inner),
        graduation_year: r.graduation_year,
        graduation_term: r.graduation_term,
        background: r.background,
        prior_industry: text(r.prior_industry),
        years_experience: r.years_experience,
        city: r.city.into_inner(),
        state: r.state.into_inner(),
        region: r.region.into_inner(),
        open_to_rural: r.open_to_rural,
        open_to_relocation: r.open_to_relocation,
        seeking_internship: r.seeking.internship,
        seeking_full_time: r.seeking.full_time,
        seeking_part_time: r.seeking.part_time,
        available_from: r.available_from,
        consent: ConsentLevel::Private,
        consent_updated_at: now,
        status: GraduateStatus::Seeking,
        headline: text(r.headline),
        portfolio_links: links(r.portfolio_links),
        created_at: now,
        updated_at: now,
        version: 1,
        skill_tags: ",".into(),
        certification_tags: ",".into(),
    }
}

/// The view of a graduate just written, for the writer.
async fn reread(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<GraduateView> {
    super::by_ids(db, caller, &[id])
        .await?
        .remove(&id)
        .ok_or(ApiError::NotFound)
}

/// Records a graduate at an institution the viewer works at (idempotent with a key). The new
/// record is PRIVATE: in no pool until the graduate consents.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    institution: Slug,
    record: GraduateRecord,
    key: Option<&IdempotencyKey>,
) -> ApiResult<GraduateView> {
    let school = institutions::get(db, caller, Lookup::Slug(institution.into_inner()))
        .await
        .map_err(write::not_found_as_input("input.institution"))?;
    let id = Uuid::now_v7();
    authz::authorize(
        caller.viewer(),
        Action::Create,
        &Resource::Graduate {
            graduate: id,
            institution: school.id,
        },
    )?;
    write::idempotent_create(
        db,
        caller,
        key,
        "createGraduate",
        |txn| async move {
            let program = relations::program_of(&txn, school.id, &record.program).await?;
            let model = new_row(id, school.id, program, &record);
            write::insert_created::<graduate::Entity>(&txn, caller, key, "createGraduate", &model)
                .await?;
            relations::replace(&txn, id, relations::Lists::all_of(&record)).await?;
            txn.commit().await?;
            Ok(id)
        },
        |id| reread(db, caller, id),
    )
    .await
}

/// Applies a school's changes if `expected` is still the current version.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    mut changes: GraduateChanges,
) -> ApiResult<GraduateView> {
    if changes.status == Some(GraduateStatus::Archived) {
        return Err(ApiError::invalid(
            "input.status",
            "archive a graduate with archiveGraduate",
        ));
    }
    let txn = write::begin(db).await?;
    let program = match &changes.program {
        Some(slug) => Some(relations::program_by_slug(&txn, slug).await?),
        None => None,
    };
    let lists = changes.profile.lists();
    let after = write::change::<graduate::Entity>(
        &txn,
        caller,
        id,
        expected,
        Action::Update,
        "update",
        |m| {
            if let Some((program, _)) = program {
                m.program_id = program;
            }
            if let Some(v) = changes.given_name.take() {
                m.given_name = v.into_inner();
            }
            if let Some(v) = changes.family_name.take() {
                m.family_name = v.into_inner();
            }
            if let Some(v) = changes.email.take() {
                m.email = v.into_inner();
            }
            if let Some(v) = changes.status {
                m.status = v;
            }
            changes.profile.apply(m);
        },
    )
    .await?;
    if program.is_some_and(|(_, school)| school != after.institution_id) {
        return Err(relations::not_at_institution());
    }
    relations::replace(&txn, id, lists).await?;
    txn.commit().await?;
    reread(db, caller, id).await
}

/// Archives a graduate (school admins): out of every list and pool, kept for the records.
pub async fn archive(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> ApiResult<GraduateView> {
    write::apply::<graduate::Entity>(db, caller, id, expected, Action::Archive, "archive", |m| {
        m.status = GraduateStatus::Archived;
    })
    .await?;
    reread(db, caller, id).await
}

/// Applies a graduate's changes to their own profile if `expected` is still the version.
pub async fn update_me(
    db: &DatabaseConnection,
    caller: &Caller,
    expected: i32,
    mut changes: ProfileChanges,
) -> ApiResult<GraduateView> {
    let id = super::own_id(caller)?;
    let txn = write::begin(db).await?;
    let lists = changes.lists();
    let own_profile = |r| match r {
        Resource::Graduate {
            graduate,
            institution,
        } => Resource::OwnProfile {
            graduate,
            institution,
        },
        other => other,
    };
    write::change_as::<graduate::Entity>(
        &txn,
        caller,
        id,
        expected,
        (Action::Update, own_profile),
        "update_profile",
        |m| changes.apply(m),
    )
    .await?;
    relations::replace(&txn, id, lists).await?;
    txn.commit().await?;
    reread(db, caller, id).await
}

/// Sets a graduate's consent level: `graduate` names whose (the caller's own record when left
/// out). The graduate may set any level; a school admin of the graduate's institution or a
/// consortium admin may only set PRIVATE. A change is audited and kept in the consent history;
/// setting the level it already has changes nothing.
pub async fn set_consent(
    db: &DatabaseConnection,
    caller: &Caller,
    graduate: Option<Uuid>,
    level: ConsentLevel,
) -> ApiResult<GraduateView> {
    let viewer = caller.viewer();
    let id = match graduate {
        Some(id) => id,
        None => super::own_id(caller)?,
    };
    let txn = write::begin(db).await?;
    let current = graduate::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let consent = |r| match r {
        Resource::Graduate {
            graduate,
            institution,
        } => Resource::Consent {
            graduate,
            institution,
            to: level,
        },
        other => other,
    };
    let before = current.consent;
    if before == level {
        let resource = <graduate::Entity as Versioned>::resource(&txn, &current).await?;
        authz::authorize(viewer, Action::Update, &consent(resource))?;
        drop(txn);
        return reread(db, caller, id).await;
    }
    let after = write::change_as::<graduate::Entity>(
        &txn,
        caller,
        id,
        current.version,
        (Action::Update, consent),
        "set_consent",
        |m| {
            m.consent = level;
            m.consent_updated_at = Utc::now();
        },
    )
    .await?;
    let changed_as = if viewer.graduates().any(|g| g == id) {
        ConsentSetter::Graduate
    } else if viewer
        .admin_institutions()
        .any(|i| i == after.institution_id)
    {
        ConsentSetter::SchoolAdmin
    } else {
        ConsentSetter::ConsortiumAdmin
    };
    consent_change::Entity::insert(consent_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        graduate_id: Set(id),
        from_level: Set(before),
        to_level: Set(level),
        changed_by: Set(viewer.subject.clone().unwrap_or_default()),
        changed_as: Set(changed_as),
        changed_at: Set(after.consent_updated_at),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    reread(db, caller, id).await
}
