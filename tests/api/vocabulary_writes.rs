//! Consortium admins grow the vocabulary: a new term or alias works at once in criteria,
//! graduates' lists and the public listing; a word that already names another term is refused
//! with nothing written; every change is audited; nobody else may make one.

use hitbridge_tests::{TestApp, nodes, tokens};
use serde_json::{Value, json};

use crate::matrix::{World, expect_matrix, outcome};

const CREATE_SKILL: &str = "mutation($i: CreateSkillInput!) {
    createSkill(input: $i) { slug name kind aliases } }";
const UPDATE_SKILL: &str = "mutation($s: String!, $i: UpdateSkillInput!) {
    updateSkill(slug: $s, input: $i) { slug name kind aliases } }";
const CREATE_CERTIFICATION: &str = "mutation($i: CreateCertificationInput!) {
    createCertification(input: $i) { code name issuer aliases } }";
const UPDATE_CERTIFICATION: &str = "mutation($c: String!, $i: UpdateCertificationInput!) {
    updateCertification(code: $c, input: $i) { code name issuer aliases } }";
const SKILLS: &str = "query($s: String) { skills(first: 100, filter: { search: $s }) {
    totalCount edges { node { slug name kind aliases } } } }";
const POOL: &str = "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 50) {
    totalCount } }";

#[tokio::test]
async fn only_consortium_admins_change_the_vocabulary() {
    let world = World::new().await;
    let cell = |query: &'static str, vars: fn(usize) -> Value| {
        let world = &world;
        move |role: usize| async move { outcome(&world.send(role, query, vars(role)).await) }
    };
    expect_matrix(
        "createSkill",
        "FFFFFFA",
        cell(CREATE_SKILL, |role| {
            json!({ "i": { "slug": format!("new-skill-{role}"), "name": format!("New skill {role}"), "kind": "TECHNICAL" } })
        }),
    )
    .await;
    expect_matrix(
        "updateSkill",
        "FFFFFFA",
        cell(
            UPDATE_SKILL,
            |role| json!({ "s": "fhir", "i": { "addAliases": [format!("fast interop {role}")] } }),
        ),
    )
    .await;
    expect_matrix(
        "createCertification",
        "FFFFFFA",
        cell(CREATE_CERTIFICATION, |role| {
            json!({ "i": { "code": format!("NEW-{role}"), "name": format!("New credential {role}"), "issuer": "Test body" } })
        }),
    )
    .await;
    expect_matrix(
        "updateCertification",
        "FFFFFFA",
        cell(
            UPDATE_CERTIFICATION,
            |role| json!({ "c": "RHIT", "i": { "addAliases": [format!("health tech {role}")] } }),
        ),
    )
    .await;
    // Only the admin's writes landed: one skill, one alias each.
    let listed = world.send(0, SKILLS, json!({ "s": "new skill" })).await;
    let slugs: Vec<&Value> = nodes(listed.data(), "skills")
        .into_iter()
        .map(|n| &n["slug"])
        .collect();
    assert_eq!(slugs, vec!["new-skill-6"]);
}

async fn admin(app: &TestApp, query: &str, vars: Value) -> hitbridge_tests::Reply {
    app.gql(query)
        .vars(vars)
        .bearer(tokens::consortium_admin())
        .send()
        .await
}

async fn pool_total(app: &TestApp, ehr: &str) -> hitbridge_tests::Reply {
    let criteria = json!({ "required": { "ehrSystems": [ehr] } });
    admin(app, POOL, json!({ "c": criteria })).await
}

#[tokio::test]
async fn a_new_term_and_its_aliases_work_at_once_everywhere() {
    let app = TestApp::spawn_demo().await;
    // Before: unknown, with suggestions; the anonymous listing (cached) does not show it.
    assert_eq!(pool_total(&app, "AcmeCare").await.code(), "BAD_USER_INPUT");
    let before = app.gql(SKILLS).vars(json!({ "s": "acme" })).send().await;
    assert_eq!(before.data()["skills"]["totalCount"], 0);

    let input = json!({ "slug": "acme-ehr", "name": "Acme EHR", "kind": "EHR_SYSTEM",
        "aliases": ["AcmeCare", "acme clinical suite", "ACMECARE"] });
    let created = admin(&app, CREATE_SKILL, json!({ "i": input })).await;
    assert_eq!(
        created.data()["createSkill"],
        json!({ "slug": "acme-ehr", "name": "Acme EHR", "kind": "EHR_SYSTEM",
            "aliases": ["acme clinical suite", "AcmeCare"] }),
        "aliases are kept once each, ignoring case, in alphabetical order"
    );
    for word in ["acmecare", "Acme EHR", "acme-ehr"] {
        let reply = pool_total(&app, word).await;
        assert_eq!(reply.data()["candidatePool"]["totalCount"], 0, "{word}");
    }
    let listed = app
        .gql(SKILLS)
        .vars(json!({ "s": "acmecare" }))
        .send()
        .await;
    let found = nodes(listed.data(), "skills");
    assert_eq!(found.len(), 1, "the cached listing saw the new term");
    assert_eq!(
        found[0]["aliases"],
        json!(["acme clinical suite", "AcmeCare"])
    );

    // A rename keeps the old name as an alias; removing one takes it away.
    let renamed = admin(
        &app,
        UPDATE_SKILL,
        json!({ "s": "acme-ehr", "i": { "name": "Acme Health", "removeAliases": ["ACME CLINICAL SUITE"] } }),
    )
    .await;
    assert_eq!(
        renamed.data()["updateSkill"]["aliases"],
        json!(["Acme EHR", "AcmeCare"])
    );
    assert_eq!(
        pool_total(&app, "acme ehr").await.codes(),
        Vec::<String>::new()
    );
    assert_eq!(
        pool_total(&app, "acme clinical suite").await.code(),
        "BAD_USER_INPUT"
    );

    // Both changes are in the audit trail, with the aliases.
    let trail = admin(
        &app,
        "{ auditLog(first: 10) { edges { node { action entityType changes } } } }",
        json!({}),
    )
    .await;
    let entries = nodes(trail.data(), "auditLog");
    let actions: Vec<&str> = entries
        .iter()
        .filter_map(|n| n["action"].as_str())
        .collect();
    assert_eq!(actions[..2], ["skill.update", "skill.create"]);
    let aliases = &entries[0]["changes"]["aliases"];
    assert_eq!(aliases["to"], json!(["Acme EHR", "AcmeCare"]), "{aliases}");
}

async fn total(app: &TestApp) -> Value {
    let listed = app.gql(SKILLS).send().await;
    listed.data()["skills"]["totalCount"].clone()
}

#[tokio::test]
async fn a_word_that_names_another_term_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn_demo().await;
    let count = total(&app).await;
    let cases = [
        (
            json!({ "slug": "cerner-2", "name": "Cerner 2", "kind": "EHR_SYSTEM", "aliases": ["cerner"] }),
            "input.aliases",
            "oracle-health",
        ),
        (
            json!({ "slug": "epic-2", "name": "EPIC", "kind": "EHR_SYSTEM" }),
            "input.name",
            "epic",
        ),
        (
            json!({ "slug": "epic", "name": "Epic again", "kind": "EHR_SYSTEM" }),
            "input.slug",
            "epic",
        ),
        (
            json!({ "slug": "Not A Slug", "name": "x", "kind": "TECHNICAL" }),
            "input.slug",
            "slug",
        ),
    ];
    for (input, field, says) in cases {
        let reply = admin(&app, CREATE_SKILL, json!({ "i": input })).await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{input}");
        assert_eq!(
            reply.body["errors"][0]["extensions"]["field"], field,
            "{input}"
        );
        let message = reply.body["errors"][0]["message"].to_string();
        assert!(message.contains(says), "{message}");
    }
    assert_eq!(total(&app).await, count, "nothing was written");
    let taken = admin(
        &app,
        UPDATE_CERTIFICATION,
        json!({ "c": "rhit", "i": { "addAliases": ["RHIA"] } }),
    )
    .await;
    assert_eq!(taken.code(), "BAD_USER_INPUT");
    let missing = admin(&app, UPDATE_SKILL, json!({ "s": "no-such-skill", "i": {} })).await;
    assert_eq!(missing.code(), "NOT_FOUND");
    let long = admin(
        &app,
        UPDATE_SKILL,
        json!({ "s": "fhir", "i": { "addAliases": ["x".repeat(101)] } }),
    )
    .await;
    assert_eq!(long.code(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_new_certification_is_held_and_required_by_its_alias() {
    let app = TestApp::spawn_demo().await;
    let input = json!({ "code": "chda-2", "name": "Certified Health Data Analyst II",
        "issuer": "AHIMA", "aliases": ["Data Analyst II"] });
    let created = admin(&app, CREATE_CERTIFICATION, json!({ "i": input })).await;
    assert_eq!(created.data()["createCertification"]["code"], "CHDA-2");
    let criteria = json!({ "required": { "certifications": ["data analyst ii"] } });
    let reply = admin(&app, POOL, json!({ "c": criteria })).await;
    assert_eq!(reply.data()["candidatePool"]["totalCount"], 0);
}
