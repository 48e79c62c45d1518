//! Importing a cohort from CSV: all or nothing, every bad row reported, idempotent by
//! institution + e-mail, consent never raised; the same through the GraphQL mutation and the
//! `hitbridge import graduates` command.

use entity::enums::ConsentLevel;
use entity::{audit_entry, graduate, institution};
use hitbridge_tests::{TestApp, tokens};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const SCHOOL: &str = "chattahoochee-valley-community-college";
const IMPORT: &str =
    "mutation($s: String!, $csv: String!) { importGraduates(institution: $s, csv: $csv) {
    ok created updated unchanged errors { line column message } } }";

fn example() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/graduates.csv");
    std::fs::read_to_string(path).expect("the example file")
}

async fn import(app: &TestApp, token: String, csv: &str) -> Value {
    let reply = app
        .gql(IMPORT)
        .vars(json!({ "s": SCHOOL, "csv": csv }))
        .bearer(token)
        .send()
        .await;
    reply.data()["importGraduates"].clone()
}

async fn count_at_school(app: &TestApp) -> u64 {
    let school = institution::Entity::find()
        .filter(institution::Column::Slug.eq(SCHOOL))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the school");
    graduate::Entity::find()
        .filter(graduate::Column::InstitutionId.eq(school.id))
        .count(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_good_file_is_written_once_and_a_second_import_creates_nothing() {
    let app = TestApp::spawn_demo().await;
    let staff = || tokens::school_staff(SCHOOL);
    let before = count_at_school(&app).await;
    let first = import(&app, staff(), &example()).await;
    assert_eq!(
        first,
        json!({ "ok": true, "created": 3, "updated": 0, "unchanged": 0, "errors": [] })
    );
    assert_eq!(count_at_school(&app).await, before + 3);
    let maria = graduate::Entity::find()
        .filter(graduate::Column::Email.eq("maria.lopez@mail.example"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("imported");
    assert_eq!(
        maria.consent,
        ConsentLevel::Private,
        "imported records start PRIVATE"
    );

    let again = import(&app, staff(), &example()).await;
    assert_eq!(
        again,
        json!({ "ok": true, "created": 0, "updated": 0, "unchanged": 3, "errors": [] })
    );

    // Maria consents; a corrected file updates her headline but never her consent.
    graduate::Entity::update_many()
        .col_expr(
            graduate::Column::Consent,
            sea_orm::sea_query::Expr::value(ConsentLevel::Contact),
        )
        .filter(graduate::Column::Id.eq(maria.id))
        .exec(&app.db)
        .await
        .expect("consent");
    let corrected = example().replace("Retail manager turned HIT coder", "RHIT, ex-retail manager");
    let third = import(&app, staff(), &corrected).await;
    assert_eq!(third["updated"], json!(1));
    assert_eq!(third["unchanged"], json!(2));
    let maria = graduate::Entity::find_by_id(maria.id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(maria.headline.as_deref(), Some("RHIT, ex-retail manager"));
    assert_eq!(
        maria.consent,
        ConsentLevel::Contact,
        "an import never changes consent"
    );
    assert_eq!(count_at_school(&app).await, before + 3);
}

#[tokio::test]
async fn one_bad_row_writes_nothing_and_every_bad_row_is_listed() {
    let app = TestApp::spawn_demo().await;
    let before = count_at_school(&app).await;
    let mut csv = example();
    // Line 5: two bad cells; line 6: an e-mail already on line 2; line 7: a program of another school.
    csv.push_str("bad.row@mail.example,Bad,Row,chattahoochee-medical-coding-certificate,1800,winter,clinical,Columbus,GA,West Georgia\n");
    csv.push_str("maria.lopez@mail.example,Maria,Again,chattahoochee-medical-coding-certificate,2026,fall,it,Columbus,GA,West Georgia\n");
    csv.push_str("other.school@mail.example,Other,School,peachtree-ms-health-informatics,2026,fall,it,Columbus,GA,West Georgia\n");
    let reply = import(&app, tokens::school_admin(SCHOOL), &csv).await;
    assert_eq!(reply["ok"], json!(false));
    assert_eq!(reply["created"], json!(0));
    let errors: Vec<(i64, String)> = reply["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["line"].as_i64().unwrap_or(0),
                e["column"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            (5, "graduation_year".to_owned()),
            (5, "graduation_term".to_owned()),
            (6, "email".to_owned()),
            (7, "program".to_owned()),
        ],
        "{reply}"
    );
    assert_eq!(count_at_school(&app).await, before, "nothing was written");

    let header = import(
        &app,
        tokens::school_admin(SCHOOL),
        "email,nickname\nx@y.org,X\n",
    )
    .await;
    let messages: Vec<&str> = header["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("unknown column \"nickname\"")),
        "{header}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("missing column \"given_name\"")),
        "{header}"
    );
}

#[tokio::test]
async fn only_the_school_and_consortium_admins_import_into_it() {
    let app = TestApp::spawn_demo().await;
    for (token, code) in [
        (None, "FORBIDDEN"),
        (
            Some(tokens::employer("riverbend-health-system")),
            "FORBIDDEN",
        ),
        (
            Some(tokens::school_admin("peachtree-state-university")),
            "FORBIDDEN",
        ),
    ] {
        let mut request = app
            .gql(IMPORT)
            .vars(json!({ "s": SCHOOL, "csv": example() }));
        if let Some(token) = token {
            request = request.bearer(token);
        }
        assert_eq!(request.send().await.code(), code);
    }
    let admin = import(&app, tokens::consortium_admin(), &example()).await;
    assert_eq!(admin["created"], json!(3));
}

#[tokio::test]
async fn the_command_imports_a_file_and_records_who_did() {
    let app = TestApp::spawn_demo().await;
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/graduates.csv"
    ));
    let first = api::cli::import_graduates(&app.db, "the test database", path, SCHOOL)
        .await
        .expect("import");
    assert_eq!((first.created, first.updated, first.unchanged), (3, 0, 0));
    let second = api::cli::import_graduates(&app.db, "the test database", path, SCHOOL)
        .await
        .expect("import");
    assert_eq!((second.created, second.unchanged), (0, 3));
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::ActorSub.eq(api::cli::CLI_SUBJECT))
        .filter(audit_entry::Column::Action.eq("graduate.import_create"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(audited, 3);
    let missing =
        api::cli::import_graduates(&app.db, "the test database", path, "no-such-school").await;
    assert!(missing.is_err());
}
