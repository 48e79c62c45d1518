//! Encoding GraphQL answers as HTTP responses: the media type the client accepts, the status,
//! and the body (a request error carries no `data` entry).

use async_graphql::{Response as GqlResponse, ServerError};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

use bytes::Bytes;
use serde_json::json;

use crate::error::{ApiError, ErrorCode};

/// The GraphQL-over-HTTP media type.
pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// Which media type the answer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// `application/json`: request errors stay 200, as the spec allows.
    Json,
    /// `application/graphql-response+json`: request errors are 4xx.
    GraphqlResponse,
}

impl Media {
    /// The one the client asked for in `Accept` (plain JSON unless it names the GraphQL type).
    pub fn from_accept(headers: &HeaderMap) -> Self {
        let wants = headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|accept| accept.contains(GRAPHQL_RESPONSE_JSON));
        if wants {
            Self::GraphqlResponse
        } else {
            Self::Json
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::GraphqlResponse => GRAPHQL_RESPONSE_JSON,
        }
    }
}

/// A request refused before any GraphQL work: not JSON, too large, no token that verifies, a
/// mutation over GET, a time limit.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
    /// Seconds to wait before retrying (`Retry-After`), for RATE_LIMITED.
    pub retry_after: Option<u64>,
}

impl Refusal {
    /// A refusal with its status, code and message.
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// The HTTP form of an error raised at the edge (authentication, time limits).
    pub fn from_api(err: &ApiError) -> Self {
        let status = match err.code() {
            ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        Self::new(status, err.code(), err.message())
    }

    /// The response: `{"errors": [...]}` with the code, in the client's media type.
    pub fn into_response(self, media: Media) -> Response {
        let body = json!({ "errors": [{
            "message": self.message,
            "extensions": { "code": self.code.as_str() },
        }] });
        let mut response = body_response(self.status, body.to_string(), media);
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.code == ErrorCode::Unauthenticated {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// What one operation of a request came to.
#[derive(Debug)]
pub enum Outcome {
    /// Refused before execution (syntax, budgets, validation): errors only, no `data` entry.
    Refused(Vec<ServerError>),
    /// Executed (perhaps with field errors).
    Ran(GqlResponse),
}

impl Outcome {
    /// The errors it carries.
    pub fn errors(&self) -> &[ServerError] {
        match self {
            Self::Refused(errors) => errors,
            Self::Ran(response) => &response.errors,
        }
    }

    /// Whether it is a clean answer that may be stored in a shared cache.
    pub fn is_clean(&self) -> bool {
        matches!(self, Self::Ran(r) if r.errors.is_empty())
    }

    /// The JSON text, serialized once, straight from the response.
    fn to_body(&self) -> String {
        let serialized = match self {
            Self::Refused(errors) => serde_json::to_string(&json!({ "errors": errors })),
            Self::Ran(response) => serde_json::to_string(response),
        };
        serialized.unwrap_or_else(|err| {
            tracing::error!(error = %err, "response serialization failed");
            json!({ "errors": [{ "message": "internal error",
                                 "extensions": { "code": ErrorCode::Internal.as_str() } }] })
            .to_string()
        })
    }

    fn status(&self, media: Media) -> StatusCode {
        let unavailable = self
            .errors()
            .iter()
            .any(|e| crate::error::code_of(e) == Some(ErrorCode::ServiceUnavailable));
        match self {
            _ if unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Refused(_) if media == Media::GraphqlResponse => StatusCode::BAD_REQUEST,
            _ => StatusCode::OK,
        }
    }
}

/// The body and status of a single operation's answer.
pub fn single(outcome: &Outcome, media: Media) -> (StatusCode, String) {
    (outcome.status(media), outcome.to_body())
}

/// The body of a batch's answer: one entry per operation, in order; the status is 200.
pub fn batch(outcomes: &[Outcome]) -> String {
    let bodies: Vec<String> = outcomes.iter().map(Outcome::to_body).collect();
    format!("[{}]", bodies.join(","))
}

/// The `Cache-Control` of answers that browsers and shared caches (a CDN) may keep, for as long
/// as our own response cache keeps them; none when that cache is off.
pub fn public_cache_control(ttl: Duration) -> Option<HeaderValue> {
    let value = format!("public, max-age={}", ttl.as_secs());
    (!ttl.is_zero())
        .then(|| HeaderValue::from_str(&value).ok())
        .flatten()
}

/// Says what browsers and shared caches may keep: an answer given `public` (an anonymous query
/// over GET that ran cleanly) may be kept and served again for the same URL, `Accept` and (no)
/// `Authorization`; anything else must not be stored (signed-in answers can hold graduate
/// records). Refusals say `no-store` themselves.
pub fn cache_control(mut response: Response, public: Option<&HeaderValue>) -> Response {
    let headers = response.headers_mut();
    match public {
        Some(value) => {
            headers.insert(header::CACHE_CONTROL, value.clone());
            headers.append(
                header::VARY,
                HeaderValue::from_static("accept, authorization"),
            );
        }
        None => {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
    response
}

/// A JSON body with its status, in the client's media type.
pub fn body_response(status: StatusCode, body: impl Into<Bytes>, media: Media) -> Response {
    let body: Bytes = body.into();
    (status, [(header::CONTENT_TYPE, media.content_type())], body).into_response()
}
