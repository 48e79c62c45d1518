//! The anonymous response cache.
//!
//! Only responses to anonymous viewers are stored (see `authz::shared_cache_scope`), so a
//! cached response never carries anything personal. Keys include a catalog generation that every
//! write bumps, so a write is visible to the next read on every replica.

use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use sha2::{Digest, Sha256};

use super::Cache;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Stores whole GraphQL response bodies by request.
#[derive(Clone)]
pub struct ResponseCache {
    cache: Arc<dyn Cache>,
    ttl: Duration,
    namespace: Arc<str>,
    generation_key: Arc<str>,
}

impl ResponseCache {
    /// A response cache over `cache`, its keys under `namespace`; a zero `ttl` turns it off.
    pub fn new(cache: Arc<dyn Cache>, ttl: Duration, namespace: &str) -> Self {
        Self {
            cache,
            ttl,
            namespace: namespace.into(),
            generation_key: format!("{namespace}:catalog-generation").into(),
        }
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
        let generation = match self.cache.counter(&self.generation_key).await {
            Ok(generation) => generation,
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
        let mut key = String::with_capacity(self.namespace.len() + 96);
        key.push_str(&self.namespace);
        key.push_str(":response:");
        // Writing into a String cannot fail.
        let _ = write!(key, "{generation}:");
        for byte in hash.finalize() {
            key.push(char::from(HEX[usize::from(byte >> 4)]));
            key.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        Some(key)
    }

    /// A stored body (shared, not copied).
    pub async fn get(&self, key: &str) -> Option<Bytes> {
        self.cache.get(key).await.ok().flatten()
    }

    /// Stores a body.
    pub async fn put(&self, key: &str, body: Bytes) {
        if let Err(err) = self.cache.set(key, body, self.ttl).await {
            tracing::warn!(error = %err, "response cache write failed");
        }
    }

    /// Makes every stored response stale (called after each successful write).
    pub async fn invalidate(&self) {
        if let Err(err) = self.cache.incr(&self.generation_key).await {
            tracing::warn!(error = %err, "response cache invalidation failed");
        }
    }
}
