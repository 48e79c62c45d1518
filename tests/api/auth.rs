//! The JWT contract: valid tokens become viewers; every forged or broken token is a 401
//! UNAUTHENTICATED, never anonymous.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use entity::enums::ProgramStatus;
use entity::{institution, program};
use hitbridge_tests::tokens::{self, claims, fixture, hs256, hs256_with, signed_by};
use hitbridge_tests::{Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// A draft program and the slug of its school: staff of that school can read it, nobody else.
async fn draft(app: &TestApp) -> (String, String) {
    let draft = program::Entity::find()
        .filter(program::Column::Status.eq(ProgramStatus::Draft))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a draft");
    let school = institution::Entity::find_by_id(draft.institution_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("its school");
    (draft.id.to_string(), school.slug)
}

fn staff_claims(school: &str) -> Value {
    claims(
        "staff-1",
        json!([{ "role": "school_staff", "institution": school }]),
    )
}

async fn read_draft(app: &TestApp, id: &str, token: &str) -> hitbridge_tests::Reply {
    app.gql("query($id: ID!) { program(id: $id) { id status } }")
        .vars(json!({ "id": id }))
        .bearer(token)
        .send()
        .await
}

async fn assert_refused(app: &TestApp, token: &str) {
    let reply = app
        .gql("{ institutions { totalCount } }")
        .bearer(token)
        .send()
        .await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(reply.code(), "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_valid_hs256_token_grants_its_role() {
    let app = TestApp::spawn_demo().await;
    let (id, school) = draft(&app).await;
    let reply = read_draft(&app, &id, &hs256(&staff_claims(&school))).await;
    assert_eq!(reply.data()["program"]["status"], "DRAFT");
}

#[tokio::test]
async fn a_token_minted_by_the_cli_is_accepted() {
    let app = TestApp::spawn_demo().await;
    let (id, school) = draft(&app).await;
    let settings = api::config::Config::from_lookup(|k| {
        (k == "HITBRIDGE_JWT_SECRET").then(|| tokens::SECRET.to_string())
    })
    .expect("config")
    .jwt;
    let role = api::auth::RoleClaim::SchoolStaff {
        institution: school,
    };
    let token = api::auth::token::mint(
        &settings,
        "cli-user",
        role,
        std::time::Duration::from_secs(60),
    )
    .expect("minted");
    assert_eq!(
        read_draft(&app, &id, &token).await.data()["program"]["status"],
        "DRAFT"
    );
}

#[tokio::test]
async fn a_bad_signature_is_refused() {
    let app = TestApp::spawn().await;
    assert_refused(
        &app,
        &hs256_with(
            b"another-secret-another-secret-0123456",
            &claims("u", json!([])),
        ),
    )
    .await;
}

#[tokio::test]
async fn alg_none_is_refused() {
    let app = TestApp::spawn().await;
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let body =
        URL_SAFE_NO_PAD.encode(claims("u", json!([{ "role": "consortium_admin" }])).to_string());
    assert_refused(&app, &format!("{header}.{body}.")).await;
}

#[tokio::test]
async fn an_algorithm_without_a_configured_key_is_refused() {
    let app = TestApp::spawn().await; // HS256 only
    assert_refused(&app, &signed_by("rsa-a", None, &claims("u", json!([])))).await;
}

#[tokio::test]
async fn hs256_signed_with_the_rsa_public_key_is_refused() {
    let keys = fixture("rsa-a.pub.pem");
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_JWT_PUBLIC_KEYS", &keys)]).await;
    let public_pem = std::fs::read(&keys).expect("pem");
    let forged = hs256_with(
        &public_pem,
        &claims("u", json!([{ "role": "consortium_admin" }])),
    );
    assert_refused(&app, &forged).await;
}

#[tokio::test]
async fn expired_and_not_yet_valid_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let now = jsonwebtoken::get_current_timestamp() as i64;
    let mut expired = claims("u", json!([]));
    expired["exp"] = json!(now - 120);
    assert_refused(&app, &hs256(&expired)).await;
    let mut early = claims("u", json!([]));
    early["nbf"] = json!(now + 600);
    assert_refused(&app, &hs256(&early)).await;
    let mut within_leeway = claims("u", json!([]));
    within_leeway["exp"] = json!(now - 5);
    let ok = app
        .gql("{ institutions { totalCount } }")
        .bearer(hs256(&within_leeway))
        .send()
        .await;
    assert_eq!(ok.status, 200, "a few seconds of clock skew are tolerated");
}

#[tokio::test]
async fn the_wrong_issuer_or_audience_is_refused() {
    let app = TestApp::spawn().await;
    let mut iss = claims("u", json!([]));
    iss["iss"] = json!("someone-else");
    assert_refused(&app, &hs256(&iss)).await;
    let mut aud = claims("u", json!([]));
    aud["aud"] = json!("another-api");
    assert_refused(&app, &hs256(&aud)).await;
    let mut list = claims("u", json!([]));
    list["aud"] = json!(["another-api", "hitbridge-api"]);
    let ok = app
        .gql("{ institutions { totalCount } }")
        .bearer(hs256(&list))
        .send()
        .await;
    assert_eq!(ok.status, 200, "aud may be a list containing ours");
}

#[tokio::test]
async fn a_token_without_sub_or_exp_is_refused() {
    let app = TestApp::spawn().await;
    for claim in ["sub", "exp", "iss", "aud"] {
        let mut c = claims("u", json!([]));
        c.as_object_mut().expect("object").remove(claim);
        let reply = app
            .gql("{ institutions { totalCount } }")
            .bearer(hs256(&c))
            .send()
            .await;
        assert_eq!(reply.status, 401, "missing {claim}");
    }
}

#[tokio::test]
async fn malformed_unknown_and_oversized_roles_are_refused() {
    let app = TestApp::spawn().await;
    let mut not_a_list = claims("u", json!([]));
    not_a_list["hitbridge"]["roles"] = json!("consortium_admin");
    assert_refused(&app, &hs256(&not_a_list)).await;
    assert_refused(&app, &hs256(&claims("u", json!([{ "role": "superuser" }])))).await;
    assert_refused(
        &app,
        &hs256(&claims("u", json!([{ "role": "school_admin" }]))),
    )
    .await;
    assert_refused(
        &app,
        &hs256(&claims(
            "u",
            json!([{ "role": "employer", "employer": "x", "institution": "y" }]),
        )),
    )
    .await;
    let many: Vec<Value> = (0..33)
        .map(|i| json!({ "role": "employer", "employer": format!("e{i}") }))
        .collect();
    assert_refused(&app, &hs256(&claims("u", Value::Array(many)))).await;
}

#[tokio::test]
async fn an_oversized_token_and_a_malformed_header_are_refused() {
    let app = TestApp::spawn().await;
    let mut big = claims("u", json!([]));
    big["padding"] = json!("x".repeat(10_000));
    assert_refused(&app, &hs256(&big)).await;
    assert_refused(&app, "not.a.jwt").await;
    let reply = app
        .gql("{ institutions { totalCount } }")
        .bearer("")
        .send()
        .await;
    assert_eq!(reply.status, 401);
}

#[tokio::test]
async fn a_grant_naming_an_unknown_institution_confers_nothing() {
    let app = TestApp::spawn_demo().await;
    let (id, _) = draft(&app).await;
    let reply = read_draft(&app, &id, &hs256(&staff_claims("no-such-school"))).await;
    assert_eq!(reply.status, 200, "the token itself is valid");
    assert_eq!(reply.code(), "NOT_FOUND");
}

#[tokio::test]
async fn rs256_keys_from_a_pem_file_verify_tokens() {
    let keys = fixture("rsa-a.pub.pem");
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_JWT_PUBLIC_KEYS", &keys)]).await;
    app.seed().await;
    let (id, school) = draft(&app).await;
    let reply = read_draft(&app, &id, &signed_by("rsa-a", None, &staff_claims(&school))).await;
    assert_eq!(reply.data()["program"]["status"], "DRAFT");
    assert_refused(&app, &signed_by("rsa-b", None, &staff_claims(&school))).await;
}

#[tokio::test]
async fn a_jwks_file_chooses_keys_by_kid_for_rs256_and_es256() {
    let jwks = fixture("jwks-a.json");
    let app = TestApp::spawn_with(Backend::FromEnv, &[("HITBRIDGE_JWKS_FILE", &jwks)]).await;
    app.seed().await;
    let (id, school) = draft(&app).await;
    for (key, kid) in [("rsa-a", "rsa-a"), ("ec-a", "ec-a")] {
        let reply = read_draft(
            &app,
            &id,
            &signed_by(key, Some(kid), &staff_claims(&school)),
        )
        .await;
        assert_eq!(reply.data()["program"]["status"], "DRAFT", "{key}");
    }
    assert_refused(
        &app,
        &signed_by("rsa-a", Some("ec-a"), &staff_claims(&school)),
    )
    .await;
    assert_refused(
        &app,
        &signed_by("rsa-b", Some("rsa-b"), &staff_claims(&school)),
    )
    .await;
}

#[tokio::test]
async fn a_token_naming_critical_extensions_is_refused() {
    let app = TestApp::spawn().await;
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.crit = Some(vec!["exp-ext".into()]);
    let token = jsonwebtoken::encode(
        &header,
        &claims("u", json!([{ "role": "consortium_admin" }])),
        &jsonwebtoken::EncodingKey::from_secret(tokens::SECRET.as_bytes()),
    )
    .expect("sign");
    assert_refused(&app, &token).await;
}

#[tokio::test]
async fn two_authorization_headers_are_refused_whichever_comes_first() {
    let app = TestApp::spawn().await;
    let admin = tokens::consortium_admin();
    let response = app
        .client()
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {admin}"))
        .header("authorization", "Bearer not-a-token")
        .body(json!({ "query": "{ institutions { totalCount } }" }).to_string())
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 401);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
}
