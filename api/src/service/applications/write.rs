//! Application writes: a graduate applies; the parties move the application along the workflow.
//! Every move is a row of the status history (from, to, who, when, note) in the move's own
//! transaction.

use chrono::Utc;
use entity::enums::{ApplicationStatus, EmployerStatus, InternshipStatus};
use entity::{
    application, application_status_change, employer_partner as employer, graduate, internship,
    internship_eligible_institution,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::workflow;
use crate::auth::{Caller, Viewer};
use crate::authz::{self, Action, Resource};
use crate::domain::{IdempotencyKey, LongText};
use crate::error::{ApiError, ApiResult};
use crate::service::partnerships;
use crate::service::write::{self, Versioned};

impl Versioned for application::Entity {
    const NAME: &'static str = "application";
    write::versioned_row!(application);
    async fn resource(txn: &DatabaseTransaction, m: &application::Model) -> ApiResult<Resource> {
        let (institution, employer) = parties(txn, m.graduate_id, m.internship_id).await?;
        Ok(Resource::Application {
            graduate: m.graduate_id,
            institution,
            employer,
            to: m.status,
        })
    }
}

/// The graduate's school and the internship's employer.
async fn parties<C: ConnectionTrait>(
    db: &C,
    graduate_id: Uuid,
    internship_id: Uuid,
) -> ApiResult<(Uuid, Uuid)> {
    let school = graduate::Entity::find_by_id(graduate_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?
        .institution_id;
    let employer = internship::Entity::find_by_id(internship_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?
        .employer_id;
    Ok((school, employer))
}

/// Records one move in the status history.
async fn record_move(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    application: Uuid,
    from: Option<ApplicationStatus>,
    to: ApplicationStatus,
    note: Option<LongText>,
) -> ApiResult<()> {
    application_status_change::Entity::insert(application_status_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(application),
        from_status: Set(from),
        to_status: Set(to),
        changed_by: Set(viewer.subject.clone().unwrap_or_default()),
        note: Set(note.map(LongText::into_inner)),
        changed_at: Set(Utc::now()),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Reads an internship row for update: concurrent applications and acceptances of the same
/// internship wait for each other (a no-op on SQLite, whose write transactions are serial).
async fn lock_internship(txn: &DatabaseTransaction, id: Uuid) -> ApiResult<internship::Model> {
    internship::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound)
}

/// How many of the internship's slots are filled (accepted or completed applications).
async fn filled<C: ConnectionTrait>(db: &C, internship: Uuid) -> ApiResult<u64> {
    Ok(application::Entity::find()
        .filter(application::Column::InternshipId.eq(internship))
        .filter(application::Column::Status.is_in(workflow::FILLING))
        .count(db)
        .await?)
}

fn refused(message: impl Into<String>) -> ApiError {
    ApiError::invalid("internshipId", message)
}

/// Why the graduate of `school` may not apply to `posting` now, if they may not: the posting is
/// closed, past its deadline or full, or their school is not eligible (not listed, or no longer
/// approving the employer).
async fn check_open_to<C: ConnectionTrait>(
    db: &C,
    posting: &internship::Model,
    school: Uuid,
) -> ApiResult<()> {
    if posting.status != InternshipStatus::Open {
        return Err(refused("the internship is closed to applications"));
    }
    if posting
        .application_deadline
        .is_some_and(|d| d < Utc::now().date_naive())
    {
        return Err(refused("the application deadline has passed"));
    }
    let slots = u64::try_from(posting.slots).unwrap_or(0);
    if filled(db, posting.id).await? >= slots {
        return Err(refused(format!(
            "the internship is full: all {slots} slots are filled"
        )));
    }
    let listed = internship_eligible_institution::Entity::find_by_id((posting.id, school))
        .one(db)
        .await?
        .is_some();
    // Only active schools approve.
    let approving = partnerships::approving_schools(db, posting.employer_id)
        .await?
        .contains(&school);
    if !(listed && approving) {
        return Err(refused(
            "graduates of your school are not eligible for this internship",
        ));
    }
    Ok(())
}

/// The caller (a graduate) applies to an open internship they are eligible for, once: a second
/// application is a CONFLICT. A retry with the same `key` returns the first application.
pub async fn apply(
    db: &DatabaseConnection,
    caller: &Caller,
    internship_id: Uuid,
    note: Option<LongText>,
    key: Option<&IdempotencyKey>,
) -> ApiResult<application::Model> {
    let viewer = caller.viewer();
    let me = crate::service::graduates::own_id(caller)?;
    let applicant = graduate::Entity::find_by_id(me)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    // Drafts, archived postings and those of suspended employers do not exist for applicants.
    let posting = internship::Entity::find_by_id(internship_id)
        .one(db)
        .await?
        .filter(|p| matches!(p.status, InternshipStatus::Open | InternshipStatus::Closed))
        .ok_or_else(|| ApiError::invalid("internshipId", "no such internship"))?;
    let owner = employer::Entity::find_by_id(posting.employer_id)
        .one(db)
        .await?;
    if !owner.is_some_and(|e| e.status == EmployerStatus::Active) {
        return Err(ApiError::invalid("internshipId", "no such internship"));
    }
    authz::authorize(
        viewer,
        Action::Create,
        &Resource::Application {
            graduate: me,
            institution: applicant.institution_id,
            employer: posting.employer_id,
            to: ApplicationStatus::Applied,
        },
    )?;
    write::idempotent_create(
        db,
        caller,
        key,
        "applyToInternship",
        |txn| async move {
            // One application at a time per internship (its slots and the one-per-graduate
            // rule are checked against committed rows): the row lock on PostgreSQL, the write
            // lock SQLite's immediate transactions already take.
            lock_internship(&txn, posting.id).await?;
            let before = application::Entity::find()
                .filter(application::Column::GraduateId.eq(me))
                .filter(application::Column::InternshipId.eq(posting.id))
                .one(&txn)
                .await?;
            if before.is_some() {
                return Err(ApiError::Conflict(
                    "you have already applied to this internship".into(),
                ));
            }
            check_open_to(&txn, &posting, applicant.institution_id).await?;
            let now = Utc::now();
            let model = application::Model {
                id: Uuid::now_v7(),
                graduate_id: me,
                internship_id: posting.id,
                status: ApplicationStatus::Applied,
                cover_note: note.clone().map(LongText::into_inner),
                created_at: now,
                updated_at: now,
                version: 1,
            };
            write::insert_created::<application::Entity>(
                &txn,
                caller,
                key,
                "applyToInternship",
                &model,
            )
            .await?;
            record_move(&txn, viewer, model.id, None, model.status, note).await?;
            txn.commit().await?;
            Ok(model.id)
        },
        |id| super::get(db, caller, id),
    )
    .await
}

/// Moves an application to `to`, if the workflow allows it from where it stands and `to` is a
/// move the viewer makes (see `authz`); `expected` must still be its version.
pub async fn move_to(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    to: ApplicationStatus,
    note: Option<LongText>,
) -> ApiResult<application::Model> {
    let viewer = caller.viewer();
    let txn = write::begin(db).await?;
    let current = application::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let resource = application::Entity::resource(&txn, &current).await?;
    let narrow = |r: Resource| match r {
        Resource::Application {
            graduate,
            institution,
            employer,
            ..
        } => Resource::Application {
            graduate,
            institution,
            employer,
            to,
        },
        other => other,
    };
    // Who may make this move comes first (a party that may not is FORBIDDEN whatever the
    // workflow says); a stale version is answered as a conflict (by `change_as`).
    authz::authorize(viewer, Action::Update, &narrow(resource))?;
    if current.version == expected {
        workflow::check(current.status, to)?;
        if to == ApplicationStatus::Accepted {
            let posting = lock_internship(&txn, current.internship_id).await?;
            let slots = u64::try_from(posting.slots).unwrap_or(0);
            if filled(&txn, posting.id).await? >= slots {
                return Err(ApiError::invalid(
                    "status",
                    format!("all {slots} slots of the internship are filled"),
                ));
            }
        }
    }
    let after = write::change_as::<application::Entity>(
        &txn,
        caller,
        id,
        expected,
        (Action::Update, narrow),
        "move",
        |m| m.status = to,
    )
    .await?;
    record_move(&txn, viewer, id, Some(current.status), to, note).await?;
    txn.commit().await?;
    Ok(after)
}
