//! Who reads and writes a graduate record, cell by cell and route by route (root field, list,
//! `me`, `_entities`, mutations), including the refused cells.

use entity::enums::ConsentLevel;
use entity::graduate;
use serde_json::json;

use super::{approve_y, set_consent};
use crate::matrix::{World, expect_matrix, ids, outcome};

#[tokio::test]
async fn a_private_graduate_is_seen_by_themselves_their_school_and_consortium_admins_only() {
    let w = World::new().await;
    set_consent(&w, w.graduate, ConsentLevel::Private).await;
    approve_y(&w).await;
    let id = w.graduate.to_string();
    expect_matrix("graduate(id), PRIVATE", "NAAANNA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let q = "query($id: ID!) { graduate(id: $id) { id } }";
            outcome(&w.send(role, q, json!({ "id": id })).await)
        }
    })
    .await;
    expect_matrix("_entities, PRIVATE", "NAAANNA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let q =
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Graduate { id } } }";
            let r = json!({ "r": [{ "__typename": "Graduate", "id": id }] });
            outcome(&w.send(role, q, r).await)
        }
    })
    .await;
    expect_matrix("in graduates list", "UFAANFA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let q = "{ graduates(first: 100) { edges { node { id } } } }";
            let all = w.send(role, q, json!({})).await;
            match outcome(&all) {
                'A' => {
                    // A school's first page may not hold G: ask for G's name to be sure.
                    let name = w
                        .send(6, "query($id: ID!) { graduate(id: $id) { familyName } }", json!({ "id": id }))
                        .await;
                    let family = name.data()["graduate"]["familyName"].as_str().unwrap_or_default().to_owned();
                    let q = "query($s: String) { graduates(first: 100, filter: { search: $s }) { edges { node { id } } } }";
                    let found = w.send(role, q, json!({ "s": family })).await;
                    if ids(&found, &["graduates"]).contains(&id) { 'A' } else { 'N' }
                }
                other => other,
            }
        }
    })
    .await;
}

#[tokio::test]
async fn an_approved_employer_reads_a_consenting_graduate_and_nobody_learns_of_a_private_one() {
    let w = World::new().await;
    approve_y(&w).await;
    set_consent(&w, w.graduate, ConsentLevel::Anonymous).await;
    let id = w.graduate.to_string();
    expect_matrix("graduate(id), ANONYMOUS, X approves Y", "NAAANAA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let q = "query($id: ID!) { graduate(id: $id) { id } }";
            outcome(&w.send(role, q, json!({ "id": id })).await)
        }
    })
    .await;
    // PRIVATE: an employer's `_entities` answer is the same as for an id that does not exist.
    set_consent(&w, w.graduate, ConsentLevel::Private).await;
    let q = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Graduate { id } } }";
    for role in [0, 5] {
        let private = w
            .send(
                role,
                q,
                json!({ "r": [{ "__typename": "Graduate", "id": id }] }),
            )
            .await;
        let missing = w
            .send(role, q, json!({ "r": [{ "__typename": "Graduate", "id": uuid::Uuid::new_v4().to_string() }] }))
            .await;
        assert_eq!(private.body, missing.body, "existence is not revealed");
        assert_eq!(outcome(&private), 'N');
    }
}

#[tokio::test]
async fn me_is_the_graduate_s_own_record() {
    let w = World::new().await;
    expect_matrix("me", "UAFFFFF", |role| {
        let w = &w;
        async move { outcome(&w.send(role, "{ me { id } }", json!({})).await) }
    })
    .await;
    let me = w.send(1, "{ me { id email consent } }", json!({})).await;
    assert_eq!(me.data()["me"]["id"], json!(w.graduate.to_string()));
    assert!(me.data()["me"]["email"].is_string());
}

#[tokio::test]
async fn the_school_writes_its_graduates_and_only_admins_archive_them() {
    let w = World::new().await;
    let id = w.graduate.to_string();
    let update = "mutation($id: ID!, $v: Int!) { updateGraduate(id: $id, expectedVersion: $v, input: { headline: \"Epic-certified analyst\" }) { id } }";
    expect_matrix("updateGraduate", "NFAANNA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let v = w.version_of::<graduate::Entity>(w.graduate).await;
            outcome(&w.send(role, update, json!({ "id": id, "v": v })).await)
        }
    })
    .await;
    expect_matrix("createGraduate at X", "FFAAFFA", |role| {
        let w = &w;
        async move {
            let input = json!({ "institution": w.x.slug, "program": w.published.slug,
                "givenName": "Dana", "familyName": format!("Role{role}"), "email": format!("dana{role}@example.org"),
                "graduationYear": 2026, "graduationTerm": "SPRING", "background": "CAREER_CHANGER",
                "city": "Macon", "state": "GA", "region": "Central Georgia" });
            let q = "mutation($i: CreateGraduateInput!) { createGraduate(input: $i) { id consent } }";
            outcome(&w.send(role, q, json!({ "i": input })).await)
        }
    })
    .await;
    expect_matrix("updateMe", "UAFFFFF", |role| {
        let w = &w;
        async move {
            let v = w.version_of::<graduate::Entity>(w.graduate).await;
            let q = "mutation($v: Int!) { updateMe(expectedVersion: $v, input: { openToRural: true }) { id } }";
            outcome(&w.send(role, q, json!({ "v": v })).await)
        }
    })
    .await;
    expect_matrix("archiveGraduate", "NFFANNA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let v = w.version_of::<graduate::Entity>(w.graduate).await;
            let q = "mutation($id: ID!, $v: Int!) { archiveGraduate(id: $id, expectedVersion: $v) { id status } }";
            outcome(&w.send(role, q, json!({ "id": id, "v": v })).await)
        }
    })
    .await;
}

#[tokio::test]
async fn consent_is_the_graduate_s_and_a_school_admin_may_only_lower_it() {
    let w = World::new().await;
    let id = w.graduate.to_string();
    let set =
        "mutation($id: ID, $l: ConsentLevel!) { setConsent(graduate: $id, level: $l) { consent } }";
    expect_matrix("setConsent CONTACT", "NAFFNNF", |role| {
        let (w, id) = (&w, id.clone());
        async move { outcome(&w.send(role, set, json!({ "id": id, "l": "CONTACT" })).await) }
    })
    .await;
    expect_matrix("setConsent PRIVATE", "NAFANNA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            // From a raised level each time, so every allowed cell is a real change.
            set_consent(w, w.graduate, ConsentLevel::Profile).await;
            outcome(&w.send(role, set, json!({ "id": id, "l": "PRIVATE" })).await)
        }
    })
    .await;
    expect_matrix("consentHistory", "NAAANNA", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let q =
                "query($id: ID!) { graduate(id: $id) { consentHistory { from to changedAs } } }";
            let reply = w.send(role, q, json!({ "id": id })).await;
            match outcome(&reply) {
                'A' => {
                    let history = reply.data()["graduate"]["consentHistory"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    assert!(
                        history
                            .iter()
                            .any(|c| c["changedAs"] == "SCHOOL_ADMIN" && c["to"] == "PRIVATE"),
                        "{}",
                        reply.body
                    );
                    'A'
                }
                other => other,
            }
        }
    })
    .await;
    // Who changed it: capacity and organisation for every reader, the token subject (which can
    // be a person's e-mail) for consortium admins only. `S` subject shown, `O` organisation only.
    expect_matrix("consentHistory changedBy", "NOOONNS", |role| {
        let (w, id) = (&w, id.clone());
        async move {
            let q = "query($id: ID!) { graduate(id: $id) { consentHistory {
                changedAs changedBy changedByInstitution { slug } } } }";
            let reply = w.send(role, q, json!({ "id": id })).await;
            if outcome(&reply) != 'A' {
                return outcome(&reply);
            }
            let history = reply.data()["graduate"]["consentHistory"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let by_school = history
                .iter()
                .find(|c| c["changedAs"] == "SCHOOL_ADMIN")
                .expect("a school admin's change");
            assert_eq!(by_school["changedByInstitution"]["slug"], w.x.slug.as_str());
            assert!(
                history.iter().all(
                    |c| c["changedAs"] == "SCHOOL_ADMIN" || c["changedByInstitution"].is_null()
                )
            );
            let subjects = history.iter().filter(|c| !c["changedBy"].is_null()).count();
            match subjects {
                0 => 'O',
                n if n == history.len() => 'S',
                _ => panic!("some subjects shown: {}", reply.body),
            }
        }
    })
    .await;
}
