//! The demo consortium loads once, and loading it again changes nothing.

use hitbridge_tests::TestApp;
use sea_orm::{ConnectionTrait, Statement};

const TABLES: [&str; 12] = [
    "institution",
    "program",
    "program_skill",
    "employer_partner",
    "partnership",
    "internship",
    "event",
    "event_attendance",
    "graduate",
    "graduate_skill",
    "application",
    "placement",
];

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in TABLES {
        let backend = app.db.get_database_backend();
        let row = app
            .db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count")
            .expect("a row");
        out.push(row.try_get::<i64>("", "n").expect("n"));
    }
    out
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let app = TestApp::spawn().await;
    let first = api::seed::seed_demo(&app.db).await.expect("first run");
    let after_first = counts(&app).await;
    let second = api::seed::seed_demo(&app.db).await.expect("second run");
    assert_eq!(counts(&app).await, after_first);
    assert_eq!(
        second,
        api::seed::SeedReport::default(),
        "the second run inserts nothing"
    );
    assert!(first.graduates >= 200 && first.programs >= 20 && first.employers >= 12);
    assert!(first.institutions >= 6 && first.internships >= 15 && first.events >= 3);
}

/// A real consortium starts from the curated vocabulary alone: terms and aliases, no schools,
/// no graduates; criteria name its terms at once; a second run adds nothing.
#[tokio::test]
async fn the_vocabulary_seeds_without_the_demo() {
    let app = TestApp::spawn().await;
    let (terms, aliases) = api::seed::seed_vocabulary(&app.db).await.expect("seed");
    assert!(
        terms >= 2_300 && aliases >= 1_000,
        "{terms} terms, {aliases} aliases"
    );
    assert!(
        counts(&app).await.iter().all(|n| *n == 0),
        "no demo records"
    );
    let again = api::seed::seed_vocabulary(&app.db).await.expect("again");
    assert_eq!(again, (0, 0));
    let listed = app
        .gql("{ skills(filter: { search: \"cerner\", kind: EHR_SYSTEM }) { totalCount } }")
        .send()
        .await;
    assert!(listed.data()["skills"]["totalCount"].as_i64() > Some(0));
    let pool = app
        .gql("{ candidatePool(criteria: { required: { ehrSystems: [\"Cerner\"] } }) { totalCount } }")
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    assert_eq!(pool.data()["candidatePool"]["totalCount"], 0);
}
