//! Steps 5 to 8 of the pipeline (see `pipeline`; step 6 is `execute`): computing the answer to a
//! request the response cache did not have.

use std::net::IpAddr;
use std::sync::Arc;

use async_graphql::ServerError;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use tokio::time::{Instant, timeout_at};

use super::answer::{self, Media, Outcome, Refusal};
use super::intake::RawRequest;
use super::metrics::CacheKind;
use super::persisted::Registration;
use super::{AppState, execute, persisted, side_effects};
use crate::auth::{Caller, Viewer};
use crate::authz;
use crate::cache::{Domain, Generations};
use crate::error::{ApiError, ErrorCode, code_of, coded};
use crate::graphql::document::{self, Checked};
use crate::graphql::text_inputs;

/// Documents longer than this are parsed on the blocking pool rather than on a runtime worker.
const INLINE_PARSE_BYTES: usize = 8 * 1024;

/// What steps 1 to 4 hand on when the cache had no answer.
pub struct Miss {
    /// The requests, with persisted queries' texts filled in.
    pub requests: Vec<RawRequest>,
    /// Texts to register as persisted queries once their request has run.
    pub to_register: Vec<Registration>,
    pub viewer: Arc<Viewer>,
    /// The client's address (the rate limiter's and the persisted queries' budget).
    pub client: Option<IpAddr>,
    /// The response-cache key to store a clean answer under, with the generations read.
    pub store: Option<(String, Generations)>,
    /// Whether the requests came as a JSON array.
    pub batch: bool,
    /// Whether the HTTP method was GET (nothing may write).
    pub read_only: bool,
    pub deadline: Instant,
    /// When the request arrived (for the latency metric).
    pub started: std::time::Instant,
    pub media: Media,
}

/// A computed answer.
pub struct Answered {
    pub response: Response,
    /// Whether others (a CDN) may keep it: a single clean answer that does not carry the SDL.
    pub shareable: bool,
    /// The (first) operation's name, as given or as the document names its only operation.
    pub operation: Option<String>,
}

/// Steps 5 to 8 for one HTTP request: parse and check, execute, flush the side effects, finish.
/// A request answered with a refusal instead (a mutation over GET, or a time limit, which may
/// strike after writes committed: their domains are invalidated first) returns it.
pub async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    request_id: &str,
    miss: Miss,
) -> Result<Answered, Refusal> {
    let Miss {
        requests,
        to_register,
        viewer,
        client,
        store,
        batch,
        read_only,
        deadline,
        started,
        media,
    } = miss;
    let Ok(mut prepared) = timeout_at(deadline, prepare(state, &requests)).await else {
        return Err(timed_out(state));
    };
    let reads_sdl = expose_sdl(state, headers, &mut prepared);
    let writes = prepared.iter().any(|p| p.as_ref().is_ok_and(|c| c.writes));
    if writes && read_only {
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadUserInput,
            "mutations must be sent with POST",
        ));
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
    let executed = timeout_at(
        deadline,
        execute::execute(state, &callers, requests, prepared),
    )
    .await;
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
        return Err(timed_out(state));
    };
    persisted::register(state, to_register, &outcomes, &viewer, client).await;
    side_effects::flush(state, deadline, &callers, &mut outcomes).await;
    let clean = !batch && outcomes.iter().all(Outcome::is_clean);
    let operation = callers
        .first()
        .and_then(|c| c.operation())
        .map(str::to_owned);
    let response = finish(
        state,
        media,
        &callers,
        outcomes,
        batch,
        store.filter(|_| !writes && !reads_sdl),
        started,
    )
    .await;
    Ok(Answered {
        response,
        shareable: clean && !reads_sdl,
        operation,
    })
}

/// Step 5: parses and checks each request's document within the budgets (a document seen
/// before comes from the cache of parsed documents).
async fn prepare(state: &AppState, requests: &[RawRequest]) -> Vec<Result<Checked, ServerError>> {
    let budgets = document::Budgets::from(&state.limits);
    let mut prepared = Vec::with_capacity(requests.len());
    for request in requests {
        if let Err(refused) = text_inputs::check_variables(request.variables.as_ref()) {
            prepared.push(Err(refused));
            continue;
        }
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
