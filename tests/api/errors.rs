//! Errors carry a contract code and never leak internals; the server stays up.

use hitbridge_tests::TestApp;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn a_database_failure_is_internal_and_reveals_nothing() {
    let app = TestApp::spawn_demo().await;
    app.db
        .execute_unprepared("DROP TABLE event_attendance")
        .await
        .expect("drop a table under the server");
    let reply = app
        .gql("{ events(filter: { includePast: true }) { edges { node { name attendingEmployers { name } } } } }")
        .send()
        .await;
    assert!(
        reply.codes().iter().all(|c| c == "INTERNAL"),
        "{}",
        reply.body
    );
    let text = reply.body.to_string().to_lowercase();
    for leak in [
        "select",
        "event_attendance",
        "no such table",
        "does not exist",
        ".rs",
        "panicked",
    ] {
        assert!(!text.contains(leak), "the error leaks {leak:?}: {text}");
    }
    assert_eq!(reply.body["errors"][0]["message"], "internal error");
    let after = app.gql("{ institutions { totalCount } }").send().await;
    assert!(
        after.data()["institutions"]["totalCount"].as_i64() > Some(0),
        "server still answers"
    );
}

#[tokio::test]
async fn a_present_token_is_never_treated_as_anonymous() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql("{ institutions { totalCount } }")
        .bearer("not-a-jwt")
        .send()
        .await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.code(), "UNAUTHENTICATED");
    assert_eq!(
        reply
            .headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer")
    );
}
