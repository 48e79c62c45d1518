//! In-process cache (moka), for a single replica with no Redis.
//!
//! moka's synchronous cache: a lookup never waits on anything, so it needs no future.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::{Cache, CacheError};

/// A bounded in-process cache; entries expire at their own deadline. Counters live apart from
/// the entries, so eviction never resets one (a reset generation would revive stale responses).
pub struct MemoryCache {
    entries: moka::sync::Cache<String, (Bytes, Instant)>,
    /// Read on every lookup, written only by writes: a read lock lets lookups run side by side.
    counters: RwLock<HashMap<String, i64>>,
}

impl MemoryCache {
    /// A cache holding at most `capacity` entries.
    pub fn new(capacity: u64) -> Self {
        Self {
            entries: moka::sync::Cache::new(capacity),
            counters: RwLock::new(HashMap::new()),
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

    async fn incr(&self, keys: &[&str]) -> Result<(), CacheError> {
        let mut counters = self
            .counters
            .write()
            .map_err(|_| CacheError("counter lock poisoned".into()))?;
        for key in keys {
            *counters.entry((*key).to_owned()).or_insert(0) += 1;
        }
        Ok(())
    }

    async fn get_with_counters(
        &self,
        key: &str,
        counters: &[&str],
    ) -> Result<(Option<Bytes>, Vec<i64>), CacheError> {
        let values = {
            let all = self
                .counters
                .read()
                .map_err(|_| CacheError("counter lock poisoned".into()))?;
            counters
                .iter()
                .map(|k| all.get(*k).copied().unwrap_or(0))
                .collect()
        };
        Ok((self.get(key).await?, values))
    }

    async fn count_shared(&self, _: &str, _: Duration) -> Result<Option<i64>, CacheError> {
        Ok(None)
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
        cache.incr(&["n"]).await.expect("incr");
        cache.incr(&["n", "m"]).await.expect("incr");
        let (_, counters) = cache
            .get_with_counters("a", &["n", "m", "never"])
            .await
            .expect("counters");
        assert_eq!(counters, [2, 1, 0]);
        assert_eq!(
            cache.get("n").await.expect("get"),
            None,
            "counters are not entries"
        );
    }
}
