//! What a partner school website sees, anonymously.

use entity::enums::{InternshipStatus, ProgramStatus};
use entity::{internship, program};
use hitbridge_tests::{TestApp, nodes};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

#[tokio::test]
async fn anonymous_reads_institutions_with_their_programs() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql(
            "{ institutions(first: 20) { totalCount edges { node { slug name kind state
                 programs(first: 20) { totalCount edges { node { name status cipCode
                   institution { slug } skills { slug } ehrSystems { slug } hitRoles } } } } } } }",
        )
        .send()
        .await;
    let data = reply.data();
    let institutions = nodes(data, "institutions");
    assert!(
        institutions.len() >= 6,
        "the demo has six or more institutions"
    );
    assert_eq!(data["institutions"]["totalCount"], institutions.len());
    let kinds: std::collections::HashSet<_> =
        institutions.iter().map(|i| i["kind"].as_str()).collect();
    assert!(
        kinds.contains(&Some("RESEARCH_UNIVERSITY")) && kinds.contains(&Some("COMMUNITY_COLLEGE"))
    );
    let mut programs = 0;
    for institution in &institutions {
        for program in nodes(institution, "programs") {
            programs += 1;
            assert_eq!(
                program["status"], "PUBLISHED",
                "anonymous sees published programs only"
            );
            assert_eq!(program["institution"]["slug"], institution["slug"]);
            let cip = program["cipCode"].as_str().expect("cip code");
            assert!(
                cip.len() == 7 && cip.as_bytes()[2] == b'.',
                "CIP format NN.NNNN: {cip}"
            );
        }
    }
    assert!(programs >= 20, "the demo publishes twenty or more programs");
}

/// A draft program of the demo data.
pub async fn demo_draft(app: &TestApp) -> program::Model {
    program::Entity::find()
        .filter(program::Column::Status.eq(ProgramStatus::Draft))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the demo has a draft program")
}

#[tokio::test]
async fn drafts_are_hidden_from_anonymous_viewers_by_every_route() {
    let app = TestApp::spawn_demo().await;
    let draft = demo_draft(&app).await;

    let list = app
        .gql("{ programs(first: 100) { edges { node { id } } } }")
        .send()
        .await;
    assert!(
        !nodes(list.data(), "programs")
            .iter()
            .any(|p| p["id"] == draft.id.to_string())
    );

    let by_slug = app
        .gql("query($s: String) { program(slug: $s) { id } }")
        .vars(json!({ "s": draft.slug }))
        .send()
        .await;
    assert_eq!(by_slug.code(), "NOT_FOUND");
    assert!(by_slug.body["data"]["program"].is_null());

    let nested = app
        .gql("query($id: ID) { institution(id: $id) { programs(first: 100) { edges { node { id } } } } }")
        .vars(json!({ "id": draft.institution_id.to_string() }))
        .send()
        .await;
    let data = nested.data();
    assert!(
        !data["institution"]["programs"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .any(|e| e["node"]["id"] == draft.id.to_string())
    );

    let entity = app
        .gql("query($r: [_Any!]!) { _entities(representations: $r) { ... on Program { id } } }")
        .vars(json!({ "r": [{ "__typename": "Program", "id": draft.id.to_string() }] }))
        .send()
        .await;
    assert_eq!(entity.code(), "NOT_FOUND");
}

#[tokio::test]
async fn anonymous_sees_only_open_internships_with_their_employer() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql(
            "{ internships(first: 100) { totalCount edges { node { id title status paid workMode
               employer { slug kind rural } skills { slug } ehrSystems { name } eligibleInstitutions { slug } } } } }",
        )
        .send()
        .await;
    let data = reply.data();
    let internships = nodes(data, "internships");
    assert!(
        internships.len() >= 15,
        "the demo has fifteen or more open internships"
    );
    assert!(internships.iter().all(|i| i["status"] == "OPEN"));
    assert!(
        internships
            .iter()
            .all(|i| i["employer"]["slug"].is_string())
    );
    assert!(
        internships
            .iter()
            .any(|i| i["eligibleInstitutions"][0]["slug"].is_string()),
        "some internships name the schools whose graduates may apply"
    );

    let closed = internship::Entity::find()
        .filter(internship::Column::Status.eq(InternshipStatus::Closed))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the demo has a closed internship");
    let reply = app
        .gql("query($id: ID!) { internship(id: $id) { id } }")
        .vars(json!({ "id": closed.id.to_string() }))
        .send()
        .await;
    assert_eq!(reply.code(), "NOT_FOUND");
}

#[tokio::test]
async fn employer_partners_cover_every_kind_with_public_fields() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql("{ employerPartners(first: 100) { totalCount edges { node { slug name kind rural
               ehrSystems { slug } internships(first: 5) { totalCount edges { node { status } } } } } } }")
        .send()
        .await;
    let data = reply.data();
    let employers = nodes(data, "employerPartners");
    assert!(employers.len() >= 12);
    for kind in [
        "HOSPITAL",
        "CRITICAL_ACCESS_HOSPITAL",
        "CLINIC",
        "PHYSICIAN_PRACTICE",
        "VENDOR",
        "PAYER",
        "PUBLIC_HEALTH",
    ] {
        assert!(
            employers.iter().any(|e| e["kind"] == kind),
            "an employer of kind {kind}"
        );
    }
    for employer in &employers {
        assert!(
            nodes(employer, "internships")
                .iter()
                .all(|i| i["status"] == "OPEN")
        );
    }
}

#[tokio::test]
async fn upcoming_events_show_their_host_and_attending_employers() {
    let app = TestApp::spawn_demo().await;
    let reply = app
        .gql(
            "{ events(first: 50) { edges { node { name kind startsAt endsAt
               host { slug } attendingEmployers { slug } } } } }",
        )
        .send()
        .await;
    let data = reply.data();
    let events = nodes(data, "events");
    assert!(
        events.len() >= 3,
        "the demo has three or more upcoming events"
    );
    let fair = events
        .iter()
        .find(|e| e["kind"] == "JOB_FAIR")
        .expect("a job fair is coming up");
    assert!(fair["host"]["slug"].is_string());
    assert!(
        !fair["attendingEmployers"]
            .as_array()
            .expect("list")
            .is_empty()
    );
    let starts: Vec<&str> = events
        .iter()
        .filter_map(|e| e["startsAt"].as_str())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "soonest first");
}

#[tokio::test]
async fn single_records_are_found_by_id_or_slug_and_bad_lookups_are_refused() {
    let app = TestApp::spawn_demo().await;
    let list = app
        .gql("{ institutions(first: 1) { edges { node { id slug } } } }")
        .send()
        .await;
    let first = nodes(list.data(), "institutions")[0].clone();

    let by_id = app
        .gql("query($id: ID) { institution(id: $id) { slug } }")
        .vars(json!({ "id": first["id"] }))
        .send()
        .await;
    assert_eq!(by_id.data()["institution"]["slug"], first["slug"]);
    let by_slug = app
        .gql("query($s: String) { institution(slug: $s) { id } }")
        .vars(json!({ "s": first["slug"] }))
        .send()
        .await;
    assert_eq!(by_slug.data()["institution"]["id"], first["id"]);

    let both = app
        .gql("query($id: ID, $s: String) { institution(id: $id, slug: $s) { id } }")
        .vars(json!({ "id": first["id"], "s": first["slug"] }))
        .send()
        .await;
    assert_eq!(both.code(), "BAD_USER_INPUT");
    let malformed = app
        .gql("{ institution(id: \"not-a-uuid\") { id } }")
        .send()
        .await;
    assert_eq!(malformed.code(), "BAD_USER_INPUT");
    assert_eq!(malformed.body["errors"][0]["extensions"]["field"], "id");
    let missing = app
        .gql("{ institution(slug: \"no-such-school\") { id } }")
        .send()
        .await;
    assert_eq!(missing.code(), "NOT_FOUND");
}

/// A list that selects `institution` reads it in its own statement; the answer must be what the
/// DataLoader gives for the same program, for every viewer, hidden institutions included.
#[tokio::test]
async fn a_programs_institution_is_the_same_whether_joined_or_loaded() {
    use entity::{enums::RecordStatus, institution};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let app = TestApp::spawn_with(
        hitbridge_tests::Backend::FromEnv,
        &[("HITBRIDGE_PUBLIC_CACHE_TTL_SECS", "0")],
    )
    .await;
    app.seed().await;
    let school = institution::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("a school");
    let mut archived: institution::ActiveModel = school.clone().into();
    archived.status = Set(RecordStatus::Archived);
    archived.update(&app.db).await.expect("archive");
    let viewers = [
        None,
        Some(hitbridge_tests::tokens::school_staff(&school.slug)),
        Some(hitbridge_tests::tokens::consortium_admin()),
    ];
    for token in viewers {
        let send = |query: String| {
            let mut request = app.gql(&query);
            if let Some(token) = &token {
                request = request.bearer(token.clone());
            }
            request.send()
        };
        let joined =
            send("{ programs(first: 100) { edges { node { id institution { slug } } } } }".into())
                .await;
        for program in nodes(joined.data(), "programs") {
            let one = send(format!(
                "{{ program(id: {}) {{ institution {{ slug }} }} }}",
                program["id"]
            ))
            .await;
            assert_eq!(
                program["institution"],
                one.data()["program"]["institution"],
                "viewer {token:?}"
            );
        }
    }
}
