//! Recording a placement: the graduate becomes placed in the same transaction, so they leave the
//! seekers-only candidate pools and show as a tombstone in the next sync.

use chrono::{NaiveDate, Utc};
use entity::enums::{EmploymentType, GraduateStatus};
use entity::{application, graduate, internship, placement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{self, Action, Decision, GraduateFacts, Resource};
use crate::domain::{IdempotencyKey, Label, Slug, SocCode};
use crate::error::{ApiError, ApiResult};
use crate::service::applications::workflow;
use crate::service::write::{self, Versioned};
use crate::service::{Lookup, employers, partnerships};

impl Versioned for placement::Entity {
    const NAME: &'static str = "placement";
    write::versioned_row!(placement);
    async fn resource(txn: &DatabaseTransaction, m: &placement::Model) -> ApiResult<Resource> {
        let placed = graduate::Entity::find_by_id(m.graduate_id)
            .one(txn)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Resource::Placement {
            graduate: m.graduate_id,
            institution: placed.institution_id,
            employer: m.employer_id,
            // It hired them.
            known_to_employer: true,
        })
    }
}

/// A placement to record, validated field by field.
pub struct NewPlacement {
    pub graduate: Uuid,
    /// Slug of the employer.
    pub employer: Slug,
    pub title: Label,
    pub soc_code: Option<SocCode>,
    pub employment_type: EmploymentType,
    pub start_date: NaiveDate,
    /// The employer's internship it came through, if any.
    pub internship: Option<Uuid>,
}

/// Whether `employer` knows the graduate: an applicant to one of its internships, or in the
/// caller's pool (asked of authz with the caller's employer standing).
async fn employer_knows(
    db: &DatabaseConnection,
    caller: &Caller,
    graduate: &graduate::Model,
    employer: Uuid,
) -> ApiResult<bool> {
    let standing = partnerships::employer_standing(db, caller).await?;
    if authz::graduate_access(caller.viewer(), standing, &GraduateFacts::of(graduate)).is_some() {
        return Ok(true);
    }
    let theirs = crate::service::internship_ids_of([employer]);
    Ok(application::Entity::find()
        .filter(application::Column::GraduateId.eq(graduate.id))
        .filter(application::Column::InternshipId.in_subquery(theirs))
        .one(db)
        .await?
        .is_some())
}

/// The internship a placement came through: the employer's, with the graduate's application to
/// it accepted or completed.
async fn check_internship<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    graduate: Uuid,
    employer: Uuid,
) -> ApiResult<()> {
    let field = "input.internship";
    let posting = internship::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.employer_id == employer)
        .ok_or_else(|| ApiError::invalid(field, "no such internship of this employer"))?;
    let hired = application::Entity::find()
        .filter(application::Column::GraduateId.eq(graduate))
        .filter(application::Column::InternshipId.eq(posting.id))
        .filter(application::Column::Status.is_in(workflow::FILLING))
        .one(db)
        .await?
        .is_some();
    if hired {
        Ok(())
    } else {
        Err(ApiError::invalid(
            field,
            "the graduate has no accepted application to this internship",
        ))
    }
}

/// Records a placement and marks the graduate placed (idempotent with a key). Asked of authz as
/// the placement: the graduate's school, the employer that knows them, consortium admins. A
/// viewer who may not know the graduate gets the answer of an unknown id.
pub async fn record(
    db: &DatabaseConnection,
    caller: &Caller,
    new: NewPlacement,
    key: Option<&IdempotencyKey>,
) -> ApiResult<placement::Model> {
    let viewer = caller.viewer();
    // The employer first: what a caller learns about the graduate id must not depend on it.
    let hirer = employers::get(db, caller, Lookup::Slug(new.employer.into_inner()))
        .await
        .map_err(write::not_found_as_input("input.employer"))?
        .core()
        .id;
    let unknown = || ApiError::invalid("input.graduate", "no such graduate");
    let placed = graduate::Entity::find_by_id(new.graduate)
        .one(db)
        .await?
        .ok_or_else(unknown)?;
    let known = employer_knows(db, caller, &placed, hirer).await?;
    let resource = Resource::Placement {
        graduate: placed.id,
        institution: placed.institution_id,
        employer: hirer,
        known_to_employer: known,
    };
    if authz::decide(viewer, Action::Create, &resource) != Decision::Allow {
        // Whether this viewer knows the graduate: their record, or (for the employer) as one
        // it knows; anyone else learns nothing from the refusal.
        let allowed = |action, r: &Resource| authz::decide(viewer, action, r) == Decision::Allow;
        let record = Resource::Graduate {
            graduate: placed.id,
            institution: placed.institution_id,
        };
        let sees = allowed(Action::Read, &record) || (known && allowed(Action::Read, &resource));
        return Err(if sees { ApiError::Forbidden } else { unknown() });
    }
    if placed.status == GraduateStatus::Archived {
        return Err(ApiError::invalid(
            "input.graduate",
            "the graduate's record is archived",
        ));
    }
    if let Some(id) = new.internship {
        check_internship(db, id, placed.id, hirer).await?;
    }
    let now = Utc::now();
    let model = placement::Model {
        id: Uuid::now_v7(),
        graduate_id: placed.id,
        employer_id: hirer,
        internship_id: new.internship,
        title: new.title.into_inner(),
        soc_code: new.soc_code.map(SocCode::into_inner),
        employment_type: new.employment_type,
        start_date: new.start_date,
        recorded_by: viewer.subject.clone().unwrap_or_default(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    write::idempotent_create(
        db,
        caller,
        key,
        "recordPlacement",
        |txn| async move {
            write::insert_created::<placement::Entity>(
                &txn,
                caller,
                key,
                "recordPlacement",
                &model,
            )
            .await?;
            // The graduate's status follows, asked of authz as the placement just allowed.
            let current = graduate::Entity::find_by_id(placed.id)
                .one(&txn)
                .await?
                .ok_or(ApiError::NotFound)?;
            write::change_as::<graduate::Entity>(
                &txn,
                caller,
                placed.id,
                current.version,
                (Action::Create, |_| resource),
                "place",
                |m| m.status = GraduateStatus::Placed,
            )
            .await?;
            txn.commit().await?;
            Ok(model.id)
        },
        |id| super::get(db, caller, id),
    )
    .await
}
