//! Development tokens signed with the HS256 secret (`hitbridge token`).

use std::time::Duration;

use jsonwebtoken::{EncodingKey, Header, encode};
use serde::Serialize;

use super::{HitbridgeClaim, RoleClaim};
use crate::config::JwtSettings;

#[derive(Serialize)]
struct MintedClaims<'a> {
    sub: &'a str,
    iss: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
    hitbridge: HitbridgeClaim,
}

/// Signs a token for `sub` with one role, valid for `ttl`. Refuses when no secret is configured.
pub fn mint(
    settings: &JwtSettings,
    sub: &str,
    role: RoleClaim,
    ttl: Duration,
) -> Result<String, String> {
    let secret = settings.secret.as_ref().ok_or(
        "HITBRIDGE_JWT_SECRET is not set: there is no key to sign development tokens with",
    )?;
    let now = jsonwebtoken::get_current_timestamp();
    let claims = MintedClaims {
        sub,
        iss: &settings.issuer,
        aud: &settings.audience,
        iat: now,
        exp: now + ttl.as_secs(),
        hitbridge: HitbridgeClaim { roles: vec![role] },
    };
    encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret.expose().as_bytes()),
    )
    .map_err(|e| format!("cannot sign the token: {e}"))
}

/// Parses a lifetime such as `90s`, `15m`, `1h` or `7d`.
pub fn parse_ttl(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("invalid ttl {text:?}: use e.g. 30m, 1h, 7d"))?;
    let secs = match unit {
        "s" | "" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("invalid ttl {text:?}: use e.g. 30m, 1h, 7d")),
    };
    if secs == 0 || secs > 30 * 86_400 {
        return Err("ttl must be between 1 second and 30 days".into());
    }
    Ok(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    #[test]
    fn ttls_parse() {
        assert_eq!(parse_ttl("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_ttl("90"), Ok(Duration::from_secs(90)));
        assert!(parse_ttl("1y").is_err());
        assert!(parse_ttl("0m").is_err());
    }

    #[test]
    fn minting_needs_a_secret() {
        let settings = JwtSettings::default();
        let err = mint(
            &settings,
            "x",
            RoleClaim::ConsortiumAdmin {},
            Duration::from_secs(60),
        );
        assert!(err.is_err_and(|e| e.contains("HITBRIDGE_JWT_SECRET")));
    }

    #[test]
    fn a_minted_token_verifies_with_the_same_secret() {
        let settings = JwtSettings {
            secret: Some(Secret::new("s".repeat(32))),
            issuer: "hitbridge".into(),
            audience: "hitbridge-api".into(),
            ..Default::default()
        };
        let token = mint(
            &settings,
            "u1",
            RoleClaim::ConsortiumAdmin {},
            Duration::from_secs(60),
        )
        .expect("minted");
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
        validation.set_audience(&["hitbridge-api"]);
        let data = jsonwebtoken::decode::<serde_json::Value>(
            &token,
            &jsonwebtoken::DecodingKey::from_secret("s".repeat(32).as_bytes()),
            &validation,
        )
        .expect("verifies");
        assert_eq!(
            data.claims["hitbridge"]["roles"][0]["role"],
            "consortium_admin"
        );
    }
}
