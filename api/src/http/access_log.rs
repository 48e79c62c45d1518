//! One info-level log line per request: method, route, status, milliseconds, operation name,
//! request id and viewer subject — never a token, a body or a graduate's data.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use super::{REQUEST_ID, paths};

/// What the GraphQL pipeline tells the log about a request (attached to the response).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The operation name the client gave.
    pub operation: Option<String>,
    /// The verified token subject (none for anonymous callers and refused tokens).
    pub subject: Option<String>,
}

impl Summary {
    /// Attaches the summary to a response, for the log line.
    pub fn attach(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

/// The middleware: a span carrying the request id for everything logged inside, and the line.
pub async fn layer(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = paths::ALL
        .into_iter()
        .find(|p| *p == request.uri().path())
        .unwrap_or("unmatched");
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let span = tracing::info_span!("request", request.id = %request_id);
    let response = next.run(request).instrument(span).await;
    let summary = response
        .extensions()
        .get::<Summary>()
        .cloned()
        .unwrap_or_default();
    tracing::info!(
        http.method = %method,
        http.route = %route,
        http.status = response.status().as_u16(),
        duration.ms = started.elapsed().as_secs_f64() * 1000.0,
        graphql.operation = summary.operation.as_deref().unwrap_or("-"),
        request.id = %request_id,
        viewer.sub = summary.subject.as_deref().unwrap_or("-"),
        "request finished"
    );
    response
}
