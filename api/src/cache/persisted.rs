//! Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 instead of
//! its text; the text is registered the first time it is sent with its hash. Registered texts
//! live in the cache, so replicas sharing Redis share them; in process they are bounded by the
//! in-process cache's capacity, in Redis by their lifetime.

use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use sha2::{Digest, Sha256};

use super::Cache;

/// Longest query text that is registered (longer ones still run, but are not kept).
pub const MAX_QUERY_BYTES: usize = 32 * 1024;

/// How long a registered text is kept after it was last registered.
const TTL: Duration = Duration::from_secs(7 * 24 * 3600);

/// The registered query texts, by hash.
#[derive(Clone)]
pub struct PersistedQueries {
    cache: Arc<dyn Cache>,
    namespace: Arc<str>,
}

/// The lowercase hex SHA-256 of a query text, as clients compute it.
pub fn sha256_hex(text: &str) -> String {
    let mut hex = String::with_capacity(64);
    for byte in Sha256::digest(text.as_bytes()) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Whether `hash` has the shape of a SHA-256 in lowercase hex.
pub fn is_hash(hash: &str) -> bool {
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl PersistedQueries {
    /// Registered texts in `cache`, under `namespace`.
    pub fn new(cache: Arc<dyn Cache>, namespace: &str) -> Self {
        Self {
            cache,
            namespace: namespace.into(),
        }
    }

    fn key(&self, hash: &str) -> String {
        format!("{}:apq:{hash}", self.namespace)
    }

    /// The text registered under `hash` (none when unknown, or when the cache cannot answer).
    pub async fn find(&self, hash: &str) -> Option<String> {
        match self.cache.get(&self.key(hash)).await {
            Ok(found) => found.and_then(|b| String::from_utf8(b.to_vec()).ok()),
            Err(err) => {
                tracing::warn!(error = %err, "persisted queries unavailable");
                None
            }
        }
    }

    /// Registers `text` under its (already verified) `hash`, when it is not too long.
    pub async fn register(&self, hash: &str, text: &str) {
        if text.len() > MAX_QUERY_BYTES {
            return;
        }
        let value = Bytes::copy_from_slice(text.as_bytes());
        if let Err(err) = self.cache.set(&self.key(hash), value, TTL).await {
            tracing::warn!(error = %err, "registering a persisted query failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lowercase_hex_sha256() {
        let hash = sha256_hex("{ __typename }");
        assert!(is_hash(&hash));
        assert!(!is_hash(&hash.to_uppercase()));
        assert!(!is_hash("abc"));
    }
}
