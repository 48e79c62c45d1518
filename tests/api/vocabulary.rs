//! The shared vocabulary is listed for anyone, so CSV authors and integrators look up slugs and
//! codes instead of guessing them: skills by kind and search, certifications by search, paged.

use hitbridge_tests::{TestApp, nodes};
use serde_json::json;

const SKILLS: &str =
    "query($f: SkillFilter, $after: String) { skills(first: 100, filter: $f, after: $after) {
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
    assert!(field(&found, "slug").contains(&"oracle-health".to_owned()));
    // Others whose name or an alias says Cerner (e.g. CommunityWorks) come too, all EHR systems.
    assert!(found.iter().all(|s| s["kind"] == "EHR_SYSTEM"));
    let by_alias = app
        .gql(SKILLS)
        .vars(json!({ "f": { "search": "cerner millennium" } }))
        .send()
        .await;
    let found = nodes(by_alias.data(), "skills");
    assert_eq!(
        field(&found, "slug"),
        vec!["oracle-health"],
        "found by its alias"
    );
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

const POOL: &str = "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 100) {
    edges { node { matchScore matchReasons graduate { id version skills { slug } } } } } }";

/// The pool's graduates for `criteria`, as (id, score, reasons).
async fn pool(app: &TestApp, criteria: serde_json::Value) -> Vec<serde_json::Value> {
    let reply = app
        .gql(POOL)
        .vars(json!({ "c": criteria }))
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    nodes(reply.data(), "candidatePool")
        .into_iter()
        .cloned()
        .collect()
}

/// The vocabulary has no cap: 150 skills past the demo's are tagged, one far past the old 63-bit
/// limit is given to a graduate through the API, and the pool finds them by it, as a requirement
/// and as a preference.
#[tokio::test]
async fn a_vocabulary_past_the_old_cap_matches_like_the_first_entries() {
    use entity::{enums::SkillKind, skill};
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let app = TestApp::spawn_demo().await;
    let extra = (0..150).map(|i| skill::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        slug: Set(format!("extra-skill-{i:03}")),
        name: Set(format!("Extra skill {i}")),
        kind: Set(SkillKind::Technical),
        tag: Set(None),
    });
    skill::Entity::insert_many(extra)
        .exec_without_returning(&app.db)
        .await
        .expect("insert");
    api::service::vocabulary::tags::assign(&app.db)
        .await
        .expect("tags");
    let someone = pool(&app, json!({})).await[0]["graduate"].clone();
    let mut skills: Vec<String> = someone["skills"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["slug"].as_str().map(str::to_owned))
        .collect();
    skills.push("extra-skill-149".into());
    let update = "mutation($id: ID!, $v: Int!, $s: [String!]) {
        updateGraduate(id: $id, expectedVersion: $v, input: { skills: $s }) { id } }";
    app.gql(update)
        .vars(json!({ "id": someone["id"], "v": someone["version"], "s": skills }))
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await
        .data();
    let required = pool(
        &app,
        json!({ "required": { "skills": ["extra-skill-149"] } }),
    )
    .await;
    let ids: Vec<&serde_json::Value> = required.iter().map(|e| &e["graduate"]["id"]).collect();
    assert_eq!(ids, vec![&someone["id"]]);
    let preferred = pool(
        &app,
        json!({ "preferred": { "skills": ["extra-skill-149"] } }),
    )
    .await;
    assert_eq!(preferred[0]["graduate"]["id"], someone["id"]);
    assert_eq!(preferred[0]["matchScore"], 1.0);
    assert!(preferred[1]["matchScore"].as_f64() < Some(1.0));
    let said = preferred[0]["matchReasons"].to_string();
    assert!(said.contains("Has Extra skill 149 (preferred)"), "{said}");
}

/// Migration 000016 turns the bits into tags: undone and reapplied over the demo, the pool gives
/// the same answer for list criteria.
#[tokio::test]
async fn the_tags_migration_keeps_every_pool_answer() {
    let app = TestApp::spawn_demo().await;
    let criteria = json!({ "required": { "ehrSystems": ["epic", "meditech"] },
        "preferred": { "skills": ["hipaa", "sql", "fhir"], "certifications": ["RHIT", "CCS"] } });
    let before = pool(&app, criteria.clone()).await;
    assert!(before.len() > 5);
    hitbridge_tests::reapply_migrations_from(&app.db, "m20261204_000016_vocabulary_tags").await;
    assert_eq!(pool(&app, criteria).await, before);
}

/// A term is named by its slug, its name or an alias, in any case, in criteria and in a
/// graduate's lists; an unknown one is refused with the closest known terms.
#[tokio::test]
async fn aliases_name_the_same_term_and_unknown_terms_get_suggestions() {
    let app = TestApp::spawn_demo().await;
    let by = |ehr: &str| json!({ "required": { "ehrSystems": [ehr] } });
    let slug = pool(&app, by("oracle-health")).await;
    assert!(!slug.is_empty());
    for alias in [
        "Cerner",
        "cerner millennium",
        "ORACLE HEALTH (FORMERLY CERNER)",
    ] {
        assert_eq!(pool(&app, by(alias)).await, slug, "{alias}");
    }
    let refused = app
        .gql(POOL)
        .vars(json!({ "c": by("Cernr Milenium") }))
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    assert_eq!(refused.code(), "BAD_USER_INPUT");
    let message = refused.body["errors"][0]["message"].to_string();
    assert!(message.contains("closest: oracle-health"), "{message}");
    let cert = app
        .gql(POOL)
        .vars(json!({ "c": { "required": { "certifications": ["CHTS-ISS"] } } }))
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    let message = cert.body["errors"][0]["message"].to_string();
    assert!(message.contains("CHTS-IS"), "{message}");
    // A graduate's list takes aliases too, and keeps the term's slug.
    let someone = slug[0]["graduate"].clone();
    let update = "mutation($id: ID!, $v: Int!) {
        updateGraduate(id: $id, expectedVersion: $v, input: { ehrSystems: [\"Cerner\", \"epic\"] }) {
          ehrSystems { slug } } }";
    let reply = app
        .gql(update)
        .vars(json!({ "id": someone["id"], "v": someone["version"] }))
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    let mut held: Vec<String> = reply.data()["updateGraduate"]["ehrSystems"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["slug"].as_str().map(str::to_owned))
        .collect();
    held.sort();
    assert_eq!(held, vec!["epic", "oracle-health"]);
}

/// Programs and postings name their skills as criteria do: by slug, name or alias, any case.
#[tokio::test]
async fn programs_and_postings_take_names_and_aliases_too() {
    let app = TestApp::spawn_demo().await;
    let admin = hitbridge_tests::tokens::consortium_admin();
    let school = app
        .gql("{ institutions(first: 1) { edges { node { slug } } } }")
        .send()
        .await;
    let school = nodes(school.data(), "institutions")[0]["slug"].clone();
    let program = json!({ "institution": school, "slug": "aliased-skills", "name": "Health Data",
        "credential": "CERTIFICATE", "cipCode": "51.2706", "modality": "ONLINE",
        "durationMonths": 9, "skills": ["SQL", "Cerner Millennium", "fhir"], "hitRoles": [] });
    let created = app
        .gql("mutation($i: CreateProgramInput!) { createProgram(input: $i) { skills { slug } ehrSystems { slug } } }")
        .vars(json!({ "i": program }))
        .bearer(&admin)
        .send()
        .await;
    let made = &created.data()["createProgram"];
    let mut skills = field(
        &made["skills"]
            .as_array()
            .expect("skills")
            .iter()
            .collect::<Vec<_>>(),
        "slug",
    );
    skills.sort();
    assert_eq!(skills, vec!["fhir", "sql"]);
    assert_eq!(made["ehrSystems"], json!([{ "slug": "oracle-health" }]));
    let mut typo = program.clone();
    typo["slug"] = json!("typo-skills");
    typo["skills"] = json!(["Cernr Milenium"]);
    let refused = app
        .gql("mutation($i: CreateProgramInput!) { createProgram(input: $i) { slug } }")
        .vars(json!({ "i": typo }))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(refused.code(), "BAD_USER_INPUT");
    let message = refused.body["errors"][0]["message"].to_string();
    assert!(message.contains("closest: oracle-health"), "{message}");

    let posting = crate::internships::posting(
        crate::internships::HOSPITAL,
        json!({ "skills": ["Structured Query Language"], "ehrSystems": ["cerner"] }),
    );
    let posted = crate::internships::create(&app, &admin, posting).await;
    let made = &posted.data()["createInternship"];
    assert_eq!(made["ehrSystems"], json!([{ "slug": "oracle-health" }]));
}
