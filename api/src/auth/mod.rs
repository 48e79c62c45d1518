//! Authentication: turns the request's bearer token (or its absence) into a [`Viewer`].
//!
//! A missing `Authorization` header means anonymous. A present header that does not verify —
//! bad signature, `alg: none` or any algorithm whose key is not configured, expired, not yet
//! valid, wrong issuer or audience, no `sub`, malformed or oversized roles, oversized token, a
//! `crit` header (we understand no JWS extension, RFC 7515 §4.1.11), or more than one
//! `Authorization` header — is an `UNAUTHENTICATED` error, never a silent fall-back to anonymous.

mod caller;
mod claims;
mod grants;
mod keys;
mod remote;
pub mod token;

use std::sync::Arc;

use axum::http::{HeaderMap, header};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header, errors::ErrorKind};
use sea_orm::DatabaseConnection;

pub use caller::{Caller, EmployerStanding, SideEffects};
pub use claims::{HitbridgeClaim, RoleClaim};
pub use viewer::{Grant, Organisation, Viewer};

use crate::config::{ConfigError, JwtSettings};
use crate::error::ApiError;
use claims::{Claims, MAX_ROLES};
use keys::VerifyKey;
use remote::RemoteJwks;

mod viewer;

/// Largest token accepted, in bytes.
const MAX_TOKEN_BYTES: usize = 8 * 1024;
/// Longest `sub` accepted.
const MAX_SUBJECT_CHARS: usize = 256;
/// Clock skew tolerated on `exp` and `nbf`, in seconds.
const LEEWAY_SECS: u64 = 30;

/// Verifies bearer tokens against the configured keys.
pub struct Authenticator {
    secret: Option<DecodingKey>,
    keys: Vec<VerifyKey>,
    remote: Option<Arc<RemoteJwks>>,
    issuer: String,
    audience: String,
}

fn unauthenticated(message: &str) -> ApiError {
    ApiError::Unauthenticated(message.into())
}

impl Authenticator {
    /// Loads every configured key source. A key file that cannot be read or holds no usable key
    /// stops start-up; a JWKS URL that cannot be fetched at start is logged and fetched again
    /// later (on an unknown `kid`, within the floor, and periodically).
    pub async fn from_settings(settings: &JwtSettings) -> Result<Self, ConfigError> {
        let mut keys = Vec::new();
        let read = |setting: &str, path: &std::path::Path| {
            std::fs::read_to_string(path).map_err(|e| ConfigError {
                setting: setting.into(),
                message: format!("cannot read {}: {e}", path.display()),
            })
        };
        if let Some(path) = &settings.public_keys_file {
            let text = read("HITBRIDGE_JWT_PUBLIC_KEYS", path)?;
            keys.extend(keys::from_pem_file(&text).map_err(|message| ConfigError {
                setting: "HITBRIDGE_JWT_PUBLIC_KEYS".into(),
                message,
            })?);
        }
        if let Some(path) = &settings.jwks_file {
            let text = read("HITBRIDGE_JWKS_FILE", path)?;
            keys.extend(keys::from_jwks(&text).map_err(|message| ConfigError {
                setting: "HITBRIDGE_JWKS_FILE".into(),
                message,
            })?);
        }
        let remote = match &settings.jwks_url {
            None => None,
            Some(url) => {
                let source = Arc::new(RemoteJwks::new(url.clone(), settings.jwks_refresh_floor));
                source.refresh(true).await;
                source.spawn_periodic_refresh(settings.jwks_refresh_period);
                Some(source)
            }
        };
        Ok(Self {
            secret: settings
                .secret
                .as_ref()
                .map(|s| DecodingKey::from_secret(s.expose().as_bytes())),
            keys,
            remote,
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
        })
    }

    /// The viewer of a request: anonymous without a token, resolved grants with a valid one.
    pub async fn authenticate(
        &self,
        db: &DatabaseConnection,
        headers: &HeaderMap,
    ) -> Result<Viewer, ApiError> {
        let mut values = headers.get_all(header::AUTHORIZATION).iter();
        let Some(value) = values.next() else {
            return Ok(Viewer::anonymous());
        };
        if values.next().is_some() {
            return Err(unauthenticated(
                "send one Authorization header, not several",
            ));
        }
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| unauthenticated("the Authorization header must be `Bearer <token>`"))?;
        let claims = self.verify(token).await?;
        if claims.sub.is_empty() || claims.sub.chars().count() > MAX_SUBJECT_CHARS {
            return Err(unauthenticated("the token's sub is empty or too long"));
        }
        let roles = claims.hitbridge.map(|h| h.roles).unwrap_or_default();
        if roles.len() > MAX_ROLES {
            return Err(unauthenticated("the token carries too many roles"));
        }
        let (grants, organisation) = grants::resolve(db, &roles).await?;
        Ok(Viewer::new(claims.sub, grants).with_organisation(organisation))
    }

    async fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(unauthenticated("the token is too large"));
        }
        let header = decode_header(token).map_err(|_| {
            unauthenticated("the token is malformed or uses an unsupported algorithm")
        })?;
        if header.crit.is_some() {
            return Err(unauthenticated(
                "the token's header names critical extensions (crit), which are not supported",
            ));
        }
        let kid = header.kid.as_deref();
        let mut candidates = self.candidates(header.alg, kid);
        // A kid the remote key set does not know may be a freshly rotated key: fetch again
        // (the source itself keeps fetches to one per floor).
        if let Some(remote) = &self.remote
            && matches!(header.alg, Algorithm::RS256 | Algorithm::ES256)
            && (candidates.is_empty() || kid.is_some_and(|k| !remote.knows(k)))
            && remote.refresh(false).await
        {
            candidates = self.candidates(header.alg, kid);
        }
        if candidates.is_empty() {
            return Err(unauthenticated(
                "no key configured for this token's algorithm and kid",
            ));
        }
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        let mut last = unauthenticated("invalid token");
        for key in &candidates {
            match decode::<Claims>(token, key, &validation) {
                Ok(data) => return Ok(data.claims),
                Err(err) => last = unauthenticated(reason(err.kind())),
            }
        }
        Err(last)
    }

    fn candidates(&self, alg: Algorithm, kid: Option<&str>) -> Vec<DecodingKey> {
        if alg == Algorithm::HS256 {
            return self.secret.iter().cloned().collect();
        }
        let remote = self.remote.as_ref().map(|r| r.keys()).unwrap_or_default();
        self.keys
            .iter()
            .chain(remote.iter())
            .filter(|k| k.fits(alg, kid))
            .map(|k| k.key.clone())
            .collect()
    }
}

/// A client-facing reason that reveals nothing about our keys.
fn reason(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::ExpiredSignature => "the token has expired",
        ErrorKind::ImmatureSignature => "the token is not valid yet",
        ErrorKind::InvalidIssuer => "the token's issuer is not accepted",
        ErrorKind::InvalidAudience => "the token's audience is not accepted",
        ErrorKind::MissingRequiredClaim(_) => {
            "the token lacks a required claim (sub, exp, iss, aud)"
        }
        ErrorKind::InvalidSignature => "the token's signature does not verify",
        ErrorKind::Json(_) => "the token's claims are malformed (see the hitbridge.roles contract)",
        _ => "invalid token",
    }
}
