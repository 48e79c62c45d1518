//! The HTTP surface: the axum router, its middleware, health, readiness and metrics.

mod access_log;
mod answer;
mod compute;
pub mod examples;
mod execute;
mod graphiql;
mod graphql;
mod head_limit;
mod health;
mod intake;
mod landing;
pub mod metrics;
mod persisted;
mod pipeline;
pub mod rate_limit;
mod request_id;
pub mod serve;
mod side_effects;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate, SizeAbove};
use tower_http::cors::{Any, CorsLayer};
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};

use crate::auth::Authenticator;
use crate::cache::{Cache, PersistedQueries, ResponseCache};
use crate::config::{Limits, Secret};
use crate::graphql::AppSchema;
use crate::graphql::document::DocumentCache;
pub use answer::public_cache_control;
use metrics::Metrics;

/// Header carrying the request id (taken from the client or generated).
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Header in which a federation gateway presents `HITBRIDGE_GATEWAY_SECRET`.
pub const GATEWAY_SECRET: HeaderName = HeaderName::from_static("x-hitbridge-gateway-secret");

/// Responses smaller than this are sent as they are; larger ones are compressed (gzip or
/// brotli) when the client accepts it.
const COMPRESS_FROM_BYTES: u64 = 1024;

/// How long a browser may reuse a CORS preflight answer.
const CORS_MAX_AGE: Duration = Duration::from_secs(600);

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The executable GraphQL schema.
    pub schema: AppSchema,
    /// Documents already parsed within the budgets, by text.
    pub documents: DocumentCache,
    /// Request and operation limits.
    pub limits: Limits,
    /// Whether introspection is on (then anyone may read the subgraph SDL too).
    pub introspection: bool,
    /// What a federation gateway presents to read the SDL while introspection is off.
    pub gateway_secret: Option<Secret>,
    /// `Cache-Control` of answers others may keep (none when the response cache is off).
    pub public_cache_control: Option<HeaderValue>,
    /// Process metrics.
    pub metrics: Arc<Metrics>,
    /// The cache (Redis or in-process).
    pub cache: Arc<dyn Cache>,
    /// The anonymous response cache on top of it.
    pub responses: ResponseCache,
    /// Registered persisted queries, on top of it too.
    pub persisted: PersistedQueries,
    /// Per-subject request budgets (counted in the cache when it is Redis).
    pub limiter: rate_limit::RateLimiter,
    /// Token verification.
    pub auth: Arc<Authenticator>,
    /// Whether a Redis cache is configured (readiness then checks it).
    pub redis: bool,
    /// Longest wait for a database connection; also how long a read whose connection broke
    /// under it waits for the database to answer again before it runs once more.
    pub db_acquire_timeout: std::time::Duration,
}

/// The paths served. The access log names a request by one of these (or "unmatched"), never by
/// the raw path a client sent.
pub mod paths {
    pub const GRAPHQL: &str = "/graphql";
    /// The landing page.
    pub const ROOT: &str = "/";
    /// The federation SDL, while introspection is on.
    pub const SCHEMA: &str = "/schema.graphql";
    pub const HEALTHZ: &str = "/healthz";
    pub const READYZ: &str = "/readyz";
    pub const METRICS: &str = "/metrics";
    /// GraphiQL's scripts and stylesheet (`/graphiql/{version}/{file}`).
    pub const GRAPHIQL_ASSETS: &str = "/graphiql/{version}/{file}";
    pub const ALL: [&str; 6] = [GRAPHQL, ROOT, SCHEMA, HEALTHZ, READYZ, METRICS];
}

/// Builds the router with its middleware. Outermost first: request id → access log → request
/// id echoed → CORS → compression → panic guard → head size limit → routes.
///
/// The middleware wraps the routes once, as one tower stack, rather than through
/// `Router::layer` (which wraps every route in every layer and boxes each again): a request
/// then clones and boxes one service instead of one per layer (measured in BENCHMARKS.md).
pub fn router(state: AppState) -> Router {
    let max_header_bytes = state.limits.max_header_bytes;
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, header::ACCEPT])
        .expose_headers([REQUEST_ID])
        .max_age(CORS_MAX_AGE);
    let compression = CompressionLayer::new()
        .gzip(true)
        .br(true)
        .compress_when(DefaultPredicate::new().and(SizeAbove::new(COMPRESS_FROM_BYTES)));
    let routes = Router::new()
        .route(paths::GRAPHQL, get(graphql::get).post(graphql::post))
        .route(paths::ROOT, get(landing::page))
        .route(paths::SCHEMA, get(landing::schema))
        .route(paths::HEALTHZ, get(health::healthz))
        .route(paths::READYZ, get(health::readyz))
        .route(paths::METRICS, get(health::metrics))
        .route(paths::GRAPHIQL_ASSETS, get(graphiql::asset))
        // Refusals of a method or a path answer in JSON, with a code, like every other.
        .method_not_allowed_fallback(graphql::method_not_allowed)
        .fallback(graphql::not_found)
        // One shared state: handlers borrow it instead of cloning every field per request.
        .with_state(Arc::new(state));
    let stack = ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(
            REQUEST_ID,
            request_id::Sequence::new(),
        ))
        .layer(access_log::AccessLogLayer)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(cors)
        .layer(compression)
        .layer(CatchPanicLayer::custom(graphql::panic_response))
        .layer(head_limit::HeadLimitLayer {
            max_bytes: max_header_bytes,
        })
        .service(routes);
    Router::new().fallback_service(stack)
}
