//! The judged set (`bench/judged/`): 25 recruiter requests over a fixture of 40 graduates, each
//! with graded judgments written before the scoring formula was tuned (`requests.json`), and 15
//! held-out ones written after it by a judge who had not seen the formula (`heldout.json`), to
//! check it on requests it was not fitted to. The fixture goes into a
//! school of its own (every graduate consenting to CONTACT); each request goes to the pool in one
//! call, as a consortium admin, scoped to that school; nDCG@10 of the first page against the
//! judgments is reported per request.
//!
//! A request says what a recruiter says (ALL/ANY lists, `anyOf` groups, preferences with an
//! importance, years and recency as preferences). What the API cannot state yet is dropped from
//! the call and reported, so the figure is what an integrator gets today.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::client::Client;
use crate::procs;

mod translate;

use translate::{preferred, required};

/// The school the fixture joins, and its programs (the slugs `graduates.csv` names).
const SCHOOL: &str = "judged-college";
const PROGRAMS: [(&str, &str, &str, &str, i64); 3] = [
    (
        "judged-aas-hit",
        "AAS Health Information Technology",
        "ASSOCIATE",
        "51.0707",
        24,
    ),
    (
        "judged-coding-cert",
        "Medical Coding Certificate",
        "CERTIFICATE",
        "51.0713",
        9,
    ),
    (
        "judged-ehr-cert",
        "EHR Implementation Support Certificate",
        "CERTIFICATE",
        "51.2706",
        6,
    ),
];

/// The request files: which set, and its file.
const SETS: [(&str, &str); 2] = [
    ("written before tuning", "requests.json"),
    ("held out", "heldout.json"),
];

/// One request's figure.
#[derive(Debug, Clone)]
pub struct Judged {
    /// Which set it is of (see [`SETS`]).
    pub set: &'static str,
    pub id: String,
    pub says: String,
    pub ndcg: f64,
    /// What the API could not state (dropped from the call).
    pub unsaid: Vec<String>,
}

fn dir() -> std::path::PathBuf {
    procs::workspace().join("bench/judged")
}

fn gql(client: &mut Client, token: &str, query: &str, variables: Value) -> Result<Value, String> {
    let body = json!({ "query": query, "variables": variables }).to_string();
    let (answer, _) = client.post(token, &body)?;
    let answer: Value = serde_json::from_str(&answer).map_err(|e| e.to_string())?;
    if answer.get("errors").is_some() {
        return Err(format!("{query}: {answer}"));
    }
    Ok(answer["data"].clone())
}

/// The school, its programs, the imported fixture and every fixture graduate's consent; the
/// graduates' ids by fixture key (`j01`, ...).
fn load_fixture(
    binary: &Path,
    url: &str,
    client: &mut Client,
    admin: &str,
) -> Result<HashMap<String, String>, String> {
    gql(
        client,
        admin,
        "mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id } }",
        json!({ "i": { "slug": SCHOOL, "name": "Judged Fixture College", "kind": "COMMUNITY_COLLEGE",
            "city": "Columbus", "state": "GA", "region": "West Georgia" } }),
    )?;
    for (slug, name, credential, cip, months) in PROGRAMS {
        gql(
            client,
            admin,
            "mutation($i: CreateProgramInput!) { createProgram(input: $i) { id } }",
            json!({ "i": { "institution": SCHOOL, "slug": slug, "name": name, "credential": credential,
                "cipCode": cip, "modality": "HYBRID", "durationMonths": months, "status": "PUBLISHED" } }),
        )?;
    }
    procs::hitbridge_once(
        binary,
        url,
        &[
            "import",
            "graduates",
            &dir().join("graduates.csv").to_string_lossy(),
            "--institution",
            SCHOOL,
        ],
    )?;
    let listed = gql(
        client,
        admin,
        "query($s: String) { graduates(first: 100, filter: { institution: $s }) { edges { node { id email } } } }",
        json!({ "s": SCHOOL }),
    )?;
    let mut ids = HashMap::new();
    for edge in listed["graduates"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let id = edge["node"]["id"].as_str().unwrap_or_default().to_owned();
        let key = edge["node"]["email"]
            .as_str()
            .unwrap_or_default()
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned();
        let token = procs::token(
            binary,
            url,
            &["--sub", &key, "--role", "graduate", "--graduate", &id],
        )?;
        gql(
            client,
            &token,
            "mutation { setConsent(level: CONTACT) { consent } }",
            json!({}),
        )?;
        ids.insert(key, id);
    }
    Ok(ids)
}

/// nDCG@10 of `ranked` (fixture keys, best first) against `grades`.
fn ndcg(ranked: &[String], grades: &HashMap<String, i64>) -> f64 {
    let gain = |g: i64| 2f64.powi(g as i32) - 1.0;
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, k)| gain(*grades.get(k).unwrap_or(&0)) / ((i + 2) as f64).log2())
        .sum();
    let mut ideal: Vec<i64> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, g)| gain(*g) / ((i + 2) as f64).log2())
        .sum();
    if idcg == 0.0 { 1.0 } else { dcg / idcg }
}

/// Loads the fixture into the server at `port` (database `url`) and runs every request.
pub fn run(binary: &Path, url: &str, port: u16) -> Result<Vec<Judged>, String> {
    let mut client = Client::connect(port)?;
    let admin = procs::token(
        binary,
        url,
        &["--sub", "judge", "--role", "consortium_admin"],
    )?;
    let ids = load_fixture(binary, url, &mut client, &admin)?;
    let keys: HashMap<&String, &String> = ids.iter().map(|(k, id)| (id, k)).collect();
    let mut requests = Vec::new();
    for (name, file) in SETS {
        let text = std::fs::read_to_string(dir().join(file)).map_err(|e| e.to_string())?;
        let set: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        let listed = set["requests"].as_array().cloned().unwrap_or_default();
        requests.extend(listed.into_iter().map(|r| (name, r)));
    }
    let mut out = Vec::new();
    for (set, request) in &requests {
        let mut unsaid = Vec::new();
        let criteria = json!({
            "required": required(&request["required"], &mut unsaid),
            "preferred": preferred(&request["preferred"], &mut unsaid),
        });
        let data = gql(
            &mut client,
            &admin,
            "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 10) { edges { node { graduate { id } } } } }",
            json!({ "c": criteria }),
        )?;
        let ranked: Vec<String> = data["candidatePool"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                keys.get(
                    &e["node"]["graduate"]["id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                )
                .map(|k| (*k).clone())
            })
            .collect();
        let grades: HashMap<String, i64> = request["judgments"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, g)| (k.clone(), g.as_i64().unwrap_or(0)))
            .collect();
        out.push(Judged {
            set,
            id: request["id"].as_str().unwrap_or_default().to_owned(),
            says: request["says"].as_str().unwrap_or_default().to_owned(),
            ndcg: ndcg(&ranked, &grades),
            unsaid,
        });
    }
    Ok(out)
}

/// The results as a Markdown section: nDCG@10 per request, the mean, and what each request
/// could not state, one table per set.
pub fn markdown(results: &[Judged]) -> String {
    let mut out = String::from(
        "\n## Ranking, judged (`bench/judged/`)\n\nRecruiter requests over a fixture of 40 \
         graduates, graded 0-3: 25 written before the formula was tuned, 15 held out (written \
         after it by a judge who had not seen it). One pool call per request, default weights; \
         `importance: DECISIVE` only where a request says a preference decides (\"above all\"). \
         Target: nDCG@10 >= 0.9 on every request.\n",
    );
    for (name, _) in SETS {
        let set: Vec<&Judged> = results.iter().filter(|r| r.set == name).collect();
        out.push_str(&format!(
            "\n### {name}\n\n| request | nDCG@10 | not stated (the API cannot say it yet) |\n|---|---|---|\n"
        ));
        for r in &set {
            let unsaid = if r.unsaid.is_empty() {
                "-".to_owned()
            } else {
                r.unsaid.join("; ")
            };
            out.push_str(&format!(
                "| {} {} | {:.3} | {} |\n",
                r.id, r.says, r.ndcg, unsaid
            ));
        }
        let mean = set.iter().map(|r| r.ndcg).sum::<f64>() / set.len().max(1) as f64;
        let met = set.iter().filter(|r| r.ndcg >= 0.9).count();
        out.push_str(&format!(
            "\nMean nDCG@10 {mean:.3}; {met} of {} requests at 0.9 or more.\n",
            set.len()
        ));
    }
    out
}

/// The judged set on a fresh demo database (SQLite), served by `binary`.
pub fn on_fresh_database(binary: &Path) -> Result<Vec<Judged>, String> {
    let file = std::env::temp_dir().join(format!("hitbridge-judged-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let url = format!("sqlite://{}?mode=rwc", file.display());
    procs::hitbridge_once(binary, &url, &["seed", "--demo"])?;
    let server = procs::start_hitbridge(binary, &url, false)?;
    let results = run(binary, &url, server.port);
    drop(server);
    let _ = std::fs::remove_file(&file);
    results
}

/// `hitbridge-bench judged [BINARY]`: the judged set alone, with `BINARY` (default: the
/// release build); writes `bench/judged/RESULTS.md` (the full run puts it in BENCHMARKS.md).
pub fn only(binary: Option<&str>) -> Result<(), String> {
    let binary = match binary {
        Some(path) => std::path::PathBuf::from(path),
        None => procs::build_server()?,
    };
    let results = on_fresh_database(&binary)?;
    let text = markdown(&results);
    std::fs::write(
        dir().join("RESULTS.md"),
        format!("# Judged set: results{text}"),
    )
    .map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_less_for_a_worse_one() {
        let grades: HashMap<String, i64> = [("a", 3), ("b", 2), ("c", 1)]
            .iter()
            .map(|(k, g)| ((*k).to_owned(), *g))
            .collect();
        let order = |keys: &[&str]| keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>();
        assert!((ndcg(&order(&["a", "b", "c"]), &grades) - 1.0).abs() < 1e-9);
        assert!(ndcg(&order(&["c", "b", "a"]), &grades) < 0.8);
        assert!(ndcg(&order(&["x", "a", "b", "c"]), &grades) < 1.0);
    }
}
