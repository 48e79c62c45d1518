//! The sync token a client holds between two `candidatePoolChanges` calls: a position in the
//! change feed for one caller and one set of criteria, sealed (`crate::sealed`) so the client
//! can neither read the position nor move it (skip the retention limit, replay the feed, or jump
//! past its head).

use std::time::Duration;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::Request;
use crate::error::{ApiError, ApiResult};
use crate::sealed::{Purpose, Sealer};

/// Longest token accepted, in characters (a sealed token is about 160).
const MAX_TOKEN_CHARS: usize = 512;

/// A position in the feed for one caller and one set of criteria.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Token {
    /// Fingerprint of the criteria and of the employer the pool is for.
    f: String,
    /// The last feed position handed out: seq, and the last graduate at that seq (none: all).
    pub(super) s: i64,
    pub(super) g: Option<Uuid>,
    /// When the token was issued (seconds since the epoch).
    t: i64,
}

impl Token {
    /// A token at (`seq`, `graduate`) for `request`, issued now.
    pub(super) fn at(request: &Request<'_>, seq: i64, graduate: Option<Uuid>) -> Self {
        Self {
            f: fingerprint(request),
            s: seq,
            g: graduate,
            t: Utc::now().timestamp(),
        }
    }

    /// The sealed text given to the client.
    pub(super) fn seal(&self, sealer: &Sealer) -> String {
        sealer.seal(
            Purpose::SyncToken,
            &serde_json::to_vec(self).unwrap_or_default(),
        )
    }

    /// Opens a client's token for `request`: BAD_USER_INPUT when it was not issued here (or was
    /// changed), belongs to other criteria or another employer, or is older than the feed keeps.
    pub(super) fn open(
        text: &str,
        sealer: &Sealer,
        request: &Request<'_>,
        retention: Duration,
    ) -> ApiResult<Self> {
        let refused = || {
            ApiError::invalid(
                "since",
                "not a sync token this server issued (or it was changed): start again with \
                 candidatePoolChanges without since",
            )
        };
        if text.len() > MAX_TOKEN_CHARS {
            return Err(refused());
        }
        let plain = sealer.open(Purpose::SyncToken, text).ok_or_else(refused)?;
        let token: Self = serde_json::from_slice(&plain).map_err(|_| refused())?;
        if token.f != fingerprint(request) {
            return Err(ApiError::invalid(
                "since",
                "this sync token belongs to other criteria or to another caller's pool",
            ));
        }
        if Utc::now().timestamp() - token.t > retention.as_secs() as i64 {
            return Err(ApiError::invalid(
                "since",
                format!(
                    "this sync token is older than the change feed keeps ({} days): pull the \
                     whole pool with candidatePool, then sync from a new token \
                     (candidatePoolChanges without since)",
                    retention.as_secs() / 86_400
                ),
            ));
        }
        Ok(token)
    }
}

/// The criteria and the employer whose pool they search: a token continues only that sync.
fn fingerprint(request: &Request<'_>) -> String {
    let digest =
        Sha256::digest(format!("{:?}|{:?}", request.criteria, request.employer()).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
