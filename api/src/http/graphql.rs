//! `POST /graphql` and `GET /graphql`: authentication, body and batch limits, the anonymous
//! response cache, the request timeout, metrics, and the HTTP status of GraphQL answers.

use std::any::Any;
use std::sync::Arc;
use std::time::Instant;

use async_graphql::http::GraphiQLSource;
use async_graphql::parser::types::OperationType;
use async_graphql::{BatchRequest, BatchResponse, Request, Response as GqlResponse};
use axum::body::{Body, to_bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use super::AppState;
use crate::auth::Viewer;
use crate::authz;
use crate::error::{ApiError, ErrorCode};
use crate::graphql::loaders;

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// A request-level failure, answered before any resolver runs.
fn error_response(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body =
        json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] });
    let mut response = (status, axum::Json(body)).into_response();
    if code == ErrorCode::Unauthenticated {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

fn api_error_response(err: &ApiError) -> Response {
    let status = match err.code() {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    error_response(status, err.code(), &err.message())
}

/// Answer for a panic caught by the middleware: logged, never shown.
pub fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        "internal error",
    )
}

/// Parameters of `GET /graphql`.
#[derive(serde::Deserialize)]
pub struct GetParams {
    query: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
}

/// GraphiQL for browsers; a query (never a mutation) for other clients.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<GetParams>,
) -> Response {
    let Some(query) = params.query else {
        return Html(GraphiQLSource::build().endpoint("/graphql").finish()).into_response();
    };
    if is_mutation(&query) {
        return error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadUserInput,
            "mutations must be sent with POST",
        );
    }
    let variables = match params.variables.as_deref().map(serde_json::from_str) {
        None => async_graphql::Variables::default(),
        Some(Ok(value)) => async_graphql::Variables::from_json(value),
        Some(Err(_)) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadUserInput,
                "variables are not valid JSON",
            );
        }
    };
    let mut request = Request::new(query).variables(variables);
    request.operation_name = params.operation_name;
    execute(state, &headers, BatchRequest::Single(request)).await
}

/// GraphQL over HTTP: a JSON request, or a bounded batch of them.
pub async fn post(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let Ok(bytes) = to_bytes(body, state.limits.body_limit_bytes).await else {
        return error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::BadUserInput,
            &format!(
                "request body larger than {} bytes",
                state.limits.body_limit_bytes
            ),
        );
    };
    let Ok(batch) = serde_json::from_slice::<BatchRequest>(&bytes) else {
        return error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadUserInput,
            "the body must be a JSON GraphQL request: {\"query\": \"...\", \"variables\": {...}}",
        );
    };
    if let BatchRequest::Batch(requests) = &batch
        && (requests.is_empty() || requests.len() > state.limits.max_batch)
    {
        return error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadUserInput,
            &format!(
                "a batch must hold 1 to {} operations",
                state.limits.max_batch
            ),
        );
    }
    execute(state, &headers, batch).await
}

fn is_mutation(query: &str) -> bool {
    async_graphql::parser::parse_query(query).is_ok_and(|doc| {
        doc.operations
            .iter()
            .any(|(_, op)| op.node.ty == OperationType::Mutation)
    })
}

fn wants_graphql_response(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains(GRAPHQL_RESPONSE_JSON))
}

fn codes(response: &GqlResponse) -> Vec<ErrorCode> {
    response
        .errors
        .iter()
        .filter_map(|e| e.extensions.as_ref()?.get("code").cloned())
        .filter_map(|code| match code {
            async_graphql::Value::String(s) => ErrorCode::ALL.into_iter().find(|c| c.as_str() == s),
            _ => None,
        })
        .collect()
}

/// Authenticates, then runs the batch (through the response cache when it may), timing it.
async fn execute(state: AppState, headers: &HeaderMap, batch: BatchRequest) -> Response {
    let started = Instant::now();
    let viewer = match state.auth.authenticate(&state.db, headers).await {
        Ok(viewer) => Arc::new(viewer),
        Err(err) => {
            state
                .metrics
                .observe(None, started.elapsed(), &[err.code()]);
            return api_error_response(&err);
        }
    };
    let graphql_response = wants_graphql_response(headers);
    let mutates = match &batch {
        BatchRequest::Single(r) => is_mutation(&r.query),
        BatchRequest::Batch(rs) => rs.iter().any(|r| is_mutation(&r.query)),
    };
    let operations: Vec<Option<String>> = match &batch {
        BatchRequest::Single(r) => vec![r.operation_name.clone()],
        BatchRequest::Batch(rs) => rs.iter().map(|r| r.operation_name.clone()).collect(),
    };
    let cache_key = match &batch {
        BatchRequest::Single(req)
            if state.responses.enabled() && authz::may_use_shared_cache(&viewer) && !mutates =>
        {
            let variables = serde_json::to_string(&req.variables).unwrap_or_default();
            state
                .responses
                .key(&req.query, req.operation_name.as_deref(), &variables)
                .await
        }
        _ => None,
    };
    if let Some(key) = &cache_key {
        if let Some(body) = state.responses.get(key).await {
            state
                .metrics
                .cache_hits
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let operation = operations.first().cloned().flatten();
            state
                .metrics
                .observe(operation.as_deref(), started.elapsed(), &[]);
            return json_body(StatusCode::OK, body, graphql_response);
        }
        state
            .metrics
            .cache_misses
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let batch = attach(&state, &viewer, batch);
    let result = tokio::time::timeout(
        state.limits.request_timeout,
        state.schema.execute_batch(batch),
    )
    .await;
    if mutates {
        // Whatever the mutation wrote (even one cut off by the time limit, which may have
        // committed) must be visible to the next anonymous read.
        state.responses.invalidate().await;
    }
    let Ok(response) = result else {
        let err = ApiError::ServiceUnavailable(format!(
            "the request took longer than {} ms",
            state.limits.request_timeout.as_millis()
        ));
        state.metrics.observe(
            operations.first().cloned().flatten().as_deref(),
            started.elapsed(),
            &[err.code()],
        );
        return api_error_response(&err);
    };
    let elapsed = started.elapsed();
    let responses: Vec<&GqlResponse> = match &response {
        BatchResponse::Single(r) => vec![r],
        BatchResponse::Batch(rs) => rs.iter().collect(),
    };
    for (op, r) in operations.iter().zip(&responses) {
        state.metrics.observe(op.as_deref(), elapsed, &codes(r));
    }
    let status = match &response {
        BatchResponse::Single(r)
            if graphql_response && r.data == async_graphql::Value::Null && r.is_err() =>
        {
            StatusCode::BAD_REQUEST
        }
        _ => StatusCode::OK,
    };
    let body = match serde_json::to_string(&response) {
        Ok(body) => body,
        Err(err) => {
            tracing::error!(error = %err, "response serialization failed");
            return error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "internal error",
            );
        }
    };
    if let (Some(key), BatchResponse::Single(r)) = (&cache_key, &response)
        && r.is_ok()
    {
        state.responses.put(key, &body).await;
    }
    json_body(status, body, graphql_response)
}

fn json_body(status: StatusCode, body: String, graphql_response: bool) -> Response {
    let content_type = if graphql_response {
        GRAPHQL_RESPONSE_JSON
    } else {
        "application/json"
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Gives every request of the batch the viewer and a fresh DataLoader.
fn attach(state: &AppState, viewer: &Arc<Viewer>, batch: BatchRequest) -> BatchRequest {
    let prepare = |req: Request| {
        req.data(viewer.clone()).data(loaders::for_request(
            state.db.clone(),
            viewer.clone(),
            state.limits.dataloader_delay,
        ))
    };
    match batch {
        BatchRequest::Single(req) => BatchRequest::Single(prepare(req)),
        BatchRequest::Batch(reqs) => BatchRequest::Batch(reqs.into_iter().map(prepare).collect()),
    }
}
