//! Incremental sync of a candidate pool: an integration that takes a token, pulls the whole
//! pool, then replays every change ends with exactly what a full pull gives, after every step of
//! a scripted sequence of writes made through the API.

use std::collections::BTreeMap;

use entity::enums::{ConsentLevel, GraduateStatus};
use entity::{graduate, partnership};
use hitbridge_tests::{Reply, tokens};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::graduates::approve_y;
use crate::matrix::World;

fn criteria() -> Value {
    json!({ "required": { "seeking": ["FULL_TIME", "INTERNSHIP", "PART_TIME"] },
            "preferred": { "ehrSystems": ["epic", "meditech"], "skills": ["sql", "hipaa"], "openToRural": true } })
}

const PULL: &str = "query($c: CandidateCriteria!, $after: String) { candidatePool(criteria: $c, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { matchScore graduate { id } } } } }";
const CHANGES: &str = "query($c: CandidateCriteria!, $since: String) { candidatePoolChanges(criteria: $c, since: $since, first: 7) {
    upserts { matchScore graduate { id } } tombstones nextToken hasMore } }";

/// The partner's copy: graduate id → score.
type Copy = BTreeMap<String, String>;

async fn as_y(w: &World, query: &str, vars: Value) -> Reply {
    let reply = w.send(5, query, vars).await;
    reply.data();
    reply
}

async fn full_pull(w: &World) -> Copy {
    let mut copy = Copy::new();
    let mut after: Option<String> = None;
    loop {
        let reply = as_y(w, PULL, json!({ "c": criteria(), "after": after })).await;
        let pool = &reply.body["data"]["candidatePool"];
        for edge in pool["edges"].as_array().into_iter().flatten() {
            copy.insert(
                edge["node"]["graduate"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                format!("{:.9}", edge["node"]["matchScore"].as_f64().unwrap_or(-1.0)),
            );
        }
        if pool["pageInfo"]["hasNextPage"] != json!(true) {
            return copy;
        }
        after = pool["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
}

/// Replays every change since `token` into `copy`; returns the next token.
async fn sync(w: &World, copy: &mut Copy, mut token: String) -> String {
    loop {
        let reply = as_y(w, CHANGES, json!({ "c": criteria(), "since": token })).await;
        let changes = &reply.body["data"]["candidatePoolChanges"];
        for entry in changes["upserts"].as_array().into_iter().flatten() {
            copy.insert(
                entry["graduate"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                format!("{:.9}", entry["matchScore"].as_f64().unwrap_or(-1.0)),
            );
        }
        for id in changes["tombstones"].as_array().into_iter().flatten() {
            copy.remove(id.as_str().unwrap_or_default());
        }
        token = changes["nextToken"].as_str().expect("token").to_owned();
        if changes["hasMore"] != json!(true) {
            return token;
        }
    }
}

async fn graduates_of_x(w: &World, consent: Option<ConsentLevel>) -> Vec<graduate::Model> {
    let mut q = graduate::Entity::find()
        .filter(graduate::Column::InstitutionId.eq(w.x.id))
        .filter(graduate::Column::Status.eq(GraduateStatus::Seeking))
        .order_by_asc(graduate::Column::Id);
    if let Some(c) = consent {
        q = q.filter(graduate::Column::Consent.eq(c));
    }
    q.all(&w.app.db).await.expect("query")
}

async fn mutate(w: &World, token: String, query: &str, vars: Value) {
    let reply = w.app.gql(query).vars(vars).bearer(token).send().await;
    reply.data();
}

async fn version(w: &World, id: Uuid) -> i32 {
    w.version_of::<graduate::Entity>(id).await
}

#[tokio::test]
async fn a_replayed_sync_always_equals_a_full_pull() {
    let w = World::new().await;
    approve_y(&w).await;
    let start = as_y(&w, CHANGES, json!({ "c": criteria(), "since": null })).await;
    let mut token = start.body["data"]["candidatePoolChanges"]["nextToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let mut copy = full_pull(&w).await;
    assert!(!copy.is_empty());
    let admin_x = || tokens::school_admin(&w.x.slug);
    let consenting = graduates_of_x(&w, Some(ConsentLevel::Profile)).await;
    let private = graduates_of_x(&w, Some(ConsentLevel::Private)).await;
    let (g1, g2) = (consenting[0].id, consenting[1].id);
    let set_consent = "mutation($l: ConsentLevel!) { setConsent(level: $l) { consent } }";
    let update = "mutation($id: ID!, $v: Int!, $i: UpdateGraduateInput!) { updateGraduate(id: $id, expectedVersion: $v, input: $i) { id } }";
    let xy = partnership::Entity::find()
        .filter(partnership::Column::InstitutionId.eq(w.x.id))
        .filter(partnership::Column::EmployerId.eq(w.y.id))
        .one(&w.app.db)
        .await
        .expect("query")
        .expect("X approves Y");

    let mut steps = 0;
    macro_rules! step {
        ($what:expr, $write:expr) => {{
            $write;
            token = sync(&w, &mut copy, token).await;
            assert_eq!(copy, full_pull(&w).await, "after {}", $what);
            steps += 1;
        }};
    }
    step!(
        "a graduate withdraws consent",
        mutate(
            &w,
            tokens::graduate(&g1.to_string()),
            set_consent,
            json!({ "l": "PRIVATE" })
        )
        .await
    );
    step!(
        "and gives it again",
        mutate(
            &w,
            tokens::graduate(&g1.to_string()),
            set_consent,
            json!({ "l": "CONTACT" })
        )
        .await
    );
    step!("the school adds skills (the score moves)", {
        let v = version(&w, g2).await;
        mutate(&w, admin_x(), update, json!({ "id": g2.to_string(), "v": v,
            "i": { "skills": ["sql", "hipaa"], "ehrSystems": ["epic", "meditech"], "openToRural": true } })).await
    });
    step!(
        "a private graduate consents",
        mutate(
            &w,
            tokens::graduate(&private[0].id.to_string()),
            set_consent,
            json!({ "l": "ANONYMOUS" })
        )
        .await
    );
    step!("a graduate is placed", {
        let v = version(&w, g2).await;
        mutate(
            &w,
            admin_x(),
            update,
            json!({ "id": g2.to_string(), "v": v, "i": { "status": "PLACED" } }),
        )
        .await
    });
    step!("a graduate is archived", {
        let v = version(&w, g1).await;
        mutate(
            &w,
            admin_x(),
            "mutation($id: ID!, $v: Int!) { archiveGraduate(id: $id, expectedVersion: $v) { id } }",
            json!({ "id": g1.to_string(), "v": v }),
        )
        .await
    });
    step!("the school puts the partnership on hold", {
        let v = w.version_of::<partnership::Entity>(xy.id).await;
        mutate(&w, admin_x(), "mutation($id: ID!, $v: Int!) { updatePartnership(id: $id, expectedVersion: $v, change: HOLD) { id } }",
            json!({ "id": xy.id.to_string(), "v": v })).await
    });
    step!("and approves it again", {
        let v = w.version_of::<partnership::Entity>(xy.id).await;
        mutate(&w, admin_x(), "mutation($id: ID!, $v: Int!) { updatePartnership(id: $id, expectedVersion: $v, change: ACTIVATE) { id } }",
            json!({ "id": xy.id.to_string(), "v": v })).await
    });
    step!("a new graduate is recorded, then consents", {
        let input = json!({ "institution": w.x.slug, "program": w.published.slug, "givenName": "Nia", "familyName": "Okafor",
            "email": "nia.okafor@example.org", "graduationYear": 2026, "graduationTerm": "FALL", "background": "IT",
            "city": "Macon", "state": "GA", "region": "Central Georgia", "seeking": ["FULL_TIME"], "ehrSystems": ["epic"] });
        let reply = w
            .app
            .gql("mutation($i: CreateGraduateInput!) { createGraduate(input: $i) { id } }")
            .vars(json!({ "i": input }))
            .bearer(admin_x())
            .send()
            .await;
        let id = reply.data()["createGraduate"]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        mutate(
            &w,
            tokens::graduate(&id),
            set_consent,
            json!({ "l": "PROFILE" }),
        )
        .await
    });
    assert_eq!(steps, 9);
    // Nothing changed since: the next sync is empty.
    let idle = as_y(&w, CHANGES, json!({ "c": criteria(), "since": token })).await;
    let idle = &idle.body["data"]["candidatePoolChanges"];
    assert_eq!(idle["upserts"], json!([]));
    assert_eq!(idle["tombstones"], json!([]));
}

#[tokio::test]
async fn a_token_is_bound_to_its_criteria_and_refused_when_malformed() {
    let w = World::new().await;
    approve_y(&w).await;
    let start = as_y(&w, CHANGES, json!({ "c": criteria(), "since": null })).await;
    let token = start.body["data"]["candidatePoolChanges"]["nextToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let other = json!({ "preferred": { "openToRural": true } });
    let reply = w
        .send(5, CHANGES, json!({ "c": other, "since": token }))
        .await;
    assert_eq!(reply.code(), "BAD_USER_INPUT");
    // Bound to all of them: a match mode, an importance or a group alone makes other criteria,
    // for a sync token and for a page cursor alike.
    let first = as_y(&w, PULL, json!({ "c": criteria(), "after": null })).await;
    let cursor = first.body["data"]["candidatePool"]["pageInfo"]["endCursor"].clone();
    let mut moded = criteria();
    moded["preferred"]["ehrSystemsMatch"] = json!("ANY");
    let mut weighed = criteria();
    weighed["preferred"]["importance"] = json!("HIGH");
    let mut grouped = criteria();
    grouped["required"]["anyOf"] =
        json!([{ "seeking": ["FULL_TIME"] }, { "openToRelocation": true }]);
    for changed in [moded, weighed, grouped] {
        let reply = w
            .send(5, CHANGES, json!({ "c": changed, "since": token }))
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "token, {changed}");
        let reply = w
            .send(5, PULL, json!({ "c": changed, "after": cursor }))
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "cursor, {changed}");
    }
    let reply = w
        .send(
            5,
            CHANGES,
            json!({ "c": criteria(), "since": "not-a-token" }),
        )
        .await;
    assert_eq!(reply.code(), "BAD_USER_INPUT");
    crate::matrix::expect_matrix("candidatePoolChanges", "UFFFFAA", |role| {
        let w = &w;
        async move {
            let reply = w
                .send(role, CHANGES, json!({ "c": criteria(), "since": null }))
                .await;
            crate::matrix::outcome(&reply)
        }
    })
    .await;
}
