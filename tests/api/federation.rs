//! Apollo Federation: the published SDL equals the code, and `_entities` resolves references
//! through the same rules as every other read.

use hitbridge_tests::{Backend, TestApp, nodes};
use serde_json::{Value, json};

use crate::catalog::demo_draft;

#[test]
fn schema_graphql_is_what_the_code_exports() {
    let published = include_str!("../../schema.graphql");
    assert!(
        published == api::graphql::sdl(),
        "schema.graphql is stale: run `cargo run -p api -- schema > schema.graphql`"
    );
}

#[tokio::test]
async fn the_service_sdl_declares_keys_on_entities() {
    let app = TestApp::spawn().await;
    let reply = app.gql("{ _service { sdl } }").send().await;
    let sdl = reply.data()["_service"]["sdl"]
        .as_str()
        .expect("sdl")
        .to_string();
    for entity in ["Institution", "Program", "EmployerPartner", "Internship"] {
        assert!(
            sdl.contains(&format!("type {entity} @key(fields: \"id\")")),
            "{entity} is a federation entity"
        );
    }
}

#[tokio::test]
async fn entities_resolve_public_records_by_id() {
    let app = TestApp::spawn_demo().await;
    let list = app
        .gql("{ institutions(first: 1) { edges { node { id name } } } employerPartners(first: 1) { edges { node { id name } } } }")
        .send()
        .await;
    let data = list.data();
    let school = nodes(data, "institutions")[0].clone();
    let employer = nodes(data, "employerPartners")[0].clone();
    let reply = app
        .gql(
            "query($r: [_Any!]!) { _entities(representations: $r) {
                ... on Institution { name } ... on EmployerPartner { name } } }",
        )
        .vars(json!({ "r": [
            { "__typename": "Institution", "id": school["id"] },
            { "__typename": "EmployerPartner", "id": employer["id"] },
        ] }))
        .send()
        .await;
    let entities = &reply.data()["_entities"];
    assert_eq!(entities[0]["name"], school["name"]);
    assert_eq!(entities[1]["name"], employer["name"]);
}

#[tokio::test]
async fn a_hidden_reference_is_null_and_leaves_the_others_resolved() {
    let app = TestApp::spawn_demo().await;
    let draft = demo_draft(&app).await;
    let list = app
        .gql("{ programs(first: 1) { edges { node { id name } } } }")
        .send()
        .await;
    let published = nodes(list.data(), "programs")[0].clone();
    let reply = app
        .gql(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Program { id name } } }",
        )
        .vars(json!({ "r": [
            { "__typename": "Program", "id": published["id"] },
            { "__typename": "Program", "id": draft.id.to_string() },
            { "__typename": "Program", "id": published["id"] },
            { "__typename": "Program", "id": uuid::Uuid::new_v4().to_string() },
        ] }))
        .send()
        .await;
    let entities = &reply.body["data"]["_entities"];
    assert_eq!(entities[0]["name"], published["name"], "{reply:?}");
    assert_eq!(
        entities[1],
        Value::Null,
        "the draft stays hidden: {reply:?}"
    );
    assert_eq!(entities[2]["name"], published["name"], "{reply:?}");
    assert_eq!(entities[3], Value::Null, "{reply:?}");
    assert_eq!(reply.codes(), ["NOT_FOUND", "NOT_FOUND"], "{reply:?}");
    let errors = reply.body["errors"].as_array().expect("errors");
    assert_eq!(
        errors[0], errors[1],
        "a hidden record and a missing one are answered alike"
    );
    assert_eq!(errors[0]["path"], json!(["_entities"]));
    assert!(!reply.body.to_string().contains(&draft.name), "{reply:?}");
}

const GATEWAY_SECRET: &str = "a-gateway-secret-of-at-least-32-bytes";

#[tokio::test]
async fn with_introspection_off_only_the_gateway_secret_reads_the_sdl() {
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[
            ("HITBRIDGE_INTROSPECTION", "off"),
            ("HITBRIDGE_GATEWAY_SECRET", GATEWAY_SECRET),
        ],
    )
    .await;
    let sdl = "{ _service { sdl } }";
    let gateway = app
        .gql(sdl)
        .header("x-hitbridge-gateway-secret", GATEWAY_SECRET)
        .send()
        .await;
    assert!(
        gateway.data()["_service"]["sdl"]
            .as_str()
            .is_some_and(|s| s.contains("type Program @key")),
        "{gateway:?}"
    );
    // After the gateway read it (the answer must not have been cached for the public), and
    // however the field is reached.
    for (query, secret) in [
        (sdl, None),
        (sdl, Some("a-wrong-secret-of-at-least-32-bytes!!")),
        (
            "{ ...F } fragment F on Query { ... on Query { s: _service { sdl } } }",
            None,
        ),
    ] {
        let mut request = app.gql(query);
        if let Some(secret) = secret {
            request = request.header("x-hitbridge-gateway-secret", secret);
        }
        let reply = request.send().await;
        assert_eq!(reply.code(), "FORBIDDEN", "{query} with {secret:?}");
        assert!(
            !reply.body.to_string().contains("@key"),
            "no SDL in a refusal"
        );
    }
    let catalog = app
        .gql("{ programs(first: 1) { totalCount } }")
        .send()
        .await;
    assert!(catalog.codes().is_empty(), "other queries are unaffected");

    // Over GET, the gateway's answer is one no CDN may keep for the next asker.
    let over_get = app
        .client()
        .get(app.url("/graphql"))
        .query(&[("query", sdl)])
        .header("x-hitbridge-gateway-secret", GATEWAY_SECRET)
        .send()
        .await
        .expect("sent");
    assert_eq!(over_get.status(), 200);
    assert_eq!(over_get.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn with_introspection_off_and_no_secret_no_one_reads_the_sdl() {
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_INTROSPECTION", "off")]).await;
    let reply = app
        .gql("{ _service { sdl } }")
        .header("x-hitbridge-gateway-secret", "")
        .send()
        .await;
    assert_eq!(reply.code(), "FORBIDDEN");
}
