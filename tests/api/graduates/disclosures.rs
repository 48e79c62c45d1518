//! The FERPA record of disclosures: one row per graduate whose identifying fields reached a
//! viewer outside their school, exactly the fields that went out, written once per request in
//! one statement, and no identifying field at all when it cannot be written.

use entity::disclosure;
use entity::enums::ConsentLevel;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use super::{approve_y, set_consent};
use crate::matrix::{World, expect_matrix, ids, outcome};

const NAMES: &str = "query Screening($id: ID!) { graduate(id: $id) { familyName givenName email yearsOfExperience } }";

async fn rows_about(w: &World) -> Vec<disclosure::Model> {
    disclosure::Entity::find()
        .filter(disclosure::Column::GraduateId.eq(w.graduate))
        .all(&w.app.db)
        .await
        .expect("query")
}

#[tokio::test]
async fn an_employer_s_read_is_recorded_with_exactly_the_fields_that_went_out() {
    let w = World::new().await;
    approve_y(&w).await;
    set_consent(&w, w.graduate, ConsentLevel::Profile).await;
    let reply = w
        .send(5, NAMES, json!({ "id": w.graduate.to_string() }))
        .await;
    assert!(reply.data()["graduate"]["familyName"].is_string());
    let ferpa = &reply.body["extensions"]["ferpa"];
    assert!(
        ferpa["notice"]
            .as_str()
            .is_some_and(|n| n.contains("34 CFR 99.33")),
        "{}",
        reply.body
    );
    assert_eq!(ferpa["disclosuresRecorded"], json!(1));
    let rows = rows_about(&w).await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        row.fields,
        json!(["familyName", "givenName"]),
        "email is above PROFILE"
    );
    assert_eq!(row.recipient_org.as_deref(), Some(w.y.slug.as_str()));
    assert_eq!(row.operation, "Screening");
    assert_eq!(
        row.request_id.as_deref(),
        reply
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
    );

    // Pool fields only: nothing identifying went out, nothing is recorded, no notice.
    let pool = w
        .send(
            5,
            "query($id: ID!) { graduate(id: $id) { yearsOfExperience skills { slug } } }",
            json!({ "id": w.graduate.to_string() }),
        )
        .await;
    assert!(pool.body["extensions"]["ferpa"].is_null());
    // The school's own staff and the graduate read without a disclosure.
    for role in [1, 2, 3] {
        let own = w
            .send(role, NAMES, json!({ "id": w.graduate.to_string() }))
            .await;
        assert!(own.data()["graduate"]["email"].is_string());
        assert!(
            own.body["extensions"]["ferpa"].is_null(),
            "inside the school"
        );
    }
    assert_eq!(rows_about(&w).await.len(), 1);

    // Who reads the record of it.
    let id = row.id.to_string();
    expect_matrix("the disclosure in disclosures", "UAAANAA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let reply = w
                .send(
                    role,
                    "{ disclosures(first: 100) { edges { node { id fields graduateId } } } }",
                    json!({}),
                )
                .await;
            match outcome(&reply) {
                'A' if ids(&reply, &["disclosures"]).contains(&id) => 'A',
                'A' => 'N',
                other => other,
            }
        }
    })
    .await;
}

#[tokio::test]
async fn a_page_of_disclosures_is_written_in_one_statement() {
    let w = World::new().await;
    let ids_only = "{ graduates(first: 50) { edges { node { id } } } }";
    let named = "{ graduates(first: 50) { edges { node { id familyName city } } } }";
    let count = |q: &'static str| {
        let w = &w;
        async move {
            let before = w.app.metric("hitbridge_db_statements_total").await;
            let reply = w.send(6, q, json!({})).await;
            reply.data();
            (
                w.app.metric("hitbridge_db_statements_total").await - before,
                reply,
            )
        }
    };
    let (plain, _) = count(ids_only).await;
    let before = disclosure::Entity::find()
        .count(&w.app.db)
        .await
        .expect("count");
    let (with_names, reply) = count(named).await;
    let written = disclosure::Entity::find()
        .count(&w.app.db)
        .await
        .expect("count")
        - before;
    assert_eq!(
        written, 50,
        "one row per graduate disclosed to a consortium admin"
    );
    assert_eq!(
        reply.body["extensions"]["ferpa"]["disclosuresRecorded"],
        json!(50)
    );
    assert_eq!(with_names - plain, 1.0, "the 50 rows cost one statement");
}

#[tokio::test]
async fn when_the_log_cannot_be_written_no_identifying_field_is_sent() {
    let w = World::new().await;
    approve_y(&w).await;
    set_consent(&w, w.graduate, ConsentLevel::Contact).await;
    let name = w
        .send(
            6,
            "query($id: ID!) { graduate(id: $id) { familyName } }",
            json!({ "id": w.graduate.to_string() }),
        )
        .await;
    let family = name.data()["graduate"]["familyName"]
        .as_str()
        .expect("name")
        .to_owned();
    w.app
        .db
        .execute_unprepared("DROP TABLE disclosure")
        .await
        .expect("drop the log");
    let reply = w
        .app
        .gql(NAMES)
        .vars(json!({ "id": w.graduate.to_string() }))
        .bearer(w.token(5).expect("employer token"))
        .send()
        .await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(reply.code(), "SERVICE_UNAVAILABLE");
    assert!(reply.body["data"].is_null(), "{}", reply.body);
    assert!(!reply.body.to_string().contains(&family), "no name leaked");
    // Reads that disclose nothing are unaffected.
    let school = w
        .send(2, NAMES, json!({ "id": w.graduate.to_string() }))
        .await;
    assert_eq!(school.data()["graduate"]["familyName"], json!(family));
}
