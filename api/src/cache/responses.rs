//! The anonymous response cache.
//!
//! Only responses to anonymous viewers are stored (see `authz::shared_cache_scope`), so a
//! cached response never carries anything personal. Keys include a catalog generation that every
//! write bumps, so a write is visible to the next read on every replica.

use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::Cache;

/// Stores whole GraphQL response bodies by request.
#[derive(Clone)]
pub struct ResponseCache {
    cache: Arc<dyn Cache>,
    ttl: Duration,
    namespace: String,
}

impl ResponseCache {
    /// A response cache over `cache`, its keys under `namespace`; a zero `ttl` turns it off.
    pub fn new(cache: Arc<dyn Cache>, ttl: Duration, namespace: &str) -> Self {
        Self {
            cache,
            ttl,
            namespace: namespace.to_owned(),
        }
    }

    fn generation_key(&self) -> String {
        format!("{}:catalog-generation", self.namespace)
    }

    /// Whether caching is on.
    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    /// The cache key of a request (query text, operation name, variables and the viewer's
    /// visibility scope), under the current generation. `None` when the cache cannot be read.
    pub async fn key(
        &self,
        query: &str,
        operation: Option<&str>,
        variables: &str,
        scope: &str,
    ) -> Option<String> {
        let generation = match self.cache.get(&self.generation_key()).await {
            Ok(value) => value.unwrap_or_else(|| "0".into()),
            Err(err) => {
                tracing::warn!(error = %err, "response cache unavailable");
                return None;
            }
        };
        let mut hash = Sha256::new();
        for part in [scope, query, operation.unwrap_or(""), variables] {
            hash.update(part.as_bytes());
            hash.update([0u8]);
        }
        let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Some(format!("{}:response:{generation}:{digest}", self.namespace))
    }

    /// A stored body.
    pub async fn get(&self, key: &str) -> Option<String> {
        self.cache.get(key).await.ok().flatten()
    }

    /// Stores a body.
    pub async fn put(&self, key: &str, body: &str) {
        if let Err(err) = self.cache.set(key, body, self.ttl).await {
            tracing::warn!(error = %err, "response cache write failed");
        }
    }

    /// Makes every stored response stale (called after each successful write).
    pub async fn invalidate(&self) {
        if let Err(err) = self.cache.incr(&self.generation_key()).await {
            tracing::warn!(error = %err, "response cache invalidation failed");
        }
    }
}
