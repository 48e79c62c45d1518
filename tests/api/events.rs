//! Events: a school hosts a job fair, employers register to attend, graduates register their
//! interest, the public listing shows who attends; updates, cancellation; who may do what.

use hitbridge_tests::{Reply, TestApp, nodes, tokens};
use serde_json::{Value, json};

use crate::internships::HOSPITAL;
use crate::matrix::{World, expect_matrix, outcome};

const CREATE: &str =
    "mutation($i: CreateEventInput!) { createEvent(input: $i) { id slug status version } }";
const UPDATE: &str = "mutation($id: ID!, $v: Int!, $i: UpdateEventInput!) {
    updateEvent(id: $id, expectedVersion: $v, input: $i) { id name version } }";
const CANCEL: &str =
    "mutation($id: ID!, $v: Int!) { cancelEvent(id: $id, expectedVersion: $v) { status } }";
const ATTEND: &str =
    "mutation($e: ID!, $emp: String) { registerForEvent(event: $e, employer: $emp) { id } }";
const LEAVE: &str = "mutation($e: ID!) { withdrawFromEvent(event: $e) { id } }";
const INTEREST: &str =
    "mutation($e: ID!) { registerInterest(event: $e) { interestedGraduates viewerInterested } }";
const UNINTEREST: &str =
    "mutation($e: ID!) { withdrawInterest(event: $e) { interestedGraduates } }";
const READ: &str =
    "query($id: ID!) { event(id: $id) { status name interestedGraduates viewerInterested
    attendingEmployers { slug } } }";

fn job_fair(host: &str, slug: &str) -> Value {
    json!({ "host": host, "slug": slug, "name": "Winter HIT Job Fair", "kind": "JOB_FAIR",
        "description": "Meet hospitals, clinics and EHR vendors hiring health IT graduates.",
        "startsAt": "2031-01-15T15:00:00Z", "endsAt": "2031-01-15T19:00:00Z", "venue": "Student Center",
        "city": "Macon", "state": "GA" })
}

async fn send(app: &TestApp, token: Option<&str>, query: &str, vars: Value) -> Reply {
    let mut request = app.gql(query).vars(vars);
    if let Some(token) = token {
        request = request.bearer(token);
    }
    request.send().await
}

#[tokio::test]
async fn a_school_hosts_a_job_fair_that_employers_attend_and_graduates_follow() {
    let w = World::new().await;
    let app = &w.app;
    let admin = tokens::school_admin(&w.x.slug);
    let created = send(
        app,
        Some(&admin),
        CREATE,
        json!({ "i": job_fair(&w.x.slug, "winter-hit-fair") }),
    )
    .await;
    let created = &created.data()["createEvent"];
    assert_eq!(
        (created["status"].as_str(), created["version"].as_i64()),
        (Some("SCHEDULED"), Some(1))
    );
    let id = created["id"].clone();

    // An employer registers (twice: one attendance); a graduate registers interest.
    let hr = tokens::employer(HOSPITAL);
    for _ in 0..2 {
        send(app, Some(&hr), ATTEND, json!({ "e": id }))
            .await
            .data();
    }
    let graduate = tokens::graduate(&w.graduate.to_string());
    let interested = send(app, Some(&graduate), INTEREST, json!({ "e": id })).await;
    assert_eq!(
        interested.data()["registerInterest"],
        json!({ "interestedGraduates": 1, "viewerInterested": true })
    );

    // The public listing shows who attends and how many are interested, never who.
    let listing = send(app, None, "{ events(first: 100) { edges { node { id interestedGraduates viewerInterested attendingEmployers { slug } } } } }", json!({})).await;
    let listed = nodes(listing.data(), "events")
        .into_iter()
        .find(|n| n["id"] == id)
        .cloned()
        .expect("listed");
    assert_eq!(listed["attendingEmployers"], json!([{ "slug": HOSPITAL }]));
    assert_eq!(
        (
            listed["interestedGraduates"].as_i64(),
            listed["viewerInterested"].as_bool()
        ),
        (Some(1), Some(false))
    );

    // Withdrawals undo each.
    let gone = send(app, Some(&graduate), UNINTEREST, json!({ "e": id })).await;
    assert_eq!(gone.data()["withdrawInterest"]["interestedGraduates"], 0);
    send(app, Some(&hr), LEAVE, json!({ "e": id })).await.data();
    let read = send(app, None, READ, json!({ "id": id })).await;
    assert_eq!(read.data()["event"]["attendingEmployers"], json!([]));

    // Updates need the version and keep the times in order.
    let renamed = send(
        app,
        Some(&admin),
        UPDATE,
        json!({ "id": id, "v": 1, "i": { "name": "Winter Health IT Fair" } }),
    )
    .await;
    assert_eq!(renamed.data()["updateEvent"]["version"], 2);
    let stale = send(
        app,
        Some(&admin),
        UPDATE,
        json!({ "id": id, "v": 1, "i": { "name": "Lost" } }),
    )
    .await;
    assert_eq!(stale.code(), "CONFLICT");
    let backwards = send(
        app,
        Some(&admin),
        UPDATE,
        json!({ "id": id, "v": 2, "i": { "endsAt": "2031-01-15T14:00:00Z" } }),
    )
    .await;
    assert_eq!(backwards.code(), "BAD_USER_INPUT");
    assert_eq!(
        backwards.body["errors"][0]["extensions"]["field"],
        "input.endsAt"
    );

    // A cancelled event leaves the listing, stays readable, and takes no more sign-ups.
    let cancelled = send(app, Some(&admin), CANCEL, json!({ "id": id, "v": 2 })).await;
    assert_eq!(cancelled.data()["cancelEvent"]["status"], "CANCELLED");
    let listing = send(
        app,
        None,
        "{ events(first: 100) { edges { node { id } } } }",
        json!({}),
    )
    .await;
    assert!(
        !nodes(listing.data(), "events")
            .iter()
            .any(|n| n["id"] == id)
    );
    let read = send(app, None, READ, json!({ "id": id })).await;
    assert_eq!(read.data()["event"]["status"], "CANCELLED");
    let late = send(app, Some(&hr), ATTEND, json!({ "e": id })).await;
    assert_eq!(late.code(), "BAD_USER_INPUT");
    assert!(late.body.to_string().contains("cancelled"), "{}", late.body);
}

#[tokio::test]
async fn hosts_manage_their_events_employers_their_attendance_graduates_their_interest() {
    let w = World::new().await;
    expect_matrix("createEvent at X", "FFFAFFA", |role| {
        let w = &w;
        async move {
            let input = job_fair(&w.x.slug, &format!("fair-{role}"));
            outcome(&w.send(role, CREATE, json!({ "i": input })).await)
        }
    })
    .await;
    let made = w
        .send(
            6,
            CREATE,
            json!({ "i": job_fair(&w.x.slug, "matrix-fair") }),
        )
        .await;
    let id = made.data()["createEvent"]["id"].clone();
    expect_matrix("updateEvent hosted by X", "FFFAFFA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            let read = w.send(6, READ.replace("status name", "status name version").as_str(), json!({ "id": id })).await;
            let v = read.data()["event"]["version"].clone();
            outcome(&w.send(role, "mutation($id: ID!, $v: Int!) { updateEvent(id: $id, expectedVersion: $v, input: { name: \"Renamed\" }) { id } }", json!({ "id": id, "v": v })).await)
        }
    })
    .await;
    expect_matrix("registerForEvent: Y at X's event", "FFFAFAA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            outcome(
                &w.send(role, ATTEND, json!({ "e": id, "emp": w.y.slug }))
                    .await,
            )
        }
    })
    .await;
    expect_matrix("registerInterest", "UAFFFFF", |role| {
        let w = &w;
        let id = id.clone();
        async move { outcome(&w.send(role, INTEREST, json!({ "e": id })).await) }
    })
    .await;
}
