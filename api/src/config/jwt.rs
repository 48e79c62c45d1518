//! Where JWT verification keys come from, and what a token must claim.

use std::{path::PathBuf, time::Duration};

use super::settings::*;
use super::{ConfigError, Secret};

/// Where JWT verification keys come from.
#[derive(Debug, Clone)]
pub struct JwtSettings {
    pub secret: Option<Secret>,
    pub public_keys_file: Option<PathBuf>,
    pub jwks_file: Option<PathBuf>,
    pub jwks_url: Option<String>,
    pub issuer: String,
    pub audience: String,
    /// How often a JWKS URL is fetched again in the background.
    pub jwks_refresh_period: Duration,
    /// The shortest gap between two fetches triggered by an unknown `kid`.
    pub jwks_refresh_floor: Duration,
}

impl JwtSettings {
    pub(super) fn read(env: Env) -> Result<Self, ConfigError> {
        Ok(Self {
            secret: HITBRIDGE_JWT_SECRET.get(env)?,
            public_keys_file: HITBRIDGE_JWT_PUBLIC_KEYS.get(env)?,
            jwks_file: HITBRIDGE_JWKS_FILE.get(env)?,
            jwks_url: HITBRIDGE_JWKS_URL.get(env)?,
            issuer: HITBRIDGE_JWT_ISSUER.value(env)?,
            audience: HITBRIDGE_JWT_AUDIENCE.value(env)?,
            jwks_refresh_period: HITBRIDGE_JWKS_REFRESH_SECS.value(env)?,
            jwks_refresh_floor: HITBRIDGE_JWKS_REFRESH_FLOOR_SECS.value(env)?,
        })
    }

    /// Keys fetched over plain http could be swapped by anyone on the path, so only https is
    /// trusted, plus loopback addresses (development, tests).
    pub(super) fn key_url(url: &str) -> Result<String, &'static str> {
        let loopback = || {
            url.strip_prefix("http://").is_some_and(|rest| {
                ["127.0.0.1", "localhost", "[::1]"].iter().any(|host| {
                    rest.strip_prefix(host)
                        .is_some_and(|r| r.is_empty() || r.starts_with([':', '/']))
                })
            })
        };
        if url.starts_with("https://") || loopback() {
            Ok(url.to_owned())
        } else {
            Err("must be an https URL (plain http only on this machine: 127.0.0.1, localhost)")
        }
    }
}

/// The settings' defaults: no keys, issuer `hitbridge`, audience `hitbridge-api`.
impl Default for JwtSettings {
    fn default() -> Self {
        Self::read(&|_| None).expect("the settings' defaults are valid")
    }
}
