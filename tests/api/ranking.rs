//! How the pool ranks, as README's "How candidates are ranked" states it: each named item is a
//! unit and an ANY list one; a satisfied preference never lowers a candidate; a DECISIVE one
//! outranks every combination of lesser ones; ties follow the documented merit order; and every
//! criterion, required ones and `anyOf` alternatives included, has a reason.

use serde_json::{Value, json};

use crate::matrix::World;

const POOL: &str = "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 100) {
    edges { node { matchScore matchReasons matchedSkills
      breakdown { criterion importance units fraction contribution }
      graduate { id yearsOfExperience graduationYear graduationTerm openToRelocation openToRural
        skills { slug } ehrSystems { slug } } } } } }";

const SEVEN: [&str; 7] = [
    "epic",
    "oracle-health",
    "meditech",
    "veradigm",
    "eclinicalworks",
    "athenahealth",
    "nextgen",
];

async fn pool(w: &World, c: Value) -> Vec<Value> {
    let reply = w.send(6, POOL, json!({ "c": c })).await;
    hitbridge_tests::nodes(reply.data(), "candidatePool")
        .into_iter()
        .cloned()
        .collect()
}

fn score(entry: &Value) -> f64 {
    entry["matchScore"].as_f64().unwrap_or(-1.0)
}

fn holds(g: &Value, list: &str, slug: &str) -> bool {
    g[list]
        .as_array()
        .into_iter()
        .flatten()
        .any(|i| i["slug"] == slug)
}

/// The graduation as a sortable number (year, then term in the year's order).
fn graduated(g: &Value) -> i64 {
    let term = match g["graduationTerm"].as_str() {
        Some("SPRING") => 1,
        Some("SUMMER") => 2,
        _ => 3,
    };
    g["graduationYear"].as_i64().unwrap_or(0) * 10 + term
}

#[tokio::test]
async fn each_named_item_is_a_unit_and_an_any_list_is_one() {
    let w = World::new().await;
    let c = json!({ "preferred": { "skills": ["hipaa", "sql", "fhir"],
        "ehrSystems": SEVEN, "ehrSystemsMatch": "ANY" } });
    let found = pool(&w, c).await;
    assert!(found.len() > 10);
    for entry in &found {
        let g = &entry["graduate"];
        let skills = ["hipaa", "sql", "fhir"]
            .iter()
            .filter(|s| holds(g, "skills", s))
            .count() as f64;
        let any_ehr = SEVEN.iter().any(|s| holds(g, "ehrSystems", s));
        let lines = entry["breakdown"].as_array().expect("breakdown");
        assert_eq!(lines[0]["units"], 3);
        assert_eq!(lines[1]["units"], 1);
        // Four units of equal weight: each skill held and any one system are a quarter each.
        let want = (skills + f64::from(u8::from(any_ehr))) / 4.0;
        assert!((score(entry) - want).abs() < 1e-9, "{entry}");
        let sum: f64 = lines
            .iter()
            .filter_map(|l| l["contribution"].as_f64())
            .sum();
        assert!((sum - score(entry)).abs() < 1e-9, "the breakdown adds up");
    }
}

#[tokio::test]
async fn adding_a_satisfied_preference_never_lowers_a_candidate() {
    let w = World::new().await;
    let bases = [
        json!({ "skills": ["hipaa", "sql"], "backgrounds": ["CLINICAL"] }),
        json!({ "ehrSystems": ["epic"], "minYearsOfExperience": 3,
                "alsoPreferred": [{ "openToRelocation": true, "importance": "DECISIVE" }] }),
    ];
    let added = [
        ("openToRural", json!(true)),
        ("certifications", json!(["RHIT"])),
        ("graduatedAfter", json!("2025-06-01")),
    ];
    for base in &bases {
        let before = pool(&w, json!({ "preferred": base })).await;
        for (field, value) in &added {
            let mut more = base.clone();
            more[*field] = value.clone();
            let after = pool(&w, json!({ "preferred": more })).await;
            let mut checked = 0;
            for entry in &after {
                let line = entry["breakdown"]
                    .as_array()
                    .and_then(|l| l.iter().find(|l| l["fraction"] == 1.0 && is(l, field)));
                let Some(_) = line else { continue };
                let id = &entry["graduate"]["id"];
                // Both are first pages of 100: compare those on both.
                let Some(old) = before.iter().find(|e| &e["graduate"]["id"] == id) else {
                    continue;
                };
                let old = score(old);
                assert!(score(entry) >= old - 1e-12, "{field} lowered {id}");
                checked += 1;
            }
            assert!(checked > 0, "{field}: someone meets it");
        }
    }
}

/// Whether a breakdown line is the criterion of an input field.
fn is(line: &Value, field: &str) -> bool {
    let criterion = match field {
        "openToRural" => "RURAL",
        "certifications" => "CERTIFICATIONS",
        _ => "GRADUATED_AFTER",
    };
    line["criterion"] == criterion
}

#[tokio::test]
async fn a_decisive_preference_outranks_every_combination_of_lesser_ones() {
    let w = World::new().await;
    let lesser = json!({ "skills": ["hipaa", "sql", "fhir"], "ehrSystems": ["epic", "meditech"],
        "backgrounds": ["CLINICAL", "IT"], "openToRural": true, "skillsWeight": 5 });
    let movers_first = |found: &[Value]| {
        let first_stayer = found
            .iter()
            .position(|e| e["graduate"]["openToRelocation"] == false);
        first_stayer.is_none_or(|at| {
            found[at..]
                .iter()
                .all(|e| e["graduate"]["openToRelocation"] == false)
        })
    };
    let mut normal = lesser.clone();
    normal["alsoPreferred"] = json!([{ "openToRelocation": true }]);
    let found = pool(&w, json!({ "preferred": normal })).await;
    assert!(
        !movers_first(&found),
        "as a normal preference it does not decide"
    );
    let mut decisive = lesser;
    decisive["alsoPreferred"] = json!([{ "openToRelocation": true, "importance": "DECISIVE" }]);
    let found = pool(&w, json!({ "preferred": decisive })).await;
    assert!(found.len() > 10);
    assert!(movers_first(&found), "every mover ranks above every stayer");
    let line = &found[0]["breakdown"][4];
    assert_eq!(
        (&line["criterion"], &line["importance"]),
        (&json!("RELOCATION"), &json!("DECISIVE"))
    );
}

/// Ties: the named items held (each of an ANY list of n counting 1/n), then years of experience
/// and recency (recency first when it is preferred), then id.
#[tokio::test]
async fn ties_follow_the_documented_merit_order() {
    let w = World::new().await;
    let named = ["hipaa", "sql", "fhir"];
    for recency in [false, true] {
        let mut preferred = json!({ "openToRural": true });
        if recency {
            preferred["graduatedAfter"] = json!("2030-01-01");
        }
        let c = json!({ "required": { "skills": named, "skillsMatch": "ANY" }, "preferred": preferred });
        let found = pool(&w, c).await;
        assert!(found.len() > 10);
        let key = |e: &Value| {
            let g = &e["graduate"];
            let held = named.iter().filter(|s| holds(g, "skills", s)).count() as i64;
            let years = g["yearsOfExperience"].as_i64().unwrap_or(0);
            let (first, second) = if recency {
                (graduated(g), years)
            } else {
                (years, graduated(g))
            };
            (held, first, second)
        };
        let mut ties = 0;
        for pair in found.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(score(a) >= score(b));
            if score(a) != score(b) {
                continue;
            }
            ties += 1;
            let (ka, kb) = (key(a), key(b));
            assert!(
                ka > kb
                    || (ka == kb && a["graduate"]["id"].as_str() < b["graduate"]["id"].as_str()),
                "tie order: {ka:?} then {kb:?}"
            );
        }
        assert!(ties > 5, "the test meets ties");
    }
}

#[tokio::test]
async fn every_required_criterion_and_alternative_met_has_a_reason() {
    let w = World::new().await;
    let c = json!({ "required": {
        "certifications": ["CCS", "CPC", "CCA", "RHIT"], "certificationsMatch": "ANY",
        "seeking": ["FULL_TIME", "INTERNSHIP", "PART_TIME"],
        "anyOf": [{ "ehrSystems": ["epic"] }, { "ehrSystems": ["meditech"] }, { "skills": ["medical-coding"] }] } });
    let found = pool(&w, c).await;
    assert!(!found.is_empty());
    for entry in &found {
        let reasons: Vec<&str> = entry["matchReasons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("Holds ") && r.contains("certifications asked (required)")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("Looking for") && r.ends_with("(required)"))
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.ends_with("(a required alternative)")),
            "the alternative met is said: {reasons:?}"
        );
    }
}

#[tokio::test]
async fn groups_and_blocks_are_bounded_and_name_their_field() {
    let w = World::new().await;
    let nested = |depth: usize| {
        (0..depth).fold(
            json!({ "skills": ["hipaa"] }),
            |inner, _| json!({ "skills": ["sql"], "anyOf": [inner] }),
        )
    };
    let eleven: Vec<Value> = (0..11).map(|_| json!({ "skills": ["sql"] })).collect();
    let refused = [
        (
            json!({ "required": { "anyOf": [{}] } }),
            "criteria.required.anyOf[0]",
        ),
        (
            json!({ "required": { "anyOf": [{ "skills": ["no-such-skill"] }] } }),
            "criteria.required.anyOf[0].skills",
        ),
        (
            json!({ "required": nested(4) }),
            "criteria.required.anyOf[0].anyOf[0].anyOf[0].anyOf",
        ),
        (
            json!({ "required": { "anyOf": eleven } }),
            "criteria.required.anyOf",
        ),
        (
            json!({ "preferred": { "alsoPreferred": [{ "alsoPreferred": [{ "openToRural": true }] }] } }),
            "criteria.preferred.alsoPreferred[0].alsoPreferred",
        ),
        (
            json!({ "preferred": { "alsoPreferred": [{ "skillsWeight": 0, "skills": ["sql"] }] } }),
            "criteria.preferred.alsoPreferred[0].skillsWeight",
        ),
    ];
    for (c, field) in refused {
        let reply = w.send(6, POOL, json!({ "c": c })).await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{c}");
        assert_eq!(reply.body["errors"][0]["extensions"]["field"], field, "{c}");
    }
    // Three levels deep is within bounds (no error).
    w.send(6, POOL, json!({ "c": { "required": nested(3) } }))
        .await
        .data();
}
