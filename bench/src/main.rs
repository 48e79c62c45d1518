//! `cargo run --release -p hitbridge-bench`: builds the release server, starts it as its own
//! process (SQLite, then PostgreSQL when one answers on 127.0.0.1:5432), drives it with wrk from
//! another process beside a reference measured in the same run — a bare axum handler for the
//! cached page, PostGraphile 4 for the uncached one — times a 10,000-row CSV import on both
//! databases, measures the candidate pool over 100,000 graduates on PostgreSQL, and rewrites
//! BENCHMARKS.md.
//!
//! Needs `wrk` (Debian package) and, for the PostgreSQL comparison, node and npm (PostGraphile
//! is installed into bench/node from its pinned lock file).

mod client;
mod import;
mod judged;
mod pool;
mod procs;
mod reference;
mod report;
mod wrk;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use procs::{Server, free_port};
use report::{Pair, Report};
use wrk::Load;

/// The catalog page of the issue: one list, its total, and a to-one relation.
const CATALOG: &str = "{ programs(first: 20) { totalCount edges { node { id name credential cipCode institution { name slug } } } } }";
/// The same page asked of PostGraphile: published programs by name, with their institution.
const POSTGRAPHILE_CATALOG: &str = "{ allPrograms(first: 20, orderBy: [NAME_ASC, ID_ASC], condition: { status: \"published\" }) { totalCount edges { node { id name credential cipCode institutionByInstitutionId { name slug } } } } }";

const LOAD: Load = Load {
    connections: 64,
    threads: 2,
    duration: Duration::from_secs(6),
};
const WARM_UP: Load = Load {
    connections: 64,
    threads: 2,
    duration: Duration::from_secs(3),
};
/// Each side of a comparison is measured this many times, alternately.
const ROUNDS: usize = 3;
/// Levels of the doubling-fragment document whose refusal is timed.
const DOUBLING_LEVELS: usize = 30;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("reference") => args
            .get(2)
            .and_then(|p| p.parse().ok())
            .zip(args.get(3))
            .ok_or_else(|| "usage: hitbridge-bench reference PORT FILE".to_string())
            .and_then(|(port, file)| {
                let body = std::fs::read(file).map_err(|e| e.to_string())?;
                reference::serve(port, body)
            }),
        Some("judged") => judged::only(args.get(2).map(String::as_str)),
        // The pool scenario alone, printed (BENCHMARKS.md is left as it is).
        Some("pool") => procs::build_server().and_then(|binary| {
            for scale in pool::SCALES {
                println!("{:#?}", pool::run(&binary, scale)?);
            }
            Ok(())
        }),
        _ => run(),
    };
    if let Err(err) = result {
        eprintln!("hitbridge-bench: {err}");
        std::process::exit(1);
    }
}

fn body(query: &str) -> String {
    serde_json::json!({ "query": query }).to_string()
}

/// One request, checked: a 200 whose JSON has data and no errors. Returns the body.
fn check(url: &str, body: &str) -> Result<Vec<u8>, String> {
    let output = Command::new("curl")
        .args([
            "-s",
            "-f",
            "-X",
            "POST",
            "-H",
            "content-type: application/json",
            "--data",
            body,
            url,
        ])
        .output()
        .map_err(|e| format!("curl: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() || text.contains("\"errors\"") || !text.contains("\"edges\"") {
        return Err(format!("{url} did not answer the page: {text}"));
    }
    Ok(output.stdout)
}

/// Measures `a` and `b` alternately, `ROUNDS` times each, after a warm-up of each that is not
/// counted (PostGraphile's JIT, our pools and caches).
fn alternate(a: (&Server, &str), b: (&Server, &str)) -> Result<Pair, String> {
    for (server, body) in [a, b] {
        wrk::post(&server.graphql_url(), body, WARM_UP)?;
    }
    let mut pair = Pair::default();
    for _ in 0..ROUNDS {
        pair.ours.push(wrk::post(&a.0.graphql_url(), a.1, LOAD)?);
        pair.reference
            .push(wrk::post(&b.0.graphql_url(), b.1, LOAD)?);
    }
    Ok(pair)
}

/// SQL statements per request, from the server's own counter over `n` sequential requests.
fn statements_per_request(server: &Server, body: &str, n: usize) -> Result<f64, String> {
    let read = || -> Result<f64, String> {
        let output = Command::new("curl")
            .args(["-s", &format!("http://127.0.0.1:{}/metrics", server.port)])
            .output()
            .map_err(|e| e.to_string())?;
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("hitbridge_db_statements_total "))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| "no statement counter in /metrics".to_string())
    };
    let before = read()?;
    for _ in 0..n {
        check(&server.graphql_url(), body)?;
    }
    Ok((read()? - before) / n as f64)
}

/// Times the refusal of the doubling-fragment document and the memory it costs.
fn doubling_refusal(server: &Server) -> Result<(f64, i64), String> {
    let mut text = String::from("{ ...F0 }");
    for i in 0..DOUBLING_LEVELS {
        text.push_str(&format!(
            " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
            n = i + 1
        ));
    }
    text.push_str(&format!(
        " fragment F{DOUBLING_LEVELS} on Query {{ __typename }}"
    ));
    let before = server.memory_kib().map_or(0, |m| m.0 as i64);
    let started = Instant::now();
    let output = Command::new("curl")
        .args([
            "-s",
            "-X",
            "POST",
            "-H",
            "content-type: application/json",
            "--data",
        ])
        .arg(body(&text))
        .arg(server.graphql_url())
        .output()
        .map_err(|e| format!("curl: {e}"))?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if !String::from_utf8_lossy(&output.stdout).contains("QUERY_TOO_COMPLEX") {
        return Err("the doubling document was not refused".into());
    }
    let after = server.memory_kib().map_or(0, |m| m.0 as i64);
    Ok((millis, after - before))
}

fn sqlite(binary: &Path, report: &mut Report) -> Result<(), String> {
    let file = std::env::temp_dir().join(format!("hitbridge-bench-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let url = format!("sqlite://{}?mode=rwc", file.display());
    procs::hitbridge_once(binary, &url, &["seed", "--demo"])?;
    let catalog = body(CATALOG);

    let cached = procs::start_hitbridge(binary, &url, true)?;
    let bytes = check(&cached.graphql_url(), &catalog)?;
    let bytes_file =
        std::env::temp_dir().join(format!("hitbridge-bench-{}.json", std::process::id()));
    std::fs::write(&bytes_file, &bytes).map_err(|e| e.to_string())?;
    let ref_port = free_port();
    let mut command = Command::new(std::env::current_exe().map_err(|e| e.to_string())?);
    command
        .arg("reference")
        .arg(ref_port.to_string())
        .arg(&bytes_file);
    let bare = Server::start("bare axum handler", command, ref_port)?;
    check(&bare.graphql_url(), &catalog)?;
    report.cached = Some(alternate((&cached, &catalog), (&bare, &catalog))?);
    report.rss_cached_kib = cached.memory_kib();
    drop((cached, bare));

    let uncached = procs::start_hitbridge(binary, &url, false)?;
    check(&uncached.graphql_url(), &catalog)?;
    report.sqlite_uncached = Some(wrk::post(&uncached.graphql_url(), &catalog, LOAD)?);
    report.rss_sqlite_kib = uncached.memory_kib();
    report.statements = Some(statements_per_request(&uncached, &catalog, 50)?);
    report.doubling = Some(doubling_refusal(&uncached)?);
    drop(uncached);
    let cohort = import::cohort_file()?;
    report.import_sqlite = Some(import::time(binary, &url, &cohort)?);
    let _ = std::fs::remove_file(&cohort);
    let _ = std::fs::remove_file(&file);
    Ok(())
}

fn postgres(binary: &Path, report: &mut Report) -> Result<(), String> {
    let admin = "postgres://postgres@127.0.0.1:5432/postgres";
    let psql = |sql: &str| {
        Command::new("psql")
            .args([admin, "-qc", sql])
            .status()
            .map_err(|e| format!("psql: {e}"))
            .and_then(|s| {
                s.success()
                    .then_some(())
                    .ok_or_else(|| format!("psql failed: {sql}"))
            })
    };
    psql("DROP DATABASE IF EXISTS hitbridge_bench")?;
    psql(
        "CREATE DATABASE hitbridge_bench TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
    )?;
    // Both servers connect without TLS on loopback, as node-postgres does by default.
    let url = "postgres://postgres@127.0.0.1:5432/hitbridge_bench?sslmode=disable";
    procs::hitbridge_once(binary, url, &["seed", "--demo"])?;
    let postgraphile_bin = procs::install_postgraphile()?;
    let catalog = body(CATALOG);
    let peer_catalog = body(POSTGRAPHILE_CATALOG);

    let ours = procs::start_hitbridge(binary, url, false)?;
    let peer_port = free_port();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let peer = Server::start(
        "PostGraphile 4",
        procs::postgraphile(&postgraphile_bin, url, peer_port, workers),
        peer_port,
    )?;
    check(&ours.graphql_url(), &catalog)?;
    check(&peer.graphql_url(), &peer_catalog)?;
    report.postgres = Some(alternate((&ours, &catalog), (&peer, &peer_catalog))?);
    report.rss_postgres_kib = ours.memory_kib();
    report.postgres_statements = Some(statements_per_request(&ours, &catalog, 50)?);
    report.postgraphile_workers = workers;
    drop((ours, peer));
    let cohort = import::cohort_file()?;
    report.import_postgres = Some(import::time(binary, url, &cohort)?);
    let _ = std::fs::remove_file(&cohort);
    Ok(())
}

fn run() -> Result<(), String> {
    let binary = procs::build_server()?;
    let mut report = Report::new(LOAD, ROUNDS, DOUBLING_LEVELS);
    sqlite(&binary, &mut report)?;
    report.judged = Some(judged::on_fresh_database(&binary)?);
    let pg_up = Command::new("pg_isready")
        .args(["-h", "127.0.0.1", "-p", "5432", "-q"])
        .status()
        .is_ok_and(|s| s.success());
    if pg_up {
        postgres(&binary, &mut report)?;
        for scale in pool::SCALES {
            report.pool.push(pool::run(&binary, scale)?);
        }
    } else {
        eprintln!("no PostgreSQL on 127.0.0.1:5432: skipping the PostGraphile comparison");
    }
    let path = procs::workspace().join("BENCHMARKS.md");
    std::fs::write(&path, report.markdown()).map_err(|e| e.to_string())?;
    println!("{}", report.markdown());
    Ok(())
}
