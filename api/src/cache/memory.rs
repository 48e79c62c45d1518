//! In-process cache (moka), for a single replica with no Redis.
//!
//! moka's synchronous cache: a lookup never waits on anything, so it needs no future.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::{Cache, CacheError};

/// A bounded in-process cache; entries expire at their own deadline. Counters live apart from
/// the entries, so eviction never resets one (a reset generation would revive stale responses).
pub struct MemoryCache {
    entries: moka::sync::Cache<String, (Bytes, Instant)>,
    counters: Mutex<HashMap<String, i64>>,
}

impl MemoryCache {
    /// A cache holding at most `capacity` entries.
    pub fn new(capacity: u64) -> Self {
        Self {
            entries: moka::sync::Cache::new(capacity),
            counters: Mutex::new(HashMap::new()),
        }
    }
}

#[async_trait::async_trait]
impl Cache for MemoryCache {
    async fn get(&self, key: &str) -> Result<Option<Bytes>, CacheError> {
        Ok(match self.entries.get(key) {
            Some((_, deadline)) if deadline <= Instant::now() => {
                self.entries.invalidate(key);
                None
            }
            Some((value, _)) => Some(value),
            None => None,
        })
    }

    async fn set(&self, key: &str, value: Bytes, ttl: Duration) -> Result<(), CacheError> {
        self.entries
            .insert(key.to_owned(), (value, Instant::now() + ttl));
        Ok(())
    }

    async fn incr(&self, key: &str) -> Result<i64, CacheError> {
        let mut counters = self
            .counters
            .lock()
            .map_err(|_| CacheError("counter lock poisoned".into()))?;
        let n = counters.entry(key.to_owned()).or_insert(0);
        *n += 1;
        Ok(*n)
    }

    async fn counter(&self, key: &str) -> Result<i64, CacheError> {
        let counters = self
            .counters
            .lock()
            .map_err(|_| CacheError("counter lock poisoned".into()))?;
        Ok(counters.get(key).copied().unwrap_or(0))
    }

    async fn ping(&self) -> Result<(), CacheError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn entries_expire_and_counters_count() {
        let cache = MemoryCache::new(10);
        cache
            .set("a", Bytes::from_static(b"1"), Duration::from_millis(20))
            .await
            .expect("set");
        assert_eq!(
            cache.get("a").await.expect("get"),
            Some(Bytes::from_static(b"1"))
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert_eq!(cache.get("a").await.expect("get"), None);
        assert_eq!(cache.incr("n").await.expect("incr"), 1);
        assert_eq!(cache.incr("n").await.expect("incr"), 2);
        assert_eq!(cache.counter("n").await.expect("counter"), 2);
        assert_eq!(cache.counter("never").await.expect("counter"), 0);
        assert_eq!(
            cache.get("n").await.expect("get"),
            None,
            "counters are not entries"
        );
    }
}
