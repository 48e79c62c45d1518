//! Writes: optimistic concurrency, idempotent creates, validated input, no partial writes, an
//! audit entry per write, and reads that see the write at once.

use entity::{application, audit_entry, graduate, institution, internship, placement, program};
use hitbridge_tests::{TestApp, nodes, tokens};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};

const UPDATE_INSTITUTION: &str = "mutation($id: ID!, $v: Int!, $i: UpdateInstitutionInput!) {
    updateInstitution(id: $id, expectedVersion: $v, input: $i) { id name version } }";
const CREATE_PROGRAM: &str = "mutation($i: CreateProgramInput!, $k: String) {
    createProgram(input: $i, idempotencyKey: $k) { id slug status version skills { slug } hitRoles } }";

async fn first_institution(app: &TestApp) -> institution::Model {
    institution::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("an institution")
}

fn program_input(school: &str, slug: &str) -> Value {
    json!({ "institution": school, "slug": slug, "name": "Certificate in Health Data",
        "credential": "CERTIFICATE", "cipCode": "51.2706", "socCode": "15-1211.01", "modality": "HYBRID",
        "durationMonths": 9, "skills": ["sql", "fhir"], "hitRoles": ["IMPLEMENTATION_SUPPORT"] })
}

#[tokio::test]
async fn a_stale_expected_version_is_a_conflict_and_writes_nothing() {
    let app = TestApp::spawn_demo().await;
    let school = first_institution(&app).await;
    let admin = tokens::consortium_admin();
    let id = school.id.to_string();
    let first = app
        .gql(UPDATE_INSTITUTION)
        .vars(json!({ "id": id, "v": school.version, "i": { "name": "First Name" } }))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(
        first.data()["updateInstitution"]["version"],
        school.version + 1
    );
    let stale = app
        .gql(UPDATE_INSTITUTION)
        .vars(json!({ "id": id, "v": school.version, "i": { "name": "Lost Update" } }))
        .bearer(&admin)
        .send()
        .await;
    assert_eq!(stale.code(), "CONFLICT");
    let now = institution::Entity::find_by_id(school.id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(now.name, "First Name");
    assert_eq!(now.version, school.version + 1);
    let audits = audit_entry::Entity::find()
        .filter(audit_entry::Column::EntityId.eq(school.id))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(audits, 1, "the refused write left no audit entry");
}

#[tokio::test]
async fn concurrent_writes_with_the_same_version_let_exactly_one_through() {
    let app = TestApp::spawn_demo().await;
    let school = first_institution(&app).await;
    let admin = tokens::consortium_admin();
    let send = |name: &'static str| {
        app.gql(UPDATE_INSTITUTION)
            .vars(
                json!({ "id": school.id.to_string(), "v": school.version, "i": { "name": name } }),
            )
            .bearer(&admin)
            .send()
    };
    let (a, b) = tokio::join!(send("Writer A"), send("Writer B"));
    let mut codes: Vec<Vec<String>> = vec![a.codes(), b.codes()];
    codes.sort();
    assert_eq!(
        codes,
        vec![vec![], vec!["CONFLICT".to_string()]],
        "one wins, one conflicts"
    );
    let now = institution::Entity::find_by_id(school.id)
        .one(&app.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(now.version, school.version + 1);
}

#[tokio::test]
async fn a_retried_create_with_the_same_key_makes_one_record() {
    let app = TestApp::spawn_demo().await;
    let school = first_institution(&app).await;
    let token = tokens::school_admin(&school.slug);
    let input = program_input(&school.slug, "health-data-cert");
    let first = app
        .gql(CREATE_PROGRAM)
        .vars(json!({ "i": input, "k": "req-1" }))
        .bearer(&token)
        .send()
        .await;
    let again = app
        .gql(CREATE_PROGRAM)
        .vars(json!({ "i": input, "k": "req-1" }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(
        first.data()["createProgram"],
        again.data()["createProgram"],
        "the retry returns the first result"
    );
    // The same key with a different request is refused, not answered with the first record.
    let mut changed = input.clone();
    changed["name"] = json!("Another program altogether");
    let reused = app
        .gql(CREATE_PROGRAM)
        .vars(json!({ "i": changed, "k": "req-1" }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(reused.code(), "CONFLICT");
    assert!(
        reused.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("different request"),
        "{}",
        reused.body
    );
    let created = &first.data()["createProgram"];
    assert_eq!(created["status"], "DRAFT");
    assert_eq!(created["hitRoles"], json!(["IMPLEMENTATION_SUPPORT"]));
    let rows = program::Entity::find()
        .filter(program::Column::Slug.eq("health-data-cert"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(rows, 1);
    let without_key = app
        .gql(CREATE_PROGRAM)
        .vars(json!({ "i": input }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(
        without_key.code(),
        "BAD_USER_INPUT",
        "a second create without the key hits the slug"
    );
    assert_eq!(
        without_key.body["errors"][0]["extensions"]["field"],
        "input.slug"
    );
    let other_operation = app
        .gql("mutation($i: CreatePartnershipInput!, $k: String) { createPartnership(input: $i, idempotencyKey: $k) { id } }")
        .vars(json!({ "i": { "institution": school.slug, "employer": "no-such-employer" }, "k": "req-1" }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(
        other_operation.code(),
        "BAD_USER_INPUT",
        "unknown employer is checked first"
    );
}

#[tokio::test]
async fn concurrent_retries_with_one_key_create_one_record() {
    let app = TestApp::spawn_demo().await;
    let admin = tokens::consortium_admin();
    let input = json!({ "slug": "twin-school", "name": "Twin", "kind": "TECHNICAL_COLLEGE", "city": "Dalton", "state": "GA", "region": "North Georgia" });
    let send = || {
        app.gql("mutation($i: CreateInstitutionInput!) { createInstitution(input: $i, idempotencyKey: \"k-twin\") { id } }")
            .vars(json!({ "i": input }))
            .bearer(&admin)
            .send()
    };
    let (a, b, c) = tokio::join!(send(), send(), send());
    let id = a.data()["createInstitution"]["id"].clone();
    assert_eq!(b.data()["createInstitution"]["id"], id);
    assert_eq!(c.data()["createInstitution"]["id"], id);
    let rows = institution::Entity::find()
        .filter(institution::Column::Slug.eq("twin-school"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn invalid_input_names_the_field_and_writes_nothing() {
    let app = TestApp::spawn_demo().await;
    let school = first_institution(&app).await;
    let token = tokens::school_admin(&school.slug);
    let before = program::Entity::find().count(&app.db).await.expect("count");
    for (field, value, path) in [
        ("slug", json!("Not A Slug"), "input.slug"),
        ("cipCode", json!("51-0707"), "input.cipCode"),
        ("socCode", json!("292072"), "input.socCode"),
        ("durationMonths", json!(0), "input.durationMonths"),
        ("name", json!("   "), "input.name"),
        ("nextStart", json!("1850-01-01"), "input.nextStart"),
        ("skills", json!(["fhir", "no-such-skill"]), "input.skills"),
    ] {
        let mut input = program_input(&school.slug, "valid-slug");
        input[field] = value;
        let reply = app
            .gql(CREATE_PROGRAM)
            .vars(json!({ "i": input }))
            .bearer(&token)
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{field}");
        assert_eq!(
            reply.body["errors"][0]["extensions"]["field"], path,
            "{field}"
        );
    }
    let bad_enum = app
        .gql(CREATE_PROGRAM)
        .vars(json!({ "i": { "credential": "PHD" } }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(bad_enum.codes(), vec!["BAD_USER_INPUT"]);
    let bad_state = app
        .gql(UPDATE_INSTITUTION)
        .vars(json!({ "id": school.id.to_string(), "v": school.version, "i": { "state": "ZZ" } }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(
        bad_state.body["errors"][0]["extensions"]["field"],
        "input.state"
    );
    let bad_version = app
        .gql(UPDATE_INSTITUTION)
        .vars(json!({ "id": school.id.to_string(), "v": 0, "i": { "rural": true } }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(
        bad_version.body["errors"][0]["extensions"]["field"],
        "expectedVersion"
    );
    assert_eq!(
        program::Entity::find().count(&app.db).await.expect("count"),
        before,
        "nothing written"
    );
}

#[tokio::test]
async fn every_write_leaves_an_audit_entry_with_what_changed() {
    let app = TestApp::spawn_demo().await;
    let school = first_institution(&app).await;
    let token = tokens::school_admin(&school.slug);
    let created = app
        .gql(CREATE_PROGRAM)
        .vars(json!({ "i": program_input(&school.slug, "audited-program") }))
        .bearer(&token)
        .send()
        .await;
    let id = created.data()["createProgram"]["id"].clone();
    let published = app
        .gql("mutation($id: ID!) { updateProgram(id: $id, expectedVersion: 1, input: { status: PUBLISHED }) { status } }")
        .vars(json!({ "id": id }))
        .bearer(&token)
        .send()
        .await;
    assert_eq!(published.data()["updateProgram"]["status"], "PUBLISHED");
    let log = app
        .gql("query($id: ID) { auditLog(filter: { entityId: $id }) { edges { node { actor action entityType changes institution { slug } } } } }")
        .vars(json!({ "id": id }))
        .bearer(&token)
        .send()
        .await;
    let entries = nodes(log.data(), "auditLog");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["action"], "program.update", "newest first");
    assert_eq!(entries[0]["actor"], "school-admin");
    assert_eq!(
        entries[0]["changes"],
        json!({ "status": { "from": "draft", "to": "published" } })
    );
    assert_eq!(entries[1]["action"], "program.create");
    assert_eq!(entries[1]["institution"]["slug"], json!(school.slug));
}

#[tokio::test]
async fn earlier_audit_entries_of_applications_and_placements_are_filed_under_their_owners() {
    let app = TestApp::spawn_demo().await;
    let applied = application::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("the demo has applications");
    let placed = placement::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("the demo has placements");
    // As entries were written before migration 000012: without owners.
    for (entity_type, id) in [("application", applied.id), ("placement", placed.id)] {
        audit_entry::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            actor_sub: Set("earlier".into()),
            action: Set(format!("{entity_type}.create")),
            entity_type: Set(entity_type.into()),
            entity_id: Set(id),
            institution_id: Set(None),
            employer_id: Set(None),
            summary: Set(json!({})),
            created_at: Set(chrono::Utc::now()),
        }
        .insert(&app.db)
        .await
        .expect("insert");
    }
    // 000012 and the migrations after it are undone (it changes nothing) and applied again.
    hitbridge_tests::reapply_migrations_from(&app.db, "m20261130_000012_audit_owners").await;

    let entry = |id| {
        audit_entry::Entity::find()
            .filter(audit_entry::Column::EntityId.eq(id))
            .filter(audit_entry::Column::ActorSub.eq("earlier"))
            .one(&app.db)
    };
    let school_of = |id| graduate::Entity::find_by_id(id).one(&app.db);
    let application_entry = entry(applied.id).await.expect("query").expect("entry");
    let applicant = school_of(applied.graduate_id)
        .await
        .expect("query")
        .expect("graduate");
    let posting = internship::Entity::find_by_id(applied.internship_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("internship");
    assert_eq!(
        application_entry.institution_id,
        Some(applicant.institution_id)
    );
    assert_eq!(application_entry.employer_id, Some(posting.employer_id));
    let placement_entry = entry(placed.id).await.expect("query").expect("entry");
    let hired = school_of(placed.graduate_id)
        .await
        .expect("query")
        .expect("graduate");
    assert_eq!(placement_entry.institution_id, Some(hired.institution_id));
}

#[tokio::test]
async fn a_published_program_appears_to_anonymous_readers_at_once() {
    let app = TestApp::spawn_demo().await;
    let school = first_institution(&app).await;
    let list = "{ programs(first: 100) { totalCount } }";
    let before = app.gql(list).send().await.data()["programs"]["totalCount"].clone();
    let _cached = app.gql(list).send().await;
    let token = tokens::school_admin(&school.slug);
    let mut input = program_input(&school.slug, "fresh-program");
    input["status"] = json!("PUBLISHED");
    app.gql(CREATE_PROGRAM)
        .vars(json!({ "i": input }))
        .bearer(&token)
        .send()
        .await
        .data();
    let after = app.gql(list).send().await;
    assert_eq!(
        after.data()["programs"]["totalCount"],
        json!(before.as_i64().expect("n") + 1),
        "the cache was invalidated"
    );
}

#[tokio::test]
async fn a_second_partnership_between_the_same_two_names_the_employer_field() {
    let app = TestApp::spawn_demo().await;
    let school = first_institution(&app).await;
    let employer = entity::employer_partner::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("an employer");
    let create = "mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }";
    let input = json!({ "i": { "institution": school.slug, "employer": employer.slug } });
    let admin = tokens::consortium_admin();
    // The demo may already hold this pair; either way the next create is the duplicate.
    app.gql(create)
        .vars(input.clone())
        .bearer(&admin)
        .send()
        .await;
    let again = app.gql(create).vars(input).bearer(&admin).send().await;
    assert_eq!(again.code(), "BAD_USER_INPUT", "{}", again.body);
    assert_eq!(
        again.body["errors"][0]["extensions"]["field"],
        "input.employer"
    );
}
