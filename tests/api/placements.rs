//! Placements, and the whole path through the API alone: a school enters a graduate, the
//! graduate consents and keeps their profile, an employer finds them in its pool, posts an
//! internship, the graduate applies and is taken on, completes it and is hired; the placement
//! takes them out of the seekers' pool (a tombstone in the employer's next sync). Then who may
//! record and read placements, cell by cell.

use chrono::Utc;
use entity::enums::ApplicationStatus;
use entity::{application, graduate};
use hitbridge_tests::{Reply, TestApp, nodes, tokens};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::internships::{HOSPITAL, approving, create, employer, posting};
use crate::matrix::{World, expect_matrix, outcome};

const RECORD: &str = "mutation($i: RecordPlacementInput!) {
    recordPlacement(input: $i) { id title employmentType startDate socCode
      graduate { id } employer { slug } internship { id } } }";

async fn as_(app: &TestApp, token: &str, query: &str, vars: Value) -> Reply {
    let reply = app.gql(query).vars(vars).bearer(token).send().await;
    reply.data();
    reply
}

#[tokio::test]
async fn a_graduate_goes_from_profile_to_application_to_internship_to_placement() {
    let app = TestApp::spawn_demo().await;
    let hospital = employer(&app, HOSPITAL).await;
    let school = approving(&app, &hospital).await.remove(0);
    let staff = tokens::school_staff(&school);
    let hr = tokens::employer(HOSPITAL);

    // The school enters its graduate.
    let programs = app
        .gql("query($s: String) { programs(first: 1, filter: { institution: $s }) { edges { node { slug } } } }")
        .vars(json!({ "s": school }))
        .send()
        .await;
    let program = nodes(programs.data(), "programs")[0]["slug"].clone();
    let created = as_(&app, &staff, "mutation($i: CreateGraduateInput!) { createGraduate(input: $i) { id } }",
        json!({ "i": { "institution": school, "program": program, "givenName": "Dana",
            "familyName": "Whitfield", "email": "dana.whitfield@example.org", "graduationYear": 2026,
            "graduationTerm": "FALL", "background": "CAREER_CHANGER", "priorIndustry": "Retail management",
            "yearsOfExperience": 12, "city": "Dalton", "state": "GA", "region": "Northwest Georgia",
            "openToRural": true, "seeking": ["INTERNSHIP", "FULL_TIME"], "skills": ["sql"],
            "ehrSystems": ["epic"] } })).await;
    let id = created.data()["createGraduate"]["id"]
        .as_str()
        .expect("id")
        .to_owned();

    // The graduate consents to be found with their contact details and keeps their profile.
    let me = tokens::graduate(&id);
    as_(
        &app,
        &me,
        "mutation { setConsent(level: CONTACT) { consent } }",
        json!({}),
    )
    .await;
    let version =
        as_(&app, &me, "{ me { version } }", json!({})).await.data()["me"]["version"].clone();
    as_(&app, &me, "mutation($v: Int!) { updateMe(expectedVersion: $v, input: { headline: \"Retail manager turned health data analyst\" }) { id } }",
        json!({ "v": version })).await;

    // The employer finds them in its pool and starts syncing it.
    let criteria = json!({ "required": { "institutions": [school], "seeking": ["INTERNSHIP"] } });
    let pool = as_(&app, &hr, "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 100) { edges { node { graduate { id } } } } }",
        json!({ "c": criteria })).await;
    assert!(
        nodes(pool.data(), "candidatePool")
            .iter()
            .any(|n| n["graduate"]["id"] == id.as_str())
    );
    let changes = "query($c: CandidateCriteria!, $s: String) { candidatePoolChanges(criteria: $c, since: $s, first: 100) {
        upserts { graduate { id } } tombstones nextToken hasMore } }";
    let mut token = Value::Null;
    loop {
        let reply = as_(&app, &hr, changes, json!({ "c": criteria, "s": token })).await;
        let page = &reply.data()["candidatePoolChanges"];
        token = page["nextToken"].clone();
        if page["hasMore"] != json!(true) {
            break;
        }
    }

    // An internship, an application, the hiring steps, the offer accepted, the internship done.
    let internship = create(&app, &hr, posting(HOSPITAL, json!({ "slots": 1 }))).await;
    let internship = internship.data()["createInternship"]["id"].clone();
    let applied = as_(
        &app,
        &me,
        "mutation($i: ID!) { applyToInternship(internshipId: $i) { id } }",
        json!({ "i": internship }),
    )
    .await;
    let application = applied.data()["applyToInternship"]["id"].clone();
    let moves = [
        (&hr, "SCREENING"),
        (&hr, "INTERVIEW"),
        (&hr, "OFFERED"),
        (&me, "ACCEPTED"),
        (&hr, "COMPLETED"),
    ];
    for (n, (token, status)) in moves.iter().enumerate() {
        as_(&app, token, "mutation($id: ID!, $v: Int!, $s: ApplicationStatus!) { updateApplicationStatus(id: $id, expectedVersion: $v, status: $s) { status } }",
            json!({ "id": application, "v": n + 1, "s": status })).await;
    }

    // The employer hires them through the internship.
    let placed = as_(
        &app,
        &hr,
        RECORD,
        json!({ "i": { "graduate": id, "employer": HOSPITAL,
        "title": "Clinical Data Analyst", "socCode": "15-2051", "employmentType": "FULL_TIME",
        "startDate": "2027-05-03", "internship": internship } }),
    )
    .await;
    let placed = &placed.data()["recordPlacement"];
    assert_eq!(placed["internship"]["id"], internship);
    assert_eq!(
        (
            placed["employmentType"].as_str(),
            placed["socCode"].as_str()
        ),
        (Some("FULL_TIME"), Some("15-2051"))
    );
    let status = as_(&app, &me, "{ me { status } }", json!({})).await;
    assert_eq!(status.data()["me"]["status"], "PLACED");

    // They leave the seekers' pool: a tombstone in the employer's next sync.
    let next = as_(&app, &hr, changes, json!({ "c": criteria, "s": token })).await;
    let tombstones = &next.data()["candidatePoolChanges"]["tombstones"];
    assert!(
        tombstones
            .as_array()
            .is_some_and(|t| t.iter().any(|g| g == id.as_str())),
        "{tombstones}"
    );

    // The school sees the placement of its graduate.
    let listed = as_(
        &app,
        &staff,
        "{ placements(first: 100) { edges { node { id graduate { id } } } } }",
        json!({}),
    )
    .await;
    assert!(
        nodes(listed.data(), "placements")
            .iter()
            .any(|n| n["graduate"]["id"] == id.as_str())
    );
}

#[tokio::test]
async fn a_placement_through_an_internship_needs_the_graduate_taken_on_there() {
    let app = TestApp::spawn_demo().await;
    let hospital = employer(&app, HOSPITAL).await;
    let school = approving(&app, &hospital).await.remove(0);
    let school_id = entity::institution::Entity::find()
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .find(|i| i.slug == school)
        .expect("school")
        .id;
    let someone = graduate::Entity::find()
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .find(|g| {
            g.institution_id == school_id && g.status == entity::enums::GraduateStatus::Seeking
        })
        .expect("a seeking graduate");
    let hr = tokens::employer(HOSPITAL);
    let internship = create(&app, &hr, posting(HOSPITAL, json!({}))).await;
    let internship = internship.data()["createInternship"]["id"].clone();
    let input = |extra: Value| {
        let mut i = json!({ "graduate": someone.id.to_string(), "employer": HOSPITAL, "title": "Analyst",
            "employmentType": "FULL_TIME", "startDate": "2027-02-01" });
        if let (Some(i), Some(extra)) = (i.as_object_mut(), extra.as_object()) {
            i.extend(extra.clone());
        }
        i
    };
    let staff = tokens::school_staff(&school);
    for (extra, field) in [
        (json!({ "internship": internship }), "input.internship"),
        (json!({ "socCode": "nurse" }), "input.socCode"),
        (
            json!({ "graduate": Uuid::new_v4().to_string() }),
            "input.graduate",
        ),
        (json!({ "title": "" }), "input.title"),
    ] {
        let reply = app
            .gql(RECORD)
            .vars(json!({ "i": input(extra) }))
            .bearer(&staff)
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{}", reply.body);
        assert_eq!(reply.body["errors"][0]["extensions"]["field"], field);
    }
    let still = graduate::Entity::find_by_id(someone.id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(
        still.status,
        entity::enums::GraduateStatus::Seeking,
        "a refused placement changes nothing"
    );
}

#[tokio::test]
async fn the_school_the_employer_that_knows_the_graduate_and_admins_record_placements() {
    let w = World::new().await;
    // Y knows X's graduate: they applied to one of its internships.
    let now = Utc::now();
    application::ActiveModel {
        id: Set(Uuid::now_v7()),
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
    let graduate = w.graduate.to_string();
    // B: refused as an unknown graduate (the viewer may not learn that the record exists).
    expect_matrix("recordPlacement of X's graduate with Y", "BFAABAA", |role| {
        let w = &w;
        let graduate = graduate.clone();
        async move {
            let input = json!({ "graduate": graduate, "employer": w.y.slug, "title": format!("Analyst {role}"),
                "employmentType": "PART_TIME", "startDate": "2027-01-04" });
            let reply = w.send(role, RECORD, json!({ "i": input })).await;
            if reply.codes().first().is_some_and(|c| c == "BAD_USER_INPUT") {
                assert_eq!(reply.body["errors"][0]["extensions"]["field"], "input.graduate");
                return 'B';
            }
            outcome(&reply)
        }
    })
    .await;
    expect_matrix("in placements", "UAAANAA", |role| {
        let w = &w;
        let graduate = graduate.clone();
        async move {
            let query = "query($g: ID) { placements(first: 100, filter: { graduate: $g }) {
                edges { node { title } } } }";
            let reply = w.send(role, query, json!({ "g": graduate })).await;
            if !reply.codes().is_empty() {
                return outcome(&reply);
            }
            let recorded = nodes(reply.data(), "placements")
                .iter()
                .filter(|n| {
                    n["title"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("Analyst "))
                })
                .count();
            match recorded {
                4 => 'A',
                0 => 'N',
                n => panic!("{n} of the 4 placements"),
            }
        }
    })
    .await;
}
