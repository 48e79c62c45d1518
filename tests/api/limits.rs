//! Operation and request limits: each has a test that fails without it.

use hitbridge_tests::{Backend, TestApp};
use sea_orm::TransactionTrait;
use serde_json::json;

#[tokio::test]
async fn a_query_nested_too_deep_is_refused() {
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_MAX_DEPTH", "6")]).await;
    let shallow = app
        .gql("{ programs { edges { node { institution { name } } } } }")
        .send()
        .await;
    assert!(shallow.body.get("errors").is_none(), "{}", shallow.body);
    let deep = app
        .gql("{ programs { edges { node { institution { programs { edges { node { name } } } } } } } }")
        .send()
        .await;
    assert_eq!(deep.code(), "QUERY_TOO_COMPLEX");
}

#[tokio::test]
async fn a_query_too_costly_is_refused_by_default() {
    let app = TestApp::spawn().await;
    let reply = app
        .gql(
            "{ institutions(first: 100) { edges { node { programs(first: 100) { edges { node {
               institution { programs(first: 100) { edges { node { name } } } } } } } } } } }",
        )
        .send()
        .await;
    assert_eq!(reply.code(), "QUERY_TOO_COMPLEX");
    assert!(reply.body["data"].is_null(), "nothing ran");
}

#[tokio::test]
async fn too_many_aliases_are_refused() {
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_MAX_ALIASES", "3")]).await;
    let ok = app
        .gql("{ a: programs { totalCount } b: programs { totalCount } }")
        .send()
        .await;
    assert!(ok.body.get("errors").is_none(), "{}", ok.body);
    let many = app
        .gql("{ a: programs { totalCount } b: programs { totalCount } c: programs { totalCount } d: programs { totalCount } }")
        .send()
        .await;
    assert_eq!(many.code(), "QUERY_TOO_COMPLEX");
}

#[tokio::test]
async fn too_many_root_fields_are_refused_even_through_fragments() {
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_MAX_ROOT_FIELDS", "2")]).await;
    let reply = app
        .gql("query { ...Roots } fragment Roots on Query { institutions { totalCount } programs { totalCount } events { totalCount } }")
        .send()
        .await;
    assert_eq!(reply.code(), "QUERY_TOO_COMPLEX");
}

#[tokio::test]
async fn an_oversized_body_is_refused_and_the_server_stays_up() {
    let app =
        TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_BODY_LIMIT_BYTES", "2048")]).await;
    let padding = "x".repeat(4096);
    let reply = app
        .post_raw(
            json!({ "query": format!("{{ programs {{ totalCount }} }} # {padding}") }).to_string(),
        )
        .await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.code(), "BAD_USER_INPUT");
    let after = app.gql("{ programs { totalCount } }").send().await;
    assert_eq!(after.status, 200);
}

#[tokio::test]
async fn batches_are_bounded() {
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_MAX_BATCH", "2")]).await;
    let one = json!({ "query": "{ programs { totalCount } }" });
    let ok = app.post_raw(json!([one, one]).to_string()).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body.as_array().map(Vec::len), Some(2));
    let too_many = app.post_raw(json!([one, one, one]).to_string()).await;
    assert_eq!(too_many.status, 400);
    assert_eq!(too_many.code(), "BAD_USER_INPUT");
    let empty = app.post_raw("[]").await;
    assert_eq!(empty.code(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_cut_off() {
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[
            ("HITBRIDGE_REQUEST_TIMEOUT_MS", "300"),
            ("HITBRIDGE_DB_MAX_CONNECTIONS", "2"),
        ],
    )
    .await;
    // Hold every pooled connection, so the request waits for the database past its time limit.
    let held = (
        app.db.begin().await.expect("tx 1"),
        app.db.begin().await.expect("tx 2"),
    );
    let reply = app.gql("{ institutions { totalCount } }").send().await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.code(), "SERVICE_UNAVAILABLE");
    drop(held);
    let after = app.gql("{ institutions { totalCount } }").send().await;
    assert_eq!(
        after.status, 200,
        "the server recovers once the database is free"
    );
}

#[tokio::test]
async fn malformed_requests_get_bad_user_input() {
    let app = TestApp::spawn().await;
    let syntax = app.gql("{ programs { ").send().await;
    assert_eq!(syntax.code(), "BAD_USER_INPUT");
    let unknown = app.gql("{ programs { nosuchfield } }").send().await;
    assert_eq!(unknown.code(), "BAD_USER_INPUT");
    let wrong_type = app
        .gql("query($n: Int) { programs(first: $n) { totalCount } }")
        .vars(json!({ "n": "twenty" }))
        .send()
        .await;
    assert!(!wrong_type.codes().is_empty());
    assert!(
        wrong_type.codes().iter().all(|c| c == "BAD_USER_INPUT"),
        "{}",
        wrong_type.body
    );
    let not_json = app.post_raw("this is not json").await;
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.code(), "BAD_USER_INPUT");
}
