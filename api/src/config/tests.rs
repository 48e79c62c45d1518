use super::settings::{ALL, markdown};
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
fn readme_lists_exactly_the_settings_table() {
    let readme = include_str!("../../../README.md");
    let section = readme
        .split_once("\n## Configuration\n")
        .expect("README has a Configuration section")
        .1;
    let table: String = section
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .map(|line| format!("{line}\n"))
        .collect();
    let expected = markdown();
    assert!(
        table == expected,
        "README's configuration table differs; it should read:\n{expected}"
    );
}

#[test]
fn setting_names_are_unique() {
    for (i, about) in ALL.iter().enumerate() {
        assert!(
            ALL[..i].iter().all(|earlier| earlier.name != about.name),
            "{} twice",
            about.name
        );
    }
}

#[test]
fn defaults_are_the_embedded_setup() {
    let config = config(&[]).expect("defaults are valid");
    assert!(config.is_sqlite());
    assert_eq!(config.db_max_connections, 8);
    assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
    assert!(config.redis_url.is_none());
    assert_eq!(config.jwt.issuer, "hitbridge");
    assert_eq!(config.limits.body_limit_bytes, 256 * 1024);
    assert_eq!(
        config.rate_limits.per_window,
        [600, 600, 1200, 1200, 1200, 6000]
    );
}

#[test]
fn a_bad_value_names_its_setting() {
    let err = config(&[("HITBRIDGE_ADDR", "nowhere")]).expect_err("bad addr");
    assert_eq!(err.setting, "HITBRIDGE_ADDR");
    let err = config(&[("HITBRIDGE_MAX_DEPTH", "-1")]).expect_err("bad depth");
    assert_eq!(
        err.to_string(),
        "invalid setting HITBRIDGE_MAX_DEPTH: must be a positive whole number"
    );
    let err = config(&[("HITBRIDGE_JWT_SECRET", "short")]).expect_err("short secret");
    assert_eq!(err.setting, "HITBRIDGE_JWT_SECRET");
    let err = config(&[("DATABASE_URL", "mysql://db")]).expect_err("bad database");
    assert_eq!(err.setting, "DATABASE_URL");
}

#[test]
fn rate_limits_left_out_keep_their_default() {
    let some = config(&[("HITBRIDGE_RATE_LIMITS", "anonymous=3,employer=0")]).expect("valid");
    assert_eq!(some.rate_limits.per_window, [3, 600, 1200, 1200, 0, 6000]);
    let off = config(&[("HITBRIDGE_RATE_LIMITS", "off")]).expect("valid");
    assert_eq!(off.rate_limits.per_window, [0; 6]);
    let err = config(&[("HITBRIDGE_RATE_LIMITS", "boss=1")]).expect_err("no such role");
    assert_eq!(err.setting, "HITBRIDGE_RATE_LIMITS");
}

#[test]
fn a_jwks_url_must_be_https_unless_on_this_machine() {
    assert!(config(&[("HITBRIDGE_JWKS_URL", "http://idp.example.edu/jwks")]).is_err());
    assert!(config(&[("HITBRIDGE_JWKS_URL", "https://idp.example.edu/jwks")]).is_ok());
    assert!(config(&[("HITBRIDGE_JWKS_URL", "http://127.0.0.1:9000/jwks")]).is_ok());
}

#[test]
fn secrets_do_not_print() {
    let secret = Secret::new("a".repeat(40));
    assert_eq!(format!("{secret:?}"), "Secret(***)");
}

#[test]
fn urls_print_without_their_password() {
    let url = SecretUrl::new("postgres://app:hunter2@db.example:5432/hitbridge");
    assert_eq!(
        url.to_string(),
        "postgres://app:***@db.example:5432/hitbridge"
    );
    assert!(!format!("{url:?}").contains("hunter2"));
    let redis = SecretUrl::new("redis://:p@ss/word@cache:6379/0");
    assert_eq!(redis.to_string(), "redis://:***@cache:6379/0");
    assert!(!format!("{redis:?}").contains("word"));
    let query = SecretUrl::new("postgres://db/hb?user=app&password=hunter2&sslmode=require");
    assert_eq!(
        query.to_string(),
        "postgres://db/hb?user=app&password=***&sslmode=require"
    );
    for plain in [
        "postgres://app@db.example/hitbridge",
        "sqlite://hitbridge.db?mode=rwc",
    ] {
        assert_eq!(SecretUrl::new(plain).to_string(), plain);
        assert_eq!(
            format!("{:?}", SecretUrl::new(plain)),
            format!("SecretUrl({plain})")
        );
    }
}
