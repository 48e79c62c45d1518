//! Span export: with an OTLP endpoint configured, each request's span reaches the collector as a
//! child of the span a gateway named in `traceparent`.
//!
//! A test binary of its own, because it installs the process's global subscriber the way
//! `hitbridge` does (`telemetry::init`): tracing caches per call site whether anyone listens, so
//! a subscriber set for one thread only misses spans first seen by tests on other threads.

use std::sync::{Arc, Mutex};

use api::config::LogFormat;
use api::telemetry::{self, Exporter};
use axum::body::Bytes;
use axum::routing::post;
use hitbridge_tests::TestApp;
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::trace::v1::Span;
use opentelemetry_proto::tonic::trace::v1::span::SpanKind;
use prost::Message;

/// A stand-in OpenTelemetry collector: takes OTLP/HTTP protobuf on `/v1/traces` and keeps the
/// spans.
async fn collector() -> (String, Arc<Mutex<Vec<Span>>>) {
    let spans = Arc::new(Mutex::new(Vec::new()));
    let kept = spans.clone();
    let app = axum::Router::new().route(
        "/v1/traces",
        post(move |body: Bytes| async move {
            let request = ExportTraceServiceRequest::decode(body).expect("OTLP protobuf");
            let mut kept = kept.lock().expect("spans");
            for resource in request.resource_spans {
                for scope in resource.scope_spans {
                    kept.extend(scope.spans);
                }
            }
            // An empty ExportTraceServiceResponse.
            (
                [("content-type", "application/x-protobuf")],
                Vec::<u8>::new(),
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), spans)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT: &str = "00f067aa0ba902b7";

#[test]
fn request_spans_are_exported_as_children_of_the_gateways_span() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (endpoint, spans) = runtime.block_on(collector());
    // As in `hitbridge`: the exporter (its blocking HTTP client) is made and stopped outside the
    // runtime.
    let exporter = Exporter::start(&endpoint).expect("exporter");
    telemetry::init(LogFormat::Json, Some(&exporter), "info");
    let request_id = runtime.block_on(request_from_a_gateway());

    // The request's span ends once every task of the request let go of it, which may be just
    // after the answer went out: flush until it arrived (or give up after five seconds).
    let arrived = || {
        spans
            .lock()
            .expect("spans")
            .iter()
            .any(|s| hex(&s.trace_id) == TRACE)
    };
    for _ in 0..50 {
        exporter.flush();
        if arrived() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    exporter.shutdown();

    let spans = spans.lock().expect("spans");
    let target = |span: &Span| {
        span.attributes
            .iter()
            .find(|a| a.key == "target")
            .and_then(|a| a.value.as_ref())
            .map(|v| format!("{:?}", v.value))
            .unwrap_or_default()
    };
    assert!(
        spans.iter().all(|s| target(s).contains("\"api::")),
        "only our own spans leave the process (the database driver's carry its connection URL)"
    );
    let ours: Vec<&Span> = spans.iter().filter(|s| hex(&s.trace_id) == TRACE).collect();
    assert_eq!(ours.len(), 1, "one span in the caller's trace: {ours:?}");
    assert!(
        spans
            .iter()
            .all(|s| !format!("{:?}", s.attributes).contains("/readyz")),
        "probes are not traced"
    );
    let span = ours[0];
    assert_eq!(span.name, "request");
    assert_eq!(
        hex(&span.parent_span_id),
        PARENT,
        "a child of the caller's span"
    );
    assert_eq!(span.kind, SpanKind::Server as i32);
    let attribute = |key: &str| {
        span.attributes
            .iter()
            .find(|a| a.key == key)
            .and_then(|a| a.value.as_ref())
            .map(|v| format!("{:?}", v.value))
            .unwrap_or_default()
    };
    assert!(
        attribute("request.id").contains(&request_id),
        "{:?}",
        span.attributes
    );
    assert!(attribute("http.route").contains("\"/graphql\""));
    assert!(attribute("http.status").contains("200"));
}

/// One request with a gateway's `traceparent` (after a probe of readiness, whose span is not
/// exported); its request id.
async fn request_from_a_gateway() -> String {
    let app = TestApp::spawn().await;
    let probe = app.get("/readyz").await;
    assert_eq!(probe.status(), 200);
    let reply = app
        .client()
        .post(app.url("/graphql"))
        .header("traceparent", format!("00-{TRACE}-{PARENT}-01"))
        .json(&serde_json::json!({ "query": "{ programs(first: 1) { totalCount } }" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), 200);
    reply.headers()["x-request-id"]
        .to_str()
        .expect("id")
        .to_owned()
}
