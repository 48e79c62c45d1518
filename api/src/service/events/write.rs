//! Event writes: a school's admins (and consortium admins) create, update and cancel the events
//! it hosts; employers register to attend and withdraw; graduates register their interest.

use chrono::{DateTime, Utc};
use entity::enums::{EmployerStatus, EventKind, EventStatus, RecordStatus};
use entity::{event, event_attendance, event_interest};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::audit::trail::{self, Change};
use crate::auth::{Caller, Organisation};
use crate::authz::{self, Action, Resource};
use crate::cache::Domain;
use crate::domain::{IdempotencyKey, Label, LongText, Slug, StateCode, WebUrl};
use crate::error::{ApiError, ApiResult};
use crate::service::write::{self, Versioned};
use crate::service::{Lookup, employers, institutions};

impl Versioned for event::Entity {
    const NAME: &'static str = "event";
    const INVALIDATES: &'static [Domain] = &[Domain::Events];
    write::versioned_row!(event);
    async fn resource(txn: &DatabaseTransaction, m: &event::Model) -> ApiResult<Resource> {
        let host = entity::institution::Entity::find_by_id(m.host_institution_id)
            .one(txn)
            .await?;
        Ok(Resource::Event {
            host: m.host_institution_id,
            host_active: host.is_some_and(|h| h.status == RecordStatus::Active),
        })
    }
}

/// A new event, validated field by field.
pub struct NewEvent {
    /// Slug of the hosting institution (one you administer).
    pub host: Slug,
    pub slug: Slug,
    pub name: Label,
    pub kind: EventKind,
    pub description: LongText,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: Label,
    pub city: Label,
    pub state: StateCode,
    pub is_virtual: bool,
    pub registration_url: Option<WebUrl>,
}

/// Changes to an event; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Default)]
pub struct EventChanges {
    pub name: Option<Label>,
    pub kind: Option<EventKind>,
    pub description: Option<LongText>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub venue: Option<Label>,
    pub city: Option<Label>,
    pub state: Option<StateCode>,
    pub is_virtual: Option<bool>,
    pub registration_url: Option<Option<WebUrl>>,
}

/// The rule across fields.
fn check(m: &event::Model) -> ApiResult<()> {
    if m.ends_at <= m.starts_at {
        return Err(ApiError::invalid("input.endsAt", "must be after startsAt"));
    }
    Ok(())
}

/// Creates an event hosted by an institution the viewer administers (idempotent with a key).
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    new: NewEvent,
    key: Option<&IdempotencyKey>,
) -> ApiResult<event::Model> {
    let school = institutions::get(db, caller, Lookup::Slug(new.host.into_inner()))
        .await
        .map_err(write::not_found_as_input("input.host"))?;
    authz::authorize(
        caller.viewer(),
        Action::Create,
        &Resource::Event {
            host: school.id,
            host_active: school.status == RecordStatus::Active,
        },
    )?;
    let now = Utc::now();
    let model = event::Model {
        id: Uuid::now_v7(),
        slug: new.slug.into_inner(),
        host_institution_id: school.id,
        name: new.name.into_inner(),
        kind: new.kind,
        description: new.description.into_inner(),
        starts_at: new.starts_at,
        ends_at: new.ends_at,
        venue: new.venue.into_inner(),
        city: new.city.into_inner(),
        state: new.state.into_inner(),
        is_virtual: new.is_virtual,
        registration_url: new.registration_url.map(WebUrl::into_inner),
        status: EventStatus::Scheduled,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    check(&model)?;
    write::idempotent_create(
        db,
        caller,
        key,
        "createEvent",
        |txn| async move {
            write::insert_created::<event::Entity>(&txn, caller, key, "createEvent", &model)
                .await?;
            txn.commit().await?;
            Ok(model.id)
        },
        |id| super::get(db, caller, Lookup::Id(id)),
    )
    .await
}

/// Applies changes if `expected` is still the current version.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    changes: EventChanges,
) -> ApiResult<event::Model> {
    let txn = write::begin(db).await?;
    let after =
        write::change::<event::Entity>(&txn, caller, id, expected, Action::Update, "update", |m| {
            if let Some(v) = changes.name {
                m.name = v.into_inner()
            }
            if let Some(v) = changes.kind {
                m.kind = v
            }
            if let Some(v) = changes.description {
                m.description = v.into_inner()
            }
            if let Some(v) = changes.starts_at {
                m.starts_at = v
            }
            if let Some(v) = changes.ends_at {
                m.ends_at = v
            }
            if let Some(v) = changes.venue {
                m.venue = v.into_inner()
            }
            if let Some(v) = changes.city {
                m.city = v.into_inner()
            }
            if let Some(v) = changes.state {
                m.state = v.into_inner()
            }
            if let Some(v) = changes.is_virtual {
                m.is_virtual = v
            }
            if let Some(v) = changes.registration_url {
                m.registration_url = v.map(WebUrl::into_inner)
            }
        })
        .await?;
    check(&after)?;
    txn.commit().await?;
    Ok(after)
}

/// Cancels an event: it stays readable, marked CANCELLED, and leaves the upcoming listing.
pub async fn cancel(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> ApiResult<event::Model> {
    write::apply::<event::Entity>(db, caller, id, expected, Action::Archive, "cancel", |m| {
        m.status = EventStatus::Cancelled;
    })
    .await
}

/// The event to sign up for (`joining`: it must be scheduled and not over) or to withdraw from.
async fn event_to_sign(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    joining: bool,
) -> ApiResult<event::Model> {
    let found = super::get(db, caller, Lookup::Id(id))
        .await
        .map_err(write::not_found_as_input("event"))?;
    if !joining {
        return Ok(found);
    }
    if found.status == EventStatus::Cancelled {
        return Err(ApiError::invalid("event", "the event was cancelled"));
    }
    if found.ends_at < Utc::now() {
        return Err(ApiError::invalid("event", "the event is over"));
    }
    Ok(found)
}

/// The employer named by slug, or the one the caller acts for.
async fn employer_of(
    db: &DatabaseConnection,
    caller: &Caller,
    slug: Option<Slug>,
) -> ApiResult<(Uuid, EmployerStatus)> {
    let lookup = match (slug, caller.organisation()) {
        (Some(slug), _) => Lookup::Slug(slug.into_inner()),
        (None, Some(Organisation::Employer { id, .. })) => Lookup::Id(*id),
        (None, _) => {
            return Err(ApiError::invalid(
                "employer",
                "give the slug of the employer that attends",
            ));
        }
    };
    let found = employers::get(db, caller, lookup)
        .await
        .map_err(write::not_found_as_input("employer"))?;
    Ok((found.core().id, found.core().status))
}

/// Records one attendance or interest change in the audit trail (in `txn`).
async fn audit(
    txn: &DatabaseTransaction,
    caller: &Caller,
    verb: &str,
    event: &event::Model,
    employer: Option<Uuid>,
    after: serde_json::Value,
) -> ApiResult<()> {
    caller.effects().wrote(&[Domain::Events]);
    trail::record(
        txn,
        caller.viewer(),
        Change {
            action: &format!("event.{verb}"),
            entity_type: "event",
            entity_id: event.id,
            institution: Some(event.host_institution_id),
            employer,
            before: None,
            after,
        },
    )
    .await
}

/// An employer registers to attend (`attend`) or withdraws; registering twice changes nothing.
pub async fn set_attendance(
    db: &DatabaseConnection,
    caller: &Caller,
    event_id: Uuid,
    employer: Option<Slug>,
    attend: bool,
) -> ApiResult<event::Model> {
    let found = event_to_sign(db, caller, event_id, attend).await?;
    let (employer, status) = employer_of(db, caller, employer).await?;
    let resource = Resource::EventAttendance {
        host: found.host_institution_id,
        employer,
    };
    authz::authorize(caller.viewer(), Action::Create, &resource)?;
    if attend && status != EmployerStatus::Active {
        return Err(ApiError::invalid("employer", "the employer is not active"));
    }
    let txn = write::begin(db).await?;
    let key = (found.id, employer);
    let present = event_attendance::Entity::find_by_id(key)
        .one(&txn)
        .await?
        .is_some();
    if attend && !present {
        // A concurrent registration may have just inserted it: nothing more to do then.
        event_attendance::Entity::insert(event_attendance::ActiveModel {
            event_id: Set(found.id),
            employer_id: Set(employer),
        })
        .on_conflict(
            OnConflict::columns([
                event_attendance::Column::EventId,
                event_attendance::Column::EmployerId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    } else if !attend && present {
        event_attendance::Entity::delete_by_id(key)
            .exec(&txn)
            .await?;
    }
    if attend != present {
        let verb = if attend { "attend" } else { "withdraw" };
        let after = serde_json::json!({ "employer_id": employer, "attending": attend });
        audit(&txn, caller, verb, &found, Some(employer), after).await?;
    }
    txn.commit().await?;
    Ok(found)
}

/// The caller (a graduate) registers (`interested`) or withdraws their interest; registering
/// twice changes nothing.
pub async fn set_interest(
    db: &DatabaseConnection,
    caller: &Caller,
    event_id: Uuid,
    interested: bool,
) -> ApiResult<event::Model> {
    let me = crate::service::graduates::own_id(caller)?;
    let found = event_to_sign(db, caller, event_id, interested).await?;
    authz::authorize(
        caller.viewer(),
        Action::Create,
        &Resource::EventInterest { graduate: me },
    )?;
    let txn = write::begin(db).await?;
    let present = event_interest::Entity::find_by_id((found.id, me))
        .one(&txn)
        .await?
        .is_some();
    if interested && !present {
        event_interest::Entity::insert(event_interest::ActiveModel {
            event_id: Set(found.id),
            graduate_id: Set(me),
            created_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::columns([
                event_interest::Column::EventId,
                event_interest::Column::GraduateId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    } else if !interested && present {
        event_interest::Entity::delete_many()
            .filter(event_interest::Column::EventId.eq(found.id))
            .filter(event_interest::Column::GraduateId.eq(me))
            .exec(&txn)
            .await?;
    }
    if interested != present {
        let verb = if interested { "interest" } else { "uninterest" };
        let after = serde_json::json!({ "graduate_id": me, "interested": interested });
        audit(&txn, caller, verb, &found, None, after).await?;
    }
    txn.commit().await?;
    Ok(found)
}
