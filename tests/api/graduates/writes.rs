//! The rules of graduate writes: new records are PRIVATE, e-mails are unique per school, bad
//! input names its field and writes nothing, stale versions conflict, consent changes are kept.

use entity::{audit_entry, consent_change, graduate};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::matrix::World;

const CREATE: &str = "mutation($i: CreateGraduateInput!, $k: String) {
    createGraduate(input: $i, idempotencyKey: $k) { id consent status email ehrSystems { slug }
      skills { slug } certifications { code yearEarned } portfolioLinks seeking version } }";

fn input(w: &World, email: &str) -> Value {
    json!({ "institution": w.x.slug, "program": w.published.slug, "givenName": "Rosa",
        "familyName": "Alvarez", "email": email, "phone": "(478) 555-0142", "graduationYear": 2026,
        "graduationTerm": "FALL", "background": "CLINICAL", "priorIndustry": "Nursing (RN)",
        "yearsOfExperience": 8, "city": "Macon", "state": "ga", "region": "Central Georgia",
        "openToRural": true, "seeking": ["FULL_TIME", "INTERNSHIP"],
        "portfolioLinks": ["https://github.com/rosa-a"], "skills": ["sql"], "ehrSystems": ["epic"],
        "certifications": [{ "code": "chts-cp", "yearEarned": 2026 }] })
}

async fn graduates_at_x(w: &World) -> u64 {
    graduate::Entity::find()
        .filter(graduate::Column::InstitutionId.eq(w.x.id))
        .count(&w.app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_new_record_is_private_audited_and_unique_by_e_mail_within_its_school() {
    let w = World::new().await;
    let reply = w
        .send(
            2,
            CREATE,
            json!({ "i": input(&w, "rosa@example.org"), "k": "rosa-1" }),
        )
        .await;
    let created = &reply.data()["createGraduate"];
    assert_eq!(created["consent"], "PRIVATE");
    assert_eq!(created["status"], "SEEKING");
    assert_eq!(created["ehrSystems"], json!([{ "slug": "epic" }]));
    assert_eq!(created["skills"], json!([{ "slug": "sql" }]));
    assert_eq!(
        created["certifications"],
        json!([{ "code": "CHTS-CP", "yearEarned": 2026 }])
    );
    assert_eq!(created["seeking"], json!(["INTERNSHIP", "FULL_TIME"]));
    let id = created["id"].as_str().expect("id").to_owned();
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("graduate.create"))
        .filter(audit_entry::Column::EntityId.eq(uuid::Uuid::parse_str(&id).expect("uuid")))
        .count(&w.app.db)
        .await
        .expect("count");
    assert_eq!(audited, 1);

    // A retry with the same key creates nothing; the same e-mail without it is refused.
    let before = graduates_at_x(&w).await;
    let retry = w
        .send(
            2,
            CREATE,
            json!({ "i": input(&w, "rosa@example.org"), "k": "rosa-1" }),
        )
        .await;
    assert_eq!(retry.data()["createGraduate"]["id"], json!(id));
    let duplicate = w
        .send(3, CREATE, json!({ "i": input(&w, "rosa@example.org") }))
        .await;
    assert_eq!(duplicate.code(), "BAD_USER_INPUT");
    assert_eq!(
        duplicate.body["errors"][0]["extensions"]["field"],
        "input.email"
    );
    assert_eq!(graduates_at_x(&w).await, before);

    // The same e-mail at another school is another graduate.
    let mut elsewhere = input(&w, "rosa@example.org");
    elsewhere["institution"] = json!(w.z.slug);
    let z_program = entity::program::Entity::find()
        .filter(entity::program::Column::InstitutionId.eq(w.z.id))
        .one(&w.app.db)
        .await
        .expect("query")
        .expect("Z has a program");
    elsewhere["program"] = json!(z_program.slug);
    let other = w.send(6, CREATE, json!({ "i": elsewhere })).await;
    assert_eq!(other.data()["createGraduate"]["consent"], "PRIVATE");
}

#[tokio::test]
async fn bad_input_names_its_field_and_writes_nothing() {
    let w = World::new().await;
    let before = graduates_at_x(&w).await;
    for (field, value, named) in [
        ("email", json!("not-an-address"), "input.email"),
        ("state", json!("XX"), "input.state"),
        ("phone", json!("call me"), "input.phone"),
        ("graduationYear", json!(1899), "input.graduationYear"),
        (
            "portfolioLinks",
            json!(["javascript:alert(1)"]),
            "input.portfolioLinks",
        ),
        ("skills", json!(["epic"]), "input.skills"),
        ("ehrSystems", json!(["sql"]), "input.ehrSystems"),
        ("skills", json!(["no-such-skill"]), "input.skills"),
        (
            "certifications",
            json!([{ "code": "NOPE" }]),
            "input.certifications",
        ),
        (
            "program",
            json!(w.draft.slug.clone() + "-missing"),
            "input.program",
        ),
        ("givenName", json!("x".repeat(201)), "input.givenName"),
    ] {
        let mut i = input(&w, &format!("{field}@example.org"));
        i[field] = value;
        let reply = w.send(3, CREATE, json!({ "i": i })).await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{field}: {}", reply.body);
        assert_eq!(
            reply.body["errors"][0]["extensions"]["field"], named,
            "{field}"
        );
    }
    assert_eq!(graduates_at_x(&w).await, before, "nothing was written");
}

#[tokio::test]
async fn a_stale_version_conflicts_and_a_graduate_keeps_their_own_profile() {
    let w = World::new().await;
    let id = w.graduate.to_string();
    let v = w.version_of::<graduate::Entity>(w.graduate).await;
    let update = "mutation($id: ID!, $v: Int!, $i: UpdateGraduateInput!) { updateGraduate(id: $id, expectedVersion: $v, input: $i) { version headline } }";
    let first = w
        .send(
            2,
            update,
            json!({ "id": id, "v": v, "i": { "headline": "First" } }),
        )
        .await;
    assert_eq!(first.data()["updateGraduate"]["version"], json!(v + 1));
    let stale = w
        .send(
            3,
            update,
            json!({ "id": id, "v": v, "i": { "headline": "Second" } }),
        )
        .await;
    assert_eq!(stale.code(), "CONFLICT");

    let me = "mutation($v: Int!, $i: UpdateMeInput!) { updateMe(expectedVersion: $v, input: $i) { headline ehrSystems { slug } openToRelocation seeking } }";
    let v = w.version_of::<graduate::Entity>(w.graduate).await;
    let mine = w
        .send(1, me, json!({ "v": v, "i": { "headline": "Open to rural roles", "ehrSystems": ["oracle-health", "epic"],
            "openToRelocation": true, "seeking": ["PART_TIME"] } }))
        .await;
    let mine = &mine.data()["updateMe"];
    assert_eq!(mine["headline"], "Open to rural roles");
    assert_eq!(mine["seeking"], json!(["PART_TIME"]));
    assert_eq!(mine["ehrSystems"].as_array().map(Vec::len), Some(2));
    // The school's fields are not the graduate's to change.
    let email = w
        .send(
            1,
            me,
            json!({ "v": v + 1, "i": { "email": "me@example.org" } }),
        )
        .await;
    assert_eq!(email.code(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn every_consent_change_is_kept_and_an_unchanged_level_writes_nothing() {
    let w = World::new().await;
    super::set_consent(&w, w.graduate, entity::enums::ConsentLevel::Private).await;
    let kept = || async {
        consent_change::Entity::find()
            .filter(consent_change::Column::GraduateId.eq(w.graduate))
            .count(&w.app.db)
            .await
            .expect("count")
    };
    let before = kept().await;
    let set = "mutation($l: ConsentLevel!) { setConsent(level: $l) { consent consentHistory { from to changedAs } } }";
    for level in ["ANONYMOUS", "CONTACT", "CONTACT"] {
        w.send(1, set, json!({ "l": level })).await.data();
    }
    let history = kept().await - before;
    assert_eq!(history, 2, "setting the same level again is no change");
    let reply = w
        .send(1, "{ me { consentHistory { to changedAs } } }", json!({}))
        .await;
    let last = reply.data()["me"]["consentHistory"]
        .as_array()
        .and_then(|h| h.last())
        .cloned();
    assert_eq!(
        last,
        Some(json!({ "to": "CONTACT", "changedAs": "GRADUATE" }))
    );
}

#[tokio::test]
async fn an_archived_graduate_leaves_the_default_list() {
    let w = World::new().await;
    let v = w.version_of::<graduate::Entity>(w.graduate).await;
    let archive =
        "mutation($id: ID!, $v: Int!) { archiveGraduate(id: $id, expectedVersion: $v) { status } }";
    let reply = w
        .send(3, archive, json!({ "id": w.graduate.to_string(), "v": v }))
        .await;
    assert_eq!(reply.data()["archiveGraduate"]["status"], "ARCHIVED");
    let list = |filter: &'static str| {
        let w = &w;
        async move {
            let q = format!(
                "{{ graduates(first: 100, filter: {filter}) {{ edges {{ node {{ id }} }} }} }}"
            );
            let reply = w.send(3, &q, json!({})).await;
            crate::matrix::ids(&reply, &["graduates"]).contains(&w.graduate.to_string())
        }
    };
    assert!(!list("{}").await);
    assert!(list("{ status: ARCHIVED }").await);
}
