//! Span export: with an OTLP endpoint configured, each request's span reaches the collector as a
//! child of the span a gateway named in `traceparent`.

use std::sync::{Arc, Mutex};

use api::telemetry::Exporter;
use axum::body::Bytes;
use axum::routing::post;
use hitbridge_tests::TestApp;
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::trace::v1::Span;
use prost::Message;
use tracing_subscriber::layer::SubscriberExt;

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

#[tokio::test]
async fn request_spans_are_exported_as_children_of_the_gateways_span() {
    let (endpoint, spans) = collector().await;
    // The exporter's blocking HTTP client is made, and finally dropped, off the runtime.
    let exporter = tokio::task::spawn_blocking(move || Exporter::start(&endpoint))
        .await
        .expect("join")
        .expect("exporter");
    // This test's runtime runs on this thread only, so the server's tasks see this subscriber.
    let _default =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(exporter.layer()));

    let app = TestApp::spawn().await;
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let parent = "00f067aa0ba902b7";
    let reply = app
        .client()
        .post(app.url("/graphql"))
        .header("traceparent", format!("00-{trace}-{parent}-01"))
        .json(&serde_json::json!({ "query": "{ programs(first: 1) { totalCount } }" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), 200);
    let request_id = reply.headers()["x-request-id"]
        .to_str()
        .expect("id")
        .to_owned();
    tokio::task::spawn_blocking(move || {
        exporter.flush();
        exporter.shutdown();
    })
    .await
    .expect("join");

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
    let ours: Vec<&Span> = spans.iter().filter(|s| hex(&s.trace_id) == trace).collect();
    assert_eq!(ours.len(), 1, "one span in the caller's trace: {ours:?}");
    let span = ours[0];
    assert_eq!(span.name, "request");
    assert_eq!(
        hex(&span.parent_span_id),
        parent,
        "a child of the caller's span"
    );
    let attribute = |key: &str| {
        span.attributes
            .iter()
            .find(|a| a.key == key)
            .and_then(|a| a.value.as_ref())
            .map(|v| format!("{:?}", v.value))
    };
    assert!(
        attribute("request.id").is_some_and(|v| v.contains(&request_id)),
        "{:?}",
        span.attributes
    );
}
