//! Events: job fairs and information sessions, with their host and attending employers; the
//! mutations are in `mutation`.

mod mutation;

pub use mutation::EventMutation;

use async_graphql::{ComplexObject, Context, ID, InputObject, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::event;
use uuid::Uuid;

use crate::error::GqlResult;
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, load_list, load_one, lookup, parse_id, to_id};
use crate::graphql::employers::EmployerPartner;
use crate::graphql::enums::{EventKind, EventStatus};
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::{AttendeesOfEvent, InstitutionById, InterestInEvent};
use crate::service::events;

/// A job fair, information session or workshop hosted by an institution.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Event {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub uuid: Uuid,
    #[graphql(skip)]
    pub host_id: Uuid,
    /// Stable URL-safe identifier.
    pub slug: String,
    /// Display name, e.g. "Spring HIT Job Fair".
    pub name: String,
    /// What kind of event.
    pub kind: EventKind,
    /// What happens there and who should come.
    pub description: String,
    /// Start time (UTC).
    pub starts_at: DateTime<Utc>,
    /// End time (UTC).
    pub ends_at: DateTime<Utc>,
    /// Venue name.
    pub venue: String,
    /// City.
    pub city: String,
    /// Two-letter US state.
    pub state: String,
    /// Whether it takes place online.
    pub is_virtual: bool,
    /// Where to register, if registration is needed.
    pub registration_url: Option<String>,
    /// SCHEDULED, or CANCELLED by its host.
    pub status: EventStatus,
    /// Version for optimistic concurrency: pass it as `expectedVersion` when updating.
    pub version: i32,
}

impl From<event::Model> for Event {
    fn from(m: event::Model) -> Self {
        Self {
            id: to_id(m.id),
            uuid: m.id,
            host_id: m.host_institution_id,
            slug: m.slug,
            name: m.name,
            kind: m.kind.into(),
            description: m.description,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            venue: m.venue,
            city: m.city,
            state: m.state,
            is_virtual: m.is_virtual,
            registration_url: m.registration_url,
            status: m.status.into(),
            version: m.version,
        }
    }
}

impl Event {
    /// This record's schema.org JSON-LD (None when its organisation is gone).
    async fn linked_data(&self, ctx: &Context<'_>) -> GqlResult<Option<serde_json::Value>> {
        let Some(school) = load_one(ctx, InstitutionById(self.host_id)).await? else {
            return Ok(None);
        };
        let facts = crate::jsonld::EventFacts {
            name: &self.name,
            description: &self.description,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            venue: &self.venue,
            city: &self.city,
            state: &self.state,
            online: self.is_virtual,
            registration_url: self.registration_url.as_deref(),
            cancelled: self.status == EventStatus::Cancelled,
            host: crate::jsonld::Organization {
                kind: crate::jsonld::Organization::school_type(school.kind),
                name: &school.name,
                city: &school.city,
                state: &school.state,
                website: school.website.as_deref(),
            },
        };
        Ok(Some(crate::jsonld::event(&facts)))
    }
}

#[ComplexObject]
impl Event {
    /// The institution hosting it.
    async fn host(&self, ctx: &Context<'_>) -> GqlResult<Option<Institution>> {
        Ok(load_one(ctx, InstitutionById(self.host_id))
            .await?
            .map(Institution::from))
    }

    /// schema.org JSON-LD (`Event`, hosted by its school) for a partner website.
    async fn json_ld(&self, ctx: &Context<'_>) -> GqlResult<Option<Json<serde_json::Value>>> {
        Ok(self.linked_data(ctx).await?.map(Json))
    }

    /// `jsonLd` as text to put, as it is, between `<script type="application/ld+json">` and
    /// `</script>`: `<`, `>` and `&` are escaped, so no text in the record can end the element.
    async fn json_ld_script(&self, ctx: &Context<'_>) -> GqlResult<Option<String>> {
        Ok(self
            .linked_data(ctx)
            .await?
            .map(|v| crate::jsonld::script_text(&v)))
    }

    /// Employer partners attending, in name order.
    async fn attending_employers(&self, ctx: &Context<'_>) -> GqlResult<Vec<EmployerPartner>> {
        let employers = load_list(ctx, AttendeesOfEvent(self.uuid)).await?;
        Ok(employers.into_iter().map(EmployerPartner::from).collect())
    }

    /// How many graduates registered their interest (who they are is not shown).
    async fn interested_graduates(&self, ctx: &Context<'_>) -> GqlResult<i64> {
        let found = load_one(ctx, InterestInEvent(self.uuid)).await?;
        Ok(found.map_or(0, |(n, _)| n))
    }

    /// Whether you (a graduate) registered your interest.
    async fn viewer_interested(&self, ctx: &Context<'_>) -> GqlResult<bool> {
        let found = load_one(ctx, InterestInEvent(self.uuid)).await?;
        Ok(found.is_some_and(|(_, mine)| mine))
    }
}

/// Filters for `events`.
#[derive(InputObject)]
pub struct EventFilter {
    /// Include events that have already ended (default false: upcoming and ongoing only).
    #[graphql(default)]
    pub include_past: bool,
    /// Kind of event.
    pub kind: Option<EventKind>,
    /// Two-letter US state.
    pub state: Option<String>,
    /// Id of the host institution.
    pub host: Option<ID>,
    /// Include cancelled events (default false).
    #[graphql(default)]
    pub include_cancelled: bool,
}

/// Event root fields.
#[derive(Default)]
pub struct EventQuery;

#[Object]
impl EventQuery {
    /// Upcoming events (or all, with `includePast`), soonest first.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<EventFilter>,
    ) -> GqlResult<Conn<Event>> {
        let request = page_request(ctx, first, after)?;
        let filter = match filter {
            None => events::EventFilter {
                ends_after: Some(Utc::now()),
                ..Default::default()
            },
            Some(f) => events::EventFilter {
                ends_after: (!f.include_past).then(Utc::now),
                kind: f.kind.map(Into::into),
                state: f.state,
                host: f
                    .host
                    .as_ref()
                    .map(|id| parse_id("filter.host", id))
                    .transpose()?,
                include_cancelled: f.include_cancelled,
            },
        };
        let page = events::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, Event::from)
    }

    /// One event, by `id` or by `slug` (give exactly one).
    async fn event(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> GqlResult<Option<Event>> {
        let found = events::get(db(ctx), caller(ctx)?, lookup(id, slug)?).await?;
        Ok(Some(found.into()))
    }
}
