//! The `Institution` type and its relation fields.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, Utc};
use entity::institution;
use uuid::Uuid;

use crate::error::GqlResult;
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{load_list, load_one, to_id};
use crate::graphql::enums::{InstitutionKind, RecordStatus};
use crate::graphql::events::Event;
use crate::graphql::loaders::{EventsOfInstitution, ProgramsOfInstitution};
use crate::graphql::programs::Program;
use crate::service::Page;

/// A school or workforce program of the consortium.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Institution {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub uuid: Uuid,
    /// Stable URL-safe identifier, e.g. `peachtree-state-university`.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What kind of school it is.
    pub kind: InstitutionKind,
    /// City of the main campus.
    pub city: String,
    /// Two-letter US state.
    pub state: String,
    /// Region within the consortium, e.g. `Southeast`.
    pub region: String,
    /// Whether the institution serves a rural area.
    pub rural: bool,
    /// Public website.
    pub website: Option<String>,
    /// What the institution offers in health IT.
    pub description: String,
    /// ACTIVE, or ARCHIVED (visible only to its own staff and to consortium admins).
    pub status: RecordStatus,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When the record last changed.
    pub updated_at: DateTime<Utc>,
    /// Version for optimistic concurrency: pass it as `expectedVersion` when updating.
    pub version: i32,
}

impl From<institution::Model> for Institution {
    fn from(m: institution::Model) -> Self {
        Self {
            id: to_id(m.id),
            uuid: m.id,
            slug: m.slug,
            name: m.name,
            kind: m.kind.into(),
            city: m.city,
            state: m.state,
            region: m.region,
            rural: m.rural,
            website: m.website,
            description: m.description,
            status: m.status.into(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

#[ComplexObject]
impl Institution {
    /// The institution's programs that you may see (published ones, unless you work there).
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn programs(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
    ) -> GqlResult<Conn<Program>> {
        let request = page_request(ctx, first, after)?;
        let page = load_one(ctx, ProgramsOfInstitution(self.uuid, request.clone())).await?;
        let page = page.unwrap_or_else(|| Page::empty(&request));
        connection(ctx, page, Program::from)
    }

    /// Upcoming events the institution hosts, soonest first.
    async fn events(&self, ctx: &Context<'_>) -> GqlResult<Vec<Event>> {
        let events = load_list(ctx, EventsOfInstitution(self.uuid)).await?;
        Ok(events.into_iter().map(Event::from).collect())
    }
}
