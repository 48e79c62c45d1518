//! SQLite and PostgreSQL give the same answers to the same catalog queries and candidate pool
//! requests (scores, order, reasons), cursors included (compared opened: each sealing is salted).
//! Runs when `DATABASE_URL` names a PostgreSQL server (as in CI); otherwise there is nothing to
//! compare and the test says so.

use api::sealed::{Purpose, Sealer};
use hitbridge_tests::{Backend, TestApp, postgres_url};
use serde_json::Value;

/// The key both servers seal with, so the test can open their cursors.
const KEY: &str = "parity-test-sealing-key-0123456789abcdef";

/// `answer` with every `cursor` replaced by what it holds.
fn opened(answer: &Value, sealer: &Sealer) -> Value {
    match answer {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| match (k.as_str(), v.as_str()) {
                    ("cursor", Some(text)) => {
                        let plain = sealer.open(Purpose::Cursor, text).expect("a sealed cursor");
                        (
                            k.clone(),
                            Value::String(String::from_utf8_lossy(&plain).into()),
                        )
                    }
                    _ => (k.clone(), opened(v, sealer)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| opened(v, sealer)).collect()),
        other => other.clone(),
    }
}

const QUERIES: [&str; 5] = [
    "{ institutions(first: 100) { totalCount edges { cursor node { id slug name kind state
         programs(first: 20) { totalCount edges { node { slug status skills { slug } hitRoles } } } } } } }",
    "{ programs(first: 100, orderBy: NEXT_START) { totalCount edges { node { slug nextStart institution { slug } } } } }",
    "{ programs(first: 100, filter: { search: \"health\" }) { totalCount edges { node { slug } } } }",
    "{ internships(first: 100, orderBy: TITLE) { totalCount edges { node { id title employer { slug } skills { slug } } } } }",
    "{ employerPartners(first: 100, filter: { rural: true }) { totalCount edges { node { slug ehrSystems { slug } internships { totalCount } } } } }",
];

/// Pool requests in the shapes recruiters state them: groups, match modes, importance, graded
/// preferences, ties (asked by a consortium admin, whose pool is every school's).
const POOLS: [&str; 3] = [
    r#"{ required: { ehrSystems: ["epic", "meditech"], ehrSystemsMatch: ANY, anyOf: [{ states: ["GA"] }, { openToRelocation: true }] },
       preferred: { certifications: ["CHTS-IS", "CHTS-CP"], certificationsMatch: ANY, skills: ["fhir", "sql"], regions: ["Region 1"], openToRural: true, availableBy: "2026-06-01" } }"#,
    r#"{ required: { seeking: [FULL_TIME, PART_TIME], seekingMatch: ANY },
       preferred: { ehrSystems: ["oracle-health"], importance: DECISIVE, alsoPreferred: [{ minYearsOfExperience: 3 }, { skills: ["hl7-v2"], importance: LOW }] } }"#,
    r#"{ required: { backgrounds: [CLINICAL, CLINICAL_AND_IT, CAREER_CHANGER] }, preferred: { graduatedAfter: "2024-01-01" } }"#,
];

#[tokio::test]
async fn sqlite_and_postgres_answer_alike() {
    if postgres_url().is_none() {
        eprintln!("parity: DATABASE_URL is not PostgreSQL; SQLite-only run, nothing to compare");
        return;
    }
    let keys = [("HITBRIDGE_TOKEN_KEYS", KEY)];
    let sqlite = TestApp::spawn_with(Backend::Sqlite, &keys).await;
    let postgres = TestApp::spawn_with(Backend::Postgres, &keys).await;
    let sealer = Sealer::new([KEY.as_bytes()]);
    sqlite.seed().await;
    postgres.seed().await;
    for query in QUERIES {
        let a = sqlite.gql(query).send().await;
        let b = postgres.gql(query).send().await;
        assert_eq!(
            opened(a.data(), &sealer),
            opened(b.data(), &sealer),
            "same answer on both databases for {query}"
        );
    }
    let admin = hitbridge_tests::tokens::consortium_admin();
    for criteria in POOLS {
        let query = format!(
            "{{ candidatePool(first: 50, criteria: {criteria}) {{ totalCount edges {{ cursor node {{
               matchScore matchReasons missingSkills breakdown {{ criterion contribution }}
               graduate {{ id }} }} }} }} }}"
        );
        let a = sqlite.gql(&query).bearer(&admin).send().await;
        let b = postgres.gql(&query).bearer(&admin).send().await;
        assert!(
            a.data()["candidatePool"]["totalCount"].as_i64() > Some(0),
            "{criteria} finds someone"
        );
        assert_eq!(
            opened(a.data(), &sealer),
            opened(b.data(), &sealer),
            "same ranking on both databases for {criteria}"
        );
    }
}
