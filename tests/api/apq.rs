//! Automatic persisted queries, Apollo's protocol: a hash stands in for a registered text, over
//! POST and over GET (cacheable), never for a mutation over GET.

use hitbridge_tests::{Reply, TestApp};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const QUERY: &str = "{ institutions(first: 3) { edges { node { slug } } } }";

fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

async fn post(app: &TestApp, body: Value) -> Reply {
    app.post_raw(body.to_string()).await
}

async fn get(app: &TestApp, extensions: &Value) -> reqwest::Response {
    app.client()
        .get(app.url("/graphql"))
        .query(&[("extensions", extensions.to_string())])
        .header("accept", "application/json")
        .send()
        .await
        .expect("sent")
}

#[tokio::test]
async fn a_registered_hash_stands_in_for_its_text_over_post_and_get() {
    let app = TestApp::spawn_demo().await;
    let h = hash(QUERY);
    let unknown = post(&app, json!({ "extensions": persisted(&h) })).await;
    assert_eq!(unknown.status, 200);
    assert_eq!(unknown.code(), "PERSISTED_QUERY_NOT_FOUND");
    assert_eq!(
        unknown.body["errors"][0]["message"],
        "PersistedQueryNotFound"
    );

    let registered = post(&app, json!({ "query": QUERY, "extensions": persisted(&h) })).await;
    let data = registered.data().clone();
    assert_eq!(
        data["institutions"]["edges"].as_array().map(Vec::len),
        Some(3)
    );
    let by_hash = post(&app, json!({ "extensions": persisted(&h) })).await;
    assert_eq!(by_hash.data(), &data);
    let response = get(&app, &persisted(&h)).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["data"], data);
    // One miss, then two lookups by hash that found the text.
    assert_eq!(
        app.metric("hitbridge_cache_misses_total{kind=\"persisted_query\"}")
            .await,
        1.0
    );
    assert_eq!(app.cache_hits("persisted_query").await, 2.0);
}

#[tokio::test]
async fn a_wrong_hash_or_version_is_bad_input_and_a_persisted_mutation_never_runs_over_get() {
    let app = TestApp::spawn_demo().await;
    let wrong = post(
        &app,
        json!({ "query": QUERY, "extensions": persisted(&hash("{ __typename }")) }),
    )
    .await;
    assert_eq!(wrong.code(), "BAD_USER_INPUT");
    let version = post(
        &app,
        json!({ "query": QUERY,
        "extensions": { "persistedQuery": { "version": 2, "sha256Hash": hash(QUERY) } } }),
    )
    .await;
    assert_eq!(version.code(), "BAD_USER_INPUT");
    let malformed = post(&app, json!({ "extensions": persisted("not-a-hash") })).await;
    assert_eq!(malformed.code(), "BAD_USER_INPUT");

    // Registered over POST (refused there: no token), a mutation's hash is still refused over GET.
    let mutation = "mutation { archiveInstitution(id: \"00000000-0000-0000-0000-000000000000\", expectedVersion: 1) { id } }";
    let m = hash(mutation);
    post(
        &app,
        json!({ "query": mutation, "extensions": persisted(&m) }),
    )
    .await;
    let response = get(&app, &persisted(&m)).await;
    assert_eq!(response.status(), 405);
}

#[tokio::test]
async fn replicas_sharing_redis_share_registered_queries() {
    if std::env::var("REDIS_URL").is_err() {
        // In process, each replica keeps its own registrations (documented): nothing to share.
        return;
    }
    let a = TestApp::spawn_demo().await;
    let b = a.spawn_replica().await;
    let h = hash(QUERY);
    post(&a, json!({ "query": QUERY, "extensions": persisted(&h) }))
        .await
        .data();
    let on_b = post(&b, json!({ "extensions": persisted(&h) })).await;
    assert_eq!(
        on_b.data()["institutions"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

/// Sends `text` with its hash (registering it once it has run), as `token`'s subject if given.
async fn register(server: &TestApp, text: &str, token: Option<String>) -> Reply {
    let mut request = server.gql(text).extensions(persisted(&hash(text)));
    if let Some(token) = token {
        request = request.bearer(token);
    }
    request.send().await
}

#[tokio::test]
async fn each_caller_registers_at_most_its_daily_budget_of_texts_that_ran() {
    if std::env::var("REDIS_URL").is_err() {
        // In process the registrations are bounded by the cache's capacity instead.
        return;
    }
    let budget = [("HITBRIDGE_PERSISTED_QUERIES_PER_DAY", "2")];
    let a = TestApp::spawn_with(hitbridge_tests::Backend::FromEnv, &budget).await;
    let b = a.spawn_replica_with(&budget).await;
    // Texts that do not run spend nothing and are not kept.
    for junk in ["{ nope", "{ noSuchField }"] {
        let refused = register(&a, junk, None).await;
        assert!(!refused.codes().is_empty());
    }
    // One anonymous caller, through both replicas: two new texts kept, the third not; sending a
    // kept text again spends nothing.
    let texts: Vec<String> = (1..=4)
        .map(|n| format!("{{ institutions(first: {n}) {{ totalCount }} }}"))
        .collect();
    for (text, server) in texts[..3].iter().zip([&a, &b, &a]) {
        let sent = register(server, text, None).await;
        assert!(
            sent.codes().is_empty(),
            "the query runs either way: {}",
            sent.body
        );
        register(server, text, None).await.data();
    }
    let found = |text: &str| {
        let text = text.to_owned();
        let b = &b;
        async move {
            post(b, json!({ "extensions": persisted(&hash(&text)) }))
                .await
                .codes()
                .is_empty()
        }
    };
    assert!(found(&texts[0]).await && found(&texts[1]).await);
    assert!(!found(&texts[2]).await, "past the caller's budget");
    // Another caller has a budget of its own.
    let admin = hitbridge_tests::tokens::consortium_admin();
    register(&b, &texts[3], Some(admin)).await.data();
    assert!(found(&texts[3]).await);
}
