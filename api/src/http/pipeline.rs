//! The GraphQL request pipeline. Every request takes the same steps, in this order, each a small
//! function (the first four below):
//!
//! 1. [`authenticate`] — the token becomes a `Viewer`, once;
//! 2. [`rate_limit`] — the caller's request budget (per token subject, or client address);
//! 3. [`persisted::look_up`] — automatic persisted queries: a hash stands in for a registered
//!    text (a text sent with its hash is registered once it has run: [`persisted::register`]);
//! 4. [`cache_lookup`] — the shared response cache, keyed from the raw request and the viewer's
//!    visibility scope, BEFORE any parsing: a hit costs no GraphQL work;
//!
//! On a miss, [`compute::answer`] takes the rest, in its own module:
//!
//! 5. `prepare` — parse and check every budget (`graphql::document`), on the blocking pool when
//!    the text is large, so CPU-heavy work never holds a runtime worker; then `expose_sdl`
//!    refuses the federation SDL to whom may not read it;
//! 6. `execute` — run on the schema under the request's deadline, each operation with its own
//!    `Caller` and DataLoader;
//! 7. `side_effects::flush` — per-request side effects collected by the `Caller`: the FERPA
//!    disclosure rows written in one statement (fail closed) and their `extensions.ferpa` notice;
//! 8. `finish` — error codes, metrics, the cache store, the HTTP answer.
//!
//! The access log line is written by the `access_log` layer from the summary attached here.

use std::net::IpAddr;
use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use tokio::time::Instant;

use super::access_log::Summary;
use super::answer::{self, Media, Refusal};
use super::compute::{self, Miss};
use super::intake::{Incoming, RawRequest};
use super::metrics::CacheKind;
use super::{AppState, persisted};
use crate::auth::Viewer;
use crate::authz;
use crate::cache::CacheLookup;
use crate::error::ApiError;

/// Runs one HTTP request's GraphQL operations through every step.
pub async fn run(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    request_id: &str,
    incoming: Incoming,
) -> Response {
    let started = std::time::Instant::now();
    let deadline = Instant::now() + state.limits.request_timeout;
    let media = Media::from_accept(headers);
    let operation = incoming
        .requests
        .first()
        .and_then(|r| r.operation_name.clone());
    let mut summary = Summary {
        operation: operation.as_deref().map(Summary::bounded),
        subject: None,
    };
    let refuse = |refusal: Refusal, summary: Summary| {
        state.metrics.observe(
            summary.operation.as_deref(),
            started.elapsed(),
            &[refusal.code],
        );
        summary.attach(refusal.into_response(media))
    };

    let viewer = match authenticate(state, headers).await {
        Ok(viewer) => viewer,
        Err(refusal) => return refuse(refusal, summary),
    };
    summary.subject = viewer.subject.clone();
    // Browsers and CDNs may keep an anonymous query's answer over GET (if it runs cleanly).
    let public = state
        .public_cache_control
        .as_ref()
        .filter(|_| incoming.read_only && authz::shared_cache_scope(&viewer).is_some());
    let client = state.limiter.client(peer, headers);
    if let Err(refusal) = rate_limit(state, &viewer, client).await {
        return refuse(refusal, summary);
    }
    let (requests, to_register) = match persisted::look_up(state, incoming.requests).await {
        Ok(found) => found,
        Err(refusal) => return refuse(refusal, summary),
    };
    let cache_key = cache_key(state, &viewer, &requests, incoming.batch);
    let lookup = cache_lookup(state, cache_key.as_deref()).await;
    if let Some(body) = lookup.as_ref().and_then(|l| l.fresh.clone()) {
        state
            .metrics
            .observe(operation.as_deref(), started.elapsed(), &[]);
        let response = answer::body_response(StatusCode::OK, body, media);
        return summary.attach(answer::cache_control(response, public));
    }
    let miss = Miss {
        requests,
        to_register,
        viewer,
        client,
        // Where to store the answer, with the generations it will have been computed at.
        store: cache_key.zip(lookup.map(|l| l.generations)),
        batch: incoming.batch,
        read_only: incoming.read_only,
        deadline,
        started,
        media,
    };
    // Boxed: a cache hit's future then carries none of the state of the steps below (most of
    // its size, which each layer above would otherwise move).
    match Box::pin(compute::answer(state, headers, request_id, miss)).await {
        Ok(answered) => {
            // A document with one operation names it even when the request does not.
            if summary.operation.is_none() {
                summary.operation = answered.operation.as_deref().map(Summary::bounded);
            }
            let public = public.filter(|_| answered.shareable);
            summary.attach(answer::cache_control(answered.response, public))
        }
        Err(refusal) => refuse(refusal, summary),
    }
}

/// Step 1: the viewer of the request (anonymous without a token; 401 for a bad one).
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Arc<Viewer>, Refusal> {
    state
        .auth
        .authenticate(&state.db, headers)
        .await
        .map(Arc::new)
        .map_err(|err| Refusal::from_api(&err))
}

/// Step 2: the per-subject budget (per client address for anonymous callers); over it,
/// RATE_LIMITED with HTTP 429 and `Retry-After`.
async fn rate_limit(
    state: &AppState,
    viewer: &Viewer,
    client: Option<IpAddr>,
) -> Result<(), Refusal> {
    state.limiter.check(viewer, client).await.map_err(|over| {
        let mut refusal = Refusal::from_api(&ApiError::RateLimited);
        refusal.retry_after = Some(over.retry_after_secs);
        refusal
    })
}

/// Step 4a: the shared-cache key of a single request whose viewer may use the shared cache.
/// Computed from the raw request (query text, operation name, variables) and the viewer's
/// visibility scope; whether it is a mutation is not known yet, and need not be: mutations are
/// never stored, so their keys always miss.
fn cache_key(
    state: &AppState,
    viewer: &Viewer,
    requests: &[RawRequest],
    batch: bool,
) -> Option<String> {
    let scope = authz::shared_cache_scope(viewer)?;
    if batch || !state.responses.enabled() {
        return None;
    }
    let request = requests.first()?;
    let variables = match &request.variables {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(value) => value.to_string(),
    };
    Some(state.responses.key(
        request.query.as_deref().unwrap_or_default(),
        request.operation_name.as_deref(),
        &variables,
        scope,
    ))
}

/// Step 4b: the key's stored answer if it is still fresh, counted as a hit or a miss, and the
/// domains' generations (`None` when there is no key or the cache cannot be read).
async fn cache_lookup(state: &AppState, key: Option<&str>) -> Option<CacheLookup> {
    let found = state.responses.lookup(key?).await?;
    state
        .metrics
        .count_lookup(CacheKind::Response, found.fresh.is_some());
    Some(found)
}
