//! Every setting, read once from the environment and validated at start.
//!
//! `Config::from_env()` is the only place that reads the environment. A bad value stops start-up
//! with one line naming the setting ([`ConfigError`]). Unknown `HITBRIDGE_*` variables are refused,
//! so a typo never silently falls back to a default.

use std::{fmt, net::SocketAddr, path::PathBuf, time::Duration};

/// Default database: a SQLite file in the working directory (the embedded default).
pub const DEFAULT_DATABASE_URL: &str = "sqlite://hitbridge.db?mode=rwc";

/// The settings this service knows, with what each does (also listed in the README).
pub const SETTINGS: &[(&str, &str)] = &[
    (
        "DATABASE_URL",
        "postgres://… or sqlite://…; default sqlite://hitbridge.db?mode=rwc",
    ),
    ("REDIS_URL", "redis://…; unset = in-process cache"),
    ("HITBRIDGE_ADDR", "listen address; default 127.0.0.1:8080"),
    (
        "HITBRIDGE_JWT_SECRET",
        "HS256 secret (at least 32 bytes); unset = HS256 off",
    ),
    (
        "HITBRIDGE_JWT_PUBLIC_KEYS",
        "file of PEM public keys (RS256/ES256)",
    ),
    (
        "HITBRIDGE_JWKS_FILE",
        "JWKS document file; keys chosen by kid",
    ),
    (
        "HITBRIDGE_JWKS_URL",
        "JWKS URL, refreshed periodically and on unknown kid",
    ),
    (
        "HITBRIDGE_JWKS_REFRESH_SECS",
        "background JWKS refresh period; default 300",
    ),
    (
        "HITBRIDGE_JWKS_REFRESH_FLOOR_SECS",
        "least seconds between fetches on unknown kid; default 30",
    ),
    ("HITBRIDGE_JWT_ISSUER", "required iss; default hitbridge"),
    (
        "HITBRIDGE_JWT_AUDIENCE",
        "required aud; default hitbridge-api",
    ),
    (
        "HITBRIDGE_DB_MAX_CONNECTIONS",
        "database pool size; default 8 (SQLite) or 16",
    ),
    (
        "HITBRIDGE_INTROSPECTION",
        "GraphQL introspection on/off; default on",
    ),
    (
        "HITBRIDGE_GATEWAY_SECRET",
        "shared secret (at least 32 bytes) a federation gateway sends in x-hitbridge-gateway-secret to read `_service { sdl }` while introspection is off; unset = no one can then",
    ),
    ("HITBRIDGE_LOG_FORMAT", "pretty|json; default pretty"),
    (
        "HITBRIDGE_OTLP_ENDPOINT",
        "OpenTelemetry collector base URL (OTLP over HTTP, e.g. http://collector:4318) to export request spans to; unset = no export",
    ),
    (
        "HITBRIDGE_REQUEST_TIMEOUT_MS",
        "per-request time limit; default 10000",
    ),
    (
        "HITBRIDGE_BODY_LIMIT_BYTES",
        "largest request body; default 262144",
    ),
    (
        "HITBRIDGE_MAX_HEADER_BYTES",
        "largest request head (request line and headers; larger: HTTP 431); default 65536, at most 2097152",
    ),
    ("HITBRIDGE_MAX_DEPTH", "deepest query; default 16"),
    (
        "HITBRIDGE_MAX_COMPLEXITY",
        "costliest query (a list costs `first` times its fields); default 20000",
    ),
    (
        "HITBRIDGE_MAX_ALIASES",
        "aliased fields per document, fragments expanded; default 30",
    ),
    (
        "HITBRIDGE_MAX_HEIGHT",
        "field selections per document once fragments are expanded; default 1000",
    ),
    (
        "HITBRIDGE_PARSER_MAX_NESTING",
        "deepest nesting of brackets in a document, checked before parsing; default 64",
    ),
    (
        "HITBRIDGE_PARSER_MAX_TOKENS",
        "most tokens in a document, checked before parsing; default 15000",
    ),
    (
        "HITBRIDGE_DB_ACQUIRE_TIMEOUT_MS",
        "longest wait for a database connection before SERVICE_UNAVAILABLE; default 1000",
    ),
    (
        "HITBRIDGE_REDIS_TIMEOUT_MS",
        "longest wait for one Redis call before falling back; default 250",
    ),
    (
        "HITBRIDGE_SHUTDOWN_GRACE_MS",
        "on SIGTERM, how long in-flight requests may finish; default 10000",
    ),
    (
        "HITBRIDGE_DATALOADER_DELAY_MS",
        "obsolete and ignored: batched loads no longer wait (accepted so that deployments that set it still start)",
    ),
    (
        "HITBRIDGE_MAX_ROOT_FIELDS",
        "root fields per operation; default 20",
    ),
    (
        "HITBRIDGE_MAX_BATCH",
        "operations per batched request; default 10",
    ),
    (
        "HITBRIDGE_CACHE_NAMESPACE",
        "prefix of every cache key; default hitbridge",
    ),
    (
        "HITBRIDGE_PUBLIC_CACHE_TTL_SECS",
        "anonymous response cache lifetime; 0 = off; default 30",
    ),
    (
        "HITBRIDGE_PERSISTED_QUERIES_PER_DAY",
        "new persisted-query texts one caller (token subject, or client address) may register in Redis per day (each kept a day); default 1000",
    ),
    (
        "HITBRIDGE_RATE_LIMITS",
        "requests per window by role, e.g. anonymous=600,graduate=600,school_staff=1200,school_admin=1200,employer=1200,consortium_admin=6000 (those are the defaults; 0 = unlimited; off = no limits)",
    ),
    (
        "HITBRIDGE_RATE_WINDOW_SECS",
        "length of a rate-limit window; default 60",
    ),
    (
        "HITBRIDGE_TRUSTED_PROXIES",
        "comma-separated addresses of proxies whose X-Forwarded-For names the client (anonymous callers are limited per client address); default none",
    ),
    (
        "HITBRIDGE_SYNC_RETENTION_DAYS",
        "how long the candidate pools' change feed is kept (older sync tokens need a full pull); default 30",
    ),
    (
        "HITBRIDGE_TOKEN_KEYS",
        "keys (each at least 32 bytes, comma-separated) that seal sync tokens and page cursors: the first seals, all open (rotation); unset = one key generated and kept in the database",
    ),
];

/// A setting that could not be used. Displays as one line naming the setting.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {setting}: {message}")]
pub struct ConfigError {
    pub setting: String,
    pub message: String,
}

/// A string that never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret's value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

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

impl Default for JwtSettings {
    fn default() -> Self {
        Self {
            secret: None,
            public_keys_file: None,
            jwks_file: None,
            jwks_url: None,
            issuer: "hitbridge".into(),
            audience: "hitbridge-api".into(),
            jwks_refresh_period: Duration::from_secs(300),
            jwks_refresh_floor: Duration::from_secs(30),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 16,
            max_complexity: 20_000,
            max_aliases: 30,
            max_root_fields: 20,
            max_height: 1_000,
            parser_max_nesting: 64,
            parser_max_tokens: 15_000,
            max_batch: 10,
            body_limit_bytes: 256 * 1024,
            max_header_bytes: 64 * 1024,
            request_timeout: Duration::from_secs(10),
        }
    }
}

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

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// Largest number of pooled database connections.
    pub db_max_connections: u32,
    pub redis_url: Option<String>,
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
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl RateLimits {
    /// The defaults: 600 a minute for anonymous callers and graduates, 1200 for schools and
    /// employers, 6000 for consortium admins.
    pub const DEFAULT: [u32; RATE_ROLES.len()] = [600, 600, 1200, 1200, 1200, 6000];

    fn parse(
        limits: Option<String>,
        window: Duration,
        proxies: Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut per_window = Self::DEFAULT;
        match limits.as_deref().map(str::trim) {
            None => {}
            Some("off") => per_window = [0; RATE_ROLES.len()],
            Some(list) => {
                for entry in list.split(',') {
                    let bad = || {
                        invalid(
                            "HITBRIDGE_RATE_LIMITS",
                            "must be role=number pairs separated by commas, or off",
                        )
                    };
                    let (role, n) = entry.split_once('=').ok_or_else(bad)?;
                    let i = RATE_ROLES
                        .iter()
                        .position(|r| *r == role.trim())
                        .ok_or_else(bad)?;
                    per_window[i] = n.trim().parse().map_err(|_| bad())?;
                }
            }
        }
        let trusted_proxies = proxies
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse().map_err(|_| {
                    invalid(
                        "HITBRIDGE_TRUSTED_PROXIES",
                        "must be IP addresses separated by commas",
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            per_window,
            window,
            trusted_proxies,
        })
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        if let Some((key, _)) = std::env::vars().find(|(key, _)| {
            key.starts_with("HITBRIDGE_") && !SETTINGS.iter().any(|(known, _)| known == key)
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
        let get = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(invalid(
                "DATABASE_URL",
                "must start with sqlite: or postgres://",
            ));
        }
        let redis_url = get("REDIS_URL");
        if let Some(url) = &redis_url
            && !url.starts_with("redis://")
            && !url.starts_with("rediss://")
        {
            return Err(invalid(
                "REDIS_URL",
                "must start with redis:// or rediss://",
            ));
        }
        let secret = get("HITBRIDGE_JWT_SECRET").map(Secret);
        if let Some(secret) = &secret
            && secret.expose().len() < 32
        {
            return Err(invalid("HITBRIDGE_JWT_SECRET", "must be at least 32 bytes"));
        }
        let log_format = match get("HITBRIDGE_LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(_) => return Err(invalid("HITBRIDGE_LOG_FORMAT", "must be pretty or json")),
        };
        let number = |key: &str, default: usize| -> Result<usize, ConfigError> {
            match get(key) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| invalid(key, "must be a positive whole number")),
            }
        };
        let millis = |key: &str, default: u64| -> Result<Duration, ConfigError> {
            Ok(Duration::from_millis(number(key, default as usize)? as u64))
        };
        let defaults = Limits::default();
        let default_pool = if database_url.starts_with("sqlite:") {
            8
        } else {
            16
        };
        Ok(Self {
            db_max_connections: number("HITBRIDGE_DB_MAX_CONNECTIONS", default_pool)? as u32,
            database_url,
            redis_url,
            db_acquire_timeout: millis("HITBRIDGE_DB_ACQUIRE_TIMEOUT_MS", 1_000)?,
            redis_timeout: millis("HITBRIDGE_REDIS_TIMEOUT_MS", 250)?,
            shutdown_grace: millis("HITBRIDGE_SHUTDOWN_GRACE_MS", 10_000)?,
            addr: match get("HITBRIDGE_ADDR") {
                None => SocketAddr::from(([127, 0, 0, 1], 8080)),
                Some(v) => v.parse().map_err(|_| {
                    invalid("HITBRIDGE_ADDR", "must be host:port, e.g. 127.0.0.1:8080")
                })?,
            },
            jwt: JwtSettings {
                secret,
                public_keys_file: get("HITBRIDGE_JWT_PUBLIC_KEYS").map(PathBuf::from),
                jwks_file: get("HITBRIDGE_JWKS_FILE").map(PathBuf::from),
                jwks_url: match get("HITBRIDGE_JWKS_URL") {
                    Some(url) if !is_trusted_key_url(&url) => {
                        return Err(invalid(
                            "HITBRIDGE_JWKS_URL",
                            "must be an https URL (plain http only on this machine: 127.0.0.1, localhost)",
                        ));
                    }
                    other => other,
                },
                jwks_refresh_period: Duration::from_secs(
                    number("HITBRIDGE_JWKS_REFRESH_SECS", 300)? as u64,
                ),
                jwks_refresh_floor: Duration::from_secs(
                    match get("HITBRIDGE_JWKS_REFRESH_FLOOR_SECS") {
                        None => 30,
                        Some(v) => v.trim().parse().map_err(|_| {
                            invalid(
                                "HITBRIDGE_JWKS_REFRESH_FLOOR_SECS",
                                "must be a whole number of seconds",
                            )
                        })?,
                    },
                ),
                issuer: get("HITBRIDGE_JWT_ISSUER").unwrap_or_else(|| "hitbridge".into()),
                audience: get("HITBRIDGE_JWT_AUDIENCE").unwrap_or_else(|| "hitbridge-api".into()),
            },
            introspection: match get("HITBRIDGE_INTROSPECTION").as_deref() {
                None | Some("on" | "true" | "1") => true,
                Some("off" | "false" | "0") => false,
                Some(_) => return Err(invalid("HITBRIDGE_INTROSPECTION", "must be on or off")),
            },
            gateway_secret: match get("HITBRIDGE_GATEWAY_SECRET").map(Secret) {
                Some(secret) if secret.expose().len() < 32 => {
                    return Err(invalid(
                        "HITBRIDGE_GATEWAY_SECRET",
                        "must be at least 32 bytes",
                    ));
                }
                other => other,
            },
            log_format,
            otlp_endpoint: match get("HITBRIDGE_OTLP_ENDPOINT") {
                Some(url) if !(url.starts_with("http://") || url.starts_with("https://")) => {
                    return Err(invalid(
                        "HITBRIDGE_OTLP_ENDPOINT",
                        "must be an http:// or https:// URL",
                    ));
                }
                other => other,
            },
            cache_namespace: get("HITBRIDGE_CACHE_NAMESPACE").unwrap_or_else(|| "hitbridge".into()),
            public_cache_ttl: Duration::from_secs(match get("HITBRIDGE_PUBLIC_CACHE_TTL_SECS") {
                None => 30,
                Some(v) => v.trim().parse().map_err(|_| {
                    invalid(
                        "HITBRIDGE_PUBLIC_CACHE_TTL_SECS",
                        "must be a whole number of seconds",
                    )
                })?,
            }),
            persisted_queries_per_day: number("HITBRIDGE_PERSISTED_QUERIES_PER_DAY", 1_000)?
                .try_into()
                .map_err(|_| invalid("HITBRIDGE_PERSISTED_QUERIES_PER_DAY", "is too large"))?,
            rate_limits: RateLimits::parse(
                get("HITBRIDGE_RATE_LIMITS"),
                Duration::from_secs(number("HITBRIDGE_RATE_WINDOW_SECS", 60)? as u64),
                get("HITBRIDGE_TRUSTED_PROXIES"),
            )?,
            sync_retention: Duration::from_secs(
                number("HITBRIDGE_SYNC_RETENTION_DAYS", 30)? as u64 * 86_400,
            ),
            token_keys: token_keys(get("HITBRIDGE_TOKEN_KEYS"))?,
            limits: Limits {
                max_depth: number("HITBRIDGE_MAX_DEPTH", defaults.max_depth)?,
                max_complexity: number("HITBRIDGE_MAX_COMPLEXITY", defaults.max_complexity)?,
                max_aliases: number("HITBRIDGE_MAX_ALIASES", defaults.max_aliases)?,
                max_root_fields: number("HITBRIDGE_MAX_ROOT_FIELDS", defaults.max_root_fields)?,
                max_height: number("HITBRIDGE_MAX_HEIGHT", defaults.max_height)?,
                parser_max_nesting: number(
                    "HITBRIDGE_PARSER_MAX_NESTING",
                    defaults.parser_max_nesting,
                )?,
                parser_max_tokens: number(
                    "HITBRIDGE_PARSER_MAX_TOKENS",
                    defaults.parser_max_tokens,
                )?,
                max_batch: number("HITBRIDGE_MAX_BATCH", defaults.max_batch)?,
                body_limit_bytes: number("HITBRIDGE_BODY_LIMIT_BYTES", defaults.body_limit_bytes)?,
                max_header_bytes: match number(
                    "HITBRIDGE_MAX_HEADER_BYTES",
                    defaults.max_header_bytes,
                )? {
                    n if n <= crate::http::serve::HEAD_BUFFER_BYTES => n,
                    _ => {
                        return Err(invalid(
                            "HITBRIDGE_MAX_HEADER_BYTES",
                            "must be at most 2097152 (the server's read buffer for a request head)",
                        ));
                    }
                },
                request_timeout: Duration::from_millis(number(
                    "HITBRIDGE_REQUEST_TIMEOUT_MS",
                    defaults.request_timeout.as_millis() as usize,
                )? as u64),
            },
        })
    }

    /// True when the database is SQLite (the embedded default).
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

/// Keys fetched over plain http could be swapped by anyone on the path, so only https is
/// trusted, plus loopback addresses (development, tests).
fn is_trusted_key_url(url: &str) -> bool {
    if url.starts_with("https://") {
        return true;
    }
    url.strip_prefix("http://").is_some_and(|rest| {
        ["127.0.0.1", "localhost", "[::1]"].iter().any(|host| {
            rest.strip_prefix(host)
                .is_some_and(|r| r.is_empty() || r.starts_with([':', '/']))
        })
    })
}

/// `HITBRIDGE_TOKEN_KEYS`: secrets separated by commas, each at least 32 bytes.
fn token_keys(list: Option<String>) -> Result<Vec<Secret>, ConfigError> {
    let keys: Vec<Secret> = list
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(Secret::new)
        .collect();
    if keys.iter().any(|k| k.expose().len() < 32) {
        return Err(invalid(
            "HITBRIDGE_TOKEN_KEYS",
            "each key must be at least 32 bytes (keys are separated by commas)",
        ));
    }
    Ok(keys)
}

fn invalid(setting: &str, message: &str) -> ConfigError {
    ConfigError {
        setting: setting.into(),
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_string())
        })
    }

    #[test]
    fn defaults_are_the_embedded_setup() {
        let config = config(&[]).expect("defaults are valid");
        assert!(config.is_sqlite());
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert!(config.redis_url.is_none());
        assert_eq!(config.jwt.issuer, "hitbridge");
    }

    #[test]
    fn a_bad_value_names_its_setting() {
        let err = config(&[("HITBRIDGE_ADDR", "nowhere")]).expect_err("bad addr");
        assert_eq!(err.setting, "HITBRIDGE_ADDR");
        let err = config(&[("HITBRIDGE_MAX_DEPTH", "-1")]).expect_err("bad depth");
        assert!(err.to_string().contains("HITBRIDGE_MAX_DEPTH"));
        let err = config(&[("HITBRIDGE_JWT_SECRET", "short")]).expect_err("short secret");
        assert_eq!(err.setting, "HITBRIDGE_JWT_SECRET");
    }

    #[test]
    fn every_setting_read_is_listed_so_from_env_accepts_it() {
        let asked = std::sync::Mutex::new(Vec::new());
        let _ = Config::from_lookup(|key| {
            asked.lock().expect("lock").push(key.to_owned());
            None
        });
        for key in asked.into_inner().expect("lock") {
            assert!(
                SETTINGS.iter().any(|(k, _)| *k == key),
                "{key} missing from SETTINGS"
            );
        }
    }

    #[test]
    fn a_jwks_url_must_be_https_unless_on_this_machine() {
        assert!(config(&[("HITBRIDGE_JWKS_URL", "http://idp.example.edu/jwks")]).is_err());
        assert!(config(&[("HITBRIDGE_JWKS_URL", "https://idp.example.edu/jwks")]).is_ok());
        assert!(config(&[("HITBRIDGE_JWKS_URL", "http://127.0.0.1:9000/jwks")]).is_ok());
    }

    #[test]
    fn secrets_do_not_print() {
        let secret = Secret("a".repeat(40));
        assert_eq!(format!("{secret:?}"), "Secret(***)");
    }
}
