//! BENCHMARKS.md: the figures of one run, the ratios the issue sets targets for, and the machine.

use std::fmt::Write as _;
use std::process::Command;

use crate::import::{ImportTimes, LARGE_SCHOOL, ROWS};
use crate::pool::PoolFigures;
use crate::wrk::{Load, Run};

/// Where the time goes: written by hand from the last profile (bench/profile.md).
const PROFILE: &str = include_str!("../profile.md");

/// Runs of our server and of its reference, measured alternately.
#[derive(Debug, Default)]
pub struct Pair {
    pub ours: Vec<Run>,
    pub reference: Vec<Run>,
}

fn mean(runs: &[Run], f: impl Fn(&Run) -> f64) -> f64 {
    runs.iter().map(f).sum::<f64>() / runs.len().max(1) as f64
}

impl Pair {
    fn ratio(&self) -> f64 {
        mean(&self.ours, |r| r.rps) / mean(&self.reference, |r| r.rps).max(f64::MIN_POSITIVE)
    }
}

/// Everything one run measured.
#[derive(Debug)]
pub struct Report {
    load: Load,
    rounds: usize,
    doubling_levels: usize,
    pub cached: Option<Pair>,
    pub sqlite_uncached: Option<Run>,
    pub postgres: Option<Pair>,
    pub postgraphile_workers: usize,
    pub statements: Option<f64>,
    pub postgres_statements: Option<f64>,
    /// Milliseconds to refuse the doubling document, and the RSS it added (KiB).
    pub doubling: Option<(f64, i64)>,
    pub rss_cached_kib: Option<(u64, u64)>,
    pub rss_sqlite_kib: Option<(u64, u64)>,
    pub rss_postgres_kib: Option<(u64, u64)>,
    pub import_sqlite: Option<ImportTimes>,
    pub import_postgres: Option<ImportTimes>,
    /// The pool scenario at each scale.
    pub pool: Vec<PoolFigures>,
    /// The judged set's figures (`judged`).
    pub judged: Option<Vec<crate::judged::Judged>>,
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<u64>().ok())
        })
        .map_or_else(String::new, |kib| {
            format!(", {} GiB RAM", kib / 1024 / 1024)
        });
    format!("{cpu}, {cores} cores{memory}")
}

fn today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn mib(kib: Option<(u64, u64)>) -> String {
    kib.map_or_else(
        || "–".into(),
        |(rss, peak)| {
            format!(
                "{:.1} MiB (peak {:.1} MiB)",
                rss as f64 / 1024.0,
                peak as f64 / 1024.0
            )
        },
    )
}

fn rows(out: &mut String, label: &str, runs: &[Run]) {
    for (i, r) in runs.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {label} #{} | {} | {} | {:.0} | {:.2} ms | {:.2} ms |",
            i + 1,
            r.requests,
            r.errors,
            r.rps,
            r.p50_ms,
            r.p99_ms
        );
    }
}

impl Report {
    pub fn new(load: Load, rounds: usize, doubling_levels: usize) -> Self {
        Self {
            load,
            rounds,
            doubling_levels,
            cached: None,
            sqlite_uncached: None,
            postgres: None,
            postgraphile_workers: 0,
            statements: None,
            postgres_statements: None,
            doubling: None,
            rss_cached_kib: None,
            rss_sqlite_kib: None,
            rss_postgres_kib: None,
            import_sqlite: None,
            import_postgres: None,
            pool: Vec::new(),
            judged: None,
        }
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Benchmarks\n\nRun with `cargo run --release -p hitbridge-bench` (needs `wrk`; node and npm for \
             the PostgreSQL comparison). This file is rewritten by each run.\n\n\
             - date: {}\n- machine: {} (shared; the load generator, the servers and PostgreSQL all \
             run on it, so absolute figures are noise: read the ratios, measured in the same run)\n\
             - load: wrk, {} connections, {} threads, {} s per run, each side warmed up, then measured {} times \
             alternately; every server is its own process, with access logs off\n",
            today(),
            machine(),
            self.load.connections,
            self.load.threads,
            self.load.duration.as_secs(),
            self.rounds
        );
        out.push_str("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        if let Some(pair) = &self.cached {
            let ratio = pair.ratio();
            let _ = writeln!(
                out,
                "| cached anonymous catalog page ≥ 0.8× a bare axum handler returning the same bytes | {ratio:.2}× | {} |",
                if ratio >= 0.8 { "yes" } else { "no" }
            );
        }
        if let Some(pair) = &self.postgres {
            let ratio = pair.ratio();
            let _ = writeln!(
                out,
                "| uncached catalog page on PostgreSQL ≥ 2× PostGraphile 4 ({} workers) | {ratio:.2}× | {} |",
                self.postgraphile_workers,
                if ratio >= 2.0 { "yes" } else { "no" }
            );
        }
        let peak = [
            self.rss_cached_kib,
            self.rss_sqlite_kib,
            self.rss_postgres_kib,
        ]
        .iter()
        .flatten()
        .map(|(_, peak)| *peak)
        .max();
        if let Some(peak) = peak {
            let _ = writeln!(
                out,
                "| RSS ≤ 64 MiB under {} connections | peak {:.1} MiB | {} |",
                self.load.connections,
                peak as f64 / 1024.0,
                if peak <= 64 * 1024 { "yes" } else { "no" }
            );
        }
        for (db, times) in [
            ("SQLite", self.import_sqlite),
            ("PostgreSQL", self.import_postgres),
        ] {
            if let Some(t) = times {
                let _ = writeln!(
                    out,
                    "| {ROWS}-row CSV import < 10 s on {db} (`hitbridge import graduates`, all new records) | {:.2} s | {} |",
                    t.first_s,
                    if t.first_s < 10.0 { "yes" } else { "no" }
                );
                let _ = writeln!(
                    out,
                    "| one-row import into a school of {LARGE_SCHOOL} graduates ≤ 200 ms on {db} (whole command, process start included) | {:.0} ms ({:.0} ms into the demo-sized school) | {} |",
                    t.one_row_large_s * 1000.0,
                    t.one_row_small_s * 1000.0,
                    if t.one_row_large_s <= 0.2 {
                        "yes"
                    } else {
                        "no"
                    }
                );
            }
        }
        for p in &self.pool {
            let _ = writeln!(
                out,
                "| candidate pool, first page (3 required, one an anyOf, and 5 preferred criteria), {} graduates over {} schools on PostgreSQL: p50 ≤ 25 ms | {:.1} ms | {} |",
                p.graduates,
                p.scale.schools,
                p.request.p50_ms,
                if p.request.p50_ms <= 25.0 {
                    "yes"
                } else {
                    "no"
                }
            );
            let _ = writeln!(
                out,
                "| the same: p95 ≤ 60 ms | {:.1} ms | {} |",
                p.request.p95_ms,
                if p.request.p95_ms <= 60.0 {
                    "yes"
                } else {
                    "no"
                }
            );
            if let Some((ours, hand)) = p.request.sql {
                let ratio = ours / hand.max(f64::MIN_POSITIVE);
                let _ = writeln!(
                    out,
                    "| its page statement within 1.25× of the best hand-written SQL (same indexes, executor time p50) | {ours:.2} ms vs {hand:.2} ms: {ratio:.2}× | {} |",
                    if ratio <= 1.25 { "yes" } else { "no" }
                );
            }
        }
        out.push_str("\n## Runs\n\n| scenario | requests | errors | req/s | p50 | p99 |\n|---|---|---|---|---|---|\n");
        if let Some(pair) = &self.cached {
            rows(
                &mut out,
                "SQLite, cached catalog page: hitbridge",
                &pair.ours,
            );
            rows(&mut out, "same bytes: bare axum handler", &pair.reference);
        }
        if let Some(run) = &self.sqlite_uncached {
            rows(
                &mut out,
                "SQLite, uncached catalog page: hitbridge",
                std::slice::from_ref(run),
            );
        }
        if let Some(pair) = &self.postgres {
            rows(
                &mut out,
                "PostgreSQL, uncached catalog page: hitbridge",
                &pair.ours,
            );
            rows(
                &mut out,
                "PostgreSQL, same page: PostGraphile 4",
                &pair.reference,
            );
        }
        out.push_str("\n## Other figures\n\n");
        if let Some(n) = self.statements {
            let _ = writeln!(
                out,
                "- SQL statements per uncached catalog page (SQLite): {n:.1}"
            );
        }
        if let Some(n) = self.postgres_statements {
            let _ = writeln!(
                out,
                "- SQL statements per uncached catalog page (PostgreSQL): {n:.1}"
            );
        }
        for (db, times) in [
            ("SQLite", self.import_sqlite),
            ("PostgreSQL", self.import_postgres),
        ] {
            if let Some(t) = times {
                let _ = writeln!(
                    out,
                    "- the same {ROWS}-row file imported again on {db} (every row unchanged, nothing \
                     written): {:.2} s, including the process start",
                    t.again_s
                );
            }
        }
        for p in &self.pool {
            let _ = writeln!(
                out,
                "- candidate pool: {} of {} graduates (over {} schools, {} of which approved the employer) match the required \
                 criteria; measured over one keep-alive connection, one request at a time, after a warm-up; the statements' \
                 executor times come from PostgreSQL's auto_explain in the same run (`bench/sql/pool_handwritten.sql` is the \
                 hand-written one)",
                p.request.matching, p.graduates, p.scale.schools, p.scale.approving
            );
            let wide = &p.wide;
            let (ours, hand) = wide.sql.unwrap_or((f64::NAN, f64::NAN));
            let _ = writeln!(
                out,
                "- the same request without its background requirement ({} match): p50 {:.1} ms, p95 {:.1} ms; \
                 page statement {ours:.2} ms vs {hand:.2} ms hand-written ({:.2}×)",
                wide.matching,
                wide.p50_ms,
                wide.p95_ms,
                ours / hand
            );
            let _ = writeln!(
                out,
                "- pool sync over a day of 1,000 changed graduates: {} upserts and tombstones in {} pages, {:.0} ms in all",
                p.sync_changes, p.sync_pages, p.sync_ms
            );
        }
        if let Some((ms, grew)) = self.doubling {
            let _ = writeln!(
                out,
                "- the {}-level doubling-fragment document: refused (QUERY_TOO_COMPLEX) in {ms:.1} ms, \
                 server RSS change {grew} KiB",
                self.doubling_levels
            );
        }
        let _ = writeln!(
            out,
            "- server memory after load: cached SQLite {}; uncached SQLite {}; PostgreSQL {}",
            mib(self.rss_cached_kib),
            mib(self.rss_sqlite_kib),
            mib(self.rss_postgres_kib)
        );
        out.push('\n');
        for p in &self.pool {
            let Some(plan) = &p.plan else { continue };
            let _ = writeln!(
                out,
                "## The candidate pool's page statement over {} graduates: its plan\n\nAs PostgreSQL's auto_explain \
                 logged it for the benchmarked request (phase one ranks on the partial covering index \
                 `idx_graduate_pool`; phase two reads the page's 21 rows by primary key):\n\n```\n{}```\n",
                p.graduates, plan
            );
        }
        if let Some(judged) = &self.judged {
            out.push_str(&crate::judged::markdown(judged));
        }
        out.push_str(PROFILE);
        out
    }
}
