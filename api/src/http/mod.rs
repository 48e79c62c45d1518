//! The HTTP surface: the axum router, its middleware, health, readiness and metrics.

mod graphql;
mod health;
pub mod metrics;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, Method, header};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::auth::Authenticator;
use crate::cache::{Cache, ResponseCache};
use crate::config::Limits;
use crate::graphql::AppSchema;
use metrics::Metrics;

/// Header carrying the request id (taken from the client or generated).
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The executable GraphQL schema.
    pub schema: AppSchema,
    /// Request and operation limits.
    pub limits: Limits,
    /// Process metrics.
    pub metrics: Arc<Metrics>,
    /// The cache (Redis or in-process).
    pub cache: Arc<dyn Cache>,
    /// The anonymous response cache on top of it.
    pub responses: ResponseCache,
    /// Token verification.
    pub auth: Arc<Authenticator>,
    /// Whether a Redis cache is configured (readiness then checks it).
    pub redis: bool,
}

/// Builds the router with its middleware.
pub fn router(state: AppState) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, header::ACCEPT]);
    let trace = TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
        let id = req
            .headers()
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request.id = %id)
    });
    Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .with_state(state)
        .layer(CatchPanicLayer::custom(graphql::panic_response))
        .layer(cors)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(trace)
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}
