//! Internship writes: an employer (or a consortium admin) posts, updates and closes its
//! internships.

use std::collections::BTreeSet;

use chrono::{NaiveDate, Utc};
use entity::enums::{EmployerStatus, HitRole, InternshipStatus, Pay, SkillKind};
use entity::{
    employer_partner as employer, institution, internship, internship_eligible_institution,
    internship_skill, skill,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{Action, Resource};
use crate::cache::Domain;
use crate::domain::{IdempotencyKey, Label, LongText, Slug, StateCode};
use crate::error::{ApiError, ApiResult};
use crate::service::vocabulary::Vocabulary;
use crate::service::write::{self, Versioned};
use crate::service::{Lookup, employers, partnerships};

impl Versioned for internship::Entity {
    const NAME: &'static str = "internship";
    const INVALIDATES: &'static [Domain] = &[Domain::Internships];
    write::versioned_row!(internship);
    async fn resource(txn: &DatabaseTransaction, m: &internship::Model) -> ApiResult<Resource> {
        let owner = employer::Entity::find_by_id(m.employer_id).one(txn).await?;
        Ok(Resource::Internship {
            employer: m.employer_id,
            status: m.status,
            employer_active: owner.is_some_and(|e| e.status == EmployerStatus::Active),
        })
    }
}

/// Pay and its amount, checked together.
#[derive(Debug, Clone, Copy)]
pub struct Compensation {
    pub pay: Pay,
    /// Per hour for hourly pay, in all for a stipend; none when unpaid.
    pub cents: Option<i32>,
}

/// A new internship, validated field by field (the rules across fields are checked here).
pub struct NewInternship {
    /// Slug of the employer posting it (one you act for).
    pub employer: Slug,
    pub title: Label,
    pub description: LongText,
    pub hit_role: Option<HitRole>,
    pub compensation: Compensation,
    pub work_mode: entity::enums::WorkMode,
    pub city: Label,
    pub state: StateCode,
    /// `None`: the employer's own rural flag.
    pub rural: Option<bool>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub application_deadline: Option<NaiveDate>,
    pub slots: i32,
    /// DRAFT or OPEN.
    pub status: InternshipStatus,
    pub skills: Vec<Label>,
    pub ehr_systems: Vec<Label>,
    /// Slugs of the schools whose graduates may apply; `None`: every school that approved the
    /// employer.
    pub eligible: Option<Vec<Slug>>,
}

/// Changes to an internship; `None` leaves a field as it is, `Some(None)` clears it. Lists
/// replace the whole list.
#[derive(Default)]
pub struct InternshipChanges {
    pub title: Option<Label>,
    pub description: Option<LongText>,
    pub hit_role: Option<Option<HitRole>>,
    pub compensation: Option<Compensation>,
    pub work_mode: Option<entity::enums::WorkMode>,
    pub city: Option<Label>,
    pub state: Option<StateCode>,
    pub rural: Option<bool>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub application_deadline: Option<Option<NaiveDate>>,
    pub slots: Option<i32>,
    /// DRAFT, OPEN or CLOSED.
    pub status: Option<InternshipStatus>,
    pub skills: Option<Vec<Label>>,
    pub ehr_systems: Option<Vec<Label>>,
    pub eligible: Option<Vec<Slug>>,
}

/// The statuses a create or an update may set (archiving is not an edit).
const SETTABLE: [InternshipStatus; 3] = [
    InternshipStatus::Draft,
    InternshipStatus::Open,
    InternshipStatus::Closed,
];

/// The rules across fields, on the record as it would be written.
fn check(m: &internship::Model) -> ApiResult<()> {
    if m.ends_on < m.starts_on {
        return Err(ApiError::invalid(
            "input.endsOn",
            "must be on or after startsOn",
        ));
    }
    if m.application_deadline.is_some_and(|d| d > m.ends_on) {
        return Err(ApiError::invalid(
            "input.applicationDeadline",
            "must be on or before endsOn",
        ));
    }
    if m.pay == Pay::Unpaid && m.pay_cents.is_some() {
        return Err(ApiError::invalid(
            "input.payCents",
            "an unpaid internship has no amount; set pay to HOURLY or STIPEND",
        ));
    }
    if !SETTABLE.contains(&m.status) {
        return Err(ApiError::invalid(
            "input.status",
            "must be DRAFT, OPEN or CLOSED",
        ));
    }
    Ok(())
}

/// Sets `posted_at` the first time the internship opens.
fn mark_posted(m: &mut internship::Model) {
    if m.status == InternshipStatus::Open && m.posted_at.is_none() {
        m.posted_at = Some(Utc::now());
    }
}

/// The ids of the eligible schools named by slug: each must have approved the employer (its
/// graduates' records reach the employer only then).
async fn eligible_ids<C: ConnectionTrait>(
    db: &C,
    employer: Uuid,
    slugs: Option<Vec<Slug>>,
) -> ApiResult<Vec<Uuid>> {
    let approving = partnerships::approving_schools(db, employer).await?;
    let Some(slugs) = slugs else {
        return Ok(approving);
    };
    let wanted: BTreeSet<String> = slugs.into_iter().map(Slug::into_inner).collect();
    let found: Vec<(Uuid, String)> = institution::Entity::find()
        .select_only()
        .columns([institution::Column::Id, institution::Column::Slug])
        .filter(institution::Column::Slug.is_in(wanted.iter().cloned()))
        .into_tuple()
        .all(db)
        .await?;
    for slug in &wanted {
        match found.iter().find(|(_, s)| s == slug) {
            Some((id, _)) if approving.contains(id) => {}
            Some(_) => {
                return Err(ApiError::invalid(
                    "input.eligibleInstitutions",
                    format!("{slug:?} has not approved this employer"),
                ));
            }
            None => {
                return Err(ApiError::invalid(
                    "input.eligibleInstitutions",
                    format!("no institution {slug:?}"),
                ));
            }
        }
    }
    Ok(found.into_iter().map(|(id, _)| id).collect())
}

/// Replaces the wanted skills, the wanted EHR systems and the eligible schools that are given.
async fn set_relations(
    txn: &DatabaseTransaction,
    id: Uuid,
    wanted: (Option<Vec<Label>>, Option<Vec<Label>>),
    eligible: Option<Vec<Uuid>>,
) -> ApiResult<()> {
    let (skills, ehr_systems) = wanted;
    if skills.is_some() || ehr_systems.is_some() {
        let vocabulary = Vocabulary::load(txn).await?;
        for (list, ehr) in [(skills, false), (ehr_systems, true)] {
            let Some(terms) = list else { continue };
            let field = if ehr {
                "input.ehrSystems"
            } else {
                "input.skills"
            };
            let ids = vocabulary.skill_ids(field, &terms, ehr)?;
            let of_kind = Query::select()
                .column(skill::Column::Id)
                .from(skill::Entity)
                .and_where(if ehr {
                    skill::Column::Kind.eq(SkillKind::EhrSystem)
                } else {
                    skill::Column::Kind.ne(SkillKind::EhrSystem)
                })
                .to_owned();
            internship_skill::Entity::delete_many()
                .filter(internship_skill::Column::InternshipId.eq(id))
                .filter(internship_skill::Column::SkillId.in_subquery(of_kind))
                .exec(txn)
                .await?;
            if !ids.is_empty() {
                internship_skill::Entity::insert_many(ids.into_iter().map(|skill_id| {
                    internship_skill::ActiveModel {
                        internship_id: Set(id),
                        skill_id: Set(skill_id),
                    }
                }))
                .exec_without_returning(txn)
                .await?;
            }
        }
    }
    if let Some(schools) = eligible {
        internship_eligible_institution::Entity::delete_many()
            .filter(internship_eligible_institution::Column::InternshipId.eq(id))
            .exec(txn)
            .await?;
        if !schools.is_empty() {
            internship_eligible_institution::Entity::insert_many(schools.into_iter().map(
                |institution_id| internship_eligible_institution::ActiveModel {
                    internship_id: Set(id),
                    institution_id: Set(institution_id),
                },
            ))
            .exec_without_returning(txn)
            .await?;
        }
    }
    Ok(())
}

/// Posts an internship for an employer the viewer acts for (idempotent with a key).
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    new: NewInternship,
    key: Option<&IdempotencyKey>,
) -> ApiResult<internship::Model> {
    let viewer = caller.viewer();
    let owner = employers::get(db, caller, Lookup::Slug(new.employer.into_inner()))
        .await
        .map_err(write::not_found_as_input("input.employer"))?;
    let owner = owner.core();
    crate::authz::authorize(
        viewer,
        Action::Create,
        &Resource::Internship {
            employer: owner.id,
            status: new.status,
            employer_active: owner.status == EmployerStatus::Active,
        },
    )?;
    let now = Utc::now();
    let mut model = internship::Model {
        id: Uuid::now_v7(),
        employer_id: owner.id,
        title: new.title.into_inner(),
        description: new.description.into_inner(),
        hit_role: new.hit_role,
        pay: new.compensation.pay,
        pay_cents: new.compensation.cents,
        city: new.city.into_inner(),
        state: new.state.into_inner(),
        work_mode: new.work_mode,
        rural: new.rural.unwrap_or(owner.rural),
        starts_on: new.starts_on,
        ends_on: new.ends_on,
        application_deadline: new.application_deadline,
        slots: new.slots,
        status: new.status,
        posted_at: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    check(&model)?;
    mark_posted(&mut model);
    let eligible = eligible_ids(db, owner.id, new.eligible).await?;
    let wanted = (Some(new.skills), Some(new.ehr_systems));
    write::idempotent_create(
        db,
        caller,
        key,
        "createInternship",
        |txn| async move {
            write::insert_created::<internship::Entity>(
                &txn,
                caller,
                key,
                "createInternship",
                &model,
            )
            .await?;
            set_relations(&txn, model.id, wanted, Some(eligible)).await?;
            txn.commit().await?;
            Ok(model.id)
        },
        |id| super::get(db, caller, id),
    )
    .await
}

/// Applies changes if `expected` is still the current version.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    changes: InternshipChanges,
) -> ApiResult<internship::Model> {
    let txn = write::begin(db).await?;
    let wanted = (changes.skills, changes.ehr_systems);
    let eligible = changes.eligible;
    let after = write::change::<internship::Entity>(
        &txn,
        caller,
        id,
        expected,
        Action::Update,
        "update",
        |m| {
            if let Some(v) = changes.title {
                m.title = v.into_inner()
            }
            if let Some(v) = changes.description {
                m.description = v.into_inner()
            }
            if let Some(v) = changes.hit_role {
                m.hit_role = v
            }
            if let Some(v) = changes.compensation {
                m.pay = v.pay;
                m.pay_cents = v.cents;
            }
            if let Some(v) = changes.work_mode {
                m.work_mode = v
            }
            if let Some(v) = changes.city {
                m.city = v.into_inner()
            }
            if let Some(v) = changes.state {
                m.state = v.into_inner()
            }
            if let Some(v) = changes.rural {
                m.rural = v
            }
            if let Some(v) = changes.starts_on {
                m.starts_on = v
            }
            if let Some(v) = changes.ends_on {
                m.ends_on = v
            }
            if let Some(v) = changes.application_deadline {
                m.application_deadline = v
            }
            if let Some(v) = changes.slots {
                m.slots = v
            }
            if let Some(v) = changes.status {
                m.status = v
            }
            mark_posted(m);
        },
    )
    .await?;
    check(&after)?;
    let eligible = match eligible {
        Some(slugs) => Some(eligible_ids(&txn, after.employer_id, Some(slugs)).await?),
        None => None,
    };
    set_relations(&txn, id, wanted, eligible).await?;
    txn.commit().await?;
    Ok(after)
}

/// Closes an internship: it takes no more applications and leaves the public listing.
pub async fn close(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> ApiResult<internship::Model> {
    write::apply::<internship::Entity>(db, caller, id, expected, Action::Archive, "close", |m| {
        m.status = InternshipStatus::Closed;
    })
    .await
}
