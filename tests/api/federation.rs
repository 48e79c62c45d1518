//! Apollo Federation: the published SDL equals the code, and `_entities` resolves references
//! through the same rules as every other read.

use hitbridge_tests::{TestApp, nodes};
use serde_json::json;

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
