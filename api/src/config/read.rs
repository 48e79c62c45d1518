//! Parsers from a setting's text to its value. Each error says what the text must be; the
//! caller names the setting.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use super::{LogFormat, Secret, SecretUrl};

type Read<T> = Result<T, &'static str>;

pub fn text(v: &str) -> Read<String> {
    Ok(v.to_owned())
}

pub fn path(v: &str) -> Read<PathBuf> {
    Ok(v.into())
}

pub fn socket_addr(v: &str) -> Read<SocketAddr> {
    v.trim()
        .parse()
        .map_err(|_| "must be host:port, e.g. 127.0.0.1:8080")
}

pub fn database_url(v: &str) -> Read<SecretUrl> {
    let schemes = ["sqlite:", "postgres"];
    starting(v, &schemes, "must start with sqlite: or postgres://").map(SecretUrl::new)
}

pub fn redis_url(v: &str) -> Read<SecretUrl> {
    let schemes = ["redis://", "rediss://"];
    starting(v, &schemes, "must start with redis:// or rediss://").map(SecretUrl::new)
}

pub fn http_url(v: &str) -> Read<String> {
    let schemes = ["http://", "https://"];
    starting(v, &schemes, "must be an http:// or https:// URL").map(str::to_owned)
}

/// `v` when it starts with one of `prefixes`.
fn starting<'a>(v: &'a str, prefixes: &[&str], wrong: &'static str) -> Read<&'a str> {
    let known = prefixes.iter().any(|p| v.starts_with(p));
    known.then_some(v).ok_or(wrong)
}

pub fn secret(v: &str) -> Read<Secret> {
    if v.len() < 32 {
        return Err("must be at least 32 bytes");
    }
    Ok(Secret::new(v))
}

/// Secrets separated by commas, each at least 32 bytes.
pub fn secrets(v: &str) -> Read<Vec<Secret>> {
    v.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| {
            secret(k)
                .map_err(|_| "each key must be at least 32 bytes (keys are separated by commas)")
        })
        .collect()
}

pub fn on_off(v: &str) -> Read<bool> {
    match v.trim() {
        "on" | "true" | "1" => Ok(true),
        "off" | "false" | "0" => Ok(false),
        _ => Err("must be on or off"),
    }
}

pub fn log_format(v: &str) -> Read<LogFormat> {
    match v.trim() {
        "pretty" => Ok(LogFormat::Pretty),
        "json" => Ok(LogFormat::Json),
        _ => Err("must be pretty or json"),
    }
}

/// A whole number above zero, in whatever type the setting needs.
pub fn positive<T: TryFrom<usize>>(v: &str) -> Read<T> {
    let n = v
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or("must be a positive whole number")?;
    T::try_from(n).map_err(|_| "is too large")
}

pub fn millis(v: &str) -> Read<Duration> {
    positive(v).map(Duration::from_millis)
}

pub fn seconds(v: &str) -> Read<Duration> {
    positive(v).map(Duration::from_secs)
}

/// Seconds where zero means "none" (no cache, no floor).
pub fn seconds_or_zero(v: &str) -> Read<Duration> {
    v.trim()
        .parse()
        .map(Duration::from_secs)
        .map_err(|_| "must be a whole number of seconds")
}

pub fn days(v: &str) -> Read<Duration> {
    positive::<u64>(v)?
        .checked_mul(86_400)
        .map(Duration::from_secs)
        .ok_or("is too large")
}
