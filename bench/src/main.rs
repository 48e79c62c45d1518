//! `cargo run --release -p hitbridge-bench`: starts the real server (in this process, on the
//! embedded SQLite default, or PostgreSQL/Redis when DATABASE_URL/REDIS_URL say so) with the demo
//! consortium, drives it over HTTP from concurrent clients, and writes BENCHMARKS.md.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use hitbridge_tests::{Backend, TestApp, tokens};
use serde_json::json;

const CLIENTS: usize = 16;
const DURATION: Duration = Duration::from_secs(8);

const CATALOG: &str =
    "{ programs(first: 20) { totalCount edges { node { name credential cipCode nextStart
    institution { name city state } skills { name } ehrSystems { name } hitRoles } } } }";
const INTERNSHIPS: &str =
    "{ internships(first: 20, filter: { paid: true }) { edges { node { title startsOn
    employer { name kind rural } skills { name } } } } }";

struct Figures {
    name: String,
    requests: usize,
    errors: usize,
    rps: f64,
    p50: Duration,
    p95: Duration,
    p99: Duration,
}

async fn run(app: &TestApp, name: &str, query: &str, token: Option<String>) -> Figures {
    let url = format!("{}/graphql", app.address);
    let body = json!({ "query": query }).to_string();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (url, body, token) = (url.clone(), body.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut latencies = Vec::new();
            let mut errors = 0;
            while started.elapsed() < DURATION {
                let mut request = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body.clone());
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                let t = Instant::now();
                match request.send().await {
                    Ok(r) if r.status().is_success() => {
                        let text = r.text().await.unwrap_or_default();
                        if text.contains("\"errors\"") {
                            errors += 1;
                        }
                    }
                    _ => errors += 1,
                }
                latencies.push(t.elapsed());
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        if let Ok((latencies, e)) = task.await {
            all.extend(latencies);
            errors += e;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Figures {
        name: name.into(),
        requests: all.len(),
        errors,
        rps: all.len() as f64 / elapsed,
        p50: pct(0.50),
        p95: pct(0.95),
        p99: pct(0.99),
    }
}

async fn statements(app: &TestApp, first: usize) -> f64 {
    let query = format!(
        "{{ programs(first: {first}) {{ edges {{ node {{ name skills {{ slug }} hitRoles institution {{ name events {{ name }} }} }} }} }} }}"
    );
    let before = app.metric("hitbridge_db_statements_total").await;
    app.gql(&query).send().await;
    app.metric("hitbridge_db_statements_total").await - before
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
                    / 1024
                    / 1024
            })
        })
        .unwrap_or(0);
    format!("{cpu}, {cores} cores, {mem} GiB RAM")
}

#[tokio::main]
async fn main() {
    let backend = if hitbridge_tests::postgres_url().is_some() {
        "PostgreSQL"
    } else {
        "SQLite (embedded default)"
    };
    let cache = if std::env::var("REDIS_URL").is_ok() {
        "Redis"
    } else {
        "in-process"
    };
    let cached = TestApp::spawn_demo().await;
    let uncached = TestApp::spawn_with(
        Backend::FromEnv,
        &[("HITBRIDGE_PUBLIC_CACHE_TTL_SECS", "0")],
    )
    .await;
    uncached.seed().await;
    let staff = tokens::school_staff("peachtree-state-university");

    let mut results = Vec::new();
    results.push(
        run(
            &cached,
            "anonymous catalog page, response cache on",
            CATALOG,
            None,
        )
        .await,
    );
    results.push(run(&uncached, "anonymous catalog page, no cache", CATALOG, None).await);
    results.push(
        run(
            &uncached,
            "anonymous paid internships, no cache",
            INTERNSHIPS,
            None,
        )
        .await,
    );
    results.push(
        run(
            &uncached,
            "school staff catalog page (JWT verify + grants lookup)",
            CATALOG,
            Some(staff),
        )
        .await,
    );
    let (s5, s100) = (
        statements(&uncached, 5).await,
        statements(&uncached, 100).await,
    );

    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Run with `cargo run --release -p hitbridge-bench` (this file is rewritten). The server and"
    );
    let _ = writeln!(
        out,
        "the {CLIENTS} load clients share one process and the machine's cores, so the figures are a floor.\n"
    );
    let _ = writeln!(out, "- machine: {}", machine());
    let _ = writeln!(
        out,
        "- database: {backend}; cache: {cache}; demo consortium loaded"
    );
    let _ = writeln!(
        out,
        "- {CLIENTS} concurrent clients, {} s per scenario, release build\n",
        DURATION.as_secs()
    );
    let _ = writeln!(
        out,
        "| scenario | requests | errors | req/s | p50 | p95 | p99 |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for f in &results {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.0} | {:.1} ms | {:.1} ms | {:.1} ms |",
            f.name,
            f.requests,
            f.errors,
            f.rps,
            f.p50.as_secs_f64() * 1e3,
            f.p95.as_secs_f64() * 1e3,
            f.p99.as_secs_f64() * 1e3
        );
    }
    let _ = writeln!(
        out,
        "\nSQL statements for one nested catalog query (programs → skills, roles, institution → events):"
    );
    let _ = writeln!(
        out,
        "{s5} for `first: 5`, {s100} for `first: 100` (every published program): bounded by the query's depth, not its rows."
    );
    print!("{out}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../BENCHMARKS.md");
    std::fs::write(path, out).expect("write BENCHMARKS.md");
}
