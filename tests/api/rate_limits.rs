//! Request budgets: per token subject, or per client address for anonymous callers (behind a
//! trusted proxy, the address it forwards); over budget, RATE_LIMITED with HTTP 429 and
//! Retry-After, counted in the metrics; replicas sharing Redis share the budget.

use hitbridge_tests::{Backend, TestApp, tokens};
use serde_json::json;

const QUERY: &str = "{ institutions(first: 1) { totalCount } }";

/// An anonymous request, forwarded for `client` when given; its status and code.
async fn ask(app: &TestApp, client: Option<&str>) -> (u16, Option<String>, Option<String>) {
    let mut request = app
        .client()
        .post(app.url("/graphql"))
        .json(&json!({ "query": QUERY }));
    if let Some(client) = client {
        request = request.header("x-forwarded-for", client);
    }
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let body: serde_json::Value = response.json().await.expect("json");
    let code = body["errors"][0]["extensions"]["code"]
        .as_str()
        .map(String::from);
    (status, code, retry)
}

#[tokio::test]
async fn over_budget_is_refused_with_retry_after_and_each_caller_counts_alone() {
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[("HITBRIDGE_RATE_LIMITS", "anonymous=3,employer=2")],
    )
    .await;
    app.seed().await;
    for _ in 0..3 {
        assert_eq!(ask(&app, None).await.0, 200);
    }
    let (status, code, retry) = ask(&app, None).await;
    assert_eq!((status, code.as_deref()), (429, Some("RATE_LIMITED")));
    let retry: u64 = retry
        .and_then(|r| r.parse().ok())
        .expect("Retry-After seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(
        app.metric("hitbridge_graphql_errors_total{code=\"RATE_LIMITED\"}")
            .await,
        1.0
    );

    // A token subject has its own budget, by its role.
    let hr = tokens::employer("magnolia-regional-medical-center");
    for _ in 0..2 {
        assert!(app.gql(QUERY).bearer(&hr).send().await.codes().is_empty());
    }
    let refused = app.gql(QUERY).bearer(&hr).send().await;
    assert_eq!(
        (refused.status, refused.code()),
        (429, "RATE_LIMITED".to_string())
    );
    let admin = app
        .gql(QUERY)
        .bearer(tokens::consortium_admin())
        .send()
        .await;
    assert!(admin.codes().is_empty(), "another subject is not affected");
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    let limits = ("HITBRIDGE_RATE_LIMITS", "anonymous=1");
    let trusting = TestApp::spawn_with(
        Backend::FromEnv,
        &[limits, ("HITBRIDGE_TRUSTED_PROXIES", "127.0.0.1")],
    )
    .await;
    assert_eq!(ask(&trusting, Some("203.0.113.1")).await.0, 200);
    assert_eq!(
        ask(&trusting, Some("203.0.113.2")).await.0,
        200,
        "another client"
    );
    assert_eq!(ask(&trusting, Some("203.0.113.1")).await.0, 429);

    let plain = TestApp::spawn_with(Backend::FromEnv, &[limits]).await;
    assert_eq!(ask(&plain, Some("203.0.113.1")).await.0, 200);
    assert_eq!(
        ask(&plain, Some("203.0.113.2")).await.0,
        429,
        "an untrusted X-Forwarded-For is ignored"
    );
}

#[tokio::test]
async fn replicas_sharing_redis_share_the_budget() {
    if std::env::var("REDIS_URL").is_err() {
        // In process each replica counts alone (documented): nothing is shared.
        return;
    }
    let limits = [("HITBRIDGE_RATE_LIMITS", "anonymous=2")];
    let a = TestApp::spawn_with(Backend::FromEnv, &limits).await;
    let b = a.spawn_replica_with(&limits).await;
    assert_eq!(ask(&a, None).await.0, 200);
    assert_eq!(ask(&b, None).await.0, 200);
    assert_eq!(
        ask(&a, None).await.0,
        429,
        "the budget is spent across replicas"
    );
    assert_eq!(ask(&b, None).await.0, 429);
}
