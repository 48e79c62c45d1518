//! Recording the pools' change feed: one row per write that can move graduates in or out of a
//! pool, in the write's own transaction (`Versioned::pool_change` says which writes do).
//!
//! Sequence order must be commit order, or a sync could pass a row that commits later. SQLite
//! serializes writers already; on PostgreSQL each writer takes a transaction-scoped advisory
//! lock before inserting its rows, so the next writer's rows wait until this one committed.

use chrono::Utc;
use entity::{graduate, pool_change};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, EntityTrait};
use uuid::Uuid;

use crate::error::ApiResult;

/// The advisory lock key that orders feed writers on PostgreSQL ("HITB" in ASCII).
const FEED_LOCK: i64 = 0x4849_5442;

/// What a write changed, as the feed records it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeedEntry {
    pub graduate: Option<Uuid>,
    pub program: Option<Uuid>,
    pub institution: Option<Uuid>,
    pub employer: Option<Uuid>,
    pub was_pooled: bool,
}

/// Whether a graduate record is in pools at all (`authz::poolable`).
pub fn pooled(m: &graduate::Model) -> bool {
    crate::authz::poolable(m.consent, m.status)
}

/// The entry for a write to a graduate record (`before` is none for a create).
pub fn graduate_entry(before: Option<&graduate::Model>, after: &graduate::Model) -> FeedEntry {
    FeedEntry {
        graduate: Some(after.id),
        institution: Some(after.institution_id),
        was_pooled: before.is_some_and(pooled),
        ..FeedEntry::default()
    }
}

/// Appends entries to the feed in `txn` (nothing when there are none).
pub async fn record<C: ConnectionTrait>(txn: &C, entries: &[FeedEntry]) -> ApiResult<()> {
    if entries.is_empty() {
        return Ok(());
    }
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({FEED_LOCK})"))
            .await?;
    }
    let now = Utc::now();
    for chunk in entries.chunks(2000) {
        pool_change::Entity::insert_many(chunk.iter().map(|e| pool_change::ActiveModel {
            graduate_id: Set(e.graduate),
            program_id: Set(e.program),
            institution_id: Set(e.institution),
            employer_id: Set(e.employer),
            was_pooled: Set(e.was_pooled),
            changed_at: Set(now),
            ..Default::default()
        }))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}
