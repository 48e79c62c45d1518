//! Liveness, readiness and metrics endpoints.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde_json::json;

use super::AppState;

/// The process is alive.
pub async fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

/// How long each readiness check may take; they run side by side, so `/readyz` answers within
/// this (well under a second) whatever is down.
const CHECK_TIMEOUT: Duration = Duration::from_millis(800);

/// A check that did not answer in time failed.
async fn within(check: impl std::future::Future<Output = bool>) -> bool {
    tokio::time::timeout(CHECK_TIMEOUT, check)
        .await
        .unwrap_or(false)
}

/// The database (and Redis, when configured) answer; 503 names what does not.
pub async fn readyz(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let (database, cache) = tokio::join!(
        within(async { state.db.ping().await.is_ok() }),
        within(async { !state.redis || state.cache.ping().await.is_ok() }),
    );
    let status = if database && cache {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    (
        status,
        Json(json!({
            "status": word(database && cache),
            "database": word(database),
            "cache": if state.redis { word(cache) } else { "in-process" },
        })),
    )
}

/// Prometheus text.
pub async fn metrics(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(state.cache.failures()),
    )
}
