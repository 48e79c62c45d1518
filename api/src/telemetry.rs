//! Logging and tracing: `RUST_LOG` filters (default `info`), `HITBRIDGE_LOG_FORMAT` picks pretty
//! or JSON, and with `HITBRIDGE_OTLP_ENDPOINT` the request spans are also exported over OTLP
//! (HTTP, protobuf), continuing the trace a gateway's `traceparent` names (`http::access_log`).

use std::time::Duration;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{Protocol, SpanExporter, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing::Level;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::LogFormat;

/// Longest wait for the collector to take one batch of spans; a batch it does not take in time is
/// dropped (spans are never worth holding up the service).
const EXPORT_TIMEOUT: Duration = Duration::from_secs(5);

/// The span exporter, while one runs: spans are sent in batches from its own thread, at most a
/// bounded queue of them held; [`Exporter::shutdown`] sends what is left.
pub struct Exporter {
    provider: SdkTracerProvider,
}

impl Exporter {
    /// Starts exporting to the collector at `endpoint` (its base URL, e.g.
    /// `http://collector:4318`; spans go to `/v1/traces` under it).
    pub fn start(endpoint: &str) -> Result<Self, String> {
        let url = format!("{}/v1/traces", endpoint.trim_end_matches('/'));
        let exporter = SpanExporter::builder()
            .with_http()
            .with_protocol(Protocol::HttpBinary)
            .with_endpoint(url)
            .with_timeout(EXPORT_TIMEOUT)
            .build()
            .map_err(|err| format!("the OTLP exporter could not start: {err}"))?;
        let provider = SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .with_resource(Resource::builder().with_service_name("hitbridge").build())
            .build();
        Ok(Self { provider })
    }

    /// The layer that turns our own `tracing` spans (at info and above) into exported
    /// OpenTelemetry spans, whatever `RUST_LOG` says. Only spans, and only this crate's: the
    /// database driver's spans carry its connection options (a PostgreSQL URL may hold a
    /// password) and statements, and events (log lines) can carry a database error's detail;
    /// none of it may leave the process.
    pub fn layer<S>(&self) -> impl Layer<S> + use<S>
    where
        S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    {
        tracing_opentelemetry::layer()
            .with_tracer(self.provider.tracer("hitbridge"))
            .with_filter(filter_fn(|meta| {
                meta.is_span() && meta.target().starts_with("api") && *meta.level() <= Level::INFO
            }))
    }

    /// Sends the spans still queued (blocks until the collector took them or timed out).
    pub fn flush(&self) {
        if let Err(err) = self.provider.force_flush() {
            tracing::warn!(error = %err, "spans could not be exported");
        }
    }

    /// Sends what is left and stops.
    pub fn shutdown(self) {
        if let Err(err) = self.provider.shutdown() {
            tracing::warn!(error = %err, "the span exporter did not stop cleanly");
        }
    }
}

/// Installs the global subscriber once (later calls, in tests, are no-ops): the log lines,
/// filtered by `RUST_LOG` (else at `default_level`), and the span export when `exporter` is
/// given (filtered on its own).
pub fn init(format: LogFormat, exporter: Option<&Exporter>, default_level: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let logs = match format {
        LogFormat::Json => fmt.json().flatten_event(true).boxed(),
        LogFormat::Pretty => fmt.boxed(),
    };
    let _ = tracing_subscriber::registry()
        .with(logs.with_filter(filter))
        .with(exporter.map(Exporter::layer))
        .try_init();
}
