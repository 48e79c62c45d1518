//! The HTTP surface: health, readiness, metrics, GraphiQL, GET queries, content types, request
//! ids and the anonymous response cache.

use hitbridge_tests::TestApp;
use serde_json::Value;

#[tokio::test]
async fn health_and_readiness_report_the_database() {
    let app = TestApp::spawn().await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let body: Value = ready.json().await.expect("json");
    assert_eq!(body["database"], "ok");
    let expected_cache = if std::env::var("REDIS_URL").is_ok() {
        "ok"
    } else {
        "in-process"
    };
    assert_eq!(body["cache"], expected_cache);
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.db.clone().close().await.expect("close the pool");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 503);
}

#[tokio::test]
async fn metrics_count_operations_errors_and_latency() {
    let app = TestApp::spawn_demo().await;
    app.gql("query Catalog { institutions { totalCount } }")
        .operation("Catalog")
        .send()
        .await;
    app.gql("{ program(slug: \"nope\") { id } }").send().await;
    let text = app.get("/metrics").await.text().await.expect("text");
    assert!(
        text.contains("hitbridge_graphql_operations_total{operation=\"Catalog\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("hitbridge_graphql_errors_total{code=\"NOT_FOUND\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("hitbridge_request_duration_seconds_bucket{le=\"+Inf\"} 2"),
        "{text}"
    );
    assert!(app.metric("hitbridge_db_statements_total").await > 0.0);
}

#[tokio::test]
async fn get_serves_graphiql_to_browsers_and_queries_to_clients_but_never_mutations() {
    let app = TestApp::spawn_demo().await;
    let page = app.get("/graphql").await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .expect("html")
            .to_lowercase()
            .contains("graphiql")
    );

    let query = app
        .get("/graphql?query=%7B%20institutions%20%7B%20totalCount%20%7D%20%7D")
        .await;
    assert_eq!(query.status(), 200);
    let body: Value = query.json().await.expect("json");
    assert!(body["data"]["institutions"]["totalCount"].as_i64() > Some(0));

    let mutation = app.get("/graphql?query=mutation%20%7B%20x%20%7D").await;
    assert_eq!(mutation.status(), 405);
    let body: Value = mutation.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

#[tokio::test]
async fn graphql_response_json_is_honoured() {
    let app = TestApp::spawn_demo().await;
    let ok = app
        .gql("{ institutions { totalCount } }")
        .accept("application/graphql-response+json")
        .send()
        .await;
    assert_eq!(ok.status, 200);
    assert_eq!(
        ok.headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/graphql-response+json")
    );
    let invalid = app
        .gql("{ nosuchfield }")
        .accept("application/graphql-response+json")
        .send()
        .await;
    assert_eq!(
        invalid.status, 400,
        "a request error is a 4xx in this media type"
    );
    let plain = app.gql("{ nosuchfield }").send().await;
    assert_eq!(plain.status, 200);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let reply = app.gql("{ institutions { totalCount } }").send().await;
    let id = reply
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok());
    assert!(
        id.is_some_and(|id| id.len() >= 32),
        "a generated request id"
    );
}

#[tokio::test]
async fn anonymous_responses_are_served_from_the_cache() {
    let app = TestApp::spawn_demo().await;
    let query = "{ programs(first: 5) { edges { node { slug } } } }";
    let first = app.gql(query).send().await;
    let hits_before = app.metric("hitbridge_cache_hits_total").await;
    let statements_before = app.metric("hitbridge_db_statements_total").await;
    let second = app.gql(query).send().await;
    assert_eq!(first.body, second.body);
    assert_eq!(
        app.metric("hitbridge_cache_hits_total").await,
        hits_before + 1.0
    );
    assert_eq!(
        app.metric("hitbridge_db_statements_total").await,
        statements_before,
        "a cache hit runs no SQL"
    );
}
