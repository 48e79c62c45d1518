//! Applications: a graduate applies once to an open internship their school is eligible for;
//! the employer and the graduate move it along the workflow, each making their own moves; every
//! move is recorded; the employer's view of the applicant is logged as a disclosure; who reads
//! and moves what, cell by cell.

use chrono::Utc;
use entity::enums::{ApplicationStatus, GraduateStatus, PartnershipStatus};
use entity::{application, disclosure, graduate, institution, partnership};
use hitbridge_tests::{Reply, TestApp, nodes, tokens};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::internships::{HOSPITAL, create, employer, posting};
use crate::matrix::{World, expect_matrix, outcome};

const APPLY: &str = "mutation($i: ID!, $n: String) {
    applyToInternship(internshipId: $i, note: $n) { id status version note } }";
const MOVE: &str = "mutation($id: ID!, $v: Int!, $s: ApplicationStatus!, $n: String) {
    updateApplicationStatus(id: $id, expectedVersion: $v, status: $s, note: $n) { id status version } }";
const READ: &str = "query($id: ID!) { application(id: $id) { id status
    internship { id } history { from to changedBy note } } }";

/// Seeking graduates of the schools that have (`approved`) or have not approved `employer`.
async fn graduates_of(app: &TestApp, employer: Uuid, approved: bool) -> Vec<graduate::Model> {
    let active: Vec<Uuid> = partnership::Entity::find()
        .filter(partnership::Column::EmployerId.eq(employer))
        .filter(partnership::Column::Status.eq(PartnershipStatus::Active))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|p| p.institution_id)
        .collect();
    let schools = if approved {
        graduate::Column::InstitutionId.is_in(active)
    } else {
        graduate::Column::InstitutionId.is_not_in(active)
    };
    graduate::Entity::find()
        .filter(schools)
        .filter(graduate::Column::Status.eq(GraduateStatus::Seeking))
        .all(&app.db)
        .await
        .expect("query")
}

/// An open posting of the hospital taking `slots` interns; its id.
async fn open_posting(app: &TestApp, slots: i32) -> Value {
    let reply = create(
        app,
        &tokens::employer(HOSPITAL),
        posting(HOSPITAL, json!({ "slots": slots })),
    )
    .await;
    reply.data()["createInternship"]["id"].clone()
}

async fn apply(app: &TestApp, graduate: &graduate::Model, internship: &Value) -> Reply {
    app.gql(APPLY)
        .vars(json!({ "i": internship, "n": "I coded for six years before retraining." }))
        .bearer(tokens::graduate(&graduate.id.to_string()))
        .send()
        .await
}

async fn move_to(app: &TestApp, token: &str, id: &Value, version: i64, status: &str) -> Reply {
    app.gql(MOVE)
        .vars(json!({ "id": id, "v": version, "s": status, "n": format!("to {status}") }))
        .bearer(token)
        .send()
        .await
}

#[tokio::test]
async fn a_graduate_goes_from_application_to_a_completed_internship() {
    let app = TestApp::spawn_demo().await;
    let hospital = employer(&app, HOSPITAL).await;
    let candidates = graduates_of(&app, hospital.id, true).await;
    let applicant = candidates
        .first()
        .expect("a seeking graduate of a partner school");
    let internship = open_posting(&app, 1).await;
    let applied = apply(&app, applicant, &internship).await;
    let applied = &applied.data()["applyToInternship"];
    assert_eq!(
        (applied["status"].as_str(), applied["version"].as_i64()),
        (Some("APPLIED"), Some(1))
    );
    let id = applied["id"].clone();

    let employer_token = tokens::employer(HOSPITAL);
    let graduate_token = tokens::graduate(&applicant.id.to_string());
    let steps = [
        (&employer_token, "SCREENING"),
        (&employer_token, "INTERVIEW"),
        (&employer_token, "OFFERED"),
        (&graduate_token, "ACCEPTED"),
        (&employer_token, "COMPLETED"),
    ];
    for (n, (token, status)) in steps.iter().enumerate() {
        let reply = move_to(&app, token, &id, n as i64 + 1, status).await;
        assert_eq!(reply.data()["updateApplicationStatus"]["status"], *status);
    }

    // Every move is a row: from, to, who, note; the graduate and the employer both read them.
    for token in [&graduate_token, &employer_token] {
        let read = app
            .gql(READ)
            .vars(json!({ "id": id }))
            .bearer(token)
            .send()
            .await;
        let history = read.data()["application"]["history"]
            .as_array()
            .expect("history")
            .clone();
        let moves: Vec<(Value, Value)> = history
            .iter()
            .map(|h| (h["from"].clone(), h["to"].clone()))
            .collect();
        assert_eq!(
            moves,
            [
                (Value::Null, json!("APPLIED")),
                (json!("APPLIED"), json!("SCREENING")),
                (json!("SCREENING"), json!("INTERVIEW")),
                (json!("INTERVIEW"), json!("OFFERED")),
                (json!("OFFERED"), json!("ACCEPTED")),
                (json!("ACCEPTED"), json!("COMPLETED")),
            ]
        );
        assert!(
            history[4]["changedBy"].is_null(),
            "who moved it: admins only"
        );
        assert_eq!(history[5]["note"], "to COMPLETED");
    }

    let audited = app
        .gql(READ)
        .vars(json!({ "id": id }))
        .bearer(tokens::consortium_admin())
        .send()
        .await;
    let history = &audited.data()["application"]["history"];
    assert_eq!(
        history[4]["changedBy"], "graduate",
        "the graduate's own move"
    );
    assert_eq!(history[3]["changedBy"], "recruiter");

    // The employer applied to receives the applicant's contact details, logged as a disclosure
    // with the redisclosure notice, whatever the graduate's pool consent.
    let seen = app
        .gql("query($id: ID!) { application(id: $id) { applicant { givenName email } } }")
        .vars(json!({ "id": id }))
        .bearer(&employer_token)
        .send()
        .await;
    let person = &seen.data()["application"]["applicant"];
    assert_eq!(person["email"], applicant.email);
    assert!(
        seen.body["extensions"]["ferpa"]["notice"].is_string(),
        "{}",
        seen.body
    );
    let logged = disclosure::Entity::find()
        .filter(disclosure::Column::GraduateId.eq(applicant.id))
        .filter(disclosure::Column::RecipientOrg.eq(HOSPITAL))
        .all(&app.db)
        .await
        .expect("query");
    assert!(
        logged
            .iter()
            .any(|d| d.fields.to_string().contains("email")),
        "the e-mail that went out is logged"
    );

    // The application and its moves are in the audit trail of the applicant's school.
    let school = institution::Entity::find_by_id(applicant.institution_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("the applicant's school");
    let log = app
        .gql("query($id: ID) { auditLog(filter: { entityId: $id }) { edges { node { action institution { slug } } } } }")
        .vars(json!({ "id": id }))
        .bearer(tokens::school_admin(&school.slug))
        .send()
        .await;
    let entries = nodes(log.data(), "auditLog");
    assert_eq!(
        entries.len(),
        6,
        "the application and its five moves: {entries:?}"
    );
    assert!(
        entries
            .iter()
            .all(|e| e["institution"]["slug"] == school.slug.as_str()),
        "{entries:?}"
    );
}

#[tokio::test]
async fn one_application_per_internship_and_closed_full_or_ineligible_postings_say_why() {
    let app = TestApp::spawn_demo().await;
    let hospital = employer(&app, HOSPITAL).await;
    let eligible = graduates_of(&app, hospital.id, true).await;
    let [first, second, ..] = eligible.as_slice() else {
        panic!("two graduates of partner schools");
    };
    let outsider = graduates_of(&app, hospital.id, false).await;
    let outsider = outsider.first().expect("a graduate of another school");
    let internship = open_posting(&app, 1).await;

    let applied = apply(&app, first, &internship).await;
    let id = applied.data()["applyToInternship"]["id"].clone();
    assert_eq!(apply(&app, first, &internship).await.code(), "CONFLICT");

    let refused = |reply: &Reply, why: &str| {
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{}", reply.body);
        assert_eq!(
            reply.body["errors"][0]["extensions"]["field"],
            "internshipId"
        );
        let message = reply.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default();
        assert!(message.contains(why), "{why}: {message}");
    };
    refused(&apply(&app, outsider, &internship).await, "not eligible");

    // The one slot is taken once the first applicant accepts.
    let employer_token = tokens::employer(HOSPITAL);
    for (v, status) in [(1, "SCREENING"), (2, "INTERVIEW"), (3, "OFFERED")] {
        move_to(&app, &employer_token, &id, v, status).await.data();
    }
    let token = tokens::graduate(&first.id.to_string());
    move_to(&app, &token, &id, 4, "ACCEPTED").await.data();
    refused(&apply(&app, second, &internship).await, "full");

    let other = open_posting(&app, 3).await;
    let closed = app
        .gql("mutation($id: ID!) { closeInternship(id: $id, expectedVersion: 1) { status } }")
        .vars(json!({ "id": other }))
        .bearer(&employer_token)
        .send()
        .await;
    closed.data();
    refused(&apply(&app, second, &other).await, "closed");

    let draft = create(
        &app,
        &employer_token,
        posting(HOSPITAL, json!({ "status": "DRAFT" })),
    )
    .await;
    let draft = draft.data()["createInternship"]["id"].clone();
    refused(&apply(&app, second, &draft).await, "no such internship");
    let stored = application::Entity::find()
        .filter(application::Column::GraduateId.is_in([second.id, outsider.id]))
        .filter(application::Column::CreatedAt.gt(Utc::now() - chrono::TimeDelta::minutes(5)))
        .all(&app.db)
        .await
        .expect("query");
    assert!(stored.is_empty(), "no refused application was stored");
}

#[tokio::test]
async fn moves_follow_the_workflow_and_each_party_makes_only_its_own() {
    let app = TestApp::spawn_demo().await;
    let hospital = employer(&app, HOSPITAL).await;
    let graduates = graduates_of(&app, hospital.id, true).await;
    let applicant = graduates.first().expect("a graduate");
    let internship = open_posting(&app, 2).await;
    let applied = apply(&app, applicant, &internship).await;
    let id = applied.data()["applyToInternship"]["id"].clone();
    let employer_token = tokens::employer(HOSPITAL);
    let graduate_token = tokens::graduate(&applicant.id.to_string());

    let skipped = move_to(&app, &employer_token, &id, 1, "OFFERED").await;
    assert_eq!(skipped.code(), "BAD_USER_INPUT");
    let message = skipped.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("SCREENING, REJECTED, WITHDRAWN"),
        "{message}"
    );
    assert_eq!(
        move_to(&app, &graduate_token, &id, 1, "SCREENING")
            .await
            .code(),
        "FORBIDDEN"
    );
    move_to(&app, &employer_token, &id, 1, "SCREENING")
        .await
        .data();
    assert_eq!(
        move_to(&app, &employer_token, &id, 1, "INTERVIEW")
            .await
            .code(),
        "CONFLICT"
    );
    move_to(&app, &employer_token, &id, 2, "INTERVIEW")
        .await
        .data();
    move_to(&app, &employer_token, &id, 3, "OFFERED")
        .await
        .data();
    assert_eq!(
        move_to(&app, &employer_token, &id, 4, "ACCEPTED")
            .await
            .code(),
        "FORBIDDEN"
    );
    move_to(&app, &graduate_token, &id, 4, "DECLINED")
        .await
        .data();
    let ended = move_to(&app, &graduate_token, &id, 5, "ACCEPTED").await;
    assert_eq!(
        ended.code(),
        "BAD_USER_INPUT",
        "a declined offer stays declined"
    );
}

/// World's graduate (of X) applied to Y's internship that is not open, straight in the database.
pub(crate) async fn world_application(w: &World) -> Uuid {
    let now = Utc::now();
    let id = Uuid::now_v7();
    application::ActiveModel {
        id: Set(id),
        graduate_id: Set(w.graduate),
        internship_id: Set(w.hidden_internship.id),
        status: Set(ApplicationStatus::Applied),
        cover_note: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&w.app.db)
    .await
    .expect("insert");
    id
}

/// Puts the application back to APPLIED at version 1, so that every cell starts alike.
async fn reset(w: &World, id: Uuid) {
    application::ActiveModel {
        id: Set(id),
        status: Set(ApplicationStatus::Applied),
        version: Set(1),
        ..Default::default()
    }
    .update(&w.app.db)
    .await
    .expect("reset");
}

#[tokio::test]
async fn the_parties_to_an_application_read_it_and_make_their_own_moves() {
    let w = World::new().await;
    let id = world_application(&w).await;
    let key = id.to_string();
    expect_matrix("application(id)", "NAAANAA", |role| {
        let w = &w;
        let key = key.clone();
        async move { outcome(&w.send(role, READ, json!({ "id": key })).await) }
    })
    .await;
    expect_matrix("in applications", "UAAANAA", |role| {
        let w = &w;
        let key = key.clone();
        async move {
            let reply = w
                .send(
                    role,
                    "{ applications(first: 100) { edges { node { id } } } }",
                    json!({}),
                )
                .await;
            if !reply.codes().is_empty() {
                return outcome(&reply);
            }
            let listed = nodes(reply.data(), "applications")
                .iter()
                .any(|n| n["id"] == key.as_str());
            if listed { 'A' } else { 'N' }
        }
    })
    .await;
    // School staff and admins read the internship their graduate applied to, open or not.
    let internship = w.hidden_internship.id.to_string();
    expect_matrix("internship applied to (not open)", "NAAANAA", |role| {
        let w = &w;
        let internship = internship.clone();
        async move {
            let query = "query($id: ID!) { internship(id: $id) { id } }";
            outcome(&w.send(role, query, json!({ "id": internship })).await)
        }
    })
    .await;
    expect_matrix("move to SCREENING (the employer's)", "NFFFNAA", |role| {
        let w = &w;
        async move {
            reset(w, id).await;
            let vars = json!({ "id": id.to_string(), "v": 1, "s": "SCREENING" });
            outcome(&w.send(role, MOVE, vars).await)
        }
    })
    .await;
    expect_matrix("move to WITHDRAWN (the graduate's)", "NAFFNFA", |role| {
        let w = &w;
        async move {
            reset(w, id).await;
            let vars = json!({ "id": id.to_string(), "v": 1, "s": "WITHDRAWN" });
            outcome(&w.send(role, MOVE, vars).await)
        }
    })
    .await;
}

#[tokio::test]
async fn only_a_graduate_applies_and_only_for_themself() {
    let w = World::new().await;
    crate::graduates::approve_y(&w).await;
    let input = posting(&w.y.slug, json!({ "eligibleInstitutions": [w.x.slug] }));
    let made = w
        .send(6, crate::internships::CREATE, json!({ "i": input }))
        .await;
    let internship = made.data()["createInternship"]["id"].clone();
    expect_matrix("applyToInternship", "UAFFFFF", |role| {
        let w = &w;
        let internship = internship.clone();
        async move { outcome(&w.send(role, APPLY, json!({ "i": internship })).await) }
    })
    .await;
}
