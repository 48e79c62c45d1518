//! E-mail addresses compare case-insensitively: imports, creates and updates see one address
//! whatever its case, and migration 000014 lowers earlier records without merging near-duplicates.

use chrono::Utc;
use entity::enums::{Background, ConsentLevel, GraduateStatus, GraduationTerm};
use entity::{graduate, institution, program};
use hitbridge_tests::{TestApp, tokens};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};

const SCHOOL: &str = "chattahoochee-valley-community-college";
const PROGRAM: &str = "chattahoochee-medical-coding-certificate";
const IMPORT: &str =
    "mutation($s: String!, $csv: String!) { importGraduates(institution: $s, csv: $csv) {
    ok created updated unchanged errors { line column message } } }";
const HEADER: &str = "email,given_name,family_name,program,graduation_year,graduation_term,background,city,state,region\n";

fn row(email: &str, given: &str) -> String {
    format!("{email},{given},Cruz,{PROGRAM},2026,fall,it,Columbus,GA,West Georgia\n")
}

async fn import(app: &TestApp, csv: &str) -> Value {
    let reply = app
        .gql(IMPORT)
        .vars(json!({ "s": SCHOOL, "csv": csv }))
        .bearer(tokens::school_admin(SCHOOL))
        .send()
        .await;
    reply.data()["importGraduates"].clone()
}

async fn school(app: &TestApp) -> institution::Model {
    institution::Entity::find()
        .filter(institution::Column::Slug.eq(SCHOOL))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the school")
}

async fn with_address(app: &TestApp, lower: &str) -> Vec<String> {
    let school = school(app).await;
    graduate::Entity::find()
        .filter(graduate::Column::InstitutionId.eq(school.id))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|g| g.email)
        .filter(|e| e.to_lowercase() == lower)
        .collect()
}

#[tokio::test]
async fn one_address_in_any_case_is_one_graduate() {
    let app = TestApp::spawn_demo().await;
    // Two lines of one file that differ only in case: refused, naming both lines.
    let twins = format!(
        "{HEADER}{}{}",
        row("dc0@import.example", "Dana"),
        row("DC0@import.example", "Dana")
    );
    let refused = import(&app, &twins).await;
    assert_eq!(refused["ok"], json!(false));
    assert_eq!(refused["errors"][0]["line"], json!(3));
    assert_eq!(refused["errors"][0]["message"], "the same e-mail as line 2");
    // Imported in one case, imported again in another: the same record, kept in lower case.
    let first = import(
        &app,
        &format!("{HEADER}{}", row("Dana.Cruz@Import.Example", "Dana")),
    )
    .await;
    assert_eq!(first["created"], json!(1));
    let again = import(
        &app,
        &format!("{HEADER}{}", row("dana.cruz@import.example", "Dana")),
    )
    .await;
    assert_eq!(
        (again["created"].clone(), again["unchanged"].clone()),
        (json!(0), json!(1))
    );
    assert_eq!(
        with_address(&app, "dana.cruz@import.example").await,
        vec!["dana.cruz@import.example"]
    );
    // A create in yet another case is the unique address's conflict.
    let input = json!({ "institution": SCHOOL, "program": PROGRAM, "givenName": "Dana", "familyName": "Cruz",
        "email": "DANA.CRUZ@import.example", "graduationYear": 2026, "graduationTerm": "FALL", "background": "IT",
        "city": "Columbus", "state": "GA", "region": "West Georgia" });
    let create = app
        .gql("mutation($i: CreateGraduateInput!) { createGraduate(input: $i) { id } }")
        .vars(json!({ "i": input }))
        .bearer(tokens::school_admin(SCHOOL))
        .send()
        .await;
    assert_eq!(create.code(), "BAD_USER_INPUT");
    assert_eq!(
        create.body["errors"][0]["extensions"]["field"],
        "input.email"
    );
}

#[tokio::test]
async fn the_migration_lowers_earlier_addresses_and_never_merges_near_duplicates() {
    let app = TestApp::spawn_demo().await;
    let school = school(&app).await;
    let program = program::Entity::find()
        .filter(program::Column::Slug.eq(PROGRAM))
        .one(&app.db)
        .await
        .expect("query")
        .expect("program");
    // As written before addresses were kept in lower case.
    for email in [
        "DC1@import.example",
        "dc1@import.example",
        "Dc2@import.example",
        "DC2@import.example",
        "Solo@Import.example",
    ] {
        let now = Utc::now();
        graduate::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            institution_id: Set(school.id),
            program_id: Set(program.id),
            given_name: Set("Dana".into()),
            family_name: Set("Cruz".into()),
            email: Set(email.into()),
            graduation_year: Set(2026),
            graduation_term: Set(GraduationTerm::Fall),
            background: Set(Background::It),
            city: Set("Columbus".into()),
            state: Set("GA".into()),
            region: Set("West Georgia".into()),
            consent: Set(ConsentLevel::Private),
            status: Set(GraduateStatus::Seeking),
            consent_updated_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            phone: Set(None),
            prior_industry: Set(None),
            years_experience: Set(0),
            open_to_rural: Set(false),
            open_to_relocation: Set(false),
            seeking_internship: Set(true),
            seeking_full_time: Set(false),
            seeking_part_time: Set(false),
            available_from: Set(None),
            headline: Set(None),
            portfolio_links: Set(json!([])),
            skill_tags: Set(",".into()),
            certification_tags: Set(",".into()),
        }
        .insert(&app.db)
        .await
        .expect("insert");
    }
    let before = graduate::Entity::find()
        .count(&app.db)
        .await
        .expect("count");
    hitbridge_tests::reapply_migrations_from(&app.db, "m20261204_000014_email_case").await;
    assert_eq!(
        graduate::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        before,
        "nothing merged"
    );
    let mut pair = with_address(&app, "dc1@import.example").await;
    pair.sort();
    assert_eq!(
        pair,
        vec!["DC1@import.example", "dc1@import.example"],
        "a lower one already: both kept"
    );
    let mut pair = with_address(&app, "dc2@import.example").await;
    pair.sort();
    assert_eq!(
        pair,
        vec!["Dc2@import.example", "dc2@import.example"],
        "the first (DC2) lowered, the other kept"
    );
    assert_eq!(
        with_address(&app, "solo@import.example").await,
        vec!["solo@import.example"]
    );
}
