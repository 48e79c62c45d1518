//! Event mutations: a host school's admins create, update and cancel; employers register to
//! attend and withdraw; graduates register their interest.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use chrono::{DateTime, Utc};

use super::Event;
use crate::domain::{Label, LongText, Slug, StateCode, WebUrl, expected_version};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, idempotency_key, maybe, opt, parse_id};
use crate::graphql::enums::EventKind;
use crate::service::events::write::{self, EventChanges, NewEvent};

/// A new event.
#[derive(InputObject)]
pub struct CreateEventInput {
    /// Slug of the hosting institution (you must administer it).
    pub host: String,
    /// Stable URL-safe identifier (cannot change later).
    pub slug: String,
    /// Display name, e.g. "Spring HIT Job Fair".
    pub name: String,
    /// JOB_FAIR, INFO_SESSION, WORKSHOP or NETWORKING.
    pub kind: EventKind,
    /// What happens there and who should come.
    #[graphql(default)]
    pub description: String,
    /// Start time.
    pub starts_at: DateTime<Utc>,
    /// End time (after `startsAt`).
    pub ends_at: DateTime<Utc>,
    /// Venue name or room.
    pub venue: String,
    /// City.
    pub city: String,
    /// Two-letter US state.
    pub state: String,
    /// Held online.
    #[graphql(default)]
    pub is_virtual: bool,
    /// Where to register, if registration is needed.
    pub registration_url: Option<String>,
}

impl CreateEventInput {
    fn parse(self) -> ApiResult<NewEvent> {
        Ok(NewEvent {
            host: Slug::parse("input.host", &self.host)?,
            slug: Slug::parse("input.slug", &self.slug)?,
            name: Label::parse("input.name", &self.name)?,
            kind: self.kind.into(),
            description: LongText::parse("input.description", &self.description)?,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            venue: Label::parse("input.venue", &self.venue)?,
            city: Label::parse("input.city", &self.city)?,
            state: StateCode::parse("input.state", &self.state)?,
            is_virtual: self.is_virtual,
            registration_url: opt("registrationUrl", self.registration_url, WebUrl::parse)?,
        })
    }
}

/// Changes to an event: fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateEventInput {
    pub name: Option<String>,
    pub kind: Option<EventKind>,
    pub description: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub venue: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub is_virtual: Option<bool>,
    /// Null removes it.
    pub registration_url: MaybeUndefined<String>,
}

impl UpdateEventInput {
    fn parse(self) -> ApiResult<EventChanges> {
        Ok(EventChanges {
            name: opt("name", self.name, Label::parse)?,
            kind: self.kind.map(Into::into),
            description: opt("description", self.description, LongText::parse)?,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            venue: opt("venue", self.venue, Label::parse)?,
            city: opt("city", self.city, Label::parse)?,
            state: opt("state", self.state, StateCode::parse)?,
            is_virtual: self.is_virtual,
            registration_url: maybe("registrationUrl", self.registration_url, WebUrl::parse)?,
        })
    }
}

/// `registerForEvent` (`attend`) and `withdrawFromEvent`.
async fn attendance(
    ctx: &Context<'_>,
    event: ID,
    employer: Option<String>,
    attend: bool,
) -> GqlResult<Event> {
    let event = parse_id("event", &event)?;
    let employer = employer.map(|s| Slug::parse("employer", &s)).transpose()?;
    let found = write::set_attendance(db(ctx), caller(ctx)?, event, employer, attend).await?;
    Ok(found.into())
}

/// Event mutations.
#[derive(Default)]
pub struct EventMutation;

#[Object]
impl EventMutation {
    /// Creates an event hosted by an institution you administer. A retry with the same
    /// `idempotencyKey` returns the first result.
    async fn create_event(
        &self,
        ctx: &Context<'_>,
        input: CreateEventInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<Event> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let created = write::create(db(ctx), caller(ctx)?, input.parse()?, key.as_ref()).await?;
        Ok(created.into())
    }

    /// Updates an event your institution hosts; a stale `expectedVersion` is a CONFLICT.
    async fn update_event(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: UpdateEventInput,
    ) -> GqlResult<Event> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let updated = write::update(db(ctx), caller(ctx)?, id, version, input.parse()?).await?;
        Ok(updated.into())
    }

    /// Cancels an event your institution hosts: it stays readable, marked CANCELLED, and
    /// leaves the upcoming listing.
    async fn cancel_event(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> GqlResult<Event> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        Ok(write::cancel(db(ctx), caller(ctx)?, id, version)
            .await?
            .into())
    }

    /// Registers an employer to attend an upcoming event: the one you act for, or (as the
    /// host's admin or a consortium admin) the one named. Registering twice changes nothing.
    async fn register_for_event(
        &self,
        ctx: &Context<'_>,
        event: ID,
        #[graphql(desc = "Slug of the employer (default: the one you act for).")] employer: Option<
            String,
        >,
    ) -> GqlResult<Event> {
        attendance(ctx, event, employer, true).await
    }

    /// Withdraws an employer from an event.
    async fn withdraw_from_event(
        &self,
        ctx: &Context<'_>,
        event: ID,
        #[graphql(desc = "Slug of the employer (default: the one you act for).")] employer: Option<
            String,
        >,
    ) -> GqlResult<Event> {
        attendance(ctx, event, employer, false).await
    }

    /// Registers your interest in an upcoming event (as a graduate); twice changes nothing.
    async fn register_interest(&self, ctx: &Context<'_>, event: ID) -> GqlResult<Event> {
        let event = parse_id("event", &event)?;
        Ok(write::set_interest(db(ctx), caller(ctx)?, event, true)
            .await?
            .into())
    }

    /// Withdraws your interest in an event.
    async fn withdraw_interest(&self, ctx: &Context<'_>, event: ID) -> GqlResult<Event> {
        let event = parse_id("event", &event)?;
        Ok(write::set_interest(db(ctx), caller(ctx)?, event, false)
            .await?
            .into())
    }
}
