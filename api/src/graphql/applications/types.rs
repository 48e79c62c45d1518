//! The `Application` type: status, history, the internship and the applicant.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{application, application_status_change};
use uuid::Uuid;

use crate::authz;
use crate::error::GqlResult;
use crate::graphql::context::{caller, load_list, load_one, to_id};
use crate::graphql::enums::ApplicationStatus;
use crate::graphql::graduates::Graduate;
use crate::graphql::internships::Internship;
use crate::graphql::loaders::{ApplicantOfApplication, HistoryOfApplication, InternshipById};

/// A graduate's application to an internship.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Application {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub uuid: Uuid,
    #[graphql(skip)]
    pub internship_id: Uuid,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// The graduate's note with the application.
    pub note: Option<String>,
    /// When the graduate applied.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
    /// Version for optimistic concurrency: pass it as `expectedVersion` when moving it.
    pub version: i32,
}

impl From<application::Model> for Application {
    fn from(m: application::Model) -> Self {
        Self {
            id: to_id(m.id),
            uuid: m.id,
            internship_id: m.internship_id,
            status: m.status.into(),
            note: m.cover_note,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// One move of an application.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ApplicationStatusChange {
    /// Status before the move; none for the application itself.
    #[graphql(name = "from")]
    pub from_status: Option<ApplicationStatus>,
    /// Status after it.
    #[graphql(name = "to")]
    pub to_status: ApplicationStatus,
    #[graphql(skip)]
    pub actor: String,
    /// Their note, if any.
    pub note: Option<String>,
    /// When.
    pub changed_at: DateTime<Utc>,
}

impl From<application_status_change::Model> for ApplicationStatusChange {
    fn from(m: application_status_change::Model) -> Self {
        Self {
            from_status: m.from_status.map(Into::into),
            to_status: m.to_status.into(),
            actor: m.changed_by,
            note: m.note,
            changed_at: m.changed_at,
        }
    }
}

#[ComplexObject]
impl ApplicationStatusChange {
    /// Token subject of whoever made the move (consortium admins only: a subject can be a
    /// person's e-mail address).
    async fn changed_by(&self, ctx: &Context<'_>) -> GqlResult<Option<String>> {
        let sees = authz::sees_actors(caller(ctx)?.viewer());
        Ok(sees.then(|| self.actor.clone()))
    }
}

#[ComplexObject]
impl Application {
    /// The internship applied to (when you may see it: its employer, the applicant and their
    /// school may, open or not).
    async fn internship(&self, ctx: &Context<'_>) -> GqlResult<Option<Internship>> {
        let found = load_one(ctx, InternshipById(self.internship_id)).await?;
        Ok(found.map(Internship::from))
    }

    /// The applicant. The employer applied to receives their profile and contact details
    /// (applying is the graduate's consent to that); each such disclosure is logged and the
    /// response carries the redisclosure notice.
    async fn applicant(&self, ctx: &Context<'_>) -> GqlResult<Option<Graduate>> {
        let found = load_one(ctx, ApplicantOfApplication(self.uuid)).await?;
        Ok(found.map(Graduate::from))
    }

    /// Every move, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> GqlResult<Vec<ApplicationStatusChange>> {
        let rows = load_list(ctx, HistoryOfApplication(self.uuid)).await?;
        Ok(rows
            .into_iter()
            .map(ApplicationStatusChange::from)
            .collect())
    }
}
