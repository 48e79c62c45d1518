//! Relay connections: bounded page sizes, opaque cursors, complete and stable paging.

use std::collections::HashSet;

use hitbridge_tests::{TestApp, nodes};
use serde_json::json;

#[tokio::test]
async fn first_defaults_to_twenty_and_is_bounded() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql("{ programs { totalCount edges { node { id } } pageInfo { hasNextPage } } }")
        .send()
        .await;
    let data = reply.data();
    assert_eq!(nodes(data, "programs").len(), 20);
    assert!(data["programs"]["totalCount"].as_i64().expect("count") > 20);
    assert_eq!(data["programs"]["pageInfo"]["hasNextPage"], true);

    let max = app
        .gql("{ programs(first: 100) { edges { node { id } } } }")
        .send()
        .await;
    assert!(max.body.get("errors").is_none());
    for bad in [101, -1] {
        let reply = app
            .gql(&format!(
                "{{ programs(first: {bad}) {{ edges {{ node {{ id }} }} }} }}"
            ))
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "first: {bad}");
        assert_eq!(reply.body["errors"][0]["extensions"]["field"], "first");
    }
    let nested = app
        .gql(
            "{ institutions(first: 1) { edges { node { programs(first: 500) { totalCount } } } } }",
        )
        .send()
        .await;
    assert_eq!(nested.codes(), vec!["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn paging_with_cursors_visits_every_record_once_in_order() {
    let app = TestApp::spawn_demo().await;
    let all = app
        .gql("{ programs(first: 100) { totalCount edges { node { id } } } }")
        .send()
        .await;
    let everything: Vec<String> = nodes(all.data(), "programs")
        .iter()
        .map(|p| p["id"].to_string())
        .collect();

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let reply = app
            .gql(
                "query($after: String) { programs(first: 7, after: $after) {
                    edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
            )
            .vars(json!({ "after": after }))
            .send()
            .await;
        let data = reply.data();
        seen.extend(nodes(data, "programs").iter().map(|p| p["id"].to_string()));
        if data["programs"]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = data["programs"]["pageInfo"]["endCursor"]
            .as_str()
            .map(String::from);
    }
    assert_eq!(seen, everything, "pages concatenate to the full list");
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        seen.len(),
        "no duplicates"
    );
}

#[tokio::test]
async fn a_malformed_cursor_is_bad_input() {
    let app = TestApp::spawn_demo().await;
    for cursor in ["garbage", "cG9zOng", ""] {
        let reply = app
            .gql("query($a: String) { programs(after: $a) { edges { node { id } } } }")
            .vars(json!({ "a": cursor }))
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "cursor {cursor:?}");
        assert_eq!(reply.body["errors"][0]["extensions"]["field"], "after");
    }
}
