//! Events: job fairs, information sessions and workshops hosted by schools (reads; writes in
//! `write`).

pub mod write;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::enums::{EventKind, EventStatus, RecordStatus};
use entity::{event, event_interest, institution};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Lookup, Page, PageRequest};
use crate::cache::Domain;
use crate::{auth::Caller, authz, error::ApiError, error::ApiResult};

/// Filters for the event list.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only events that end at or after this instant (the resolver passes "now" by default).
    pub ends_after: Option<DateTime<Utc>>,
    pub kind: Option<EventKind>,
    pub state: Option<String>,
    /// Host institution id.
    pub host: Option<Uuid>,
    /// Also cancelled events (left out by default).
    pub include_cancelled: bool,
}

/// Events are public, except those hosted by an institution the viewer may not see.
fn visible(caller: &Caller) -> Condition {
    caller.effects().read(Domain::Events);
    let viewer = caller.viewer();
    let hosts = super::scope::condition(
        &authz::institution_read_scope(viewer),
        super::scope::Rows::default()
            .public(Condition::all().add(institution::Column::Status.eq(RecordStatus::Active)))
            .institution_column(institution::Column::Id),
    );
    Condition::all()
        .add(event::Column::HostInstitutionId.in_subquery(super::institution_ids(hosts)))
}

/// Events in start order.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: EventFilter,
    page: PageRequest,
) -> ApiResult<Page<event::Model>> {
    let shape = format!("{filter:?}");
    let mut cond = visible(caller);
    if let Some(after) = filter.ends_after {
        cond = cond.add(event::Column::EndsAt.gte(after));
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(event::Column::Kind.eq(kind));
    }
    if let Some(state) = filter.state {
        cond = cond.add(event::Column::State.eq(state.to_uppercase()));
    }
    if let Some(host) = filter.host {
        cond = cond.add(event::Column::HostInstitutionId.eq(host));
    }
    if !filter.include_cancelled {
        cond = cond.add(event::Column::Status.eq(EventStatus::Scheduled));
    }
    let order = Ordering::new("starts_at")
        .asc(
            Expr::col((event::Entity, event::Column::StartsAt)),
            KeyKind::Timestamp,
        )
        .asc(Expr::col((event::Entity, event::Column::Id)), KeyKind::Uuid);
    let select = event::Entity::find().filter(cond);
    super::page::fetch(db, select, &order, &shape, &page).await
}

/// One event by id or slug.
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    lookup: Lookup,
) -> ApiResult<event::Model> {
    let key = match lookup {
        Lookup::Id(id) => event::Column::Id.eq(id),
        Lookup::Slug(slug) => event::Column::Slug.eq(slug),
    };
    event::Entity::find()
        .filter(visible(caller).add(key))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Upcoming events hosted by each institution (for `Institution.events`).
pub async fn by_hosts(
    db: &DatabaseConnection,
    caller: &Caller,
    hosts: &[Uuid],
    ends_after: DateTime<Utc>,
) -> ApiResult<HashMap<Uuid, Vec<event::Model>>> {
    caller.effects().read(Domain::Events);
    let rows = event::Entity::find()
        .filter(event::Column::HostInstitutionId.is_in(hosts.iter().copied()))
        .filter(event::Column::EndsAt.gte(ends_after))
        .filter(event::Column::Status.eq(EventStatus::Scheduled))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    Ok(super::related::group_by(rows, |e| e.host_institution_id))
}

/// Graduates' interest in each event: how many registered it, and whether the caller (a
/// graduate) did. The count is public; who is interested is not.
pub async fn interest(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, (i64, bool)>> {
    caller.effects().read(Domain::Events);
    let counts: Vec<(Uuid, i64)> = event_interest::Entity::find()
        .select_only()
        .column(event_interest::Column::EventId)
        .column_as(event_interest::Column::GraduateId.count(), "n")
        .filter(event_interest::Column::EventId.is_in(ids.iter().copied()))
        .group_by(event_interest::Column::EventId)
        .into_tuple()
        .all(db)
        .await?;
    let me: Vec<Uuid> = caller.viewer().graduates().collect();
    let mine: Vec<Uuid> = if me.is_empty() {
        Vec::new()
    } else {
        event_interest::Entity::find()
            .select_only()
            .column(event_interest::Column::EventId)
            .filter(event_interest::Column::EventId.is_in(ids.iter().copied()))
            .filter(event_interest::Column::GraduateId.is_in(me))
            .into_tuple()
            .all(db)
            .await?
    };
    Ok(ids
        .iter()
        .map(|id| {
            let n = counts.iter().find(|(e, _)| e == id).map_or(0, |(_, n)| *n);
            (*id, (n, mine.contains(id)))
        })
        .collect())
}
