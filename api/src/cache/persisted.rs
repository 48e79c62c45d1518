//! Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 instead of
//! its text; the text is registered the first time it is sent with its hash (and runs). Registered
//! texts live in the cache, so replicas sharing Redis share them. In process they are bounded by
//! the in-process cache's capacity; in Redis by their lifetime (a day) and a daily budget of new
//! texts per caller (shared by the replicas), so no caller holds more than two days' budget and
//! none can spend another's. Past its budget a caller's text is not kept: its hash alone answers
//! `PersistedQueryNotFound`, and the client sends the text, which runs as usual.

use std::fmt::Write;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use sha2::{Digest, Sha256};

use super::Cache;

/// Longest query text that is registered (longer ones still run, but are not kept).
pub const MAX_QUERY_BYTES: usize = 32 * 1024;

/// How long a registered text is kept.
const TTL: Duration = Duration::from_secs(24 * 3600);

/// The budget's window: a day, as the TTL (a counter outlives its day by the TTL).
const DAY_SECS: u64 = 24 * 3600;

/// The registered query texts, by hash.
#[derive(Clone)]
pub struct PersistedQueries {
    cache: Arc<dyn Cache>,
    namespace: Arc<str>,
    /// New texts a caller may register per day, where the cache is shared.
    per_day: u32,
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
    /// Registered texts in `cache`, under `namespace`; at most `per_day` new ones a day per
    /// caller where the cache is shared.
    pub fn new(cache: Arc<dyn Cache>, namespace: &str, per_day: u32) -> Self {
        Self {
            cache,
            namespace: namespace.into(),
            per_day,
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

    /// Registers `text` under its (already verified) `hash` for `caller` (a token subject or a
    /// client address), when it is not too long, not registered yet, and within the caller's
    /// budget of new texts today.
    pub async fn register(&self, hash: &str, text: &str, caller: &str) {
        if text.len() > MAX_QUERY_BYTES {
            return;
        }
        let key = self.key(hash);
        if matches!(self.cache.get(&key).await, Ok(Some(_))) {
            return;
        }
        let day = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |t| t.as_secs() / DAY_SECS);
        // The caller by digest: a subject may be an e-mail address.
        let budget = format!(
            "{}:apq:registered:{day}:{}",
            self.namespace,
            &sha256_hex(caller)[..32]
        );
        let window = Duration::from_secs(DAY_SECS) + TTL;
        match self.cache.count_shared(&budget, window).await {
            Ok(Some(n)) if n > i64::from(self.per_day) => {
                if n == i64::from(self.per_day) + 1 {
                    tracing::warn!(
                        budget = self.per_day,
                        "a caller spent today's budget of new persisted queries; more are not kept"
                    );
                }
                return;
            }
            // Within the budget, or a cache of this process alone (bounded by its capacity).
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(error = %err, "registering a persisted query failed");
                return;
            }
        }
        let value = Bytes::copy_from_slice(text.as_bytes());
        if let Err(err) = self.cache.set(&key, value, TTL).await {
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
