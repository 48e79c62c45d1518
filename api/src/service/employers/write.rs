//! Employer partner writes: create, archive and status changes (consortium admins), profile
//! updates (also the employer itself).

use entity::employer_partner as employer;
use entity::enums::{EmployerKind, EmployerStatus};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::EmployerView;
use crate::auth::Caller;
use crate::authz::{self, Action, Resource};
use crate::cache::Domain;
use crate::domain::{Email, IdempotencyKey, Label, LongText, Slug, StateCode, WebUrl};
use crate::error::ApiResult;
use crate::service::Lookup;
use crate::service::write::{self, Versioned};

impl Versioned for employer::Entity {
    const NAME: &'static str = "employer_partner";
    const INVALIDATES: &'static [Domain] =
        &[Domain::Employers, Domain::Internships, Domain::Events];
    write::versioned_row!(employer);
    async fn resource(
        _: &sea_orm::DatabaseTransaction,
        m: &employer::Model,
    ) -> ApiResult<Resource> {
        Ok(Resource::Employer {
            id: m.id,
            active: m.status == EmployerStatus::Active,
        })
    }
}

/// A new employer partner, validated.
pub struct NewEmployer {
    pub slug: Slug,
    pub name: Label,
    pub kind: EmployerKind,
    pub city: Label,
    pub state: StateCode,
    pub region: Label,
    pub rural: bool,
    pub website: Option<WebUrl>,
    pub description: LongText,
    pub contact_email: Option<Email>,
}

/// Changes to an employer's profile; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Default)]
pub struct EmployerChanges {
    pub name: Option<Label>,
    pub kind: Option<EmployerKind>,
    pub city: Option<Label>,
    pub state: Option<StateCode>,
    pub region: Option<Label>,
    pub rural: Option<bool>,
    pub website: Option<Option<WebUrl>>,
    pub description: Option<LongText>,
    pub contact_email: Option<Option<Email>>,
}

/// Creates an employer partner (idempotent with a key).
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    new: NewEmployer,
    key: Option<&IdempotencyKey>,
) -> ApiResult<EmployerView> {
    let viewer = caller.viewer();
    let id = Uuid::now_v7();
    authz::authorize(
        viewer,
        Action::Create,
        &Resource::Employer { id, active: true },
    )?;
    let now = chrono::Utc::now();
    let model = employer::Model {
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
        contact_email: new.contact_email.map(Email::into_inner),
        status: EmployerStatus::Active,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    write::idempotent_create(
        db,
        caller,
        key,
        "createEmployerPartner",
        |txn| async move {
            write::insert_created::<employer::Entity>(
                &txn,
                caller,
                key,
                "createEmployerPartner",
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

/// Applies profile changes if `expected` is still the current version.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    changes: EmployerChanges,
) -> ApiResult<EmployerView> {
    let viewer = caller.viewer();
    write::apply::<employer::Entity>(db, caller, id, expected, Action::Update, "update", |m| {
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
        if let Some(v) = changes.contact_email {
            m.contact_email = v.map(Email::into_inner)
        }
    })
    .await
    .map(|m| EmployerView::for_viewer(viewer, m))
}

/// Sets an employer's status: SUSPENDED hides its profile and internships everywhere at once,
/// ARCHIVED retires it, ACTIVE reinstates it.
pub async fn set_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    status: EmployerStatus,
) -> ApiResult<EmployerView> {
    let viewer = caller.viewer();
    let verb = match status {
        EmployerStatus::Active => "reinstate",
        EmployerStatus::Suspended => "suspend",
        EmployerStatus::Archived => "archive",
    };
    write::apply::<employer::Entity>(db, caller, id, expected, Action::Archive, verb, |m| {
        m.status = status;
    })
    .await
    .map(|m| EmployerView::for_viewer(viewer, m))
}
