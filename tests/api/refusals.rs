//! Refusals outside GraphQL answer like every other: JSON with `errors[0].extensions.code`
//! (a method a path does not take, a path we do not serve, a query string that is not
//! GraphQL-over-HTTP parameters, headers that are too large), and a request whose `extensions`
//! is not an object is a 400.

use hitbridge_tests::{Reply, TestApp};

async fn reply(response: reqwest::Response) -> Reply {
    let reply = Reply::from(response).await;
    assert!(
        reply.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .contains("json"),
        "{:?}",
        reply.headers
    );
    reply
}

#[tokio::test]
async fn a_method_or_path_we_do_not_serve_is_refused_in_json() {
    let app = TestApp::spawn().await;
    let put = reply(
        app.client()
            .put(app.url("/graphql"))
            .body("{}")
            .send()
            .await
            .expect("sent"),
    )
    .await;
    assert_eq!((put.status, put.code()), (405, "BAD_USER_INPUT".to_owned()));
    assert!(put.headers.contains_key("allow"));
    let delete = reply(
        app.client()
            .delete(app.url("/healthz"))
            .send()
            .await
            .expect("sent"),
    )
    .await;
    assert_eq!(delete.status, 405);
    let missing = reply(
        app.client()
            .get(app.url("/no-such-page"))
            .send()
            .await
            .expect("sent"),
    )
    .await;
    assert_eq!(
        (missing.status, missing.code()),
        (404, "NOT_FOUND".to_owned())
    );
    let twice = reply(
        app.client()
            .get(app.url("/graphql?query=%7B__typename%7D&query=%7B__typename%7D"))
            .send()
            .await
            .expect("sent"),
    )
    .await;
    assert_eq!(
        (twice.status, twice.code()),
        (400, "BAD_USER_INPUT".to_owned())
    );
}

#[tokio::test]
async fn extensions_that_are_not_an_object_are_a_bad_request() {
    let app = TestApp::spawn().await;
    for extensions in ["\"x\"", "5", "true", "[]"] {
        let body = format!(r#"{{"query":"{{ __typename }}","extensions":{extensions}}}"#);
        let post = app.post_raw(body).await;
        assert_eq!(post.status, 400, "POST extensions {extensions}");
        assert_eq!(post.code(), "BAD_USER_INPUT");
        let get = reply(
            app.client()
                .get(app.url("/graphql"))
                .query(&[("query", "{ __typename }"), ("extensions", extensions)])
                .send()
                .await
                .expect("sent"),
        )
        .await;
        assert_eq!(get.status, 400, "GET extensions {extensions}");
    }
    let object = app
        .post_raw(r#"{"query":"{ __typename }","extensions":{}}"#)
        .await;
    assert_eq!(object.status, 200);
}

#[tokio::test]
async fn headers_that_are_too_large_are_refused_in_json() {
    let app = TestApp::spawn().await;
    for size in [100 * 1024, 1024 * 1024] {
        let huge = format!("Bearer {}", "a".repeat(size));
        let reply = reply(
            app.client()
                .post(app.url("/graphql"))
                .header("authorization", huge)
                .header("content-type", "application/json")
                .body(r#"{"query":"{ __typename }"}"#)
                .send()
                .await
                .expect("sent"),
        )
        .await;
        assert_eq!(
            (reply.status, reply.code()),
            (431, "BAD_USER_INPUT".to_owned()),
            "{size} bytes"
        );
    }
    // The server is still up and answers a normal request.
    let fine = app.gql("{ __typename }").send().await;
    fine.data();
}
