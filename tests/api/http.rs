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

/// GraphiQL works offline: the page names no other host, and every script and stylesheet it
/// names is served by the API itself, with its media type; an unknown asset is a JSON 404.
#[tokio::test]
async fn graphiql_loads_nothing_from_another_host() {
    let app = TestApp::spawn().await;
    let page = app.get("/graphql").await.text().await.expect("html");
    // Every src and href is a path of ours (or inline data), never another host.
    for attribute in ["src=", "href="] {
        for value in page.split(attribute).skip(1) {
            let value = value.trim_start_matches(['"', '\'']);
            let ours =
                value.starts_with("data:") || (value.starts_with('/') && !value.starts_with("//"));
            assert!(ours, "{attribute}{}", &value[..value.len().min(60)]);
        }
    }
    let assets: Vec<&str> = page
        .split(['"', '\''])
        .filter(|s| s.starts_with("/graphiql/"))
        .collect();
    assert_eq!(assets.len(), 4, "{assets:?}");
    for asset in assets {
        let reply = app.get(asset).await;
        assert_eq!(reply.status(), 200, "{asset}");
        let media = reply.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        let want = if asset.ends_with(".css") {
            "text/css"
        } else {
            "text/javascript"
        };
        assert!(media.starts_with(want), "{asset}: {media}");
        assert!(reply.bytes().await.expect("body").len() > 1000, "{asset}");
    }
    let missing = app.get("/graphiql/3.8.3/nope.js").await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
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
        id.is_some_and(|id| uuid::Uuid::parse_str(id).is_ok() && id.len() == 36),
        "a generated request id is a UUID, as README says: {id:?}"
    );
}

#[tokio::test]
async fn a_repeated_document_is_parsed_once_and_counted_as_reused() {
    let app = TestApp::spawn().await;
    let admin = hitbridge_tests::tokens::consortium_admin();
    let query = "{ institutions(first: 1) { totalCount } }";
    app.gql(query).bearer(&admin).send().await.data();
    let reused = app.cache_hits("document").await;
    app.gql(query).bearer(&admin).send().await.data();
    assert_eq!(app.cache_hits("document").await, reused + 1.0);
}

#[tokio::test]
async fn anonymous_responses_are_served_from_the_cache() {
    let app = TestApp::spawn_demo().await;
    let query = "{ programs(first: 5) { edges { node { slug } } } }";
    let first = app.gql(query).send().await;
    let hits_before = app.cache_hits("response").await;
    let statements_before = app.metric("hitbridge_db_statements_total").await;
    let second = app.gql(query).send().await;
    assert_eq!(first.body, second.body);
    assert_eq!(app.cache_hits("response").await, hits_before + 1.0);
    assert_eq!(
        app.metric("hitbridge_db_statements_total").await,
        statements_before,
        "a cache hit runs no SQL"
    );
}

#[tokio::test]
async fn a_post_that_is_not_json_is_refused_with_415() {
    let app = TestApp::spawn().await;
    let body = serde_json::json!({ "query": "{ institutions { totalCount } }" }).to_string();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut request = app.client().post(app.url("/graphql")).body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let response = request.send().await.expect("sent");
        assert_eq!(response.status(), 415, "{content_type:?}");
        let reply: Value = response.json().await.expect("json");
        assert_eq!(reply["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }
    // Media types are matched without regard to case; a `+json` type is JSON too.
    for content_type in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/graphql+JSON",
    ] {
        let accepted = app
            .client()
            .post(app.url("/graphql"))
            .header("content-type", content_type)
            .body(body.clone())
            .send()
            .await
            .expect("sent");
        assert_eq!(accepted.status(), 200, "{content_type}");
    }
    let short = app
        .client()
        .post(app.url("/graphql"))
        .header("content-type", "json")
        .body(body)
        .send()
        .await
        .expect("sent");
    assert_eq!(short.status(), 415);
}

#[tokio::test]
async fn request_errors_carry_no_data_entry() {
    let app = TestApp::spawn().await;
    for query in ["{ programs { ", "{ nosuchfield }"] {
        let strict = app
            .gql(query)
            .accept("application/graphql-response+json")
            .send()
            .await;
        assert_eq!(strict.status, 400, "{query}");
        assert!(strict.body.get("data").is_none(), "{}", strict.body);
        assert_eq!(strict.code(), "BAD_USER_INPUT");
        let plain = app.gql(query).send().await;
        assert_eq!(plain.status, 200, "{query}");
        assert!(plain.body.get("data").is_none(), "{}", plain.body);
    }
    let field_error = app.gql("{ program(slug: \"nope\") { id } }").send().await;
    assert!(
        field_error.body.get("data").is_some(),
        "an execution error keeps its data entry: {}",
        field_error.body
    );
}

#[tokio::test]
async fn a_body_without_query_is_a_bad_request() {
    let app = TestApp::spawn().await;
    for body in [
        r#"{"variables": {}}"#,
        r#"{"query": "{ a }", "variables": [1]}"#,
    ] {
        let reply = app.post_raw(body).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.code(), "BAD_USER_INPUT");
    }
}

#[tokio::test]
async fn large_responses_are_compressed_when_the_client_accepts_it() {
    let app = TestApp::spawn_demo().await;
    let body = serde_json::json!({
        "query": "{ programs(first: 50) { edges { node { name description } } } }"
    })
    .to_string();
    for (accept, expected) in [("gzip", "gzip"), ("br", "br")] {
        let response = app
            .client()
            .post(app.url("/graphql"))
            .header("content-type", "application/json")
            .header("accept-encoding", accept)
            .body(body.clone())
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200);
        assert_eq!(
            response
                .headers()
                .get("content-encoding")
                .and_then(|v| v.to_str().ok()),
            Some(expected)
        );
    }
    let small = app
        .client()
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .header("accept-encoding", "gzip")
        .body(r#"{"query": "{ institutions { totalCount } }"}"#)
        .send()
        .await
        .expect("sent");
    assert!(
        small.headers().get("content-encoding").is_none(),
        "small stays plain"
    );
    let plain = app
        .client()
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("sent");
    assert!(plain.headers().get("content-encoding").is_none());
    let json: Value = plain.json().await.expect("uncompressed JSON");
    assert!(
        json["data"]["programs"]["edges"]
            .as_array()
            .is_some_and(|e| !e.is_empty())
    );
}

#[tokio::test]
async fn cors_preflight_exposes_the_request_id_and_is_cached() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .request(reqwest::Method::OPTIONS, app.url("/graphql"))
        .header("origin", "https://school.example.edu")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, authorization",
        )
        .send()
        .await
        .expect("sent");
    assert!(response.status().is_success());
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert!(
        header("access-control-max-age").is_some_and(|age| age.parse::<u64>().is_ok_and(|s| s > 0))
    );
    let actual = app
        .client()
        .post(app.url("/graphql"))
        .header("origin", "https://school.example.edu")
        .header("content-type", "application/json")
        .body(r#"{"query": "{ institutions { totalCount } }"}"#)
        .send()
        .await
        .expect("sent");
    let exposed = actual
        .headers()
        .get("access-control-expose-headers")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(exposed.contains("x-request-id"), "{exposed}");
}

#[tokio::test]
async fn a_get_mutation_is_refused_whichever_way_it_is_selected() {
    let app = TestApp::spawn_demo().await;
    let path = "/graphql?query=mutation%20%7B%20archiveProgram(id%3A%20%22x%22%2C%20expectedVersion%3A%201)%20%7B%20id%20%7D%20%7D";
    for _ in 0..2 {
        let response = app.get(path).await;
        assert_eq!(response.status(), 405);
    }
    // The document is run once as its query first, so the mutation is then selected from a
    // document the server has already parsed and kept.
    let document = "query%20R%20%7B%20institutions%20%7B%20totalCount%20%7D%20%7D%20mutation%20W%20%7B%20x%20%7D";
    let read = format!("/graphql?operationName=R&query={document}");
    assert_eq!(app.get(&read).await.status(), 200);
    let named = format!("/graphql?operationName=W&query={document}");
    assert_eq!(
        app.get(&named).await.status(),
        405,
        "the selected operation decides"
    );
}

#[tokio::test]
async fn only_anonymous_queries_over_get_that_ran_cleanly_may_be_kept_by_a_cdn() {
    let app = TestApp::spawn_demo().await;
    let get = |query: &str, token: Option<&str>| {
        let mut request = app
            .client()
            .get(app.url("/graphql"))
            .query(&[("query", query)])
            .header("accept", "application/json");
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let cache_control = |r: &reqwest::Response| {
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let catalog = "{ programs(first: 3) { edges { node { slug } } } }";
    // Computed, then served from our cache: the same header either way.
    for _ in 0..2 {
        let public = get(catalog, None).await.expect("sent");
        assert_eq!(cache_control(&public), "public, max-age=30");
        let vary: Vec<_> = public.headers().get_all("vary").iter().collect();
        assert!(
            vary.iter()
                .any(|v| v.to_str().is_ok_and(|v| v == "accept, authorization")),
            "{vary:?}"
        );
    }
    let admin = hitbridge_tests::tokens::consortium_admin();
    let signed_in = get(catalog, Some(&admin)).await.expect("sent");
    assert_eq!(cache_control(&signed_in), "no-store");
    let failed = get("{ programs { noSuchField } }", None)
        .await
        .expect("sent");
    assert_eq!(cache_control(&failed), "no-store");
    let posted = app.gql(catalog).send().await;
    assert_eq!(
        posted
            .headers
            .get("cache-control")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("no-store")
    );
}

/// `/` tells a newcomer what this is and where to go; every link on it answers; the schema is
/// served while introspection is on and refused (JSON 404) while it is off.
#[tokio::test]
async fn the_landing_page_links_to_graphiql_the_schema_and_health() {
    let app = TestApp::spawn().await;
    let landing = app.get("/").await;
    assert_eq!(landing.status(), 200);
    let page = landing.text().await.expect("html");
    assert!(page.contains("HIT Bridge"), "{page}");
    assert!(!page.contains("//"), "no other host: {page}");
    let links: Vec<&str> = page
        .split('"')
        .filter(|s| s.starts_with('/') && !s.starts_with("/ "))
        .collect();
    assert_eq!(
        links,
        ["/graphql", "/schema.graphql", "/healthz", "/readyz"]
    );
    for link in links {
        let reply = app.get(link).await;
        assert_eq!(reply.status(), 200, "{link}");
    }
    let sdl = app.get("/schema.graphql").await.text().await.expect("sdl");
    assert!(sdl.contains("type Query"), "the federation SDL");
    let closed = TestApp::spawn_with(
        hitbridge_tests::Backend::FromEnv,
        &[("HITBRIDGE_INTROSPECTION", "off")],
    )
    .await;
    let refused = closed.get("/schema.graphql").await;
    assert_eq!(refused.status(), 404);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
}
