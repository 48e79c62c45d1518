//! Control characters in text inputs: NUL (which PostgreSQL cannot store) and the other C0
//! controls but tab and line ends are refused in one place, before anything runs, with
//! BAD_USER_INPUT naming the field; the same on both databases, and nothing is written.

use entity::graduate;
use hitbridge_tests::{TestApp, tokens};
use sea_orm::EntityTrait;
use serde_json::json;

use crate::matrix::World;

fn field(reply: &hitbridge_tests::Reply) -> String {
    assert_eq!(reply.code(), "BAD_USER_INPUT", "{}", reply.body);
    reply.body["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_nul_in_a_variable_or_a_literal_is_bad_input_naming_the_field() {
    let app = TestApp::spawn_demo().await;
    let search = "query($s: String) { programs(filter: { search: $s }) { totalCount } }";
    for s in ["a\u{0}b", "bell\u{7}", "\u{1b}[31m"] {
        let reply = app.gql(search).vars(json!({ "s": s })).send().await;
        assert_eq!(field(&reply), "s", "{s:?}");
    }
    let literal = app
        .gql(r#"{ programs(filter: { search: "a\u0000b" }) { totalCount } }"#)
        .send()
        .await;
    assert_eq!(field(&literal), "filter.search");
    let slug = app
        .gql(r#"{ programs(filter: { institution: "x\u0001" }) { totalCount } }"#)
        .send()
        .await;
    assert_eq!(field(&slug), "filter.institution");
    // Tab and line ends are text; the same search without the NUL runs.
    let fine = app
        .gql(search)
        .vars(json!({ "s": "health\tinformatics\r\n" }))
        .send()
        .await;
    fine.data();
}

#[tokio::test]
async fn a_write_with_a_control_character_writes_nothing() {
    let w = World::new().await;
    let before = graduate::Entity::find_by_id(w.graduate)
        .one(&w.app.db)
        .await
        .expect("query")
        .expect("graduate");
    let me = "mutation($v: Int!, $i: UpdateMeInput!) { updateMe(expectedVersion: $v, input: $i) { headline } }";
    for input in [
        json!({ "headline": "Analyst\u{0}" }),
        json!({ "priorIndustry": "Nursing\u{0}", "headline": "fine" }),
    ] {
        let reply = w
            .send(1, me, json!({ "v": before.version, "i": input }))
            .await;
        assert!(field(&reply).starts_with("i."), "{}", reply.body);
    }
    let csv = "email,given_name,family_name,program,graduation_year,graduation_term,background,city,state,region\n\
               dc0@import.example,D\u{0}a,Cruz,x,2026,fall,it,Macon,GA,Central\n";
    let import = w
        .app
        .gql("mutation($s: String!, $csv: String!) { importGraduates(institution: $s, csv: $csv) { ok } }")
        .vars(json!({ "s": w.x.slug, "csv": csv }))
        .bearer(tokens::school_admin(&w.x.slug))
        .send()
        .await;
    assert_eq!(field(&import), "csv");
    let after = graduate::Entity::find_by_id(w.graduate)
        .one(&w.app.db)
        .await
        .expect("query")
        .expect("graduate");
    assert_eq!(after, before, "nothing written");
}
