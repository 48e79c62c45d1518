//! The reference: a bare axum handler that answers every POST /graphql with fixed bytes (the
//! same bytes our server's cached answer carries). Run as its own process by the bench
//! (`hitbridge-bench reference PORT FILE`), so both are measured alike.

use axum::Router;
use axum::http::header;
use axum::routing::post;

/// Serves `body` on 127.0.0.1:`port` until killed.
pub fn serve(port: u16, body: Vec<u8>) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let body: &'static [u8] = Box::leak(body.into_boxed_slice());
        let app = Router::new().route(
            "/graphql",
            post(move || async move { ([(header::CONTENT_TYPE, "application/json")], body) }),
        );
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| e.to_string())?;
        axum::serve(listener, app).await.map_err(|e| e.to_string())
    })
}
