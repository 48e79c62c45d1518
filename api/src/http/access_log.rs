//! One info-level log line per request: method, route, status, milliseconds, operation name,
//! request id and viewer subject — never a token, a body or a graduate's data.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::http::{Request, Response};
use tower::{Layer, Service};
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
    pub fn attach(self, mut response: axum::response::Response) -> axum::response::Response {
        response.extensions_mut().insert(self);
        response
    }
}

/// The middleware: a span carrying the request id for everything logged inside, and the line.
///
/// A plain tower layer rather than `axum::middleware::from_fn`, which clones the whole stack
/// under it and boxes it again for every request.
#[derive(Clone, Copy, Default)]
pub struct AccessLogLayer;

impl<S> Layer<S> for AccessLogLayer {
    type Service = AccessLog<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AccessLog { inner }
    }
}

/// See [`AccessLogLayer`].
#[derive(Clone)]
pub struct AccessLog<S> {
    inner: S,
}

impl<S, B, R> Service<Request<B>> for AccessLog<S>
where
    S: Service<Request<B>, Response = Response<R>>,
    S::Future: Send + 'static,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response<R>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
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
        let response = span.in_scope(|| self.inner.call(request));
        Box::pin(async move {
            let response = response.instrument(span).await?;
            let summary = response.extensions().get::<Summary>();
            tracing::info!(
                http.method = %method,
                http.route = route,
                http.status = response.status().as_u16(),
                duration.ms = started.elapsed().as_secs_f64() * 1000.0,
                graphql.operation = summary.and_then(|s| s.operation.as_deref()).unwrap_or("-"),
                request.id = %request_id,
                viewer.sub = summary.and_then(|s| s.subject.as_deref()).unwrap_or("-"),
                "request finished"
            );
            Ok(response)
        })
    }
}
