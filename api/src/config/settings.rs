//! The table of settings: each one's variable, its default as README shows it, its parser and
//! what it means. Parsing, defaults, `from_env`'s list of known variables and README's
//! configuration table (a test keeps them equal) all come from here.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use super::{ConfigError, JwtSettings, LogFormat, Secret, SecretUrl, limits, read};

/// Where settings are looked up: the process environment, or a map in tests.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// One setting, parsed by `read` (whose error says what the text must be).
pub struct Setting<T> {
    pub about: About,
    pub read: fn(&str) -> Result<T, &'static str>,
}

/// A setting as README describes it.
#[derive(Clone, Copy)]
pub struct About {
    pub name: &'static str,
    pub unset: Unset,
    pub meaning: &'static str,
}

/// What an unset (or blank) setting amounts to.
#[derive(Clone, Copy)]
pub enum Unset {
    /// The same as this text (the default, shown in backticks).
    Reads(&'static str),
    /// No value; the text says what follows (e.g. "unset (in-process cache)").
    Means(&'static str),
}

impl<T> Setting<T> {
    /// The value set, if any.
    pub fn get(&self, env: Env) -> Result<Option<T>, ConfigError> {
        env(self.about.name)
            .filter(|v| !v.trim().is_empty())
            .map(|v| self.parse(&v))
            .transpose()
    }

    /// The value set, or else the default.
    pub fn value(&self, env: Env) -> Result<T, ConfigError> {
        match (self.get(env)?, self.about.unset) {
            (Some(value), _) => Ok(value),
            (None, Unset::Reads(default)) => self.parse(default),
            (None, Unset::Means(_)) => Err(self.about.invalid("must be set")),
        }
    }

    fn parse(&self, text: &str) -> Result<T, ConfigError> {
        (self.read)(text).map_err(|message| self.about.invalid(message))
    }
}

/// The table as README's configuration section shows it (Markdown; a test keeps them equal).
pub fn markdown() -> String {
    let mut out = String::from("| setting | default | meaning |\n|---|---|---|\n");
    for about in ALL {
        let default = match about.unset {
            Unset::Reads(text) => format!("`{text}`"),
            Unset::Means(text) => text.to_owned(),
        };
        out.push_str(&format!(
            "| `{}` | {default} | {} |\n",
            about.name, about.meaning
        ));
    }
    out
}

impl About {
    fn invalid(&self, message: &str) -> ConfigError {
        ConfigError {
            setting: self.name.into(),
            message: message.into(),
        }
    }
}

/// Declares each setting as a constant named like its variable, and [`ALL`] in the same order.
macro_rules! settings {
    ($($name:ident: $ty:ty = $unset:expr, $read:expr, $meaning:literal;)*) => {
        $(pub const $name: Setting<$ty> = Setting {
            about: About { name: stringify!($name), unset: $unset, meaning: $meaning },
            read: $read,
        };)*
        /// Every setting, in README's order.
        pub const ALL: &[About] = &[$($name.about),*];
    };
}

use Unset::{Means, Reads};

settings! {
    DATABASE_URL: SecretUrl = Reads("sqlite://hitbridge.db?mode=rwc"), read::database_url,
        "`postgres://…` or `sqlite://…`";
    REDIS_URL: SecretUrl = Means("unset (in-process cache)"), read::redis_url,
        "`redis://…`; shared response cache across replicas";
    HITBRIDGE_ADDR: SocketAddr = Reads("127.0.0.1:8080"), read::socket_addr, "listen address";
    HITBRIDGE_JWT_SECRET: Secret = Means("unset"), read::secret, "HS256 secret, at least 32 bytes";
    HITBRIDGE_JWT_PUBLIC_KEYS: PathBuf = Means("unset"), read::path,
        "file of PEM public keys (RS256/ES256)";
    HITBRIDGE_JWKS_FILE: PathBuf = Means("unset"), read::path,
        "JWKS document file; keys chosen by `kid`";
    HITBRIDGE_JWKS_URL: String = Means("unset"), JwtSettings::key_url,
        "JWKS document URL; keys chosen by `kid`; must be https (plain http only on 127.0.0.1 / localhost)";
    HITBRIDGE_JWKS_REFRESH_SECS: Duration = Reads("300"), read::seconds,
        "how often a JWKS URL is fetched again in the background";
    HITBRIDGE_JWKS_REFRESH_FLOOR_SECS: Duration = Reads("30"), read::seconds_or_zero,
        "least time between two fetches caused by an unknown `kid`";
    HITBRIDGE_JWT_ISSUER: String = Reads("hitbridge"), read::text, "required `iss`";
    HITBRIDGE_JWT_AUDIENCE: String = Reads("hitbridge-api"), read::text, "required `aud`";
    HITBRIDGE_INTROSPECTION: bool = Reads("on"), read::on_off,
        "GraphQL introspection (and, while on, the federation SDL `_service { sdl }` for anyone)";
    HITBRIDGE_GATEWAY_SECRET: Secret = Means("unset"), read::secret,
        "at least 32 bytes; with introspection off, `_service { sdl }` is served only to a request carrying it in `x-hitbridge-gateway-secret` (your gateway or router), to no one when unset; never cached";
    HITBRIDGE_LOG_FORMAT: LogFormat = Reads("pretty"), read::log_format,
        "`pretty` or `json` (logs go to stderr; `RUST_LOG` filters)";
    HITBRIDGE_OTLP_ENDPOINT: String = Means("unset (no export)"), read::http_url,
        "an OpenTelemetry collector's base URL, e.g. `http://collector:4318`: request spans are exported there over OTLP/HTTP";
    HITBRIDGE_DB_MAX_CONNECTIONS: u32 = Means("8 (SQLite) / 16"), read::positive,
        "database pool size";
    HITBRIDGE_DB_ACQUIRE_TIMEOUT_MS: Duration = Reads("1000"), read::millis,
        "longest wait for a pooled connection; past it the request fails fast with `SERVICE_UNAVAILABLE` (HTTP 503)";
    HITBRIDGE_REDIS_TIMEOUT_MS: Duration = Reads("250"), read::millis,
        "longest wait for one Redis call; past it the cache counts as a miss (a Redis failure never fails a request)";
    HITBRIDGE_SHUTDOWN_GRACE_MS: Duration = Reads("10000"), read::millis,
        "on SIGTERM or Ctrl-C: no new connections, in-flight requests get this long, then the process exits";
    HITBRIDGE_REQUEST_TIMEOUT_MS: Duration = Reads("10000"), read::millis,
        "per-request time limit (→ `SERVICE_UNAVAILABLE`, HTTP 503)";
    HITBRIDGE_BODY_LIMIT_BYTES: usize = Reads("262144"), read::positive,
        "largest request body (→ HTTP 413, `BAD_USER_INPUT`)";
    HITBRIDGE_MAX_HEADER_BYTES: usize = Reads("65536"), limits::header_bytes,
        "largest request head, request line and headers (→ HTTP 431, `BAD_USER_INPUT`); at most 2 MiB, the server's read buffer for a head";
    // Accepted so that deployments that still set it start; never read.
    HITBRIDGE_DATALOADER_DELAY_MS: () = Means("–"), |_| Ok(()),
        "obsolete and ignored: related records are read in one batch per level once a request can go no further, never after a delay";
    HITBRIDGE_MAX_DEPTH: usize = Reads("16"), read::positive,
        "deepest query (→ `QUERY_TOO_COMPLEX`)";
    HITBRIDGE_MAX_COMPLEXITY: usize = Reads("20000"), read::positive,
        "costliest query; a list field costs `first` × its selection";
    HITBRIDGE_MAX_ALIASES: usize = Reads("30"), read::positive,
        "aliased fields per document, fragments expanded";
    HITBRIDGE_MAX_HEIGHT: usize = Reads("1000"), read::positive,
        "field selections per document once every fragment spread is expanded (counted without expanding, so a document of doubling spreads is refused in linear time)";
    HITBRIDGE_MAX_ROOT_FIELDS: usize = Reads("20"), read::positive,
        "root fields per operation, looking through fragments";
    HITBRIDGE_PARSER_MAX_NESTING: usize = Reads("64"), read::positive,
        "deepest nesting of `{`, `(`, `[`, checked on the text before the parser runs";
    HITBRIDGE_PARSER_MAX_TOKENS: usize = Reads("15000"), read::positive,
        "most tokens in a document, checked before the parser runs";
    HITBRIDGE_MAX_BATCH: usize = Reads("10"), read::positive,
        "operations in one batched (JSON array) request";
    HITBRIDGE_PUBLIC_CACHE_TTL_SECS: Duration = Reads("30"), read::seconds_or_zero,
        "anonymous response cache lifetime; `0` turns it off";
    HITBRIDGE_SYNC_RETENTION_DAYS: Duration = Reads("30"), read::days,
        "how long the candidate pools' change feed is kept; a sync token older than that gets a clear error asking for a full pull";
    HITBRIDGE_TOKEN_KEYS: Vec<Secret> = Means("unset (a key generated once and kept in the database)"), read::secrets,
        "keys that seal sync tokens and page cursors, each at least 32 bytes, separated by commas: the first seals, every one opens. To rotate, put the new key first and keep the old one for `HITBRIDGE_SYNC_RETENTION_DAYS`";
    HITBRIDGE_CACHE_NAMESPACE: String = Reads("hitbridge"), read::text,
        "prefix of every cache key (several deployments can share a Redis)";
    HITBRIDGE_PERSISTED_QUERIES_PER_DAY: u32 = Reads("1000"), read::positive,
        "new persisted-query texts one caller (token subject, or client address) may register in Redis per day, across replicas (each kept a day)";
    HITBRIDGE_RATE_LIMITS: [u32; limits::RATE_ROLES.len()] = Reads(limits::DEFAULT_BUDGETS), limits::budgets,
        "requests per window by role, per token subject (anonymous callers: per client address); any role left out keeps its default; `0` = unlimited; `off` = no limits. Over budget: `RATE_LIMITED`, HTTP 429, `Retry-After`";
    HITBRIDGE_RATE_WINDOW_SECS: Duration = Reads("60"), read::seconds,
        "length of a rate-limit window";
    HITBRIDGE_TRUSTED_PROXIES: Vec<std::net::IpAddr> = Means("unset"), limits::proxies,
        "addresses of your proxies (comma-separated): only behind one of them is `X-Forwarded-For` believed, and the last address in it that is not a proxy is the client";
}
