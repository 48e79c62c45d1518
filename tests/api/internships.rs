//! Internship writes: an employer posts, updates and closes its internships; what a posting
//! defaults to; validation that names the field; who may do what, cell by cell.

use entity::enums::PartnershipStatus;
use entity::{employer_partner, internship, partnership};
use hitbridge_tests::{Reply, TestApp, nodes, tokens};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::matrix::{World, expect_matrix, outcome};

pub const CREATE: &str = "mutation($i: CreateInternshipInput!, $k: String) {
    createInternship(input: $i, idempotencyKey: $k) { id title status pay payCents paid workMode
      rural postedAt slots version skills { slug } ehrSystems { slug }
      eligibleInstitutions { slug } employer { slug } } }";
const UPDATE: &str = "mutation($id: ID!, $v: Int!, $i: UpdateInternshipInput!) {
    updateInternship(id: $id, expectedVersion: $v, input: $i) { id title status version pay payCents
      eligibleInstitutions { slug } skills { slug } } }";
const CLOSE: &str = "mutation($id: ID!, $v: Int!) {
    closeInternship(id: $id, expectedVersion: $v) { id status version } }";

/// The demo hospital that posts in these tests (it has active and pending partnerships).
pub const HOSPITAL: &str = "magnolia-regional-medical-center";

/// A valid posting for `employer`, with `changes` laid over it.
pub fn posting(employer: &str, changes: Value) -> Value {
    let mut input = json!({ "employer": employer, "title": "Health Data Intern",
        "description": "Clean up and report on encounter data.", "city": "Atlanta", "state": "GA",
        "startsOn": "2027-01-11", "endsOn": "2027-04-02", "applicationDeadline": "2026-12-20",
        "slots": 2, "status": "OPEN", "pay": "HOURLY", "payCents": 2000,
        "skills": ["sql", "data-analytics"], "ehrSystems": ["epic"] });
    if let (Some(input), Some(changes)) = (input.as_object_mut(), changes.as_object()) {
        for (k, v) in changes {
            input.insert(k.clone(), v.clone());
        }
    }
    input
}

pub async fn employer(app: &TestApp, slug: &str) -> employer_partner::Model {
    employer_partner::Entity::find()
        .filter(employer_partner::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .expect("query")
        .expect("employer")
}

/// The slugs of the active schools with an active partnership with `employer`, sorted.
pub async fn approving(app: &TestApp, employer: &employer_partner::Model) -> Vec<String> {
    let ids: Vec<uuid::Uuid> = partnership::Entity::find()
        .filter(partnership::Column::EmployerId.eq(employer.id))
        .filter(partnership::Column::Status.eq(PartnershipStatus::Active))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|p| p.institution_id)
        .collect();
    let mut slugs: Vec<String> = entity::institution::Entity::find()
        .filter(entity::institution::Column::Id.is_in(ids))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|i| i.slug)
        .collect();
    slugs.sort();
    slugs
}

fn slugs(list: &Value) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v["slug"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

pub async fn create(app: &TestApp, token: &str, input: Value) -> Reply {
    app.gql(CREATE)
        .vars(json!({ "i": input }))
        .bearer(token)
        .send()
        .await
}

#[tokio::test]
async fn a_posting_defaults_to_the_schools_that_approved_the_employer_and_its_rural_flag() {
    let app = TestApp::spawn_demo().await;
    let hospital = employer(&app, HOSPITAL).await;
    let approving = approving(&app, &hospital).await;
    assert!(approving.len() >= 2, "the hospital has partner schools");
    let reply = create(
        &app,
        &tokens::employer(HOSPITAL),
        posting(HOSPITAL, json!({})),
    )
    .await;
    let made = &reply.data()["createInternship"];
    assert_eq!(slugs(&made["eligibleInstitutions"]), approving);
    assert_eq!(made["rural"], hospital.rural);
    assert_eq!(made["status"], "OPEN");
    assert!(
        made["postedAt"].is_string(),
        "an open posting has been posted"
    );
    assert_eq!(
        (made["pay"].as_str(), made["paid"].as_bool()),
        (Some("HOURLY"), Some(true))
    );
    assert_eq!(made["workMode"], "ON_SITE");
    assert_eq!(slugs(&made["skills"]), ["data-analytics", "sql"]);
    assert_eq!(slugs(&made["ehrSystems"]), ["epic"]);

    // Anyone finds it among the open internships; a draft has no posting date.
    let listed = app
        .gql("query($f: InternshipFilter) { internships(first: 100, filter: $f) { edges { node { id } } } }")
        .vars(json!({ "f": { "employer": HOSPITAL, "workMode": "ON_SITE", "paid": true } }))
        .send()
        .await;
    assert!(
        nodes(listed.data(), "internships")
            .iter()
            .any(|n| n["id"] == made["id"])
    );
    let draft = create(
        &app,
        &tokens::employer(HOSPITAL),
        posting(
            HOSPITAL,
            json!({ "status": "DRAFT", "pay": "STIPEND", "payCents": null,
            "workMode": "REMOTE", "rural": true, "eligibleInstitutions": [approving[0]] }),
        ),
    )
    .await;
    let draft = &draft.data()["createInternship"];
    assert!(draft["postedAt"].is_null());
    assert_eq!(
        (draft["pay"].as_str(), draft["payCents"].as_i64()),
        (Some("STIPEND"), None)
    );
    assert_eq!(
        (draft["workMode"].as_str(), draft["rural"].as_bool()),
        (Some("REMOTE"), Some(true))
    );
    assert_eq!(slugs(&draft["eligibleInstitutions"]), approving[..1]);
}

#[tokio::test]
async fn bad_postings_are_refused_naming_the_field_and_write_nothing() {
    let app = TestApp::spawn_demo().await;
    let hospital = employer(&app, HOSPITAL).await;
    let token = tokens::employer(HOSPITAL);
    let pending: Vec<uuid::Uuid> = partnership::Entity::find()
        .filter(partnership::Column::EmployerId.eq(hospital.id))
        .filter(partnership::Column::Status.ne(PartnershipStatus::Active))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|p| p.institution_id)
        .collect();
    let not_approving = entity::institution::Entity::find()
        .filter(entity::institution::Column::Id.is_in(pending))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a school that has not approved the hospital")
        .slug;
    let before = internship::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    let cases = [
        (json!({ "endsOn": "2027-01-01" }), "input.endsOn"),
        (
            json!({ "applicationDeadline": "2027-05-01" }),
            "input.applicationDeadline",
        ),
        (
            json!({ "pay": "UNPAID", "payCents": 1500 }),
            "input.payCents",
        ),
        (json!({ "payCents": 0 }), "input.payCents"),
        (json!({ "slots": 0 }), "input.slots"),
        (json!({ "title": "  " }), "input.title"),
        (json!({ "state": "Georgia" }), "input.state"),
        (json!({ "skills": ["no-such-skill"] }), "input.skills"),
        (json!({ "skills": ["epic"] }), "input.skills"),
        (json!({ "ehrSystems": ["sql"] }), "input.ehrSystems"),
        (
            json!({ "eligibleInstitutions": [not_approving] }),
            "input.eligibleInstitutions",
        ),
        (json!({ "status": "ARCHIVED" }), "input.status"),
        (json!({ "employer": "no-such-employer" }), "input.employer"),
    ];
    for (change, field) in cases {
        let reply = create(&app, &token, posting(HOSPITAL, change.clone())).await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{change}: {}", reply.body);
        assert_eq!(
            reply.body["errors"][0]["extensions"]["field"], field,
            "{change}: {}",
            reply.body
        );
    }
    let after = internship::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(after, before, "no refused posting was written");
}

#[tokio::test]
async fn updates_need_the_current_version_and_a_closed_posting_leaves_the_public_list() {
    let app = TestApp::spawn_demo().await;
    let token = tokens::employer(HOSPITAL);
    let reply = create(
        &app,
        &token,
        posting(HOSPITAL, json!({ "status": "DRAFT" })),
    )
    .await;
    let id = reply.data()["createInternship"]["id"].clone();
    let update = |v: i64, input: Value| {
        app.gql(UPDATE)
            .vars(json!({ "id": id, "v": v, "i": input }))
            .bearer(&token)
            .send()
    };
    let opened = update(
        1,
        json!({ "status": "OPEN", "title": "Data Quality Intern",
        "pay": "STIPEND", "payCents": 250000, "skills": ["sql"] }),
    )
    .await;
    let opened = &opened.data()["updateInternship"];
    assert_eq!(
        (opened["version"].as_i64(), opened["status"].as_str()),
        (Some(2), Some("OPEN"))
    );
    assert_eq!(opened["payCents"], 250000);
    assert_eq!(slugs(&opened["skills"]), ["sql"]);
    let stale = update(1, json!({ "title": "Lost" })).await;
    assert_eq!(stale.code(), "CONFLICT");
    let bad = update(2, json!({ "endsOn": "2026-01-01" })).await;
    assert_eq!(bad.code(), "BAD_USER_INPUT");
    let row = internship::Entity::find_by_id(
        id.as_str()
            .and_then(|s| s.parse::<uuid::Uuid>().ok())
            .expect("uuid"),
    )
    .one(&app.db)
    .await
    .expect("query")
    .expect("row");
    assert_eq!(
        (row.title.as_str(), row.version),
        ("Data Quality Intern", 2),
        "nothing lost, nothing half-written"
    );
    assert!(row.posted_at.is_some());

    let public = "query($id: ID!) { internship(id: $id) { id } }";
    assert_eq!(
        app.gql(public)
            .vars(json!({ "id": id }))
            .send()
            .await
            .codes(),
        Vec::<String>::new()
    );
    let closed = app
        .gql(CLOSE)
        .vars(json!({ "id": id, "v": 2 }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(closed.data()["closeInternship"]["status"], "CLOSED");
    assert_eq!(
        app.gql(public)
            .vars(json!({ "id": id }))
            .send()
            .await
            .code(),
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn only_the_employer_and_consortium_admins_post_update_and_close_its_internships() {
    let w = World::new().await;
    let approving = approving(&w.app, &w.y).await;
    expect_matrix("createInternship for Y", "FFFFFAA", |role| {
        let w = &w;
        let eligible = approving.clone();
        async move {
            let input = posting(&w.y.slug, json!({ "eligibleInstitutions": eligible }));
            outcome(&w.send(role, CREATE, json!({ "i": input })).await)
        }
    })
    .await;
    let id = w.hidden_internship.id;
    expect_matrix("updateInternship of Y (not open)", "NNNNNAA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<internship::Entity>(id).await;
            let vars =
                json!({ "id": id.to_string(), "v": v, "i": { "title": format!("Edited {role}") } });
            outcome(&w.send(role, UPDATE, vars).await)
        }
    })
    .await;
    expect_matrix("closeInternship of Y (not open)", "NNNNNAA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<internship::Entity>(id).await;
            outcome(
                &w.send(role, CLOSE, json!({ "id": id.to_string(), "v": v }))
                    .await,
            )
        }
    })
    .await;
}
