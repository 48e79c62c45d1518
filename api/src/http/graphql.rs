//! `POST /graphql` and `GET /graphql`: read the HTTP request (`intake`), then hand it to the
//! one pipeline (`pipeline`). GraphiQL for a browser's plain GET.

use std::any::Any;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::answer::{Media, Refusal};
use super::intake::{self, GetParams};
use super::{AppState, REQUEST_ID, pipeline};
use crate::error::ErrorCode;

/// The peer's address, when the server was started with connection info.
fn peer(extensions: &axum::http::Extensions) -> Option<IpAddr> {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
}

fn request_id(headers: &HeaderMap) -> &str {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
}

/// Answer for a method a path does not take (405; axum adds the `Allow` header).
pub async fn method_not_allowed(request: Request) -> Response {
    Refusal::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::BadUserInput,
        format!("{} is not served here: use GET or POST", request.method()),
    )
    .into_response(Media::from_accept(request.headers()))
}

/// Answer for a path we do not serve (404).
pub async fn not_found(request: Request) -> Response {
    Refusal::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "nothing is served at this path: the API is at /graphql",
    )
    .into_response(Media::from_accept(request.headers()))
}

/// Answer for a panic caught by the middleware: logged, never shown.
pub fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    Refusal::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        "internal error",
    )
    .into_response(Media::Json)
}

// Handlers take the whole request and borrow its headers: the `HeaderMap` extractor would copy
// them for every request.

/// GraphiQL for browsers; a query (never a mutation) for other clients.
pub async fn get(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let headers = request.headers();
    let Ok(Query(params)) = Query::<GetParams>::try_from_uri(request.uri()) else {
        return Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadUserInput,
            "the query string is not valid GraphQL-over-HTTP parameters (query, operationName, \
             variables, extensions), each given once",
        )
        .into_response(Media::from_accept(headers));
    };
    if params.query.is_none() && params.extensions.is_none() {
        return super::graphiql::page().into_response();
    }
    let peer = peer(request.extensions());
    match intake::get(params) {
        Ok(incoming) => pipeline::run(&state, headers, peer, request_id(headers), incoming).await,
        Err(refusal) => refusal.into_response(Media::from_accept(headers)),
    }
}

/// GraphQL over HTTP: a JSON request, or a bounded batch of them.
pub async fn post(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let headers = &parts.headers;
    let peer = peer(&parts.extensions);
    match intake::post(headers, body, &state.limits).await {
        Ok(incoming) => pipeline::run(&state, headers, peer, request_id(headers), incoming).await,
        Err(refusal) => refusal.into_response(Media::from_accept(headers)),
    }
}
