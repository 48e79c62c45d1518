//! SQLite and PostgreSQL give the same answers to the same catalog queries.
//! Runs when `DATABASE_URL` names a PostgreSQL server (as in CI); otherwise there is nothing to
//! compare and the test says so.

use hitbridge_tests::{Backend, TestApp, postgres_url};

const QUERIES: [&str; 5] = [
    "{ institutions(first: 100) { totalCount edges { cursor node { id slug name kind state
         programs(first: 20) { totalCount edges { node { slug status skills { slug } hitRoles } } } } } } }",
    "{ programs(first: 100, orderBy: NEXT_START) { totalCount edges { node { slug nextStart institution { slug } } } } }",
    "{ programs(first: 100, filter: { search: \"health\" }) { totalCount edges { node { slug } } } }",
    "{ internships(first: 100, orderBy: TITLE) { totalCount edges { node { id title employer { slug } skills { slug } } } } }",
    "{ employerPartners(first: 100, filter: { rural: true }) { totalCount edges { node { slug ehrSystems { slug } internships { totalCount } } } } }",
];

#[tokio::test]
async fn sqlite_and_postgres_answer_alike() {
    if postgres_url().is_none() {
        eprintln!("parity: DATABASE_URL is not PostgreSQL; SQLite-only run, nothing to compare");
        return;
    }
    let sqlite = TestApp::spawn_with(Backend::Sqlite, &[]).await;
    let postgres = TestApp::spawn_with(Backend::Postgres, &[]).await;
    sqlite.seed().await;
    postgres.seed().await;
    for query in QUERIES {
        let a = sqlite.gql(query).send().await;
        let b = postgres.gql(query).send().await;
        assert_eq!(
            a.data(),
            b.data(),
            "same answer on both databases for {query}"
        );
    }
}
