//! The candidate pool at scale, on PostgreSQL: 100,000 graduates over 20 schools and 1,000,000
//! over 100 (`sql/pool_scale.sql`), an employer approved by 12 of them asking for a first page
//! with 3 required criteria (one an `anyOf` group) and 5 preferred. Measured: our server end to end (one keep-alive
//! connection, one request at a time, p50 and p95), and the page statement's executor time
//! beside the best hand-written SQL for the same request on the same indexes
//! (`sql/pool_handwritten.sql`), both timed by PostgreSQL's auto_explain in the same run, whose
//! plan of our statement is kept. Then the sync over a day of 1,000 changes.

mod explain;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::client::{Client, quantile};
use crate::procs;
use explain::{explained, server_log};

const DATABASE: &str = "hitbridge_pool_bench";
const ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const EMPLOYER: &str = "magnolia-regional-medical-center";
const WARM_UP: usize = 30;
const SAMPLES: usize = 300;
const CRITERIA: &str = r#"{ required: { ehrSystems: ["epic"], backgrounds: [CLINICAL, CLINICAL_AND_IT], anyOf: [{ states: ["GA"] }, { openToRelocation: true }] }, preferred: { certifications: ["CHTS-IS", "CHTS-CP"], certificationsWeight: 2, skills: ["fhir", "sql"], regions: ["Region 1"], openToRural: true, availableBy: "2026-06-01" } }"#;

/// The same request without its background requirement: the pool index is keyed by school,
/// status and background, so this one reads every seeking graduate of its schools.
const WIDE: &str = r#"{ required: { ehrSystems: ["epic"], anyOf: [{ states: ["GA"] }, { openToRelocation: true }] }, preferred: { certifications: ["CHTS-IS", "CHTS-CP"], certificationsWeight: 2, skills: ["fhir", "sql"], regions: ["Region 1"], openToRural: true, availableBy: "2026-06-01" } }"#;

/// A size of the consortium the scenario runs on.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub schools: u32,
    pub graduates: u32,
    /// How many of the schools approved the employer measured.
    pub approving: u32,
}

/// The sizes measured: the 100k set of earlier runs, and the 1M set of issue 19.
pub const SCALES: [Scale; 2] = [
    Scale {
        schools: 20,
        graduates: 100_000,
        approving: 12,
    },
    Scale {
        schools: 100,
        graduates: 1_000_000,
        approving: 12,
    },
];

/// One request as measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub matching: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    /// Executor time of the page statement (p50): ours, and the hand-written one.
    pub sql: Option<(f64, f64)>,
}

/// What the pool scenario measured.
#[derive(Debug, Clone)]
pub struct PoolFigures {
    pub scale: Scale,
    pub graduates: u64,
    /// The benchmarked request, and the same without its background requirement.
    pub request: Measured,
    pub wide: Measured,
    /// Our page statement's plan for the benchmarked request, as auto_explain logged it.
    pub plan: Option<String>,
    pub sync_changes: u64,
    pub sync_pages: u64,
    pub sync_ms: f64,
}

fn psql(url: &str, args: &[&str]) -> Result<String, String> {
    let output = Command::new("psql")
        .arg(url)
        .args(["-v", "ON_ERROR_STOP=1", "-qAt"])
        .args(args)
        .output()
        .map_err(|e| format!("psql: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "psql {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn number(json: &serde_json::Value, path: &[&str]) -> u64 {
    path.iter().fold(json, |v, k| &v[*k]).as_u64().unwrap_or(0)
}

/// Runs the scenario on a fresh database (PostgreSQL must answer on 127.0.0.1:5432).
pub fn run(binary: &Path, scale: Scale) -> Result<PoolFigures, String> {
    psql(
        ADMIN,
        &["-c", &format!("DROP DATABASE IF EXISTS {DATABASE}")],
    )?;
    psql(
        ADMIN,
        &[
            "-c",
            &format!(
                "CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
            ),
        ],
    )?;
    let url = format!("postgres://postgres@127.0.0.1:5432/{DATABASE}");
    let server_url = format!("{url}?sslmode=disable");
    procs::hitbridge_once(binary, &server_url, &["seed", "--demo"])?;
    let sql = procs::workspace().join("bench/sql");
    let vars = [
        format!("schools={}", scale.schools),
        format!("graduates={}", scale.graduates),
        format!("approving={}", scale.approving),
    ];
    let script = sql.join("pool_scale.sql").display().to_string();
    psql(
        &url,
        &[
            "-v", &vars[0], "-v", &vars[1], "-v", &vars[2], "-f", &script,
        ],
    )?;
    psql(
        ADMIN,
        &[
            "-c",
            &format!("ALTER DATABASE {DATABASE} SET session_preload_libraries = 'auto_explain'"),
        ],
    )?;
    psql(
        ADMIN,
        &[
            "-c",
            &format!("ALTER DATABASE {DATABASE} SET auto_explain.log_min_duration = 0"),
        ],
    )?;
    let graduates: u64 = psql(&url, &["-c", "SELECT count(*) FROM graduate"])?
        .trim()
        .parse()
        .unwrap_or(0);
    let log = server_log();
    let offset = log
        .as_ref()
        .and_then(|l| std::fs::metadata(l).ok())
        .map_or(0, |m| m.len());

    let server = procs::start_hitbridge(binary, &server_url, false)?;
    let token = procs::token(
        binary,
        &server_url,
        &[
            "--sub",
            "bench-ats",
            "--role",
            "employer",
            "--employer",
            EMPLOYER,
        ],
    )?;
    let mut client = Client::connect(server.port)?;
    let hand =
        std::fs::read_to_string(sql.join("pool_handwritten.sql")).map_err(|e| e.to_string())?;
    let mut request = ask(&mut client, &token, CRITERIA)?;
    run_hand(&url, &hand)?;
    let mut wide = ask(&mut client, &token, WIDE)?;
    let wide_hand: String = hand
        .lines()
        .filter(|line| !line.contains("g.background IN"))
        .map(|line| format!("{line}\n"))
        .collect();
    run_hand(&url, &wide_hand)?;

    let mut plan = None;
    if let Some(log) = &log {
        let entries = explained(log, offset);
        let ours: Vec<&(f64, String, String)> = entries
            .iter()
            .filter(|e| e.1.contains("ranked_id"))
            .collect();
        // psql sends the script's statement from its first line of SQL, so the marker may sit
        // in the text's later lines (logged with the plan).
        let hands: Vec<&(f64, String, String)> = entries
            .iter()
            .filter(|e| e.1.contains("hand_rank") || e.2.contains("hand_rank"))
            .collect();
        // Each request ran WARM_UP + SAMPLES times, the benchmarked one first.
        let runs = WARM_UP + SAMPLES;
        for (i, measured) in [&mut request, &mut wide].into_iter().enumerate() {
            let times = |list: &[&(f64, String, String)]| -> Vec<f64> {
                list.iter()
                    .skip(i * runs + WARM_UP)
                    .take(SAMPLES)
                    .map(|e| e.0)
                    .collect()
            };
            let (mut ours_ms, mut hand_ms) = (times(&ours), times(&hands));
            if !ours_ms.is_empty() && !hand_ms.is_empty() {
                measured.sql = Some((quantile(&mut ours_ms, 0.5), quantile(&mut hand_ms, 0.5)));
            }
        }
        plan = ours.get(runs - 1).map(|e| e.2.clone());
    }

    // A day of 1,000 changes (made in SQL with their feed rows, as the writes would), then the
    // sync that catches up on them, page by page.
    let start = serde_json::json!({ "query": format!(
        "{{ candidatePoolChanges(criteria: {CRITERIA}) {{ nextToken }} }}") })
    .to_string();
    let (body, _) = client.post(&token, &start)?;
    let json: serde_json::Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    let mut since = json["data"]["candidatePoolChanges"]["nextToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    psql(
        &url,
        &[
            "-c",
            "WITH day AS (SELECT id FROM graduate ORDER BY md5(id::text) LIMIT 1000) \
        UPDATE graduate SET open_to_rural = NOT open_to_rural, version = version + 1 FROM day WHERE graduate.id = day.id",
        ],
    )?;
    psql(
        &url,
        &[
            "-c",
            "INSERT INTO pool_change (graduate_id, institution_id, was_pooled, changed_at) \
        SELECT id, institution_id, consent <> 'private', now() FROM graduate ORDER BY md5(id::text) LIMIT 1000",
        ],
    )?;
    let started = Instant::now();
    let (mut sync_pages, mut sync_changes) = (0, 0);
    loop {
        let next = serde_json::json!({ "query": format!(
            "query($since: String) {{ candidatePoolChanges(criteria: {CRITERIA}, since: $since, first: 500) {{ \
             upserts {{ matchScore graduate {{ id visibleTier familyName }} }} tombstones nextToken hasMore }} }}"),
            "variables": { "since": since } }).to_string();
        let (body, _) = client.post(&token, &next)?;
        let json: serde_json::Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
        let changes = &json["data"]["candidatePoolChanges"];
        if changes.is_null() {
            return Err(format!("the sync failed: {body}"));
        }
        sync_pages += 1;
        sync_changes += changes["upserts"].as_array().map_or(0, Vec::len) as u64
            + changes["tombstones"].as_array().map_or(0, Vec::len) as u64;
        since = changes["nextToken"].as_str().unwrap_or_default().to_owned();
        if changes["hasMore"] != serde_json::json!(true) {
            break;
        }
    }
    let sync_ms = started.elapsed().as_secs_f64() * 1000.0;
    drop(server);
    Ok(PoolFigures {
        scale,
        graduates,
        request,
        wide,
        plan,
        sync_changes,
        sync_pages,
        sync_ms,
    })
}

/// Sends a first-page pool request WARM_UP + SAMPLES times over one connection.
fn ask(client: &mut Client, token: &str, criteria: &str) -> Result<Measured, String> {
    let page = serde_json::json!({ "query": format!(
        "{{ candidatePool(first: 20, criteria: {criteria}) {{ totalCount edges {{ cursor node {{ matchScore matchReasons \
         missingSkills breakdown {{ criterion contribution }} graduate {{ id visibleTier givenName familyName email \
         graduationYear skills {{ slug }} }} }} }} }} }}") }).to_string();
    let mut samples = Vec::with_capacity(SAMPLES);
    let mut matching = 0;
    for i in 0..WARM_UP + SAMPLES {
        let (body, ms) = client.post(token, &page)?;
        if i == 0 {
            let json: serde_json::Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
            if json.get("errors").is_some() {
                return Err(format!("the pool page failed: {body}"));
            }
            matching = number(&json, &["data", "candidatePool", "totalCount"]);
        }
        if i >= WARM_UP {
            samples.push(ms);
        }
    }
    Ok(Measured {
        matching,
        p50_ms: quantile(&mut samples, 0.5),
        p95_ms: quantile(&mut samples, 0.95),
        sql: None,
    })
}

/// Runs the hand-written statement WARM_UP + SAMPLES times in one psql session.
fn run_hand(url: &str, hand: &str) -> Result<(), String> {
    let script =
        std::env::temp_dir().join(format!("hitbridge-bench-hand-{}.sql", std::process::id()));
    std::fs::write(&script, hand.repeat(WARM_UP + SAMPLES)).map_err(|e| e.to_string())?;
    let ran = psql(
        url,
        &["-o", "/dev/null", "-f", &script.display().to_string()],
    );
    let _ = std::fs::remove_file(&script);
    ran.map(|_| ())
}
