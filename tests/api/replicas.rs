//! The anonymous response cache across replicas, invalidated by domain: for every kind of write
//! that changes what anonymous readers see, a write through one server is in the very next
//! cached read through the other (two server processes on one database and one Redis; on the embedded
//! default, whose cache lives in each process, the same server writes and reads); and a write
//! no cached response shows (a graduate's) leaves the cached catalog valid.

use entity::{employer_partner, institution, program};
use hitbridge_tests::{TestApp, tokens};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::internships::{HOSPITAL, posting};

/// The writer and the reader: two replicas sharing Redis, or one server without it.
async fn servers() -> (TestApp, Option<TestApp>) {
    let a = TestApp::spawn_demo().await;
    let b = if std::env::var("REDIS_URL").is_ok() {
        Some(a.spawn_replica().await)
    } else {
        None
    };
    (a, b)
}

/// Reads `query` anonymously twice (so it is cached), returning the data.
async fn cached(reader: &TestApp, query: &str) -> Value {
    reader.gql(query).send().await.data();
    reader.gql(query).send().await.data().clone()
}

async fn write(writer: &TestApp, token: &str, query: &str, vars: Value) -> Value {
    let reply = writer.gql(query).vars(vars).bearer(token).send().await;
    reply.data().clone()
}

#[tokio::test]
async fn every_write_to_the_catalog_is_in_the_next_read_on_another_replica() {
    let (a, b) = servers().await;
    let reader = b.as_ref().unwrap_or(&a);
    let admin = tokens::consortium_admin();
    let db = &a.db;
    let school = institution::Entity::find()
        .filter(institution::Column::Slug.eq("peachtree-state-university"))
        .one(db)
        .await
        .expect("q")
        .expect("school");
    let hospital = employer_partner::Entity::find()
        .filter(employer_partner::Column::Slug.eq(HOSPITAL))
        .one(db)
        .await
        .expect("q")
        .expect("hospital");
    let published = program::Entity::find()
        .filter(program::Column::InstitutionId.eq(school.id))
        .filter(program::Column::Status.eq(entity::enums::ProgramStatus::Published))
        .one(db)
        .await
        .expect("q")
        .expect("a published program");

    // An institution's name, in the list of institutions and in its programs.
    let names = "{ institutions(first: 100) { edges { node { name } } }
                   programs(first: 100) { edges { node { institution { name } } } } }";
    cached(reader, names).await;
    write(&a, &admin, "mutation($id: ID!, $v: Int!) { updateInstitution(id: $id, expectedVersion: $v, input: { name: \"Peachtree State\" }) { id } }",
        json!({ "id": school.id.to_string(), "v": school.version })).await;
    let seen = cached(reader, names).await;
    assert!(
        seen["institutions"]
            .to_string()
            .contains("\"Peachtree State\"")
    );
    assert!(
        seen["programs"].to_string().contains("\"Peachtree State\""),
        "programs show it too"
    );

    // A program's name.
    let programs = "{ programs(first: 100) { edges { node { id name } } } }";
    cached(reader, programs).await;
    write(&a, &admin, "mutation($id: ID!, $v: Int!) { updateProgram(id: $id, expectedVersion: $v, input: { name: \"Renamed Program\" }) { id } }",
        json!({ "id": published.id.to_string(), "v": published.version })).await;
    assert!(
        cached(reader, programs)
            .await
            .to_string()
            .contains("Renamed Program")
    );

    // An employer's name, as the internships list shows it.
    let internships =
        "{ internships(first: 100) { edges { node { id title employer { name } } } } }";
    cached(reader, internships).await;
    write(&a, &admin, "mutation($id: ID!, $v: Int!) { updateEmployerPartner(id: $id, expectedVersion: $v, input: { name: \"Magnolia Health\" }) { id } }",
        json!({ "id": hospital.id.to_string(), "v": hospital.version })).await;
    assert!(
        cached(reader, internships)
            .await
            .to_string()
            .contains("Magnolia Health")
    );

    // A new internship, then closing it.
    let made = write(
        &a,
        &admin,
        crate::internships::CREATE,
        json!({ "i": posting(HOSPITAL, json!({ "title": "Replica Intern" })) }),
    )
    .await;
    let id = made["createInternship"]["id"].clone();
    assert!(
        cached(reader, internships)
            .await
            .to_string()
            .contains("Replica Intern")
    );
    write(
        &a,
        &admin,
        "mutation($id: ID!) { closeInternship(id: $id, expectedVersion: 1) { id } }",
        json!({ "id": id }),
    )
    .await;
    assert!(
        !cached(reader, internships)
            .await
            .to_string()
            .contains("Replica Intern")
    );

    // A new event, an employer attending it, a graduate's interest.
    let events = "{ events(first: 100) { edges { node { slug interestedGraduates attendingEmployers { slug } } } } }";
    cached(reader, events).await;
    let event = write(&a, &admin, "mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }",
        json!({ "i": { "host": school.slug, "slug": "replica-fair", "name": "Replica Fair", "kind": "JOB_FAIR",
            "startsAt": "2031-02-01T15:00:00Z", "endsAt": "2031-02-01T18:00:00Z", "venue": "Hall",
            "city": "Atlanta", "state": "GA" } })).await;
    let event_id = event["createEvent"]["id"].clone();
    let fair = |data: &Value| {
        data["events"]["edges"]
            .as_array()
            .and_then(|e| e.iter().find(|n| n["node"]["slug"] == "replica-fair"))
            .map(|n| n["node"].clone())
    };
    assert!(fair(&cached(reader, events).await).is_some());
    write(
        &a,
        &tokens::employer(HOSPITAL),
        "mutation($e: ID!) { registerForEvent(event: $e) { id } }",
        json!({ "e": event_id }),
    )
    .await;
    let attending = fair(&cached(reader, events).await).expect("fair");
    assert_eq!(
        attending["attendingEmployers"],
        json!([{ "slug": HOSPITAL }])
    );
    let graduate = entity::graduate::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("a graduate");
    write(
        &a,
        &tokens::graduate(&graduate.id.to_string()),
        "mutation($e: ID!) { registerInterest(event: $e) { id } }",
        json!({ "e": event_id }),
    )
    .await;
    assert_eq!(
        fair(&cached(reader, events).await).expect("fair")["interestedGraduates"],
        1
    );

    // Suspending an employer takes its internships out of the public list at once.
    let hospital_now = employer_partner::Entity::find_by_id(hospital.id)
        .one(db)
        .await
        .expect("q")
        .expect("row");
    let before = cached(reader, internships).await.to_string();
    assert!(before.contains("Magnolia Health"));
    write(&a, &admin, "mutation($id: ID!, $v: Int!) { setEmployerPartnerStatus(id: $id, expectedVersion: $v, status: SUSPENDED) { id } }",
        json!({ "id": hospital.id.to_string(), "v": hospital_now.version })).await;
    assert!(
        !cached(reader, internships)
            .await
            .to_string()
            .contains("Magnolia Health")
    );
}

#[tokio::test]
async fn a_graduate_write_leaves_the_cached_catalog_valid() {
    let (a, b) = servers().await;
    let reader = b.as_ref().unwrap_or(&a);
    let catalog =
        "{ programs(first: 20) { totalCount edges { node { id name institution { name } } } } }";
    cached(reader, catalog).await;
    let graduate = entity::graduate::Entity::find()
        .one(&a.db)
        .await
        .expect("q")
        .expect("a graduate");
    let me = tokens::graduate(&graduate.id.to_string());
    write(
        &a,
        &me,
        "mutation($v: Int!) { updateMe(expectedVersion: $v, input: { openToRural: true }) { id } }",
        json!({ "v": graduate.version }),
    )
    .await;
    let hits = reader.cache_hits("response").await;
    reader.gql(catalog).send().await.data();
    assert_eq!(
        reader.cache_hits("response").await,
        hits + 1.0,
        "still a hit"
    );
}
