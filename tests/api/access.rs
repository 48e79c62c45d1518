//! The authorization matrix over HTTP: every role against every resource kind, including the
//! cells that must be refused, by every route (root query, nested field, `_entities`, mutation).
//! Graduate records have their own matrix in `graduates::access`.

use entity::enums::{EmployerStatus, PartnershipStatus};
use entity::{employer_partner, event, institution, partnership, program};
use hitbridge_tests::{nodes, tokens};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use crate::matrix::{ROLES, World, expect_matrix, ids, outcome};

#[tokio::test]
async fn a_draft_program_is_visible_only_to_its_school_by_every_route() {
    let w = World::new().await;
    let id = w.draft.id.to_string();
    expect_matrix("program(id) of a draft", "NNAANNA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            outcome(
                &w.send(
                    role,
                    "query($id: ID) { program(id: $id) { id } }",
                    json!({ "id": id }),
                )
                .await,
            )
        }
    })
    .await;
    expect_matrix("draft in programs list", "NNAANNA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            let reply = w
                .send(
                    role,
                    "{ programs(first: 100) { edges { node { id } } } }",
                    json!({}),
                )
                .await;
            if ids(&reply, &["programs"]).contains(&id) {
                'A'
            } else {
                'N'
            }
        }
    })
    .await;
    expect_matrix("draft in institution.programs", "NNAANNA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            let reply = w
                .send(role, "query($s: String) { institution(slug: $s) { programs(first: 100) { edges { node { id } } } } }",
                    json!({ "s": w.x.slug }))
                .await;
            if ids(&reply, &["institution", "programs"]).contains(&id) { 'A' } else { 'N' }
        }
    })
    .await;
    expect_matrix("draft through _entities", "NNAANNA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            let reply = w
                .send(role, "query($r: [_Any!]!) { _entities(representations: $r) { ... on Program { id } } }",
                    json!({ "r": [{ "__typename": "Program", "id": id }] }))
                .await;
            outcome(&reply)
        }
    })
    .await;
}

#[tokio::test]
async fn only_the_school_admin_and_consortium_admins_write_programs() {
    let w = World::new().await;
    let update = "mutation($id: ID!, $v: Int!) { updateProgram(id: $id, expectedVersion: $v, input: { name: \"Renamed\" }) { id } }";
    expect_matrix("updateProgram on X's draft", "NNFANNA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<program::Entity>(w.draft.id).await;
            outcome(
                &w.send(
                    role,
                    update,
                    json!({ "id": w.draft.id.to_string(), "v": v }),
                )
                .await,
            )
        }
    })
    .await;
    expect_matrix(
        "updateProgram on X's published program",
        "FFFAFFA",
        |role| {
            let w = &w;
            async move {
                let v = w.version_of::<program::Entity>(w.published.id).await;
                outcome(
                    &w.send(
                        role,
                        update,
                        json!({ "id": w.published.id.to_string(), "v": v }),
                    )
                    .await,
                )
            }
        },
    )
    .await;
    expect_matrix("createProgram at X", "FFFAFFA", |role| {
        let w = &w;
        async move {
            let input = json!({ "institution": w.x.slug, "slug": format!("new-program-{role}"), "name": "New",
                "credential": "CERTIFICATE", "cipCode": "51.0707", "modality": "ONLINE", "durationMonths": 6 });
            outcome(&w.send(role, "mutation($i: CreateProgramInput!) { createProgram(input: $i) { id } }", json!({ "i": input })).await)
        }
    })
    .await;
    // Once X's admin has archived it, the program is hidden from Z's admin and employer Y.
    expect_matrix("archiveProgram on X's published program", "FFFANNA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<program::Entity>(w.published.id).await;
            outcome(&w.send(role, "mutation($id: ID!, $v: Int!) { archiveProgram(id: $id, expectedVersion: $v) { id } }",
                json!({ "id": w.published.id.to_string(), "v": v })).await)
        }
    })
    .await;
}

#[tokio::test]
async fn institutions_are_created_and_archived_by_consortium_admins_and_updated_by_their_admins() {
    let w = World::new().await;
    expect_matrix("updateInstitution X", "FFFAFFA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<institution::Entity>(w.x.id).await;
            outcome(&w.send(role, "mutation($id: ID!, $v: Int!) { updateInstitution(id: $id, expectedVersion: $v, input: { region: \"Southeast\" }) { id } }",
                json!({ "id": w.x.id.to_string(), "v": v })).await)
        }
    })
    .await;
    expect_matrix("createInstitution", "FFFFFFA", |role| {
        let w = &w;
        async move {
            let input = json!({ "slug": format!("new-school-{role}"), "name": "New School", "kind": "COMMUNITY_COLLEGE",
                "city": "Macon", "state": "GA", "region": "Southeast" });
            outcome(&w.send(role, "mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id } }", json!({ "i": input })).await)
        }
    })
    .await;
    expect_matrix("archiveInstitution Z", "FFFFFFA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<institution::Entity>(w.z.id).await;
            outcome(&w.send(role, "mutation($id: ID!, $v: Int!) { archiveInstitution(id: $id, expectedVersion: $v) { id } }",
                json!({ "id": w.z.id.to_string(), "v": v })).await)
        }
    })
    .await;
    // Z is archived now: hidden from all but its staff and consortium admins.
    expect_matrix("read archived Z", "NNNNANA", |role| {
        let w = &w;
        async move {
            outcome(
                &w.send(
                    role,
                    "query($s: String) { institution(slug: $s) { id } }",
                    json!({ "s": w.z.slug }),
                )
                .await,
            )
        }
    })
    .await;
    let z_hosts = event::Entity::find()
        .filter(event::Column::HostInstitutionId.eq(w.z.id))
        .count(&w.app.db)
        .await
        .expect("count")
        > 0;
    expect_matrix("Z's programs and events after archiving", "NNNNANA", |role| {
        let w = &w;
        async move {
            let reply = w
                .send(role, "query($s: String!) { programs(first: 100, filter: { institution: $s }) { totalCount }
                             events(first: 100, filter: { includePast: true }) { edges { node { host { slug } } } } }",
                    json!({ "s": w.z.slug }))
                .await;
            let programs = reply.data()["programs"]["totalCount"].as_i64() > Some(0);
            let hosted = nodes(reply.data(), "events").iter().any(|e| e["host"]["slug"] == json!(w.z.slug));
            if z_hosts {
                assert_eq!(hosted, programs, "{}: Z's events follow Z's visibility", ROLES[role]);
            }
            if programs { 'A' } else { 'N' }
        }
    })
    .await;
}

#[tokio::test]
async fn employers_update_their_own_profile_and_only_consortium_admins_create_or_suspend() {
    let w = World::new().await;
    expect_matrix("updateEmployerPartner Y", "FFFFFAA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<employer_partner::Entity>(w.y.id).await;
            outcome(&w.send(role, "mutation($id: ID!, $v: Int!) { updateEmployerPartner(id: $id, expectedVersion: $v, input: { contactEmail: \"jobs@y.example.org\" }) { id } }",
                json!({ "id": w.y.id.to_string(), "v": v })).await)
        }
    })
    .await;
    expect_matrix("Y's contact e-mail is shown", "FFFFFAA", |role| {
        let w = &w;
        async move {
            let reply = w
                .send(
                    role,
                    "query($s: String) { employerPartner(slug: $s) { contactEmail } }",
                    json!({ "s": w.y.slug }),
                )
                .await;
            if reply.data()["employerPartner"]["contactEmail"].is_string() {
                'A'
            } else {
                'F'
            }
        }
    })
    .await;
    expect_matrix("createEmployerPartner", "FFFFFFA", |role| {
        let w = &w;
        async move {
            let input = json!({ "slug": format!("new-employer-{role}"), "name": "New Clinic", "kind": "CLINIC",
                "city": "Albany", "state": "GA", "region": "Southwest Georgia", "rural": true });
            outcome(&w.send(role, "mutation($i: CreateEmployerPartnerInput!) { createEmployerPartner(input: $i) { id } }", json!({ "i": input })).await)
        }
    })
    .await;
    expect_matrix("suspend Y", "FFFFFFA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<employer_partner::Entity>(w.y.id).await;
            outcome(&w.send(role, "mutation($id: ID!, $v: Int!) { setEmployerPartnerStatus(id: $id, expectedVersion: $v, status: SUSPENDED) { id } }",
                json!({ "id": w.y.id.to_string(), "v": v })).await)
        }
    })
    .await;
    expect_matrix("read suspended Y", "NNNNNAA", |role| {
        let w = &w;
        async move {
            outcome(
                &w.send(
                    role,
                    "query($s: String) { employerPartner(slug: $s) { id } }",
                    json!({ "s": w.y.slug }),
                )
                .await,
            )
        }
    })
    .await;
    expect_matrix("Y's internships after suspension", "NNNNNAA", |role| {
        let w = &w;
        async move {
            let reply = w
                .send(role, "query($s: String) { internships(first: 100, filter: { employer: $s }) { totalCount } }",
                    json!({ "s": w.y.slug }))
                .await;
            if reply.data()["internships"]["totalCount"].as_i64() > Some(0) { 'A' } else { 'N' }
        }
    })
    .await;
}

#[tokio::test]
async fn internships_that_are_not_open_are_seen_by_their_employer_and_admins_only() {
    let w = World::new().await;
    let id = w.hidden_internship.id.to_string();
    expect_matrix("internship(id) not open", "NNNNNAA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            outcome(
                &w.send(
                    role,
                    "query($id: ID!) { internship(id: $id) { id } }",
                    json!({ "id": id }),
                )
                .await,
            )
        }
    })
    .await;
    expect_matrix("in employer.internships", "NNNNNAA", |role| {
        let w = &w;
        let id = id.clone();
        async move {
            let reply = w.send(role, "query($s: String) { employerPartner(slug: $s) { internships(first: 100) { edges { node { id } } } } }",
                json!({ "s": w.y.slug })).await;
            if ids(&reply, &["employerPartner", "internships"]).contains(&id) { 'A' } else { 'N' }
        }
    })
    .await;
}

#[tokio::test]
async fn partnerships_are_seen_by_their_parties_and_written_by_the_school() {
    let w = World::new().await;
    // Employers without a partnership with X, one per role, so each create is a fresh pair.
    let partnered: Vec<Uuid> = partnership::Entity::find()
        .filter(partnership::Column::InstitutionId.eq(w.x.id))
        .all(&w.app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|p| p.employer_id)
        .collect();
    let free: Vec<String> = employer_partner::Entity::find()
        .order_by_asc(employer_partner::Column::Slug)
        .all(&w.app.db)
        .await
        .expect("query")
        .into_iter()
        .filter(|e| e.status == EmployerStatus::Active)
        .filter(|e| !partnered.contains(&e.id) && e.id != w.y.id)
        .map(|e| e.slug)
        .collect();
    assert!(
        free.len() >= ROLES.len(),
        "enough employers without a partnership with X"
    );
    expect_matrix("createPartnership for X", "FFFAFFA", |role| {
        let w = &w;
        let employer = free[role].clone();
        async move {
            outcome(
                &w.send(
                    role,
                    "mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }",
                    json!({ "i": { "institution": w.x.slug, "employer": employer } }),
                )
                .await,
            )
        }
    })
    .await;
    // Make sure X and Y are partners, then check who sees and who changes that partnership.
    let xy = match partnership::Entity::find()
        .filter(partnership::Column::InstitutionId.eq(w.x.id))
        .filter(partnership::Column::EmployerId.eq(w.y.id))
        .one(&w.app.db)
        .await
        .expect("query")
    {
        Some(p) => p.id,
        None => {
            let reply = w
                .send(
                    6,
                    "mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }",
                    json!({ "i": { "institution": w.x.slug, "employer": w.y.slug } }),
                )
                .await;
            Uuid::parse_str(
                reply.data()["createPartnership"]["id"]
                    .as_str()
                    .expect("id"),
            )
            .expect("uuid")
        }
    };
    expect_matrix("X–Y in partnerships list", "NNAANAA", |role| {
        let w = &w;
        async move {
            let reply = w
                .send(
                    role,
                    "{ partnerships(first: 100) { edges { node { id } } } }",
                    json!({}),
                )
                .await;
            if ids(&reply, &["partnerships"]).contains(&xy.to_string()) {
                'A'
            } else {
                'N'
            }
        }
    })
    .await;
    expect_matrix("updatePartnership X–Y", "NNFANFA", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<partnership::Entity>(xy).await;
            outcome(&w.send(role, "mutation($id: ID!, $v: Int!) { updatePartnership(id: $id, expectedVersion: $v, change: ACTIVATE) { id } }",
                json!({ "id": xy.to_string(), "v": v })).await)
        }
    })
    .await;
    let ended = partnership::Entity::find_by_id(xy)
        .one(&w.app.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(ended.status, PartnershipStatus::Active);
}

#[tokio::test]
async fn the_audit_log_is_read_by_consortium_admins_and_school_admins_about_their_school() {
    let w = World::new().await;
    // One write at X and one at Z, so each trail has something in it.
    for (token, school) in [
        (tokens::school_admin(&w.x.slug), &w.x),
        (tokens::school_admin(&w.z.slug), &w.z),
    ] {
        let v = w.version_of::<institution::Entity>(school.id).await;
        let reply = w.app
            .gql("mutation($id: ID!, $v: Int!) { updateInstitution(id: $id, expectedVersion: $v, input: { rural: true }) { id } }")
            .vars(json!({ "id": school.id.to_string(), "v": v }))
            .bearer(token)
            .send()
            .await;
        reply.data();
    }
    expect_matrix("auditLog", "FFFAAFA", |role| {
        let w = &w;
        async move {
            let reply = w
                .send(
                    role,
                    "{ auditLog(first: 100) { edges { node { action institution { slug } } } } }",
                    json!({}),
                )
                .await;
            let code = outcome(&reply);
            if code == 'A' {
                let schools: Vec<String> = nodes(reply.data(), "auditLog")
                    .iter()
                    .filter_map(|n| n["institution"]["slug"].as_str().map(String::from))
                    .collect();
                match role {
                    3 => assert!(schools.iter().all(|s| *s == w.x.slug) && !schools.is_empty()),
                    4 => assert!(schools.iter().all(|s| *s == w.z.slug) && !schools.is_empty()),
                    _ => assert!(schools.contains(&w.x.slug) && schools.contains(&w.z.slug)),
                }
            }
            code
        }
    })
    .await;
    expect_matrix("auditLog about X", "NNNANNA", |role| {
        let w = &w;
        async move {
            outcome(
                &w.send(
                    role,
                    "query($s: String) { auditLog(filter: { institution: $s }) { totalCount } }",
                    json!({ "s": w.x.slug }),
                )
                .await,
            )
        }
    })
    .await;
}
