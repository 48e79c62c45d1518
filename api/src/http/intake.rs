//! Reading GraphQL requests out of HTTP: the POST body (JSON only, bounded, one request or a
//! bounded batch) and the GET query string. Everything here is refused with a coded error before
//! any GraphQL work.

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

use super::answer::Refusal;
use crate::config::Limits;
use crate::error::ErrorCode;

/// One GraphQL request as the client sent it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawRequest {
    /// The document; required until persisted queries can stand in for it.
    pub query: Option<String>,
    /// Which operation of the document to run.
    pub operation_name: Option<String>,
    /// Variables: a JSON object, or null.
    pub variables: Option<serde_json::Value>,
    /// Protocol extensions: `persistedQuery` (Apollo's automatic persisted queries).
    pub extensions: Option<serde_json::Value>,
}

impl RawRequest {
    /// The `extensions.persistedQuery` entry, if the client sent one.
    pub fn persisted_query(&self) -> Option<&serde_json::Value> {
        self.extensions.as_ref()?.get("persistedQuery")
    }
}

/// The GraphQL requests of one HTTP request.
#[derive(Debug)]
pub struct Incoming {
    /// One request, or the operations of a batch in order.
    pub requests: Vec<RawRequest>,
    /// Whether they came as a JSON array (answered as one).
    pub batch: bool,
    /// Whether the HTTP method is GET, where nothing may write.
    pub read_only: bool,
}

fn bad_input(status: StatusCode, message: impl Into<String>) -> Refusal {
    Refusal::new(status, ErrorCode::BadUserInput, message)
}

/// A POST body: `application/json` only (415 otherwise), at most `body_limit_bytes` (413), one
/// request object or a batch of 1 to `max_batch` of them (400 otherwise).
pub async fn post(headers: &HeaderMap, body: Body, limits: &Limits) -> Result<Incoming, Refusal> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim)
        .is_some_and(|essence| {
            let suffix = essence
                .len()
                .checked_sub(5)
                .and_then(|at| essence.get(at..));
            essence.eq_ignore_ascii_case("application/json")
                || suffix.is_some_and(|s| s.eq_ignore_ascii_case("+json"))
        });
    if !json {
        return Err(bad_input(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as Content-Type: application/json",
        ));
    }
    let bytes = to_bytes(body, limits.body_limit_bytes).await.map_err(|_| {
        bad_input(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body larger than {} bytes", limits.body_limit_bytes),
        )
    })?;
    let malformed = || {
        bad_input(
            StatusCode::BAD_REQUEST,
            "the body must be a JSON GraphQL request: {\"query\": \"...\", \"variables\": {...}}",
        )
    };
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let (requests, batch) = if first == Some(&b'[') {
        let requests: Vec<RawRequest> = serde_json::from_slice(&bytes).map_err(|_| malformed())?;
        if requests.is_empty() || requests.len() > limits.max_batch {
            return Err(bad_input(
                StatusCode::BAD_REQUEST,
                format!("a batch must hold 1 to {} operations", limits.max_batch),
            ));
        }
        (requests, true)
    } else {
        (
            vec![serde_json::from_slice(&bytes).map_err(|_| malformed())?],
            false,
        )
    };
    requests.iter().try_for_each(check_shape)?;
    Ok(Incoming {
        requests,
        batch,
        read_only: false,
    })
}

/// Parameters of `GET /graphql` (`variables` is JSON text).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetParams {
    pub query: Option<String>,
    pub operation_name: Option<String>,
    pub variables: Option<String>,
    /// JSON text, e.g. `{"persistedQuery":{"version":1,"sha256Hash":"…"}}`.
    pub extensions: Option<String>,
}

/// A GET query string, as one read-only request.
pub fn get(params: GetParams) -> Result<Incoming, Refusal> {
    let variables = params
        .variables
        .map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(|_| bad_input(StatusCode::BAD_REQUEST, "variables are not valid JSON"))?;
    let extensions = params
        .extensions
        .map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(|_| bad_input(StatusCode::BAD_REQUEST, "extensions are not valid JSON"))?;
    let request = RawRequest {
        query: params.query,
        operation_name: params.operation_name,
        variables,
        extensions,
    };
    check_shape(&request)?;
    Ok(Incoming {
        requests: vec![request],
        batch: false,
        read_only: true,
    })
}

/// A request needs a `query` string (or a persisted query's hash), and `variables` and
/// `extensions` must be objects when given.
fn check_shape(request: &RawRequest) -> Result<(), Refusal> {
    if !matches!(
        &request.extensions,
        None | Some(serde_json::Value::Null | serde_json::Value::Object(_))
    ) {
        return Err(bad_input(
            StatusCode::BAD_REQUEST,
            "`extensions` must be a JSON object",
        ));
    }
    if request.query.is_none() && request.persisted_query().is_none() {
        return Err(bad_input(
            StatusCode::BAD_REQUEST,
            "the request has no `query`",
        ));
    }
    match &request.variables {
        None | Some(serde_json::Value::Null | serde_json::Value::Object(_)) => Ok(()),
        Some(_) => Err(bad_input(
            StatusCode::BAD_REQUEST,
            "`variables` must be a JSON object",
        )),
    }
}
