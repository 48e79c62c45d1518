//! The candidate pool: who may search it, who is in it, how it ranks and explains, how it pages,
//! and that what goes out is masked and logged.

use entity::enums::{ConsentLevel, EmployerStatus, GraduateStatus, PartnershipStatus};
use entity::{employer_partner, graduate, partnership};
use hitbridge_tests::{Reply, nodes, tokens};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::graduates::{approve_y, set_consent};
use crate::matrix::{World, expect_matrix, outcome};

const POOL: &str = "query($c: CandidateCriteria!, $first: Int, $after: String) {
  candidatePool(criteria: $c, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { matchScore matchReasons matchedSkills missingSkills
      breakdown { criterion weight met fraction contribution }
      graduate { id visibleTier background familyName email institution { slug } } } } } }";

fn criteria() -> Value {
    json!({
        "required": { "seeking": ["FULL_TIME", "INTERNSHIP", "PART_TIME"] },
        "preferred": { "ehrSystems": ["epic", "meditech"], "skills": ["hipaa", "sql", "fhir"],
                       "skillsWeight": 2, "backgrounds": ["CLINICAL", "CAREER_CHANGER"], "openToRural": true }
    })
}

async fn pool(w: &World, role: usize, c: Value, first: i64, after: Option<&str>) -> Reply {
    w.send(
        role,
        POOL,
        json!({ "c": c, "first": first, "after": after }),
    )
    .await
}

fn entries(reply: &Reply) -> Vec<Value> {
    nodes(reply.data(), "candidatePool")
        .into_iter()
        .cloned()
        .collect()
}

#[tokio::test]
async fn only_employers_and_consortium_admins_search_the_pool() {
    let w = World::new().await;
    approve_y(&w).await;
    expect_matrix("candidatePool", "UFFFFAA", |role| {
        let w = &w;
        async move { outcome(&pool(w, role, criteria(), 20, None).await) }
    })
    .await;
    // A new employer no school has approved yet has an empty pool; a suspended one is refused.
    let create =
        "mutation($i: CreateEmployerPartnerInput!) { createEmployerPartner(input: $i) { slug } }";
    let input = json!({ "slug": "pine-county-clinic", "name": "Pine County Clinic", "kind": "CLINIC",
        "city": "Hazlehurst", "state": "GA", "region": "South Georgia", "rural": true });
    w.send(6, create, json!({ "i": input })).await.data();
    let reply = w
        .app
        .gql(POOL)
        .vars(json!({ "c": criteria() }))
        .bearer(tokens::employer("pine-county-clinic"))
        .send()
        .await;
    assert_eq!(reply.data()["candidatePool"]["totalCount"], json!(0));
    employer_partner::Entity::update(employer_partner::ActiveModel {
        id: Set(w.y.id),
        status: Set(EmployerStatus::Suspended),
        ..Default::default()
    })
    .exec(&w.app.db)
    .await
    .expect("suspend");
    assert_eq!(outcome(&pool(&w, 5, criteria(), 20, None).await), 'F');
}

#[tokio::test]
async fn the_pool_holds_only_consenting_seekers_of_approving_schools_masked_by_consent() {
    let w = World::new().await;
    approve_y(&w).await;
    let approving: Vec<uuid::Uuid> = partnership::Entity::find()
        .filter(partnership::Column::EmployerId.eq(w.y.id))
        .filter(partnership::Column::Status.eq(PartnershipStatus::Active))
        .all(&w.app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|p| p.institution_id)
        .collect();
    let reply = pool(&w, 5, criteria(), 100, None).await;
    let found = entries(&reply);
    assert!(
        !found.is_empty(),
        "X's consenting graduates are in Y's pool"
    );
    for entry in &found {
        let id =
            uuid::Uuid::parse_str(entry["graduate"]["id"].as_str().expect("id")).expect("uuid");
        let g = graduate::Entity::find_by_id(id)
            .one(&w.app.db)
            .await
            .expect("q")
            .expect("row");
        assert!(approving.contains(&g.institution_id));
        assert_ne!(g.consent, ConsentLevel::Private);
        assert_eq!(g.status, GraduateStatus::Seeking);
        let tier = entry["graduate"]["visibleTier"].as_str().expect("tier");
        let want = match g.consent {
            ConsentLevel::Anonymous => "ANONYMOUS",
            ConsentLevel::Profile => "PROFILE",
            _ => "CONTACT",
        };
        assert_eq!(tier, want);
        assert_eq!(
            entry["graduate"]["familyName"].is_string(),
            want != "ANONYMOUS"
        );
        assert_eq!(entry["graduate"]["email"].is_string(), want == "CONTACT");
    }
    let named = found
        .iter()
        .filter(|e| e["graduate"]["familyName"].is_string())
        .count();
    assert!(
        named > 0,
        "the demo has PROFILE and CONTACT graduates in Y's pool"
    );
    {
        assert_eq!(
            reply.body["extensions"]["ferpa"]["disclosuresRecorded"],
            json!(named)
        );
    }
    // Withdrawing consent takes a graduate out of the very next page.
    let first = found[0]["graduate"]["id"].as_str().expect("id").to_owned();
    set_consent(
        &w,
        uuid::Uuid::parse_str(&first).expect("uuid"),
        ConsentLevel::Private,
    )
    .await;
    let after = entries(&pool(&w, 5, criteria(), 100, None).await);
    assert!(after.iter().all(|e| e["graduate"]["id"] != json!(first)));
    assert_eq!(after.len(), found.len() - 1);
}

#[tokio::test]
async fn candidates_are_ranked_by_a_score_their_breakdown_adds_up_to() {
    let w = World::new().await;
    let reply = pool(&w, 6, criteria(), 100, None).await;
    let found = entries(&reply);
    assert!(found.len() > 10);
    let scores: Vec<f64> = found
        .iter()
        .map(|e| e["matchScore"].as_f64().expect("score"))
        .collect();
    for pair in found.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (sa, sb) = (
            a["matchScore"].as_f64().unwrap_or(0.0),
            b["matchScore"].as_f64().unwrap_or(0.0),
        );
        assert!(sa >= sb, "ranked by score (ties: see ranking.rs)");
    }
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
    for entry in &found {
        let breakdown = entry["breakdown"].as_array().expect("breakdown");
        assert_eq!(breakdown.len(), 4);
        let sum: f64 = breakdown
            .iter()
            .map(|b| b["contribution"].as_f64().unwrap_or(0.0))
            .sum();
        assert!(
            (sum - entry["matchScore"].as_f64().unwrap_or(-1.0)).abs() < 1e-9,
            "{entry}"
        );
        let skills = breakdown
            .iter()
            .find(|b| b["criterion"] == "SKILLS")
            .expect("skills line");
        assert_eq!(skills["weight"], json!(2.0));
        let matched = entry["matchedSkills"].as_array().map_or(0, Vec::len);
        let missing = entry["missingSkills"].as_array().map_or(0, Vec::len);
        assert_eq!(
            matched + missing,
            5,
            "every preferred skill and EHR system is matched or missing"
        );
        let reasons: Vec<&str> = entry["matchReasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            reasons[0].contains("experience") || reasons[0].starts_with("New graduate"),
            "{reasons:?}"
        );
        if missing > 0 {
            assert!(
                reasons.iter().any(|r| r.starts_with("Missing preferred:")),
                "{reasons:?}"
            );
        }
    }
    assert!(
        scores.first() > scores.last(),
        "the criteria separate candidates"
    );
}

#[tokio::test]
async fn pages_continue_only_their_own_criteria_and_join_up_to_a_full_pull() {
    let w = World::new().await;
    let full: Vec<Value> = entries(&pool(&w, 6, criteria(), 100, None).await)
        .into_iter()
        .map(|e| e["graduate"]["id"].clone())
        .collect();
    let mut paged = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let reply = pool(&w, 6, criteria(), 7, after.as_deref()).await;
        paged.extend(
            entries(&reply)
                .into_iter()
                .map(|e| e["graduate"]["id"].clone()),
        );
        let info = &reply.data()["candidatePool"]["pageInfo"];
        if info["hasNextPage"] != json!(true) || paged.len() >= full.len() {
            break;
        }
        after = info["endCursor"].as_str().map(str::to_owned);
    }
    assert!(
        paged.len() >= full.len(),
        "paging reached as far as the full pull"
    );
    assert_eq!(
        paged[..full.len()],
        full[..],
        "the pages join up to the full pull"
    );
    let cursor =
        pool(&w, 6, criteria(), 3, None).await.data()["candidatePool"]["pageInfo"]["endCursor"]
            .as_str()
            .expect("cursor")
            .to_owned();
    let other = json!({ "preferred": { "openToRural": true } });
    let reply = pool(&w, 6, other, 3, Some(&cursor)).await;
    assert_eq!(reply.code(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn required_criteria_filter_and_unknown_names_are_refused() {
    let w = World::new().await;
    let c = json!({ "required": { "ehrSystems": ["epic"], "backgrounds": ["CLINICAL", "CLINICAL_AND_IT"] } });
    let q = "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 100) {
        edges { node { graduate { background ehrSystems { slug } } } } } }";
    let reply = w.send(6, q, json!({ "c": c })).await;
    let found = entries(&reply);
    assert!(!found.is_empty(), "the demo has Epic-trained clinicians");
    for entry in &found {
        let g = &entry["graduate"];
        assert!(g["background"] == "CLINICAL" || g["background"] == "CLINICAL_AND_IT");
        assert!(
            g["ehrSystems"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|s| s["slug"] == "epic"),
            "{g}"
        );
    }
    // Everyone in the pool with Epic is found: the filter misses nobody.
    let all = json!({ "required": { "backgrounds": ["CLINICAL", "CLINICAL_AND_IT"] } });
    let everyone = entries(&w.send(6, q, json!({ "c": all })).await);
    let with_epic = everyone
        .iter()
        .filter(|e| {
            e["graduate"]["ehrSystems"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|s| s["slug"] == "epic")
        })
        .count();
    assert_eq!(with_epic, found.len());
    let bad = json!({ "required": { "skills": ["no-such-skill"] } });
    let reply = pool(&w, 6, bad, 10, None).await;
    assert_eq!(reply.code(), "BAD_USER_INPUT");
    assert_eq!(
        reply.body["errors"][0]["extensions"]["field"],
        "criteria.required.skills"
    );
    let weight = json!({ "preferred": { "skills": ["sql"], "skillsWeight": 0 } });
    assert_eq!(pool(&w, 6, weight, 10, None).await.code(), "BAD_USER_INPUT");
}

#[tokio::test]
async fn aliases_and_batches_reach_nothing_above_the_tier_and_log_once_per_request() {
    let w = World::new().await;
    approve_y(&w).await;
    let q = "{ a: candidatePool(criteria: {}, first: 100) { edges { node { graduate { visibleTier familyName mail: email } } } }
               b: candidatePool(criteria: { preferred: { openToRural: true } }, first: 100) {
                 edges { node { graduate { visibleTier ... on Graduate { phone consent } } } } } }";
    let reply = pool_reply(&w, q).await;
    for alias in ["a", "b"] {
        for node in nodes(reply.data(), alias) {
            let g = &node["graduate"];
            let tier = g["visibleTier"].as_str().expect("tier");
            assert!(
                g["consent"].is_null(),
                "an employer never sees the record tier"
            );
            if tier != "CONTACT" {
                assert!(g["mail"].is_null() && g["phone"].is_null(), "{g}");
            }
            if tier == "ANONYMOUS" {
                assert!(g["familyName"].is_null(), "{g}");
            }
        }
    }
    // Two operations in one batch, both reading names: one statement writes both batches of rows.
    let batch = |fields: &str| {
        let op = format!(
            "{{ candidatePool(criteria: {{}}, first: 100) {{ edges {{ node {{ graduate {{ id {fields} }} }} }} }} }}"
        );
        json!([{ "query": op }, { "query": op }])
    };
    let send = |body: Value| {
        let w = &w;
        async move {
            let before = w.app.metric("hitbridge_db_statements_total").await;
            let response = w
                .app
                .client()
                .post(w.app.url("/graphql"))
                .bearer_auth(tokens::employer(&w.y.slug))
                .json(&body)
                .send()
                .await
                .expect("sent");
            let answers: Value = response.json().await.expect("json");
            (
                w.app.metric("hitbridge_db_statements_total").await - before,
                answers,
            )
        }
    };
    let (plain, _) = send(batch("visibleTier")).await;
    let (named, answers) = send(batch("familyName")).await;
    let named_entries = answers[0]["data"]["candidatePool"]["edges"]
        .as_array()
        .map_or(0, |e| {
            e.iter()
                .filter(|e| e["node"]["graduate"]["familyName"].is_string())
                .count()
        });
    assert!(
        named_entries > 0,
        "the demo has named candidates in Y's pool"
    );
    {
        assert_eq!(named - plain, 1.0, "one insert for the whole batch");
        assert_eq!(
            answers[1]["extensions"]["ferpa"]["disclosuresRecorded"],
            json!(named_entries)
        );
    }
}

async fn pool_reply(w: &World, query: &str) -> Reply {
    let reply = w
        .app
        .gql(query)
        .bearer(tokens::employer(&w.y.slug))
        .send()
        .await;
    reply.data();
    reply
}

/// A check on one candidate's graduate fields.
type Holds = Box<dyn Fn(&Value) -> bool>;

/// Each required criterion, alone, returns only candidates that meet it (checked on the fields a
/// consortium admin sees), and never an empty pool on the demo data.
#[tokio::test]
async fn every_required_criterion_holds_for_every_candidate() {
    let w = World::new().await;
    let q = "query($c: CandidateCriteria!) { candidatePool(criteria: $c, first: 100) { edges { node { graduate {
        graduationYear graduationTerm background yearsOfExperience state region openToRural openToRelocation
        seeking availableFrom status skills { slug } ehrSystems { slug } certifications { code }
        program { slug hitRoles } institution { slug } } } } } }";
    let has = |list: &Value, key: &str, want: &str| {
        list.as_array()
            .into_iter()
            .flatten()
            .any(|i| i[key] == want)
    };
    let program = w.published.slug.clone();
    let checks: Vec<(Value, Holds)> = vec![
        (
            json!({ "required": { "skills": ["hipaa"] } }),
            Box::new(move |g: &Value| has(&g["skills"], "slug", "hipaa")),
        ),
        (
            json!({ "required": { "ehrSystems": ["epic", "meditech"], "ehrSystemsMatch": "ALL" } }),
            Box::new(move |g: &Value| {
                has(&g["ehrSystems"], "slug", "epic") && has(&g["ehrSystems"], "slug", "meditech")
            }),
        ),
        (
            json!({ "required": { "certifications": ["RHIT"] } }),
            Box::new(move |g: &Value| has(&g["certifications"], "code", "RHIT")),
        ),
        (
            json!({ "required": { "skills": ["fhir", "medical-coding"], "skillsMatch": "ANY" } }),
            Box::new(move |g: &Value| {
                has(&g["skills"], "slug", "fhir") || has(&g["skills"], "slug", "medical-coding")
            }),
        ),
        (
            json!({ "required": { "certifications": ["CCS", "CPC", "CCA", "RHIT"], "certificationsMatch": "ANY" } }),
            Box::new(move |g: &Value| {
                ["CCS", "CPC", "CCA", "RHIT"]
                    .iter()
                    .any(|c| has(&g["certifications"], "code", c))
            }),
        ),
        (
            json!({ "required": { "hitRoles": ["IMPLEMENTATION_SUPPORT"] } }),
            Box::new(|g: &Value| {
                g["program"]["hitRoles"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|r| r == "IMPLEMENTATION_SUPPORT")
            }),
        ),
        (
            json!({ "required": { "states": ["GA"] } }),
            Box::new(|g: &Value| g["state"] == "GA"),
        ),
        (
            json!({ "required": { "states": ["AL"], "orOpenToRelocation": true } }),
            Box::new(|g: &Value| g["state"] == "AL" || g["openToRelocation"] == true),
        ),
        (
            json!({ "required": { "openToRelocation": true } }),
            Box::new(|g: &Value| g["openToRelocation"] == true),
        ),
        (
            json!({ "required": { "openToRural": true } }),
            Box::new(|g: &Value| g["openToRural"] == true),
        ),
        (
            json!({ "required": { "availableBy": "2026-12-01" } }),
            Box::new(|g: &Value| {
                g["availableFrom"]
                    .as_str()
                    .is_none_or(|d| d <= "2026-12-01")
            }),
        ),
        (
            json!({ "required": { "graduatedAfter": "2025-06-01" } }),
            Box::new(|g: &Value| {
                g["graduationYear"].as_i64() > Some(2025)
                    || (g["graduationYear"] == 2025 && g["graduationTerm"] != "SPRING")
            }),
        ),
        (
            json!({ "required": { "programs": [program.clone()] } }),
            Box::new(move |g: &Value| g["program"]["slug"] == json!(program)),
        ),
        (
            json!({ "required": { "institutions": [w.x.slug.clone()] } }),
            {
                let x = w.x.slug.clone();
                Box::new(move |g: &Value| g["institution"]["slug"] == json!(x))
            },
        ),
        (
            json!({ "required": { "minYearsOfExperience": 3, "maxYearsOfExperience": 8 } }),
            Box::new(|g: &Value| (3..=8).contains(&g["yearsOfExperience"].as_i64().unwrap_or(-1))),
        ),
        (
            json!({ "required": { "seeking": ["INTERNSHIP"] } }),
            Box::new(|g: &Value| {
                g["seeking"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|s| s == "INTERNSHIP")
            }),
        ),
        (
            json!({ "required": { "seeking": ["INTERNSHIP", "FULL_TIME"], "seekingMatch": "ALL" } }),
            Box::new(|g: &Value| {
                let seeks = |kind: &str| {
                    g["seeking"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|s| s == kind)
                };
                seeks("INTERNSHIP") && seeks("FULL_TIME")
            }),
        ),
        (
            json!({ "required": { "hitRoles": ["IMPLEMENTATION_SUPPORT", "TRAINER"], "hitRolesMatch": "ALL" } }),
            Box::new(|g: &Value| {
                let prepares = |role: &str| {
                    g["program"]["hitRoles"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|r| r == role)
                };
                prepares("IMPLEMENTATION_SUPPORT") && prepares("TRAINER")
            }),
        ),
        (
            // "HIPAA and (Epic or (MEDITECH and in GA))"
            json!({ "required": { "skills": ["hipaa"], "anyOf": [
                { "ehrSystems": ["epic"] },
                { "ehrSystems": ["meditech"], "anyOf": [{ "states": ["GA"] }] } ] } }),
            Box::new(move |g: &Value| {
                has(&g["skills"], "slug", "hipaa")
                    && (has(&g["ehrSystems"], "slug", "epic")
                        || (has(&g["ehrSystems"], "slug", "meditech") && g["state"] == "GA"))
            }),
        ),
        (
            json!({ "includePlaced": true, "required": { "backgrounds": ["IT"] } }),
            Box::new(|g: &Value| {
                g["background"] == "IT" && (g["status"] == "SEEKING" || g["status"] == "PLACED")
            }),
        ),
    ];
    for (criteria, holds) in checks {
        let reply = w.send(6, q, json!({ "c": criteria })).await;
        let found = entries(&reply);
        assert!(
            !found.is_empty(),
            "{criteria}: the demo has candidates for it"
        );
        for entry in &found {
            assert!(
                holds(&entry["graduate"]),
                "{criteria}: {}",
                entry["graduate"]
            );
        }
    }
    // ANY holds for more graduates than ALL of the same list (ALL is the default).
    let count = |mode: Option<&'static str>| {
        let w = &w;
        async move {
            let mut required = json!({ "skills": ["fhir", "medical-coding"] });
            if let Some(mode) = mode {
                required["skillsMatch"] = json!(mode);
            }
            entries(&w.send(6, q, json!({ "c": { "required": required } })).await).len()
        }
    };
    assert!(count(Some("ANY")).await > count(Some("ALL")).await);
    assert_eq!(count(None).await, count(Some("ALL")).await);
    // Without includePlaced nobody placed is in the pool; with it, some are.
    let placed = |include: bool| {
        let w = &w;
        async move {
            let reply = w
                .send(6, q, json!({ "c": { "includePlaced": include } }))
                .await;
            entries(&reply)
                .iter()
                .filter(|e| e["graduate"]["status"] == "PLACED")
                .count()
        }
    };
    assert_eq!(placed(false).await, 0);
    assert!(placed(true).await > 0);
}
