//! Per-subject request budgets (the pipeline's step 2): fixed windows counted per token subject,
//! or per client address for anonymous callers, with a budget set per role. With Redis the
//! count is shared by every replica; without it, or while Redis fails, each process counts
//! alone (so a Redis outage never fails a request; the budget is then per replica). Counters
//! expire with their window; the in-process ones are bounded in number.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;

use crate::auth::{Grant, Viewer};
use crate::cache::Cache;
use crate::config::RateLimits;

/// Most distinct callers counted in process at once (older windows expire anyway).
const LOCAL_CAPACITY: u64 = 100_000;

/// Counts requests against the budgets.
#[derive(Clone)]
pub struct RateLimiter {
    limits: Arc<RateLimits>,
    shared: Arc<dyn Cache>,
    local: moka::sync::Cache<String, Arc<AtomicI64>>,
    namespace: Arc<str>,
}

/// A request over budget: how long until the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget {
    pub retry_after_secs: u64,
}

/// The index of a viewer's role in the budgets: their most privileged grant.
fn role(viewer: &Viewer) -> usize {
    if viewer.subject.is_none() {
        return 0;
    }
    viewer
        .grants
        .iter()
        .map(|g| match g {
            Grant::Graduate { .. } => 1,
            Grant::SchoolStaff { .. } => 2,
            Grant::SchoolAdmin { .. } => 3,
            Grant::Employer { .. } => 4,
            Grant::ConsortiumAdmin => 5,
        })
        .max()
        .unwrap_or(1)
}

impl RateLimiter {
    /// A limiter with `limits`, sharing counts through `shared` when it is Redis.
    pub fn new(limits: RateLimits, shared: Arc<dyn Cache>, namespace: &str) -> Self {
        let window = limits.window.max(Duration::from_secs(1));
        Self {
            local: moka::sync::Cache::builder()
                .max_capacity(LOCAL_CAPACITY)
                .time_to_live(window)
                .build(),
            limits: Arc::new(limits),
            shared,
            namespace: namespace.into(),
        }
    }

    /// The address an anonymous caller is counted under: the peer, or, when the peer is a
    /// trusted proxy, the last address in `X-Forwarded-For` that is not one.
    pub fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer?;
        if !self.limits.trusted_proxies.contains(&peer) {
            return Some(peer);
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        Some(
            forwarded
                .into_iter()
                .rev()
                .find(|a| !self.limits.trusted_proxies.contains(a))
                .unwrap_or(peer),
        )
    }

    /// Counts one request of `viewer` (from `client`); `Err` when it is over the budget.
    pub async fn check(&self, viewer: &Viewer, client: Option<IpAddr>) -> Result<(), OverBudget> {
        let budget = self.limits.per_window[role(viewer)];
        if budget == 0 {
            return Ok(());
        }
        let window = self.limits.window.as_secs().max(1);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let who = match (&viewer.subject, client) {
            (Some(subject), _) => format!("sub:{subject}"),
            (None, Some(addr)) => format!("ip:{addr}"),
            (None, None) => "anonymous".to_owned(),
        };
        let key = format!("{}:rate:{who}:{}", self.namespace, now / window);
        let ttl = Duration::from_secs(window + 1);
        let count = match self.shared.count_shared(&key, ttl).await {
            Ok(Some(count)) => count,
            Ok(None) => self.count_locally(key),
            Err(err) => {
                tracing::warn!(error = %err, "rate limit counted in process: the cache failed");
                self.count_locally(key)
            }
        };
        if count > i64::from(budget) {
            Err(OverBudget {
                retry_after_secs: window - now % window,
            })
        } else {
            Ok(())
        }
    }

    fn count_locally(&self, key: String) -> i64 {
        self.local
            .get_with(key, || Arc::new(AtomicI64::new(0)))
            .fetch_add(1, Ordering::Relaxed)
            + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::MemoryCache;

    fn limiter(limits: [u32; 6], proxies: Vec<IpAddr>) -> RateLimiter {
        let limits = RateLimits {
            per_window: limits,
            window: Duration::from_secs(60),
            trusted_proxies: proxies,
        };
        RateLimiter::new(limits, Arc::new(MemoryCache::new(10)), "t")
    }

    #[tokio::test]
    async fn each_caller_has_its_own_budget_and_zero_means_unlimited() {
        let l = limiter([2, 0, 0, 0, 0, 0], vec![]);
        let anonymous = Viewer::anonymous();
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        assert!(l.check(&anonymous, Some(a)).await.is_ok());
        assert!(l.check(&anonymous, Some(a)).await.is_ok());
        let over = l.check(&anonymous, Some(a)).await.expect_err("third");
        assert!((1..=60).contains(&over.retry_after_secs));
        assert!(
            l.check(&anonymous, Some(b)).await.is_ok(),
            "another address"
        );
        let graduate = Viewer::new(
            "g",
            vec![Grant::Graduate {
                graduate: uuid::Uuid::nil(),
            }],
        );
        for _ in 0..5 {
            assert!(
                l.check(&graduate, Some(a)).await.is_ok(),
                "graduates unlimited here"
            );
        }
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy = IpAddr::from([10, 0, 0, 9]);
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.7, 10.0.0.9".parse().expect("header"),
        );
        let trusting = limiter([1; 6], vec![proxy]);
        assert_eq!(
            trusting.client(Some(proxy), &headers),
            Some(IpAddr::from([203, 0, 113, 7]))
        );
        let plain = limiter([1; 6], vec![]);
        assert_eq!(
            plain.client(Some(proxy), &headers),
            Some(proxy),
            "XFF ignored"
        );
    }
}
