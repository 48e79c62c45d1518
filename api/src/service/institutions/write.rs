//! Institution writes: create and archive (consortium admins), update (also the school's admins).

use entity::enums::{InstitutionKind, RecordStatus};
use entity::institution;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{self, Action, Resource};
use crate::cache::Domain;
use crate::domain::{IdempotencyKey, Label, LongText, Slug, StateCode, WebUrl};
use crate::error::ApiResult;
use crate::service::Lookup;
use crate::service::candidates::feed::FeedEntry;
use crate::service::write::{self, Versioned};

impl Versioned for institution::Entity {
    const NAME: &'static str = "institution";
    const INVALIDATES: &'static [Domain] =
        &[Domain::Institutions, Domain::Programs, Domain::Events];
    write::versioned_row!(institution);
    async fn resource(
        _: &sea_orm::DatabaseTransaction,
        m: &institution::Model,
    ) -> ApiResult<Resource> {
        Ok(Resource::Institution {
            id: m.id,
            active: m.status == RecordStatus::Active,
        })
    }
    /// Archiving (or restoring) a school takes its graduates out of (or back into) every pool.
    fn pool_change(
        before: Option<&institution::Model>,
        after: &institution::Model,
    ) -> Option<FeedEntry> {
        let moved = before.is_some_and(|b| b.status != after.status);
        moved.then_some(FeedEntry {
            institution: Some(after.id),
            was_pooled: before.is_some_and(|b| b.status == RecordStatus::Active),
            ..FeedEntry::default()
        })
    }
}

/// A new institution, validated.
pub struct NewInstitution {
    pub slug: Slug,
    pub name: Label,
    pub kind: InstitutionKind,
    pub city: Label,
    pub state: StateCode,
    pub region: Label,
    pub rural: bool,
    pub website: Option<WebUrl>,
    pub description: LongText,
}

/// Changes to an institution; `None` leaves a field as it is (`Some(None)` clears the website).
#[derive(Default)]
pub struct InstitutionChanges {
    pub name: Option<Label>,
    pub kind: Option<InstitutionKind>,
    pub city: Option<Label>,
    pub state: Option<StateCode>,
    pub region: Option<Label>,
    pub rural: Option<bool>,
    pub website: Option<Option<WebUrl>>,
    pub description: Option<LongText>,
}

/// Creates an institution (idempotent with a key).
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    new: NewInstitution,
    key: Option<&IdempotencyKey>,
) -> ApiResult<institution::Model> {
    let viewer = caller.viewer();
    let id = Uuid::now_v7();
    authz::authorize(
        viewer,
        Action::Create,
        &Resource::Institution { id, active: true },
    )?;
    let now = chrono::Utc::now();
    let model = institution::Model {
        id,
        slug: new.slug.into_inner(),
        name: new.name.into_inner(),
        kind: new.kind,
        city: new.city.into_inner(),
        state: new.state.into_inner(),
        region: new.region.into_inner(),
        rural: new.rural,
        website: new.website.map(WebUrl::into_inner),
        description: new.description.into_inner(),
        status: RecordStatus::Active,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    write::idempotent_create(
        db,
        caller,
        key,
        "createInstitution",
        |txn| async move {
            write::insert_created::<institution::Entity>(
                &txn,
                caller,
                key,
                "createInstitution",
                &model,
            )
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
    changes: InstitutionChanges,
) -> ApiResult<institution::Model> {
    write::apply::<institution::Entity>(db, caller, id, expected, Action::Update, "update", |m| {
        if let Some(v) = changes.name {
            m.name = v.into_inner()
        }
        if let Some(v) = changes.kind {
            m.kind = v
        }
        if let Some(v) = changes.city {
            m.city = v.into_inner()
        }
        if let Some(v) = changes.state {
            m.state = v.into_inner()
        }
        if let Some(v) = changes.region {
            m.region = v.into_inner()
        }
        if let Some(v) = changes.rural {
            m.rural = v
        }
        if let Some(v) = changes.website {
            m.website = v.map(WebUrl::into_inner)
        }
        if let Some(v) = changes.description {
            m.description = v.into_inner()
        }
    })
    .await
}

/// Archives an institution: hidden from everyone but consortium admins and its own staff.
pub async fn archive(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> ApiResult<institution::Model> {
    write::apply::<institution::Entity>(db, caller, id, expected, Action::Archive, "archive", |m| {
        m.status = RecordStatus::Archived;
    })
    .await
}
