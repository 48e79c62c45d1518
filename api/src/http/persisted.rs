//! The pipeline's persisted-query step (Apollo's automatic persisted queries): a hash stands in
//! for a text registered before. A text sent with its hash is registered only once it has run
//! (parsed, within the budgets, validated), so texts that are not even GraphQL never take room.

use std::net::IpAddr;

use axum::http::StatusCode;

use super::AppState;
use super::answer::{Outcome, Refusal};
use super::intake::RawRequest;
use super::metrics::CacheKind;
use crate::auth::Viewer;
use crate::cache::persisted::{is_hash, sha256_hex};
use crate::error::ErrorCode;

/// A text to register under its hash once its request (by index) has run.
pub struct Registration {
    index: usize,
    hash: String,
    text: String,
}

/// Step 3: each request that carries `extensions.persistedQuery` either sends its text (checked
/// against the hash: a mismatch is BAD_USER_INPUT; registered later, see [`register`]) or only
/// the hash, which gets the registered text or `PersistedQueryNotFound`, so that the client
/// sends the text.
pub async fn look_up(
    state: &AppState,
    mut requests: Vec<RawRequest>,
) -> Result<(Vec<RawRequest>, Vec<Registration>), Refusal> {
    let bad =
        |message: &str| Refusal::new(StatusCode::BAD_REQUEST, ErrorCode::BadUserInput, message);
    let mut to_register = Vec::new();
    for (index, request) in requests.iter_mut().enumerate() {
        let Some(persisted) = request.persisted_query() else {
            continue;
        };
        if persisted.get("version").and_then(serde_json::Value::as_i64) != Some(1) {
            return Err(bad("persistedQuery.version must be 1"));
        }
        let hash = match persisted
            .get("sha256Hash")
            .and_then(serde_json::Value::as_str)
        {
            Some(hash) if is_hash(hash) => hash.to_owned(),
            _ => {
                return Err(bad(
                    "persistedQuery.sha256Hash must be a SHA-256 in lowercase hex",
                ));
            }
        };
        match &request.query {
            Some(text) if sha256_hex(text) != hash => {
                return Err(bad("provided sha does not match query"));
            }
            Some(text) => to_register.push(Registration {
                index,
                hash,
                text: text.clone(),
            }),
            None => match state.persisted.find(&hash).await {
                Some(text) => {
                    state.metrics.count_lookup(CacheKind::PersistedQuery, true);
                    request.query = Some(text);
                }
                // Apollo clients look for this message and code, then send the text.
                None => {
                    state.metrics.count_lookup(CacheKind::PersistedQuery, false);
                    return Err(Refusal::new(
                        StatusCode::OK,
                        ErrorCode::PersistedQueryNotFound,
                        "PersistedQueryNotFound",
                    ));
                }
            },
        }
    }
    Ok((requests, to_register))
}

/// Registers the texts whose requests ran (refused ones are not kept), counted against the
/// daily budget of the caller: the token subject, or the client address of anonymous callers.
pub async fn register(
    state: &AppState,
    to_register: Vec<Registration>,
    outcomes: &[Outcome],
    viewer: &Viewer,
    client: Option<IpAddr>,
) {
    if to_register.is_empty() {
        return;
    }
    let caller = match (&viewer.subject, client) {
        (Some(subject), _) => format!("sub:{subject}"),
        (None, Some(address)) => format!("addr:{address}"),
        (None, None) => "unknown".to_owned(),
    };
    for registration in to_register {
        if matches!(outcomes.get(registration.index), Some(Outcome::Ran(_))) {
            state
                .persisted
                .register(&registration.hash, &registration.text, &caller)
                .await;
        }
    }
}
