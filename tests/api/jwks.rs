//! Keys from a JWKS URL rotate without a restart: an unknown `kid` triggers a fetch, but never
//! more often than the configured floor.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hitbridge_tests::tokens::{claims, fixture, signed_by};
use hitbridge_tests::{Backend, TestApp};
use serde_json::json;
use tokio::sync::RwLock;

/// A tiny identity provider: serves a JWKS document that the test can swap, counting fetches.
struct IdentityProvider {
    url: String,
    document: Arc<RwLock<String>>,
    fetches: Arc<AtomicUsize>,
}

impl IdentityProvider {
    async fn start(initial: &str) -> Self {
        let document = Arc::new(RwLock::new(
            std::fs::read_to_string(fixture(initial)).expect("jwks"),
        ));
        let fetches = Arc::new(AtomicUsize::new(0));
        let (doc, count) = (document.clone(), fetches.clone());
        let router = axum::Router::new().route(
            "/.well-known/jwks.json",
            axum::routing::get(move || {
                let (doc, count) = (doc.clone(), count.clone());
                async move {
                    count.fetch_add(1, Ordering::SeqCst);
                    doc.read().await.clone()
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!(
            "http://{}/.well-known/jwks.json",
            listener.local_addr().expect("addr")
        );
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self {
            url,
            document,
            fetches,
        }
    }

    async fn rotate_to(&self, file: &str) {
        *self.document.write().await = std::fs::read_to_string(fixture(file)).expect("jwks");
    }
}

async fn status_with(app: &TestApp, token: String) -> u16 {
    app.gql("{ institutions { totalCount } }")
        .bearer(token)
        .send()
        .await
        .status
}

#[tokio::test]
async fn a_rotated_key_is_fetched_when_its_kid_first_appears() {
    let idp = IdentityProvider::start("jwks-a.json").await;
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[
            ("HITBRIDGE_JWKS_URL", &idp.url),
            ("HITBRIDGE_JWKS_REFRESH_FLOOR_SECS", "0"),
        ],
    )
    .await;
    let token_a = signed_by("rsa-a", Some("rsa-a"), &claims("u", json!([])));
    assert_eq!(status_with(&app, token_a).await, 200);
    idp.rotate_to("jwks-b.json").await;
    let token_b = signed_by("rsa-b", Some("rsa-b"), &claims("u", json!([])));
    assert_eq!(
        status_with(&app, token_b).await,
        200,
        "the new kid is fetched, no restart"
    );
    assert_eq!(idp.fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn unknown_kids_do_not_make_the_server_hammer_the_identity_provider() {
    let idp = IdentityProvider::start("jwks-a.json").await;
    let app = TestApp::spawn_with(
        Backend::FromEnv,
        &[
            ("HITBRIDGE_JWKS_URL", &idp.url),
            ("HITBRIDGE_JWKS_REFRESH_FLOOR_SECS", "3600"),
        ],
    )
    .await;
    let unknown = signed_by("rsa-b", Some("nobody-knows"), &claims("u", json!([])));
    for _ in 0..5 {
        assert_eq!(status_with(&app, unknown.clone()).await, 401);
    }
    assert_eq!(
        idp.fetches.load(Ordering::SeqCst),
        1,
        "only the start-up fetch, within the floor"
    );
}
