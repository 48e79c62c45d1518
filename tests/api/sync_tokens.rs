//! What a sync reveals and what its token can be made to do: a caller hears of a graduate (as
//! an upsert or a tombstone) only from a school that approved it since its token, and the token
//! is sealed: it carries no id in the clear, and an edited or home-made token is refused.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use entity::enums::{ConsentLevel, GraduateStatus, PartnershipStatus};
use entity::{graduate, partnership, server_key};
use hitbridge_tests::tokens;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::graduates::approve_y;
use crate::matrix::World;

const CHANGES: &str = "query($since: String, $first: Int) { candidatePoolChanges(criteria: {}, since: $since, first: $first) {
    upserts { graduate { id } } tombstones nextToken hasMore } }";

/// One sync call by `token`'s employer: (upserted ids, tombstones, next token).
async fn sync(w: &World, bearer: &str, since: Option<&str>) -> (Vec<String>, Vec<String>, String) {
    let reply = w
        .app
        .gql(CHANGES)
        .vars(json!({ "since": since, "first": 500 }))
        .bearer(bearer)
        .send()
        .await;
    let changes = &reply.data()["candidatePoolChanges"];
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| {
                x.as_str()
                    .or(x["graduate"]["id"].as_str())
                    .map(str::to_owned)
            })
            .collect()
    };
    (
        ids(&changes["upserts"]),
        ids(&changes["tombstones"]),
        changes["nextToken"].as_str().expect("token").to_owned(),
    )
}

async fn consenting_of(w: &World, school: Uuid) -> graduate::Model {
    graduate::Entity::find()
        .filter(graduate::Column::InstitutionId.eq(school))
        .filter(graduate::Column::Consent.ne(ConsentLevel::Private))
        .filter(graduate::Column::Status.eq(GraduateStatus::Seeking))
        .order_by_asc(graduate::Column::Id)
        .one(&w.app.db)
        .await
        .expect("query")
        .expect("a consenting graduate")
}

/// A consortium admin takes a graduate out of every pool.
async fn make_private(w: &World, id: Uuid) {
    w.send(
        6,
        "mutation($g: ID!) { setConsent(level: PRIVATE, graduate: $g) { consent } }",
        json!({ "g": id }),
    )
    .await
    .data();
}

/// A new employer approved by `schools` only (none: by no school).
async fn employer_approved_by(w: &World, slug: &str, schools: &[Uuid]) -> String {
    let input = json!({ "slug": slug, "name": "Pine County Clinic", "kind": "CLINIC",
        "city": "Hazlehurst", "state": "GA", "region": "South Georgia", "rural": true });
    let reply = w
        .send(
            6,
            "mutation($i: CreateEmployerPartnerInput!) { createEmployerPartner(input: $i) { id } }",
            json!({ "i": input }),
        )
        .await;
    let id = Uuid::parse_str(
        reply.data()["createEmployerPartner"]["id"]
            .as_str()
            .expect("id"),
    )
    .expect("uuid");
    for school in schools {
        partnership::Entity::insert(partnership::ActiveModel {
            id: Set(Uuid::new_v4()),
            institution_id: Set(*school),
            employer_id: Set(id),
            status: Set(PartnershipStatus::Active),
            created_at: Set(chrono::Utc::now()),
            updated_at: Set(chrono::Utc::now()),
            version: Set(1),
        })
        .exec(&w.app.db)
        .await
        .expect("partnership");
    }
    tokens::employer(slug)
}

#[tokio::test]
async fn an_employer_no_school_approved_never_hears_of_a_graduate() {
    let w = World::new().await;
    approve_y(&w).await;
    let lone = employer_approved_by(&w, "pine-county-clinic", &[]).await;
    let y = tokens::employer(&w.y.slug);
    let (_, _, lone_token) = sync(&w, &lone, None).await;
    let (_, _, y_token) = sync(&w, &y, None).await;
    let gone = consenting_of(&w, w.x.id).await.id;
    make_private(&w, gone).await;
    let (upserts, tombstones, next) = sync(&w, &lone, Some(&lone_token)).await;
    assert_eq!((upserts, tombstones), (vec![], vec![]));
    let (_, tombstones, _) = sync(&w, &lone, Some(&next)).await;
    assert!(tombstones.is_empty());
    // The employer X approves is told, so the rule above is not vacuous.
    let (_, tombstones, _) = sync(&w, &y, Some(&y_token)).await;
    assert_eq!(tombstones, vec![gone.to_string()]);
}

#[tokio::test]
async fn employers_approved_by_disjoint_schools_never_see_each_others_ids() {
    let w = World::new().await;
    approve_y(&w).await;
    // Y is approved by X and not by Z; the new employer by Z only.
    partnership::Entity::update_many()
        .col_expr(partnership::Column::Status, PartnershipStatus::Ended.into())
        .filter(partnership::Column::EmployerId.eq(w.y.id))
        .filter(partnership::Column::InstitutionId.eq(w.z.id))
        .exec(&w.app.db)
        .await
        .expect("end Z-Y");
    let of_z = employer_approved_by(&w, "pine-county-clinic", &[w.z.id]).await;
    let y = tokens::employer(&w.y.slug);
    let (_, _, z_token) = sync(&w, &of_z, None).await;
    let (_, _, y_token) = sync(&w, &y, None).await;
    let (from_x, from_z) = (
        consenting_of(&w, w.x.id).await,
        consenting_of(&w, w.z.id).await,
    );
    make_private(&w, from_x.id).await;
    make_private(&w, from_z.id).await;
    let (_, tombstones, _) = sync(&w, &y, Some(&y_token)).await;
    assert_eq!(tombstones, vec![from_x.id.to_string()]);
    let (_, tombstones, _) = sync(&w, &of_z, Some(&z_token)).await;
    assert_eq!(tombstones, vec![from_z.id.to_string()]);
}

/// School `school` approves `employer` through the API (so the change feed records it); the
/// partnership's id.
async fn approve(w: &World, school: &str, employer: &str) -> String {
    let reply = w
        .app
        .gql("mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }")
        .vars(json!({ "i": { "institution": school, "employer": employer } }))
        .bearer(tokens::school_admin(school))
        .send()
        .await;
    reply.data()["createPartnership"]["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

#[tokio::test]
async fn a_school_that_approves_later_does_not_tell_of_graduates_who_left_before() {
    let w = World::new().await;
    let lone = employer_approved_by(&w, "pine-county-clinic", &[]).await;
    let (_, _, token) = sync(&w, &lone, None).await;
    let gone = consenting_of(&w, w.z.id).await.id;
    make_private(&w, gone).await;
    approve(&w, &w.z.slug, "pine-county-clinic").await;
    let (upserts, tombstones, _) = sync(&w, &lone, Some(&token)).await;
    assert!(
        !upserts.is_empty(),
        "Z's consenting graduates enter the pool"
    );
    assert!(!upserts.contains(&gone.to_string()));
    assert_eq!(
        tombstones,
        Vec::<String>::new(),
        "{gone} left before Z approved"
    );
}

#[tokio::test]
async fn a_school_that_stopped_approving_does_not_tell_of_graduates_who_joined_after() {
    let w = World::new().await;
    let clinic = employer_approved_by(&w, "pine-county-clinic", &[]).await;
    let partnership = approve(&w, &w.z.slug, "pine-county-clinic").await;
    let (_, _, token) = sync(&w, &clinic, None).await;
    let stayed = consenting_of(&w, w.z.id).await.id;
    w.send(
        4,
        "mutation($id: ID!) { archivePartnership(id: $id, expectedVersion: 1) { id } }",
        json!({ "id": partnership }),
    )
    .await
    .data();
    // A graduate recorded at Z after that consents, then is taken out of every pool.
    let input = json!({ "institution": w.z.slug, "program": null, "givenName": "Nia", "familyName": "Okafor",
        "email": "nia.okafor@example.org", "graduationYear": 2026, "graduationTerm": "FALL", "background": "IT",
        "city": "Macon", "state": "GA", "region": "Central Georgia", "seeking": ["FULL_TIME"] });
    let program = entity::program::Entity::find()
        .filter(entity::program::Column::InstitutionId.eq(w.z.id))
        .one(&w.app.db)
        .await
        .expect("query")
        .expect("a program at Z");
    let mut input = input;
    input["program"] = json!(program.slug);
    let created = w
        .app
        .gql("mutation($i: CreateGraduateInput!) { createGraduate(input: $i) { id } }")
        .vars(json!({ "i": input }))
        .bearer(tokens::school_admin(&w.z.slug))
        .send()
        .await;
    let later = created.data()["createGraduate"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    w.app
        .gql("mutation { setConsent(level: PROFILE) { consent } }")
        .bearer(tokens::graduate(&later))
        .send()
        .await
        .data();
    make_private(&w, Uuid::parse_str(&later).expect("uuid")).await;
    let (_, tombstones, _) = sync(&w, &clinic, Some(&token)).await;
    assert!(
        tombstones.contains(&stayed.to_string()),
        "Z's graduates leave the pool"
    );
    assert!(
        !tombstones.contains(&later),
        "{later} joined after Z stopped approving"
    );
}

#[tokio::test]
async fn a_sync_token_carries_no_id_and_an_edited_one_is_refused() {
    let w = World::new().await;
    approve_y(&w).await;
    let y = tokens::employer(&w.y.slug);
    let (_, _, start) = sync(&w, &y, None).await;
    let gone = consenting_of(&w, w.x.id).await.id;
    make_private(&w, gone).await;
    // A page that ends on that graduate: its token's position names them, sealed.
    let reply = w
        .app
        .gql(CHANGES)
        .vars(json!({ "since": start, "first": 1 }))
        .bearer(&*y)
        .send()
        .await;
    let token = reply.data()["candidatePoolChanges"]["nextToken"]
        .as_str()
        .expect("token")
        .to_owned();
    let bytes = URL_SAFE_NO_PAD.decode(&token).expect("base64url");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains(&gone.to_string()) && !text.contains("\"s\""),
        "{text}"
    );
    assert!(!bytes.windows(16).any(|w| w == gone.as_bytes()));
    // Home-made tokens in the old clear format: far-future issue time, replay from 0, negative
    // and past-the-head positions. And the real token with one character changed, or cut short.
    let home_made = |s: i64, t: i64| {
        URL_SAFE_NO_PAD
            .encode(json!({ "f": "0000000000000000", "s": s, "g": null, "t": t }).to_string())
    };
    let mut edited = token.clone().into_bytes();
    edited[30] = if edited[30] == b'A' { b'B' } else { b'A' };
    let forged = [
        home_made(1, 4_102_444_800),
        home_made(0, chrono::Utc::now().timestamp()),
        home_made(-1, chrono::Utc::now().timestamp()),
        home_made(i64::MAX, chrono::Utc::now().timestamp()),
        String::from_utf8(edited).expect("ascii"),
        token[..token.len() - 4].to_owned(),
    ];
    for since in forged {
        let reply = w
            .app
            .gql(CHANGES)
            .vars(json!({ "since": since }))
            .bearer(&*y)
            .send()
            .await;
        assert_eq!(reply.code(), "BAD_USER_INPUT", "{since}: {}", reply.body);
    }
    // The untouched token still works.
    sync(&w, &y, Some(&token)).await;
}

#[tokio::test]
async fn a_token_older_than_the_feed_keeps_asks_for_a_full_pull() {
    let w = World::new().await;
    approve_y(&w).await;
    let y = tokens::employer(&w.y.slug);
    let (_, _, token) = sync(&w, &y, None).await;
    // The same position, as if issued 31 days ago (the feed keeps 30 by default): only the
    // server's key can make one, so the test reads the deployment's generated key.
    let key = server_key::Entity::find_by_id("sealing".to_owned())
        .one(&w.app.db)
        .await
        .expect("query")
        .expect("the generated key");
    let key = base64::engine::general_purpose::STANDARD
        .decode(key.secret)
        .expect("base64");
    let sealer = api::sealed::Sealer::new([key.as_slice()]);
    let mut inner: Value = serde_json::from_slice(
        &sealer
            .open(api::sealed::Purpose::SyncToken, &token)
            .expect("opens"),
    )
    .expect("json");
    inner["t"] = json!(chrono::Utc::now().timestamp() - 31 * 86_400);
    let old = sealer.seal(
        api::sealed::Purpose::SyncToken,
        inner.to_string().as_bytes(),
    );
    let reply = w
        .app
        .gql(CHANGES)
        .vars(json!({ "since": old }))
        .bearer(&*y)
        .send()
        .await;
    assert_eq!(reply.code(), "BAD_USER_INPUT");
    let message = reply.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("pull the whole pool") && message.contains("candidatePool"),
        "{message}"
    );
}
