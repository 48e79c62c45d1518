//! One info-level log line per request: method, route, status, milliseconds, operation name,
//! request id, viewer subject and, when the caller sent a W3C `traceparent` (a gateway does),
//! its trace id — never a token, a body or a graduate's data. The request's span continues that
//! trace, so an exported span (`telemetry`) is a child of the caller's.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::http::{HeaderMap, Request, Response};
use opentelemetry::trace::{SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState};
use tower::{Layer, Service};
use tracing::Instrument;
use tracing_opentelemetry::OpenTelemetrySpanExt;

use super::{REQUEST_ID, paths};

/// What the GraphQL pipeline tells the log about a request (attached to the response).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The operation's name: the one the client gave, else the document's only operation's.
    pub operation: Option<String>,
    /// The verified token subject (none for anonymous callers and refused tokens).
    pub subject: Option<String>,
}

impl Summary {
    /// The log keeps a bounded prefix of a name (clients write it).
    pub fn bounded(name: &str) -> String {
        name.chars().take(100).collect()
    }

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
        let path = request.uri().path();
        let route = paths::ALL
            .into_iter()
            .find(|p| *p == path)
            .or_else(|| {
                path.starts_with("/graphiql/")
                    .then_some(paths::GRAPHIQL_ASSETS)
            })
            .unwrap_or("unmatched");
        let request_id = request
            .headers()
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_owned();
        let caller_trace = TraceParent::of(request.headers());
        let trace_id = caller_trace.as_ref().map_or("-", |t| t.trace).to_owned();
        // `otel.kind` and the `http.*` fields are for an exported span (`telemetry`).
        macro_rules! request_span {
            ($level:expr) => {
                tracing::span!(
                    $level,
                    "request",
                    otel.kind = "server",
                    http.route = route,
                    http.status = tracing::field::Empty,
                    request.id = %request_id,
                    trace.id = %trace_id,
                )
            };
        }
        // Probes (health, readiness, metrics), every few seconds from every orchestrator, get a
        // debug-level span: it is not exported, and their log line is written all the same.
        let span = if route == paths::GRAPHQL {
            request_span!(tracing::Level::INFO)
        } else {
            request_span!(tracing::Level::DEBUG)
        };
        if let Some(parent) = caller_trace.and_then(|t| t.context()) {
            // A no-op unless spans are exported.
            let _ = span.set_parent(parent);
        }
        let response = span.in_scope(|| self.inner.call(request));
        Box::pin(async move {
            let response = response.instrument(span.clone()).await?;
            span.record("http.status", response.status().as_u16());
            drop(span);
            let summary = response.extensions().get::<Summary>();
            tracing::info!(
                http.method = %method,
                http.route = route,
                http.status = response.status().as_u16(),
                duration.ms = started.elapsed().as_secs_f64() * 1000.0,
                graphql.operation = summary.and_then(|s| s.operation.as_deref()).unwrap_or("-"),
                request.id = %request_id,
                trace.id = %trace_id,
                viewer.sub = summary.and_then(|s| s.subject.as_deref()).unwrap_or("-"),
                "request finished"
            );
            Ok(response)
        })
    }
}

/// A valid W3C `traceparent` header (`00-<32 hex>-<16 hex>-<2 hex>`, ids not all zeros).
struct TraceParent<'a> {
    trace: &'a str,
    parent: &'a str,
    flags: &'a str,
}

impl<'a> TraceParent<'a> {
    fn of(headers: &'a HeaderMap) -> Option<Self> {
        let value = headers.get("traceparent")?.to_str().ok()?;
        let mut parts = value.split('-');
        let (version, trace, parent, flags) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let hex = |s: &str, n: usize| {
            s.len() == n
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        };
        let nonzero = |s: &str| s.bytes().any(|b| b != b'0');
        let valid = version == "00"
            && parts.next().is_none()
            && hex(trace, 32)
            && nonzero(trace)
            && hex(parent, 16)
            && nonzero(parent)
            && hex(flags, 2);
        valid.then_some(Self {
            trace,
            parent,
            flags,
        })
    }

    /// The caller's span, as the parent of ours.
    fn context(&self) -> Option<opentelemetry::Context> {
        let span = SpanContext::new(
            TraceId::from_hex(self.trace).ok()?,
            SpanId::from_hex(self.parent).ok()?,
            TraceFlags::new(u8::from_str_radix(self.flags, 16).ok()?),
            true,
            TraceState::default(),
        );
        Some(opentelemetry::Context::new().with_remote_span_context(span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_traceparent_gives_its_trace_id() {
        let mut headers = axum::http::HeaderMap::new();
        let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        let header = format!("00-{trace}-00f067aa0ba902b7-01");
        headers.insert("traceparent", header.parse().expect("header"));
        let parsed = TraceParent::of(&headers).expect("valid");
        assert_eq!(parsed.trace, trace);
        assert!(parsed.context().is_some_and(|c| c.has_active_span()));
        for bad in [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        ] {
            headers.insert("traceparent", bad.parse().expect("header"));
            assert!(TraceParent::of(&headers).is_none(), "{bad}");
        }
    }
}
