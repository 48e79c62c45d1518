//! Preferences beyond lists: years of experience (graded up to the number preferred), recency of
//! graduation, relocation and the kind of position sought rank candidates, and each line of the
//! breakdown (and the sentence beside it) says how far the graduate meets it.

use serde_json::{Value, json};

use crate::matrix::World;

const POOL: &str = "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 100) {
    edges { node { matchScore matchReasons breakdown { criterion fraction }
      graduate { yearsOfExperience graduationYear graduationTerm openToRelocation seeking } } } } }";

async fn pool(w: &World, preferred: Value) -> Vec<Value> {
    let reply = w
        .send(6, POOL, json!({ "c": { "preferred": preferred } }))
        .await;
    hitbridge_tests::nodes(reply.data(), "candidatePool")
        .into_iter()
        .cloned()
        .collect()
}

fn fraction(entry: &Value) -> f64 {
    entry["breakdown"][0]["fraction"].as_f64().unwrap_or(-1.0)
}

#[tokio::test]
async fn years_preferred_count_each_year_up_to_the_number() {
    let w = World::new().await;
    let found = pool(&w, json!({ "minYearsOfExperience": 3 })).await;
    assert!(found.len() > 10);
    let mut last = f64::INFINITY;
    for entry in &found {
        let years = entry["graduate"]["yearsOfExperience"]
            .as_i64()
            .unwrap_or(-1);
        let want = years.min(3) as f64 / 3.0;
        assert!((fraction(entry) - want).abs() < 1e-9, "{entry}");
        assert_eq!(entry["breakdown"][0]["criterion"], "YEARS_OF_EXPERIENCE");
        let score = entry["matchScore"].as_f64().unwrap_or(-1.0);
        assert!(score <= last, "ranked by it");
        last = score;
    }
    assert!(found.iter().any(|e| fraction(e) == 1.0) && found.iter().any(|e| fraction(e) < 1.0));
    let zero = w
        .send(
            6,
            POOL,
            json!({ "c": { "preferred": { "minYearsOfExperience": 0 } } }),
        )
        .await;
    assert_eq!(zero.code(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn recency_relocation_and_position_are_met_or_not_and_said_so() {
    let w = World::new().await;
    let recent = pool(&w, json!({ "graduatedAfter": "2025-06-01" })).await;
    for entry in &recent {
        let g = &entry["graduate"];
        let year = g["graduationYear"].as_i64().unwrap_or(0);
        let after = year > 2025 || (year == 2025 && g["graduationTerm"] != "SPRING");
        assert_eq!(fraction(entry) == 1.0, after, "{entry}");
        let said = entry["matchReasons"].to_string();
        assert!(
            said.contains(if after {
                "recently enough"
            } else {
                "before the preferred"
            }),
            "{said}"
        );
    }
    let movers = pool(&w, json!({ "openToRelocation": true })).await;
    for entry in &movers {
        assert_eq!(
            fraction(entry) == 1.0,
            entry["graduate"]["openToRelocation"] == true
        );
    }
    let part_time = pool(&w, json!({ "seeking": ["PART_TIME"] })).await;
    for entry in &part_time {
        let seeks = entry["graduate"]["seeking"]
            .as_array()
            .is_some_and(|s| s.iter().any(|k| k == "PART_TIME"));
        assert_eq!(fraction(entry) == 1.0, seeks, "{entry}");
    }
    for list in [&recent, &movers, &part_time] {
        assert!(list.iter().any(|e| fraction(e) == 1.0) && list.iter().any(|e| fraction(e) == 0.0));
    }
}
