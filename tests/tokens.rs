//! Tokens built in the tests: HS256 with the test secret, RS256/ES256 with the fixture keys.

use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

/// The HS256 secret every test server accepts (unless a test configures another).
pub const SECRET: &str = "test-secret-test-secret-test-secret-0123";

/// Path of a file in `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn now() -> i64 {
    jsonwebtoken::get_current_timestamp() as i64
}

/// Valid claims for `sub` with these role grants (edit the result to forge a bad one).
pub fn claims(sub: &str, roles: Value) -> Value {
    json!({
        "sub": sub, "iss": "hitbridge", "aud": "hitbridge-api",
        "iat": now(), "exp": now() + 600,
        "hitbridge": { "roles": roles },
    })
}

/// Signs claims with HS256 and a secret.
pub fn hs256_with(secret: &[u8], claims: &Value) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("sign HS256")
}

/// Signs claims with the test secret.
pub fn hs256(claims: &Value) -> String {
    hs256_with(SECRET.as_bytes(), claims)
}

/// Signs claims with a fixture private key (`rsa-a`, `rsa-b` → RS256; `ec-a` → ES256), naming
/// `kid` in the header when given.
pub fn signed_by(key: &str, kid: Option<&str>, claims: &Value) -> String {
    let pem = std::fs::read(fixture(&format!("{key}.key.pem"))).expect("fixture key");
    let (alg, encoding) = if key.starts_with("ec") {
        (
            Algorithm::ES256,
            EncodingKey::from_ec_pem(&pem).expect("EC key"),
        )
    } else {
        (
            Algorithm::RS256,
            EncodingKey::from_rsa_pem(&pem).expect("RSA key"),
        )
    };
    let mut header = Header::new(alg);
    header.kid = kid.map(String::from);
    encode(&header, claims, &encoding).expect("sign")
}

/// A consortium admin's token.
pub fn consortium_admin() -> String {
    hs256(&claims("admin-1", json!([{ "role": "consortium_admin" }])))
}

/// A school admin's token for an institution slug.
pub fn school_admin(institution: &str) -> String {
    hs256(&claims(
        "school-admin",
        json!([{ "role": "school_admin", "institution": institution }]),
    ))
}

/// A school staff member's token for an institution slug.
pub fn school_staff(institution: &str) -> String {
    hs256(&claims(
        "school-staff",
        json!([{ "role": "school_staff", "institution": institution }]),
    ))
}

/// An employer's token for an employer slug.
pub fn employer(employer: &str) -> String {
    hs256(&claims(
        "recruiter",
        json!([{ "role": "employer", "employer": employer }]),
    ))
}

/// A graduate's token.
pub fn graduate(id: &str) -> String {
    hs256(&claims(
        "graduate",
        json!([{ "role": "graduate", "graduate": id }]),
    ))
}
