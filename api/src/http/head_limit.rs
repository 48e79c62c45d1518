//! Refuses a request whose head (the request line and headers) is larger than the limit, with
//! HTTP 431 and a JSON body carrying `BAD_USER_INPUT`, like every other refusal. The server
//! reads heads up to a larger buffer (`serve::HEAD_BUFFER_BYTES`) so that an oversized one
//! reaches this layer instead of being cut off by the HTTP library with an empty 431.

use std::task::{Context, Poll};

use async_graphql::futures_util::future::Either;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use tower::{Layer, Service};

use super::answer::{Media, Refusal};
use crate::error::ErrorCode;

/// The layer: heads of at most `max_bytes` pass.
#[derive(Clone, Copy)]
pub struct HeadLimitLayer {
    /// `HITBRIDGE_MAX_HEADER_BYTES`.
    pub max_bytes: usize,
}

impl<S> Layer<S> for HeadLimitLayer {
    type Service = HeadLimit<S>;

    fn layer(&self, inner: S) -> Self::Service {
        HeadLimit {
            inner,
            max_bytes: self.max_bytes,
        }
    }
}

/// See [`HeadLimitLayer`].
#[derive(Clone)]
pub struct HeadLimit<S> {
    inner: S,
    max_bytes: usize,
}

/// The size of a request's head as sent: request line and every header line.
fn head_bytes<B>(request: &Request<B>) -> usize {
    // The request target as sent (origin form: path and query), without formatting the URI.
    let target = request
        .uri()
        .path_and_query()
        .map_or(1, |target| target.as_str().len());
    let line = request.method().as_str().len() + target + 12;
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    line + headers
}

impl<S, B> Service<Request<B>> for HeadLimit<S>
where
    S: Service<Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Either<S::Future, std::future::Ready<Result<Response, S::Error>>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        if head_bytes(&request) <= self.max_bytes {
            return Either::Left(self.inner.call(request));
        }
        let refusal = Refusal::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ErrorCode::BadUserInput,
            format!(
                "the request's headers are larger than {} bytes",
                self.max_bytes
            ),
        );
        Either::Right(std::future::ready(Ok(
            refusal.into_response(Media::from_accept(request.headers()))
        )))
    }
}
