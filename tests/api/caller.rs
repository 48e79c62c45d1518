//! The request-scoped caller: the subject's organisation comes from its token, and an employer's
//! standing is loaded once per operation.

use std::sync::Arc;

use api::auth::{Authenticator, Caller, Organisation, Viewer};
use api::config::{JwtSettings, Secret};
use api::service::partnerships::employer_standing;
use axum::http::{HeaderMap, HeaderValue, header};
use entity::enums::{EmployerStatus, PartnershipStatus};
use entity::{employer_partner, partnership};
use hitbridge_tests::{TestApp, tokens};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

async fn viewer_of(app: &TestApp, roles: serde_json::Value) -> Viewer {
    let settings = JwtSettings {
        secret: Some(Secret::new(tokens::SECRET)),
        ..JwtSettings::default()
    };
    let auth = Authenticator::from_settings(&settings).await.expect("keys");
    let token = tokens::hs256(&tokens::claims("someone", roles));
    let mut headers = HeaderMap::new();
    let bearer = HeaderValue::from_str(&format!("Bearer {token}")).expect("header");
    headers.insert(header::AUTHORIZATION, bearer);
    auth.authenticate(&app.db, &headers)
        .await
        .expect("a valid token")
}

/// An employer of the demo that at least one school has approved.
async fn approved_employer(app: &TestApp) -> employer_partner::Model {
    let active = partnership::Entity::find()
        .filter(partnership::Column::Status.eq(PartnershipStatus::Active))
        .one(&app.db)
        .await
        .expect("query")
        .expect("an active partnership");
    employer_partner::Entity::find_by_id(active.employer_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("its employer")
}

#[tokio::test]
async fn the_organisation_is_the_employer_first_then_the_school() {
    let app = TestApp::spawn_demo().await;
    let employer = approved_employer(&app).await;
    let school = entity::institution::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("a school");
    let both = viewer_of(
        &app,
        json!([{ "role": "school_staff", "institution": school.slug },
               { "role": "employer", "employer": employer.slug }]),
    )
    .await;
    assert_eq!(
        both.organisation,
        Some(Organisation::Employer {
            id: employer.id,
            slug: employer.slug.clone()
        })
    );
    let staff = viewer_of(
        &app,
        json!([{ "role": "school_staff", "institution": school.slug }]),
    )
    .await;
    assert_eq!(
        staff.organisation,
        Some(Organisation::Institution {
            id: school.id,
            slug: school.slug.clone()
        })
    );
    let admin = viewer_of(&app, json!([{ "role": "consortium_admin" }])).await;
    assert_eq!(admin.organisation, None);
}

#[tokio::test]
async fn an_employers_standing_is_loaded_once_per_operation() {
    let app = TestApp::spawn_demo().await;
    let employer = approved_employer(&app).await;
    let viewer = viewer_of(
        &app,
        json!([{ "role": "employer", "employer": employer.slug }]),
    )
    .await;
    let caller = Caller::new(Arc::new(viewer.clone()), "req-standing", None);
    let before = app.metric("hitbridge_db_statements_total").await;
    let first = employer_standing(&app.db, &caller)
        .await
        .expect("loads")
        .cloned();
    let loaded = app.metric("hitbridge_db_statements_total").await;
    let again = employer_standing(&app.db, &caller)
        .await
        .expect("cached")
        .cloned();
    let after = app.metric("hitbridge_db_statements_total").await;
    assert_eq!(
        loaded - before,
        2.0,
        "the employer's status and its approvals"
    );
    assert_eq!(after, loaded, "asked again, it costs nothing");
    let standing = first.expect("an employer caller has a standing");
    assert_eq!(again.as_ref(), Some(&standing));
    assert!(standing.active);
    assert!(!standing.approved_by.is_empty());

    let mut suspended: employer_partner::ActiveModel = employer.into();
    suspended.status = Set(EmployerStatus::Suspended);
    suspended.update(&app.db).await.expect("suspend");
    let next = Caller::new(Arc::new(viewer), "req-next", None);
    let standing = employer_standing(&app.db, &next).await.expect("loads");
    assert!(
        !standing.expect("a standing").active,
        "a new operation sees the suspension"
    );

    let admin = viewer_of(&app, json!([{ "role": "consortium_admin" }])).await;
    let caller = Caller::new(Arc::new(admin), "req-admin", None);
    assert!(
        employer_standing(&app.db, &caller)
            .await
            .expect("ok")
            .is_none()
    );
}
