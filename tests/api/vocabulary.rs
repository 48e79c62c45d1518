//! The shared vocabulary is listed for anyone, so CSV authors and integrators look up slugs and
//! codes instead of guessing them: skills by kind and search, certifications by search, paged.

use hitbridge_tests::{TestApp, nodes};
use serde_json::json;

const SKILLS: &str =
    "query($f: SkillFilter, $after: String) { skills(first: 5, filter: $f, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { slug name kind } } } }";
const CERTIFICATIONS: &str =
    "query($s: String) { certifications(first: 100, filter: { search: $s }) {
    totalCount edges { node { code name issuer } } } }";

fn field(nodes: &[&serde_json::Value], name: &str) -> Vec<String> {
    nodes
        .iter()
        .filter_map(|n| n[name].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn anyone_lists_the_vocabulary_by_kind_and_search() {
    let app = TestApp::spawn_demo().await;
    let ehr = app
        .gql(SKILLS)
        .vars(json!({ "f": { "kind": "EHR_SYSTEM", "search": "cerner" } }))
        .send()
        .await;
    let found = nodes(ehr.data(), "skills");
    assert_eq!(field(&found, "slug"), vec!["oracle-health"]);
    let coding = app
        .gql(CERTIFICATIONS)
        .vars(json!({ "s": "chts" }))
        .send()
        .await;
    let codes = field(&nodes(coding.data(), "certifications"), "code");
    assert!(
        codes.len() >= 6 && codes.iter().all(|c| c.starts_with("CHTS-")),
        "{codes:?}"
    );
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "by code");
}

#[tokio::test]
async fn the_whole_skill_list_pages_without_gaps_or_repeats() {
    let app = TestApp::spawn_demo().await;
    let (mut seen, mut after) = (Vec::new(), None::<String>);
    let total = loop {
        let reply = app
            .gql(SKILLS)
            .vars(json!({ "f": null, "after": after }))
            .send()
            .await;
        let page = &reply.data()["skills"];
        seen.extend(field(&nodes(reply.data(), "skills"), "slug"));
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            break page["totalCount"].as_u64().unwrap_or(0);
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    };
    assert_eq!(seen.len() as u64, total);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted, "every slug once, in order");
    assert!(seen.contains(&"epic".to_owned()) && seen.contains(&"sql".to_owned()));
}
