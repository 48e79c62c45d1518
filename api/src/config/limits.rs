//! Bounds on what one request may ask for, and request budgets per role.

use std::{net::IpAddr, time::Duration};

use super::ConfigError;
use super::settings::*;

/// Query limits enforced on every operation.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    pub max_root_fields: usize,
    /// Field selections per document once every fragment spread is expanded.
    pub max_height: usize,
    /// Deepest bracket nesting, checked on the text before the (recursive) parser runs.
    pub parser_max_nesting: usize,
    /// Most lexical tokens in a document, checked before parsing.
    pub parser_max_tokens: usize,
    pub max_batch: usize,
    pub body_limit_bytes: usize,
    /// Largest request head (request line and headers) in bytes.
    pub max_header_bytes: usize,
    pub request_timeout: Duration,
}

impl Limits {
    pub(super) fn read(env: Env) -> Result<Self, ConfigError> {
        Ok(Self {
            max_depth: HITBRIDGE_MAX_DEPTH.value(env)?,
            max_complexity: HITBRIDGE_MAX_COMPLEXITY.value(env)?,
            max_aliases: HITBRIDGE_MAX_ALIASES.value(env)?,
            max_root_fields: HITBRIDGE_MAX_ROOT_FIELDS.value(env)?,
            max_height: HITBRIDGE_MAX_HEIGHT.value(env)?,
            parser_max_nesting: HITBRIDGE_PARSER_MAX_NESTING.value(env)?,
            parser_max_tokens: HITBRIDGE_PARSER_MAX_TOKENS.value(env)?,
            max_batch: HITBRIDGE_MAX_BATCH.value(env)?,
            body_limit_bytes: HITBRIDGE_BODY_LIMIT_BYTES.value(env)?,
            max_header_bytes: HITBRIDGE_MAX_HEADER_BYTES.value(env)?,
            request_timeout: HITBRIDGE_REQUEST_TIMEOUT_MS.value(env)?,
        })
    }
}

/// The settings' defaults.
impl Default for Limits {
    fn default() -> Self {
        Self::read(&|_| None).expect("the settings' defaults are valid")
    }
}

/// A request head must fit the server's read buffer.
pub(super) fn header_bytes(v: &str) -> Result<usize, &'static str> {
    match super::read::positive(v)? {
        n if n <= crate::http::serve::HEAD_BUFFER_BYTES => Ok(n),
        _ => Err("must be at most 2097152 (the server's read buffer for a request head)"),
    }
}

/// The roles a rate limit is set for, in the order of [`RateLimits::per_window`].
pub const RATE_ROLES: [&str; 6] = [
    "anonymous",
    "graduate",
    "school_staff",
    "school_admin",
    "employer",
    "consortium_admin",
];

/// Request budgets: how many requests a token subject (or, without a token, a client address)
/// may send per window, by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// By [`RATE_ROLES`]; 0 = unlimited.
    pub per_window: [u32; RATE_ROLES.len()],
    pub window: Duration,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
}

impl RateLimits {
    pub(super) fn read(env: Env) -> Result<Self, ConfigError> {
        Ok(Self {
            per_window: HITBRIDGE_RATE_LIMITS.value(env)?,
            window: HITBRIDGE_RATE_WINDOW_SECS.value(env)?,
            trusted_proxies: HITBRIDGE_TRUSTED_PROXIES.get(env)?.unwrap_or_default(),
        })
    }
}

/// Budgets when `HITBRIDGE_RATE_LIMITS` is unset, and for the roles it leaves out.
pub(super) const DEFAULT_BUDGETS: &str = "anonymous=600,graduate=600,school_staff=1200,school_admin=1200,employer=1200,consortium_admin=6000";

/// `role=number` pairs over [`DEFAULT_BUDGETS`], or `off` (every budget unlimited).
pub(super) fn budgets(v: &str) -> Result<[u32; RATE_ROLES.len()], &'static str> {
    let mut per_window = [0; RATE_ROLES.len()];
    if v.trim() == "off" {
        return Ok(per_window);
    }
    let bad = "must be role=number pairs separated by commas, or off";
    for entry in DEFAULT_BUDGETS.split(',').chain(v.split(',')) {
        let (role, n) = entry.split_once('=').ok_or(bad)?;
        let i = RATE_ROLES
            .iter()
            .position(|r| *r == role.trim())
            .ok_or(bad)?;
        per_window[i] = n.trim().parse().map_err(|_| bad)?;
    }
    Ok(per_window)
}

pub(super) fn proxies(v: &str) -> Result<Vec<IpAddr>, &'static str> {
    v.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse()
                .map_err(|_| "must be IP addresses separated by commas")
        })
        .collect()
}
