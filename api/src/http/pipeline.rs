//! The GraphQL request pipeline. Every request takes the same steps, in this order, each a small
//! function below:
//!
//! 1. [`authenticate`] — the token becomes a `Viewer`, once;
//! 2. [`rate_limit`] — the caller's request budget (per token subject, or client address);
//! 3. [`persisted::look_up`] — automatic persisted queries: a hash stands in for a registered
//!    text (a text sent with its hash is registered once it has run: [`persisted::register`]);
//! 4. [`cache_lookup`] — the shared response cache, keyed from the raw request and the viewer's
//!    visibility scope, BEFORE any parsing: a hit costs no GraphQL work;
//! 5. [`prepare`] — parse and check every budget (`graphql::document`), on the blocking pool when
//!    the text is large, so CPU-heavy work never holds a runtime worker; then [`expose_sdl`]
//!    refuses the federation SDL to whom may not read it;
//! 6. [`execute`] — run on the schema under the request's deadline, each operation with its own
//!    `Caller` and DataLoader;
//! 7. [`side_effects::flush`] — per-request side effects collected by the `Caller`: the FERPA disclosure rows
//!    written in one statement (fail closed) and their `extensions.ferpa` notice;
//! 8. [`finish`] — error codes, metrics, the cache store, the HTTP answer (the access log line is
//!    written by the `access_log` layer from the summary attached here).

use std::net::IpAddr;
use std::sync::Arc;

use async_graphql::futures_util::future::join_all;
use async_graphql::{Request, ServerError, Variables};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use tokio::time::{Instant, timeout_at};

use super::AppState;
use super::access_log::Summary;
use super::answer::{self, Media, Outcome, Refusal};
use super::intake::{Incoming, RawRequest};
use super::metrics::CacheKind;
use super::{persisted, side_effects};
use crate::auth::{Caller, Viewer};
use crate::authz;
use crate::cache::{CacheLookup, Domain, Generations};
use crate::error::{ApiError, ErrorCode, code_of, coded};
use crate::graphql::document::{self, Checked};
use crate::graphql::loaders;

/// Documents longer than this are parsed on the blocking pool rather than on a runtime worker.
const INLINE_PARSE_BYTES: usize = 8 * 1024;

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
        // The client names it: the log keeps a bounded prefix.
        operation: operation.as_deref().map(|o| o.chars().take(100).collect()),
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
    // Where to store the answer, with the generations it will have been computed at.
    let store = cache_key.zip(lookup.map(|l| l.generations));

    let Ok(mut prepared) = timeout_at(deadline, prepare(state, &requests)).await else {
        return refuse(timed_out(state), summary);
    };
    let reads_sdl = expose_sdl(state, headers, &mut prepared);
    let writes = prepared.iter().any(|p| p.as_ref().is_ok_and(|c| c.writes));
    if writes && incoming.read_only {
        let refusal = Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadUserInput,
            "mutations must be sent with POST",
        );
        return refuse(refusal, summary);
    }
    let callers: Vec<Arc<Caller>> = requests
        .iter()
        .zip(&prepared)
        .map(|(r, checked)| {
            let named = checked.as_ref().ok().and_then(Checked::sole_operation_name);
            let operation = r
                .operation_name
                .clone()
                .or_else(|| named.map(str::to_owned));
            Arc::new(Caller::new(viewer.clone(), request_id, operation))
        })
        .collect();
    let executed = timeout_at(deadline, execute(state, &callers, requests, prepared)).await;
    if writes {
        // Whatever ran (even cut off by the deadline, when it may have committed) must be
        // visible to the next shared read: the domains it wrote move on.
        let mut written: Vec<Domain> = callers
            .iter()
            .flat_map(|c| c.effects().domains_written())
            .collect();
        written.sort();
        written.dedup();
        state.responses.invalidate(&written).await;
    }
    let Ok(mut outcomes) = executed else {
        return refuse(timed_out(state), summary);
    };
    persisted::register(state, to_register, &outcomes, &viewer, client).await;
    side_effects::flush(state, deadline, &callers, &mut outcomes).await;
    let clean = !incoming.batch && outcomes.iter().all(Outcome::is_clean);
    let response = finish(
        state,
        media,
        &callers,
        outcomes,
        incoming.batch,
        store.filter(|_| !writes && !reads_sdl),
        started,
    )
    .await;
    let public = public.filter(|_| clean && !reads_sdl);
    summary.attach(answer::cache_control(response, public))
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

/// Step 5: parses and checks each request's document within the budgets (a document seen
/// before comes from the cache of parsed documents).
async fn prepare(state: &AppState, requests: &[RawRequest]) -> Vec<Result<Checked, ServerError>> {
    let budgets = document::Budgets::from(&state.limits);
    let mut prepared = Vec::with_capacity(requests.len());
    for request in requests {
        let query = request.query.as_deref().unwrap_or_default();
        let name = request.operation_name.as_deref();
        prepared.push(if query.len() > INLINE_PARSE_BYTES {
            let (documents, query, name) = (
                state.documents.clone(),
                query.to_owned(),
                name.map(str::to_owned),
            );
            tokio::task::spawn_blocking(move || documents.parse(&query, name.as_deref(), &budgets))
                .await
                .unwrap_or_else(|err| {
                    tracing::error!(error = %err, "parsing a document failed");
                    Err(coded(
                        ServerError::new("internal error", None),
                        ErrorCode::Internal,
                    ))
                })
        } else {
            state.documents.parse(query, name, &budgets)
        });
    }
    for checked in prepared.iter().flatten() {
        state
            .metrics
            .count_lookup(CacheKind::Document, checked.reused);
    }
    prepared
}

/// Step 5b: an operation that selects the subgraph SDL is refused (FORBIDDEN) unless this
/// request may read it; says whether any did (such answers are never stored in the cache).
fn expose_sdl(
    state: &AppState,
    headers: &HeaderMap,
    prepared: &mut [Result<Checked, ServerError>],
) -> bool {
    let mut reads_sdl = false;
    for slot in prepared.iter_mut() {
        if !slot.as_ref().is_ok_and(|c| c.reads_sdl) {
            continue;
        }
        reads_sdl = true;
        let presented = headers.get(super::GATEWAY_SECRET).map(|v| v.as_bytes());
        if !authz::may_read_sdl(
            state.introspection,
            state.gateway_secret.as_ref(),
            presented,
        ) {
            let err = ServerError::new(
                "the subgraph SDL is served to the federation gateway only (introspection is off)",
                None,
            );
            *slot = Err(coded(err, ErrorCode::Forbidden));
        }
    }
    reads_sdl
}

/// Step 6: runs every prepared operation on the schema, concurrently, each with its own caller
/// and DataLoader.
async fn execute(
    state: &AppState,
    callers: &[Arc<Caller>],
    requests: Vec<RawRequest>,
    prepared: Vec<Result<Checked, ServerError>>,
) -> Vec<Outcome> {
    let runs = requests.into_iter().zip(prepared).zip(callers).map(
        |((raw, checked), caller)| async move {
            let checked = match checked {
                Ok(checked) => checked,
                Err(err) => return Outcome::Refused(vec![err]),
            };
            let mut request = Request::new(raw.query.unwrap_or_default())
                .variables(raw.variables.map(Variables::from_json).unwrap_or_default());
            request.operation_name = raw.operation_name;
            request.set_parsed_query(checked.document);
            let request = request.data(caller.clone()).data(loaders::for_request(
                state.db.clone(),
                caller.clone(),
                state.limits.dataloader_delay,
            ));
            outcome_of(state.schema.execute(request).await)
        },
    );
    join_all(runs).await
}

/// Sorts a schema response: errors before execution (validation: no data, no path) are a
/// refusal; every error gets a code.
fn outcome_of(mut response: async_graphql::Response) -> Outcome {
    let refused = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    for err in &mut response.errors {
        if code_of(err).is_none() {
            let too_complex = ["too complex", "nested too deep", "recursion depth"]
                .iter()
                .any(|m| err.message.contains(m));
            let code = if too_complex {
                ErrorCode::QueryTooComplex
            } else {
                ErrorCode::BadUserInput
            };
            *err = coded(std::mem::replace(err, ServerError::new("", None)), code);
        }
    }
    if refused {
        Outcome::Refused(response.errors)
    } else {
        Outcome::Ran(response)
    }
}

/// Step 8: metrics, the cache store and the HTTP answer.
async fn finish(
    state: &AppState,
    media: Media,
    callers: &[Arc<Caller>],
    outcomes: Vec<Outcome>,
    batch: bool,
    store: Option<(String, Generations)>,
    started: std::time::Instant,
) -> Response {
    let elapsed = started.elapsed();
    for (outcome, caller) in outcomes.iter().zip(callers) {
        let codes: Vec<ErrorCode> = outcome.errors().iter().filter_map(code_of).collect();
        state.metrics.observe(caller.operation(), elapsed, &codes);
    }
    if batch {
        let body = answer::batch(&outcomes);
        return answer::body_response(StatusCode::OK, body, media);
    }
    let Some(outcome) = outcomes.first() else {
        // `intake` never yields a request without operations.
        tracing::error!("a request reached the pipeline without operations");
        return Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "internal error",
        )
        .into_response(media);
    };
    let (status, body) = answer::single(outcome, media);
    let body = Bytes::from(body);
    if let (Some((key, generations)), Some(caller)) = (store, callers.first())
        && outcome.is_clean()
    {
        let read = caller.effects().domains_read();
        state.responses.put(&key, &body, &read, &generations).await;
    }
    answer::body_response(status, body, media)
}

fn timed_out(state: &AppState) -> Refusal {
    Refusal::from_api(&ApiError::ServiceUnavailable(format!(
        "the request took longer than {} ms",
        state.limits.request_timeout.as_millis()
    )))
}
