//! Consent tiers, field by field: the same query as every role, and nothing outside the tier
//! comes back, whichever way a field is asked for.

use entity::enums::ConsentLevel;
use entity::graduate;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

use super::{approve_y, by_id_query, set_consent};
use crate::matrix::{ROLES, World, outcome};

/// The pool fields (`program` and `institution` follow their own visibility, so are left out).
const POOL: [&str; 15] = [
    "id",
    "visibleTier",
    "graduationYear",
    "graduationTerm",
    "background",
    "yearsOfExperience",
    "state",
    "region",
    "openToRural",
    "openToRelocation",
    "seeking",
    "availableFrom",
    "skills",
    "ehrSystems",
    "certifications",
];
const PROFILE: [&str; 6] = [
    "givenName",
    "familyName",
    "headline",
    "city",
    "priorIndustry",
    "portfolioLinks",
];
const CONTACT: [&str; 2] = ["email", "phone"];
const RECORD: [&str; 7] = [
    "consent",
    "consentUpdatedAt",
    "consentHistory",
    "status",
    "createdAt",
    "updatedAt",
    "version",
];

/// Fills every optional field of G, so that a null can only mean "withheld".
async fn fill(w: &World) {
    graduate::Entity::update(graduate::ActiveModel {
        id: Set(w.graduate),
        phone: Set(Some("(404) 555-0199".into())),
        headline: Set(Some("Clinic manager turned EHR analyst".into())),
        prior_industry: Set(Some("Retail".into())),
        available_from: Set(chrono::NaiveDate::from_ymd_opt(2027, 1, 4)),
        portfolio_links: Set(json!(["https://github.com/example"])),
        ..Default::default()
    })
    .exec(&w.app.db)
    .await
    .expect("fill G");
}

/// The fields each tier adds: `a` pool only, `p` + profile, `c` + contact, `r` + record.
fn expected(tier: char) -> Vec<&'static str> {
    let mut fields: Vec<&str> = POOL.to_vec();
    if matches!(tier, 'p' | 'c' | 'r') {
        fields.extend(PROFILE);
    }
    if matches!(tier, 'c' | 'r') {
        fields.extend(CONTACT);
    }
    if tier == 'r' {
        fields.extend(RECORD);
    }
    fields
}

fn present(node: &Value) -> Vec<&'static str> {
    POOL.iter()
        .chain(&PROFILE)
        .chain(&CONTACT)
        .chain(&RECORD)
        .copied()
        .filter(|f| !node[*f].is_null())
        .collect()
}

#[tokio::test]
async fn each_viewer_receives_exactly_the_fields_of_their_tier() {
    let w = World::new().await;
    fill(&w).await;
    approve_y(&w).await;
    // Per consent level, the tier of each role (in ROLES order): `-` not found.
    for (consent, tiers) in [
        (ConsentLevel::Private, "-rrr--r"),
        (ConsentLevel::Anonymous, "-rrr-ar"),
        (ConsentLevel::Profile, "-rrr-pr"),
        (ConsentLevel::Contact, "-rrr-cr"),
    ] {
        set_consent(&w, w.graduate, consent).await;
        for (role, tier) in tiers.chars().enumerate() {
            let reply = w
                .send(
                    role,
                    &by_id_query(),
                    json!({ "id": w.graduate.to_string() }),
                )
                .await;
            let who = format!("{} at {consent:?}", ROLES[role]);
            if tier == '-' {
                assert_eq!(outcome(&reply), 'N', "{who}: {}", reply.body);
                continue;
            }
            let node = &reply.data()["graduate"];
            let mut want = expected(tier);
            want.sort_unstable();
            let mut got = present(node);
            got.sort_unstable();
            assert_eq!(got, want, "{who}");
        }
    }
}

#[tokio::test]
async fn aliases_fragments_and_entities_reach_no_field_outside_the_tier() {
    let w = World::new().await;
    fill(&w).await;
    approve_y(&w).await;
    set_consent(&w, w.graduate, ConsentLevel::Profile).await;
    let id = w.graduate.to_string();
    let q = "query($id: ID!, $r: [_Any!]!) {
        a: graduate(id: $id) { mail: email ...F }
        b: graduate(id: $id) { ... on Graduate { phone consent } }
        _entities(representations: $r) { ... on Graduate { email phone version ...F } }
      }
      fragment F on Graduate { familyName status consentHistory { to } }";
    let reply = w
        .send(
            5,
            q,
            json!({ "id": id, "r": [{ "__typename": "Graduate", "id": id }] }),
        )
        .await;
    let data = reply.data();
    assert!(
        data["a"]["familyName"].is_string(),
        "PROFILE shows the name"
    );
    for (path, field) in [
        ("a", "mail"),
        ("a", "status"),
        ("a", "consentHistory"),
        ("b", "phone"),
        ("b", "consent"),
    ] {
        assert!(
            data[path][field].is_null(),
            "{path}.{field}: {}",
            reply.body
        );
    }
    let entity = &data["_entities"][0];
    for field in ["email", "phone", "version", "status", "consentHistory"] {
        assert!(entity[field].is_null(), "_entities.{field}: {}", reply.body);
    }
    assert!(entity["familyName"].is_string());
}
