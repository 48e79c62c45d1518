//! The anonymous response cache, invalidated by domain.
//!
//! Only responses to anonymous viewers are stored (see `authz::shared_cache_scope`), so a cached
//! response never carries anything personal. Each public domain (institutions, programs, …) has
//! a generation counter that every write to it bumps; a stored response records the
//! generations, taken before it was computed, of the domains it read, and is stale once any of
//! them has moved. A lookup reads the entry and every generation in one round trip; a write
//! bumps its few domains in one more: no scan of keys, and a write to a domain no cached
//! response reads (a graduate, an application) leaves every cached response valid.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::{BufMut, Bytes, BytesMut};
use sha2::{Digest, Sha256};

use super::Cache;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The parts of the public catalog that cached responses read and writes change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Domain {
    Institutions = 0,
    Programs = 1,
    Employers = 2,
    Internships = 3,
    Events = 4,
    /// The shared skills and certifications (their names and aliases show in catalog pages).
    Vocabulary = 5,
}

impl Domain {
    /// Every domain, in index order.
    pub const ALL: [Domain; 6] = [
        Self::Institutions,
        Self::Programs,
        Self::Employers,
        Self::Internships,
        Self::Events,
        Self::Vocabulary,
    ];

    /// The domain's bit in [`ResponseCache`]'s record of missed bumps (the low byte).
    fn bit(self) -> u64 {
        1 << (self as u64)
    }

    fn name(self) -> &'static str {
        match self {
            Self::Institutions => "institutions",
            Self::Programs => "programs",
            Self::Employers => "employers",
            Self::Internships => "internships",
            Self::Events => "events",
            Self::Vocabulary => "vocabulary",
        }
    }
}

/// One failure, in [`ResponseCache`]'s record of missed bumps (above the domains' byte).
const FAILURE: u64 = 1 << 8;

const _: () = assert!(
    Domain::ALL.len() <= 8,
    "the domains' bits fit in the low byte"
);

/// The generation of every domain, by index, as read before a response was computed.
pub type Generations = [i64; Domain::ALL.len()];

/// Stores whole GraphQL response bodies by request.
#[derive(Clone)]
pub struct ResponseCache {
    cache: Arc<dyn Cache>,
    ttl: Duration,
    namespace: Arc<str>,
    generation_keys: Arc<[String]>,
    /// Domains (a bit each, the low byte) written by this process whose generation the cache did
    /// not take, and above them a count of such failures: until the bumps are made, stored
    /// responses that read those domains could be stale, so this process neither serves nor
    /// stores any (each lookup tries the bumps again first). The count lets a retry clear the
    /// state only if no failure came in meanwhile.
    unbumped: Arc<AtomicU64>,
}

/// A cache lookup: the stored body when it is still fresh, and the generations read with it
/// (to be recorded with the response if it is computed now).
pub struct Lookup {
    pub fresh: Option<Bytes>,
    pub generations: Generations,
}

impl ResponseCache {
    /// A response cache over `cache`, its keys under `namespace`; a zero `ttl` turns it off.
    pub fn new(cache: Arc<dyn Cache>, ttl: Duration, namespace: &str) -> Self {
        let generation_keys = Domain::ALL
            .iter()
            .map(|d| format!("{namespace}:generation:{}", d.name()))
            .collect();
        Self {
            cache,
            ttl,
            namespace: namespace.into(),
            generation_keys,
            unbumped: Arc::default(),
        }
    }

    /// Whether caching is on.
    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    /// The cache key of a request: query text, operation name, variables and the viewer's
    /// visibility scope.
    pub fn key(
        &self,
        query: &str,
        operation: Option<&str>,
        variables: &str,
        scope: &str,
    ) -> String {
        let mut hash = Sha256::new();
        for part in [scope, query, operation.unwrap_or(""), variables] {
            hash.update(part.as_bytes());
            hash.update([0u8]);
        }
        let mut key = String::with_capacity(self.namespace.len() + 80);
        key.push_str(&self.namespace);
        key.push_str(":response:");
        for byte in hash.finalize() {
            key.push(char::from(HEX[usize::from(byte >> 4)]));
            key.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        key
    }

    /// The stored response for `key` if none of the domains it read has moved since, with the
    /// current generations. `None` when the cache cannot be read.
    pub async fn lookup(&self, key: &str) -> Option<Lookup> {
        if self.unbumped.load(Ordering::Acquire) != 0 && !self.bump_missed().await {
            return None;
        }
        let counters: Vec<&str> = self.generation_keys.iter().map(String::as_str).collect();
        let (entry, current) = match self.cache.get_with_counters(key, &counters).await {
            Ok(found) => found,
            Err(err) => {
                tracing::warn!(error = %err, "response cache unavailable");
                return None;
            }
        };
        let mut generations = [0; Domain::ALL.len()];
        for (g, c) in generations.iter_mut().zip(current) {
            *g = c;
        }
        let fresh = entry.and_then(|e| decode(e, &generations));
        Some(Lookup { fresh, generations })
    }

    /// Stores a body that read `domains` at `generations`.
    pub async fn put(
        &self,
        key: &str,
        body: &Bytes,
        domains: &[Domain],
        generations: &Generations,
    ) {
        let entry = encode(body, domains, generations);
        if let Err(err) = self.cache.set(key, entry, self.ttl).await {
            tracing::warn!(error = %err, "response cache write failed");
        }
    }

    /// Makes every stored response that read one of `domains` stale (after a write to them).
    /// When the cache does not take it, the domains are remembered and bumped again first thing
    /// at the next lookup; until then this process does without the shared cache.
    pub async fn invalidate(&self, domains: &[Domain]) {
        if !domains.is_empty() && !self.bump(domains).await {
            let bits = domains.iter().fold(0, |bits, d| bits | d.bit());
            let _ = self
                .unbumped
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |state| {
                    Some((state | bits).wrapping_add(FAILURE))
                });
        }
    }

    /// Moves the generations of `domains` on; false when the cache did not take it.
    async fn bump(&self, domains: &[Domain]) -> bool {
        let keys: Vec<&str> = domains
            .iter()
            .map(|d| self.generation_keys[*d as usize].as_str())
            .collect();
        match self.cache.incr(&keys).await {
            Ok(()) => true,
            Err(err) => {
                tracing::warn!(error = %err, "response cache invalidation failed");
                false
            }
        }
    }

    /// Makes the bumps that failed before (a second bump of a domain whose first one did land
    /// only invalidates more); true once none is missing. When another bump failed while this
    /// one ran, its domain stays marked for the next lookup.
    async fn bump_missed(&self) -> bool {
        let state = self.unbumped.load(Ordering::Acquire);
        let missed: Vec<Domain> = Domain::ALL
            .into_iter()
            .filter(|d| state & d.bit() != 0)
            .collect();
        self.bump(&missed).await
            && self
                .unbumped
                .compare_exchange(state, 0, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
    }
}

/// An entry: how many domains, each domain's index and generation, then the body.
fn encode(body: &Bytes, domains: &[Domain], generations: &Generations) -> Bytes {
    let mut entry = BytesMut::with_capacity(1 + domains.len() * 9 + body.len());
    entry.put_u8(domains.len() as u8);
    for d in domains {
        entry.put_u8(*d as u8);
        entry.put_i64_le(generations[*d as usize]);
    }
    entry.put_slice(body);
    entry.freeze()
}

/// The body of an entry whose domains are all still at their recorded generations (a view of
/// the entry, not a copy); `None` when one has moved or the entry is malformed.
fn decode(entry: Bytes, current: &Generations) -> Option<Bytes> {
    let n = usize::from(*entry.first()?);
    let header = 1 + n * 9;
    let fields = entry.get(1..header)?;
    for field in fields.chunks_exact(9) {
        let domain = usize::from(field[0]);
        let recorded = i64::from_le_bytes(field[1..9].try_into().ok()?);
        if current.get(domain) != Some(&recorded) {
            return None;
        }
    }
    Some(entry.slice(header..))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_fresh_until_a_domain_it_read_moves() {
        let body = Bytes::from_static(b"{\"data\":{}}");
        let at = [3, 1, 4, 1, 5, 9];
        let entry = encode(&body, &[Domain::Programs, Domain::Institutions], &at);
        assert_eq!(decode(entry.clone(), &at), Some(body.clone()));
        let mut moved = at;
        moved[Domain::Events as usize] += 1;
        assert_eq!(
            decode(entry.clone(), &moved),
            Some(body),
            "events were not read"
        );
        moved[Domain::Programs as usize] += 1;
        assert_eq!(decode(entry, &moved), None);
        assert_eq!(
            decode(Bytes::from_static(b"\x05\x00"), &at),
            None,
            "malformed"
        );
    }
}
