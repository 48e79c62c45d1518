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

/// `{ ...F0 } fragment F0 on Query { ...F1 ...F1 } … fragment F<n> on Query { __typename }`:
/// under 2 KB of text that selects 2^n fields once expanded.
fn doubling_fragments(levels: usize) -> String {
    let mut text = String::from("{ ...F0 }");
    for i in 0..levels {
        text.push_str(&format!(
            " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
            n = i + 1
        ));
    }
    text.push_str(&format!(" fragment F{levels} on Query {{ __typename }}"));
    text
}

#[tokio::test]
async fn doubling_fragment_spreads_are_refused_before_they_expand() {
    let app = TestApp::spawn().await;
    for levels in [30, 64] {
        let reply = app.gql(&doubling_fragments(levels)).send().await;
        assert_eq!(reply.code(), "QUERY_TOO_COMPLEX", "{levels} levels");
        assert!(reply.body.get("data").is_none(), "nothing ran");
    }
    // The same shape under a typed field, anonymous or not.
    let typed = doubling_fragments(30).replace("__typename", "institutions { totalCount }");
    let reply = app
        .gql(&typed)
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    assert_eq!(reply.code(), "QUERY_TOO_COMPLEX");
    let after = app.gql("{ institutions { totalCount } }").send().await;
    assert_eq!(after.status, 200, "the server stays up");
}

#[tokio::test]
async fn a_fragment_that_spreads_itself_is_refused() {
    let app = TestApp::spawn().await;
    let reply = app
        .gql("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A ...A }")
        .send()
        .await;
    assert_eq!(reply.code(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn nesting_past_the_parser_limit_is_too_complex_not_a_crash() {
    let app = TestApp::spawn().await;
    let selections = format!("{}{}", "{ a ".repeat(20_000), "}".repeat(20_000));
    let reply = app.gql(&selections).send().await;
    assert_eq!(reply.code(), "QUERY_TOO_COMPLEX");
    let list = format!(
        "{{ programs(filter: {{ search: {}\"x\"{} }}) {{ totalCount }} }}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let reply = app.gql(&list).send().await;
    assert_eq!(reply.code(), "QUERY_TOO_COMPLEX");
    let tokens = format!("{{ {} }}", "__typename ".repeat(20_000));
    let reply = app.gql(&tokens).send().await;
    assert_eq!(reply.code(), "QUERY_TOO_COMPLEX");
    let after = app.gql("{ institutions { totalCount } }").send().await;
    assert_eq!(after.status, 200, "the server stays up");
}

#[tokio::test]
async fn an_overlong_search_is_bad_input_naming_the_field() {
    let app = TestApp::spawn_demo().await;
    let long = "a".repeat(50_000);
    for root in ["programs", "institutions", "employerPartners"] {
        let reply = app
            .gql(&format!(
                "query($s: String) {{ {root}(filter: {{ search: $s }}) {{ totalCount }} }}"
            ))
            .vars(json!({ "s": long }))
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{root}");
        assert_eq!(
            reply.body["errors"][0]["extensions"]["field"],
            "filter.search"
        );
    }
    let fits = app
        .gql("{ programs(filter: { search: \"informatics\" }) { totalCount } }")
        .send()
        .await;
    assert!(fits.data()["programs"]["totalCount"].as_i64() > Some(0));
}

#[tokio::test]
async fn with_introspection_off_no_error_suggests_a_field_name() {
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_INTROSPECTION", "off")]).await;
    let reply = app
        .gql("{ program { nam } institutionz { id } }")
        .send()
        .await;
    let text = reply.body.to_string();
    assert!(!reply.codes().is_empty(), "{text}");
    assert!(!text.contains("Did you mean"), "{text}");
    let schema = app.gql("{ __schema { types { name } } }").send().await;
    assert!(
        schema.body["data"]["__schema"]["types"].is_null(),
        "introspection is off: {}",
        schema.body
    );
    let on = TestApp::spawn().await;
    let suggested = on.gql("{ institutionz { id } }").send().await;
    assert!(
        suggested.body.to_string().contains("Did you mean"),
        "suggestions stay on with introspection: {}",
        suggested.body
    );
}
