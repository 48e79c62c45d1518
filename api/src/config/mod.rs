//! Every setting, read once from the environment and validated at start.
//!
//! `Config::from_env()` is the only place that reads the environment. Each setting is one row of
//! [`settings`]' table. A bad value stops start-up with one line naming the setting
//! ([`ConfigError`]). Unknown `HITBRIDGE_*` variables are refused, so a typo never silently falls
//! back to a default.

use std::{net::SocketAddr, time::Duration};

mod jwt;
mod limits;
mod read;
mod secret;
pub mod settings;
#[cfg(test)]
mod tests;

pub use jwt::JwtSettings;
pub use limits::{Limits, RATE_ROLES, RateLimits};
pub use secret::{Secret, SecretUrl};
use settings::*;

/// A setting that could not be used. Displays as one line naming the setting.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {setting}: {message}")]
pub struct ConfigError {
    pub setting: String,
    pub message: String,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: SecretUrl,
    /// Largest number of pooled database connections.
    pub db_max_connections: u32,
    pub redis_url: Option<SecretUrl>,
    pub addr: SocketAddr,
    /// Longest wait for a pooled database connection; past it a request fails fast.
    pub db_acquire_timeout: Duration,
    /// Longest wait for one Redis call; past it the caller falls back (never fails a request).
    pub redis_timeout: Duration,
    /// On SIGTERM, how long in-flight requests may take before the process exits anyway.
    pub shutdown_grace: Duration,
    pub jwt: JwtSettings,
    pub introspection: bool,
    /// What a federation gateway presents to read the subgraph SDL while introspection is off.
    pub gateway_secret: Option<Secret>,
    pub log_format: LogFormat,
    /// Where request spans are exported over OTLP (a collector's base URL), if anywhere.
    pub otlp_endpoint: Option<String>,
    pub limits: Limits,
    /// Prefix of every cache key, so deployments (or tests) can share one Redis.
    pub cache_namespace: String,
    /// How long anonymous responses are cached (zero: not at all).
    pub public_cache_ttl: Duration,
    /// New persisted-query texts a caller may register per day in a shared cache.
    pub persisted_queries_per_day: u32,
    /// How long the pools' change feed is kept; a sync token older than this needs a full pull.
    pub sync_retention: Duration,
    /// Keys that seal what clients hold (sync tokens, cursors); empty: the database's own key.
    pub token_keys: Vec<Secret>,
    /// Per-role request budgets.
    pub rate_limits: RateLimits,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        if let Some((key, _)) = std::env::vars().find(|(key, _)| {
            key.starts_with("HITBRIDGE_") && !settings::ALL.iter().any(|s| s.name == key)
        }) {
            return Err(ConfigError {
                setting: key,
                message: "unknown setting (see README: Configuration)".into(),
            });
        }
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Builds the configuration from any key lookup (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env: Env = &get;
        let database_url = DATABASE_URL.value(env)?;
        // The pool's default, as the table shows it.
        let default_pool = if is_sqlite(&database_url) { 8 } else { 16 };
        Ok(Self {
            db_max_connections: HITBRIDGE_DB_MAX_CONNECTIONS
                .get(env)?
                .unwrap_or(default_pool),
            database_url,
            redis_url: REDIS_URL.get(env)?,
            addr: HITBRIDGE_ADDR.value(env)?,
            db_acquire_timeout: HITBRIDGE_DB_ACQUIRE_TIMEOUT_MS.value(env)?,
            redis_timeout: HITBRIDGE_REDIS_TIMEOUT_MS.value(env)?,
            shutdown_grace: HITBRIDGE_SHUTDOWN_GRACE_MS.value(env)?,
            jwt: JwtSettings::read(env)?,
            introspection: HITBRIDGE_INTROSPECTION.value(env)?,
            gateway_secret: HITBRIDGE_GATEWAY_SECRET.get(env)?,
            log_format: HITBRIDGE_LOG_FORMAT.value(env)?,
            otlp_endpoint: HITBRIDGE_OTLP_ENDPOINT.get(env)?,
            limits: Limits::read(env)?,
            cache_namespace: HITBRIDGE_CACHE_NAMESPACE.value(env)?,
            public_cache_ttl: HITBRIDGE_PUBLIC_CACHE_TTL_SECS.value(env)?,
            persisted_queries_per_day: HITBRIDGE_PERSISTED_QUERIES_PER_DAY.value(env)?,
            sync_retention: HITBRIDGE_SYNC_RETENTION_DAYS.value(env)?,
            token_keys: HITBRIDGE_TOKEN_KEYS.get(env)?.unwrap_or_default(),
            rate_limits: RateLimits::read(env)?,
        })
    }

    /// True when the database is SQLite (the embedded default).
    pub fn is_sqlite(&self) -> bool {
        is_sqlite(&self.database_url)
    }
}

fn is_sqlite(database_url: &SecretUrl) -> bool {
    database_url.scheme() == "sqlite"
}
