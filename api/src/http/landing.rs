//! The landing page at `/` (what this is, where to go next) and the schema at
//! `/schema.graphql`, which is served while introspection is on (as `_service { sdl }` is).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::answer::{Media, Refusal};
use crate::error::ErrorCode;

/// `GET /`.
pub async fn page() -> Html<&'static str> {
    Html(include_str!("landing.html"))
}

/// `GET /schema.graphql`: the federation SDL, or a JSON 404 while introspection is off.
pub async fn schema(State(state): State<Arc<AppState>>) -> Response {
    if !state.introspection {
        return Refusal::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "the schema is not published while introspection is off",
        )
        .into_response(Media::Json);
    }
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        crate::graphql::sdl(),
    )
        .into_response()
}
