//! In-process cache (moka), for a single replica with no Redis.

use std::time::{Duration, Instant};

use super::{Cache, CacheError};

/// A bounded in-process cache; entries expire at their own deadline.
pub struct MemoryCache {
    entries: moka::future::Cache<String, (String, Option<Instant>)>,
}

impl MemoryCache {
    /// A cache holding at most `capacity` entries.
    pub fn new(capacity: u64) -> Self {
        Self {
            entries: moka::future::Cache::new(capacity),
        }
    }
}

#[async_trait::async_trait]
impl Cache for MemoryCache {
    async fn get(&self, key: &str) -> Result<Option<String>, CacheError> {
        Ok(match self.entries.get(key).await {
            Some((_, Some(deadline))) if deadline <= Instant::now() => {
                self.entries.invalidate(key).await;
                None
            }
            Some((value, _)) => Some(value),
            None => None,
        })
    }

    async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), CacheError> {
        self.entries
            .insert(
                key.to_owned(),
                (value.to_owned(), Some(Instant::now() + ttl)),
            )
            .await;
        Ok(())
    }

    async fn incr(&self, key: &str) -> Result<i64, CacheError> {
        let entry = self
            .entries
            .entry(key.to_owned())
            .and_upsert_with(|old| async move {
                let n = old
                    .and_then(|e| e.into_value().0.parse::<i64>().ok())
                    .unwrap_or(0);
                ((n + 1).to_string(), None)
            })
            .await;
        Ok(entry.into_value().0.parse().unwrap_or(1))
    }

    async fn ping(&self) -> Result<(), CacheError> {
        Ok(())
    }
}
