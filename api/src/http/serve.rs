//! Serving connections: hyper's HTTP/1 server (what `axum::serve` runs here), with two
//! differences.
//! The request head may fill a larger buffer ([`HEAD_BUFFER_BYTES`]), so an oversized head
//! reaches our middleware and is refused there in JSON with a code (`head_limit`) rather than by
//! the HTTP library with an empty 431; and shutdown is graceful within a bound: no new
//! connections, in-flight requests finish within the grace period.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt as _;

/// The most a request head may take in the read buffer (hyper's default is about 400 KiB).
/// Heads between `HITBRIDGE_MAX_HEADER_BYTES` and this are answered 431 by `head_limit`.
pub const HEAD_BUFFER_BYTES: usize = 2 * 1024 * 1024;

/// Serves `router` on `listener` until `stop` completes, then lets in-flight requests finish
/// for at most `grace`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    stop: impl Future<Output = ()>,
    grace: Duration,
) {
    let mut builder = http1::Builder::new();
    builder.max_buf_size(HEAD_BUFFER_BYTES);
    let graceful = GracefulShutdown::new();
    let mut stop = pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, say: wait a moment rather than spin.
                    tracing::warn!(error = %err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // Each request knows its peer's address (anonymous callers are rate-limited by it).
        let service = router
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request.map(Body::new)
            });
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tracing::info!("shutting down: no new connections");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(grace) => {
            tracing::warn!(grace.ms = grace.as_millis() as u64, "requests still running after the grace period; exiting");
        }
    }
}
