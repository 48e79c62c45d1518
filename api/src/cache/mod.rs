//! The cache: one trait, a Redis implementation (shared by every replica) and an in-process one
//! (the embedded default). Used for the anonymous response cache and persisted queries.

mod memory;
pub mod persisted;
mod redis;
mod responses;

use std::time::Duration;

use bytes::Bytes;

pub use memory::MemoryCache;
pub use persisted::PersistedQueries;
pub use redis::RedisCache;
pub use responses::{Domain, Generations, Lookup as CacheLookup, ResponseCache};

/// A cache failure; callers treat it as a miss and log it, never as a request failure.
#[derive(Debug, thiserror::Error)]
#[error("cache unavailable: {0}")]
pub struct CacheError(String);

/// A key-value cache of byte strings, with expiry and counters.
#[async_trait::async_trait]
pub trait Cache: Send + Sync {
    /// The value under `key`, if present and not expired (shared, not copied).
    async fn get(&self, key: &str) -> Result<Option<Bytes>, CacheError>;
    /// Stores `value` under `key` for `ttl`.
    async fn set(&self, key: &str, value: Bytes, ttl: Duration) -> Result<(), CacheError>;
    /// Adds one to each counter under `keys` (starting from 0), in one round trip.
    async fn incr(&self, keys: &[&str]) -> Result<(), CacheError>;
    /// The value under `key` with the counters under `counters` (0 for one never
    /// incremented), read in one round trip.
    async fn get_with_counters(
        &self,
        key: &str,
        counters: &[&str],
    ) -> Result<(Option<Bytes>, Vec<i64>), CacheError>;
    /// Counts one more request under `key`, a counter that lives for `ttl`, shared by every
    /// replica: the count so far, or `None` when this cache is not shared (in process), and
    /// the caller counts alone.
    async fn count_shared(&self, key: &str, ttl: Duration) -> Result<Option<i64>, CacheError>;
    /// How many calls have failed so far (each one a fallback for its caller).
    fn failures(&self) -> u64 {
        0
    }
    /// Checks that the cache answers (readiness).
    async fn ping(&self) -> Result<(), CacheError>;
}
