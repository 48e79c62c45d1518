//! A database connection that breaks under a read (PostgreSQL restarted, or an operator ended
//! the session) costs no request: the read runs again on a fresh connection. A write is not run
//! twice. PostgreSQL only (SQLite has no server to lose); without it the tests say so.

use std::time::Duration;

use hitbridge_tests::{Backend, Reply, TestApp, postgres_url, tokens};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, TransactionTrait};
use serde_json::json;

/// Ends the session of the server's statement that waits for a lock, once one waits.
async fn end_the_waiting_session(admin: &DatabaseConnection) -> bool {
    // Up to 30 s for the request to reach the lock (far more than it takes on a busy machine).
    for _ in 0..3000 {
        let ended = admin
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'
                   AND pid <> pg_backend_pid()",
            ))
            .await
            .expect("terminate");
        if !ended.is_empty() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

/// A server on PostgreSQL with the response cache off, and a second connection of the test's
/// own; none without PostgreSQL.
async fn app_and_admin() -> Option<(TestApp, DatabaseConnection)> {
    postgres_url()?;
    let app = TestApp::spawn_with(
        Backend::Postgres,
        &[("HITBRIDGE_PUBLIC_CACHE_TTL_SECS", "0")],
    )
    .await;
    app.seed().await;
    let admin = Database::connect(&app.database_url).await.expect("connect");
    Some((app, admin))
}

/// Sends `request` while the test holds a lock it needs, ends the session its statement waits
/// in, then lets go of the lock: the request's connection breaks under it, in flight.
async fn with_its_session_ended(
    admin: &DatabaseConnection,
    request: impl std::future::Future<Output = Reply>,
) -> Reply {
    let lock = admin.begin().await.expect("begin");
    lock.execute_unprepared("LOCK TABLE institution IN ACCESS EXCLUSIVE MODE")
        .await
        .expect("lock");
    let (reply, ended) = tokio::join!(request, async {
        let ended = end_the_waiting_session(admin).await;
        lock.rollback().await.expect("release");
        ended
    });
    assert!(ended, "the request waited on the lock");
    reply
}

#[tokio::test]
async fn a_read_whose_connection_is_ended_under_it_is_answered() {
    let Some((app, admin)) = app_and_admin().await else {
        eprintln!("restarts: no PostgreSQL; nothing to restart");
        return;
    };
    let read = app
        .gql("{ institutions(first: 5) { totalCount edges { node { slug } } } }")
        .send();
    let reply = with_its_session_ended(&admin, read).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.data()["institutions"]["totalCount"].as_i64() > Some(0));
}

#[tokio::test]
async fn a_write_whose_connection_is_ended_under_it_is_not_run_twice() {
    let Some((app, admin)) = app_and_admin().await else {
        eprintln!("restarts: no PostgreSQL; nothing to restart");
        return;
    };
    let input = json!({ "slug": "restart-school", "name": "Restart", "kind": "TECHNICAL_COLLEGE",
        "city": "Dalton", "state": "GA", "region": "North Georgia" });
    let write = app
        .gql("mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id } }")
        .vars(json!({ "i": input }))
        .bearer(tokens::consortium_admin())
        .send();
    let reply = with_its_session_ended(&admin, write).await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(reply.code(), "SERVICE_UNAVAILABLE");
}
