//! No N+1: the SQL statements a nested query runs depend on its depth, not on its row count.

use chrono::Utc;
use entity::enums::{Credential, HitRole, Modality, ProgramStatus};
use entity::{institution, program, program_hit_role, program_skill, skill};
use hitbridge_tests::{Backend, TestApp, nodes};
use sea_orm::{ActiveValue::Set, EntityTrait, QueryOrder};
use uuid::Uuid;

/// Adds `n` published programs (each with skills and a HIT role) to the demo's first institution.
async fn add_programs(app: &TestApp, n: usize) {
    let school = institution::Entity::find()
        .order_by_asc(institution::Column::Slug)
        .one(&app.db)
        .await
        .expect("query")
        .expect("an institution");
    let skills = skill::Entity::find().all(&app.db).await.expect("skills");
    let now = Utc::now();
    for i in 0..n {
        let id = Uuid::new_v4();
        program::Entity::insert(program::ActiveModel {
            id: Set(id),
            slug: Set(format!("extra-program-{i:03}")),
            institution_id: Set(school.id),
            name: Set(format!("Extra Program {i:03}")),
            description: Set("Added by the statement-count test.".into()),
            credential: Set(Credential::Certificate),
            cip_code: Set("51.0707".into()),
            soc_code: Set(Some("29-2072".into())),
            modality: Set(Modality::Online),
            duration_months: Set(9),
            status: Set(ProgramStatus::Published),
            next_start: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .exec(&app.db)
        .await
        .expect("insert program");
        for s in skills.iter().skip(i % 5).take(3) {
            program_skill::Entity::insert(program_skill::ActiveModel {
                program_id: Set(id),
                skill_id: Set(s.id),
            })
            .exec_without_returning(&app.db)
            .await
            .expect("insert skill");
        }
        program_hit_role::Entity::insert(program_hit_role::ActiveModel {
            program_id: Set(id),
            hit_role: Set(HitRole::ImplementationSupport),
        })
        .exec_without_returning(&app.db)
        .await
        .expect("insert role");
    }
}

/// The demo consortium with the response cache off, so every request reaches the database.
/// Batches are read when the request can go no further without them (`graphql::batch`), never
/// after a delay, so how busy the machine is cannot split one.
async fn counting_app() -> TestApp {
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[("HITBRIDGE_PUBLIC_CACHE_TTL_SECS", "0")],
    )
    .await;
    app.seed().await;
    app
}

async fn statements_for(app: &TestApp, first: usize) -> f64 {
    // Each loader appears at one depth only: the count is exactly one statement per root list
    // and per relation field.
    let query = format!(
        "{{ programs(first: {first}) {{ edges {{ node {{ name skills {{ slug }} ehrSystems {{ slug }} hitRoles
             institution {{ name events {{ name }} programs(first: 2) {{ edges {{ node {{ name }} }} }} }} }} }} }}
           internships(first: {first}) {{ edges {{ node {{ title skills {{ slug }}
             employer {{ name ehrSystems {{ slug }} }} }} }} }} }}"
    );
    let before = app.metric("hitbridge_db_statements_total").await;
    let reply = app.gql(&query).send().await;
    let after = app.metric("hitbridge_db_statements_total").await;
    assert_eq!(nodes(reply.data(), "programs").len(), first.min(120));
    after - before
}

#[tokio::test]
async fn nested_queries_cost_the_same_statements_for_20_and_100_rows() {
    let app = counting_app().await;
    add_programs(&app, 100).await;
    let small = statements_for(&app, 20).await;
    let large = statements_for(&app, 100).await;
    assert!(small > 0.0);
    assert_eq!(
        small, large,
        "statements grow with depth only (20 rows: {small}, 100 rows: {large})"
    );
    // 2 root lists + 7 relation fields (skills and ehrSystems share one batched read; the
    // programs' institution is read in the page's own statement).
    assert_eq!(
        large, 9.0,
        "one statement per root list and per relation field"
    );
}

#[tokio::test]
async fn entities_cost_one_statement_per_type_whatever_the_number_of_representations() {
    let app = counting_app().await;
    let list = app
        .gql("{ programs(first: 20) { edges { node { id } } } institutions(first: 5) { edges { node { id } } }
               employerPartners(first: 5) { edges { node { id } } } }")
        .send()
        .await;
    let data = list.data();
    let mut representations = Vec::new();
    for (field, typename) in [
        ("programs", "Program"),
        ("institutions", "Institution"),
        ("employerPartners", "EmployerPartner"),
    ] {
        for node in nodes(data, field) {
            representations.push(serde_json::json!({ "__typename": typename, "id": node["id"] }));
        }
    }
    assert_eq!(representations.len(), 30);
    let before = app.metric("hitbridge_db_statements_total").await;
    let reply = app
        .gql("query($r: [_Any!]!) { _entities(representations: $r) {
              ... on Program { name } ... on Institution { name } ... on EmployerPartner { name } } }")
        .vars(serde_json::json!({ "r": representations }))
        .send()
        .await;
    let after = app.metric("hitbridge_db_statements_total").await;
    let entities = reply.data()["_entities"].as_array().expect("entities");
    assert!(
        entities.iter().all(|e| e["name"].is_string()),
        "{}",
        reply.body
    );
    assert_eq!(after - before, 3.0, "one statement per entity type");
}

/// The statements a consortium admin's list query costs, for `first` rows of `field` (the query
/// is `query(first)`).
async fn admin_statements(app: &TestApp, field: &str, first: usize, query: String) -> f64 {
    let before = app.metric("hitbridge_db_statements_total").await;
    let reply = app
        .gql(&query)
        .bearer(hitbridge_tests::tokens::consortium_admin())
        .send()
        .await;
    assert_eq!(nodes(reply.data(), field).len(), first);
    app.metric("hitbridge_db_statements_total").await - before
}

#[tokio::test]
async fn a_page_of_graduates_with_every_relation_costs_the_same_for_20_and_100_rows() {
    let app = counting_app().await;
    let query = |first: usize| {
        format!(
            "{{ graduates(first: {first}) {{ totalCount edges {{ node {{ id skills {{ slug }} ehrSystems {{ slug }}
                 certifications {{ code }} program {{ slug }} institution {{ slug }} consentHistory {{ to }} }} }} }} }}"
        )
    };
    let small = admin_statements(&app, "graduates", 20, query(20)).await;
    let large = admin_statements(&app, "graduates", 100, query(100)).await;
    assert_eq!(small, large, "statements grow with depth only");
    // The page; skills (shared by skills and ehrSystems); certifications; program; institution;
    // consent history (its access check and its rows).
    assert_eq!(large, 7.0);
}

#[tokio::test]
async fn a_pool_page_costs_the_same_statements_for_20_and_100_candidates() {
    let app = counting_app().await;
    let query = |first: usize| {
        format!(
            "{{ candidatePool(first: {first}, criteria: {{ preferred: {{ ehrSystems: [\"epic\"], skills: [\"sql\", \"hipaa\"],
                 certifications: [\"RHIT\"], openToRural: true }} }}) {{ totalCount edges {{ node {{ matchScore matchReasons
                 graduate {{ id skills {{ slug }} institution {{ slug }} }} }} }} }} }}"
        )
    };
    // The first request reads the vocabulary (terms and aliases, four statements); later ones
    // keep it while its version stays.
    let first = admin_statements(&app, "candidatePool", 20, query(20)).await;
    let small = admin_statements(&app, "candidatePool", 20, query(20)).await;
    let large = admin_statements(&app, "candidatePool", 100, query(100)).await;
    assert_eq!(small, large, "statements grow with depth only");
    assert_eq!(first, small + 4.0);
    // The vocabulary's version (1), the ranked page with its total (1; the reasons read the
    // graduates' skill and certification tags from the page's own rows), then the graduates'
    // skills and institutions (2).
    assert_eq!(large, 4.0);
}
