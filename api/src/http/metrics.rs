//! Prometheus metrics: requests per operation, latency histogram, errors per code, cache hits
//! and misses by kind, cache (Redis) failures, and SQL statements run. Rendered as Prometheus
//! text at `GET /metrics`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::error::ErrorCode;

/// Upper bounds (seconds) of the latency histogram buckets.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Distinct operation names kept as labels; later ones are counted as `other`.
const MAX_OPERATIONS: usize = 200;

/// The process's counters. Cheap to update from any thread: a request adds to a handful of
/// atomics (one per histogram observation, not one per bucket: the buckets are summed when
/// rendered), and takes the per-operation map's lock only to read, but for an operation name
/// it has not seen.
#[derive(Default)]
pub struct Metrics {
    operations: RwLock<HashMap<String, AtomicU64>>,
    errors: [AtomicU64; ErrorCode::ALL.len()],
    /// Requests by the first bucket whose bound they are within; the last slot is over all.
    buckets: [AtomicU64; BUCKETS.len() + 1],
    /// Sum of all latencies, in microseconds.
    latency_sum_us: AtomicU64,
    /// SQL statements sent to the database (counted by the connection's metric callback).
    pub db_statements: AtomicU64,
    /// Lookups by [`CacheKind`]: hits, then misses.
    lookups: [[AtomicU64; 2]; CacheKind::ALL.len()],
}

/// The caches whose hits and misses are counted (the `kind` label).
#[derive(Debug, Clone, Copy)]
pub enum CacheKind {
    /// The shared response cache (anonymous answers).
    Response = 0,
    /// Persisted queries looked up by hash.
    PersistedQuery = 1,
    /// Parsed documents, by text (in process).
    Document = 2,
}

impl CacheKind {
    const ALL: [CacheKind; 3] = [Self::Response, Self::PersistedQuery, Self::Document];

    fn label(self) -> &'static str {
        match self {
            Self::Response => "response",
            Self::PersistedQuery => "persisted_query",
            Self::Document => "document",
        }
    }
}

/// The label of an operation name: its word characters, at most 64; `anonymous` for none.
fn label(name: Option<&str>) -> String {
    let name: String = name
        .unwrap_or("anonymous")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(64)
        .collect();
    if name.is_empty() {
        "anonymous".into()
    } else {
        name
    }
}

/// Whether a name is already its own label (the common case: no allocation needed).
fn is_label(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl Metrics {
    /// Records one GraphQL operation, how long its request took and the codes of its errors.
    pub fn observe(&self, operation: Option<&str>, elapsed: Duration, codes: &[ErrorCode]) {
        let as_is = match operation {
            None => Some("anonymous"),
            Some(name) if is_label(name) => Some(name),
            Some(_) => None,
        };
        let counted = as_is.is_some_and(|name| {
            self.operations.read().is_ok_and(|ops| {
                ops.get(name)
                    .map(|n| n.fetch_add(1, Ordering::Relaxed))
                    .is_some()
            })
        });
        if !counted && let Ok(mut ops) = self.operations.write() {
            let mut name = label(operation);
            if !ops.contains_key(&name) && ops.len() >= MAX_OPERATIONS {
                name = "other".into();
            }
            ops.entry(name).or_default().fetch_add(1, Ordering::Relaxed);
        }
        for code in codes {
            if let Some(i) = ErrorCode::ALL.iter().position(|c| c == code) {
                self.errors[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        let secs = elapsed.as_secs_f64();
        let bucket = BUCKETS
            .iter()
            .position(|bound| secs <= *bound)
            .unwrap_or(BUCKETS.len());
        self.buckets[bucket].fetch_add(1, Ordering::Relaxed);
        self.latency_sum_us
            .fetch_add(elapsed.as_micros() as u64, Ordering::Relaxed);
    }

    /// Counts one lookup in a cache of `kind` as a hit or a miss.
    pub fn count_lookup(&self, kind: CacheKind, hit: bool) {
        self.lookups[kind as usize][usize::from(!hit)].fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one SQL statement.
    pub fn count_statement(&self) {
        self.db_statements.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition; `cache_failures` is how many cache calls failed and
    /// fell back (the cache counts them itself).
    pub fn render(&self, cache_failures: u64) -> String {
        let mut out = String::new();
        out.push_str("# HELP hitbridge_graphql_operations_total GraphQL operations by name.\n");
        out.push_str("# TYPE hitbridge_graphql_operations_total counter\n");
        if let Ok(ops) = self.operations.read() {
            let mut ops: Vec<(&String, u64)> = ops
                .iter()
                .map(|(name, n)| (name, n.load(Ordering::Relaxed)))
                .collect();
            ops.sort();
            for (name, n) in ops {
                let _ = writeln!(
                    out,
                    "hitbridge_graphql_operations_total{{operation=\"{name}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP hitbridge_graphql_errors_total GraphQL errors by extensions.code.\n");
        out.push_str("# TYPE hitbridge_graphql_errors_total counter\n");
        for (code, n) in ErrorCode::ALL.iter().zip(&self.errors) {
            let n = n.load(Ordering::Relaxed);
            let _ = writeln!(out, "hitbridge_graphql_errors_total{{code=\"{code}\"}} {n}");
        }
        out.push_str("# HELP hitbridge_request_duration_seconds GraphQL request latency.\n");
        out.push_str("# TYPE hitbridge_request_duration_seconds histogram\n");
        let mut count = 0;
        for (bound, n) in BUCKETS.iter().zip(&self.buckets) {
            count += n.load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "hitbridge_request_duration_seconds_bucket{{le=\"{bound}\"}} {count}"
            );
        }
        count += self.buckets[BUCKETS.len()].load(Ordering::Relaxed);
        let sum = self.latency_sum_us.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(
            out,
            "hitbridge_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(out, "hitbridge_request_duration_seconds_sum {sum}");
        let _ = writeln!(out, "hitbridge_request_duration_seconds_count {count}");
        let _ = writeln!(
            out,
            "# HELP hitbridge_db_statements_total SQL statements executed.\n\
             # TYPE hitbridge_db_statements_total counter\nhitbridge_db_statements_total {}",
            self.db_statements.load(Ordering::Relaxed)
        );
        for (name, help, column) in [
            (
                "hitbridge_cache_hits_total",
                "Cache lookups that found an entry.",
                0,
            ),
            (
                "hitbridge_cache_misses_total",
                "Cache lookups that did not.",
                1,
            ),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            for kind in CacheKind::ALL {
                let n = self.lookups[kind as usize][column].load(Ordering::Relaxed);
                let _ = writeln!(out, "{name}{{kind=\"{}\"}} {n}", kind.label());
            }
        }
        let _ = writeln!(
            out,
            "# HELP hitbridge_cache_failures_total Cache (Redis) calls that failed and fell back \
             (to the database, or to counting in process).\n\
             # TYPE hitbridge_cache_failures_total counter\nhitbridge_cache_failures_total {cache_failures}"
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_histogram() {
        let m = Metrics::default();
        m.observe(
            Some("Catalog"),
            Duration::from_millis(20),
            &[ErrorCode::NotFound],
        );
        m.count_lookup(CacheKind::Document, true);
        m.count_lookup(CacheKind::Response, false);
        let text = m.render(2);
        assert!(text.contains("hitbridge_cache_hits_total{kind=\"document\"} 1"));
        assert!(text.contains("hitbridge_cache_misses_total{kind=\"response\"} 1"));
        assert!(text.contains("hitbridge_cache_hits_total{kind=\"response\"} 0"));
        assert!(text.contains("hitbridge_graphql_operations_total{operation=\"Catalog\"} 1"));
        assert!(text.contains("hitbridge_graphql_errors_total{code=\"NOT_FOUND\"} 1"));
        assert!(text.contains("hitbridge_request_duration_seconds_bucket{le=\"0.025\"} 1"));
        assert!(text.contains("hitbridge_request_duration_seconds_bucket{le=\"0.01\"} 0"));
        assert!(text.contains("hitbridge_cache_failures_total 2"));
        m.observe(Some("a name, not a label"), Duration::from_secs(60), &[]);
        let text = m.render(2);
        assert!(
            text.contains("hitbridge_graphql_operations_total{operation=\"anamenotalabel\"} 1")
        );
        assert!(text.contains("hitbridge_request_duration_seconds_bucket{le=\"10\"} 1"));
        assert!(text.contains("hitbridge_request_duration_seconds_bucket{le=\"+Inf\"} 2"));
        assert!(text.contains("hitbridge_request_duration_seconds_count 2"));
    }
}
