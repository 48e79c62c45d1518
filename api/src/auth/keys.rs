//! Verification keys: the HS256 secret, PEM public keys, and JWKS documents (file or URL).

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};

/// One key a token may be verified with.
#[derive(Clone)]
pub struct VerifyKey {
    /// The JWKS `kid`, when the key came from a JWKS.
    pub kid: Option<String>,
    /// The one algorithm this key verifies.
    pub alg: Algorithm,
    /// The key itself.
    pub key: DecodingKey,
}

impl VerifyKey {
    /// Whether this key may verify a token with this header.
    pub fn fits(&self, alg: Algorithm, kid: Option<&str>) -> bool {
        self.alg == alg
            && match (&self.kid, kid) {
                (Some(mine), Some(theirs)) => mine == theirs,
                _ => true,
            }
    }
}

/// Every PEM public key in a file (RSA → RS256, EC P-256 → ES256).
pub fn from_pem_file(text: &str) -> Result<Vec<VerifyKey>, String> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let end_marker = rest[start..]
            .find("-----END ")
            .and_then(|end| rest[start + end..].find("\n").map(|nl| start + end + nl))
            .unwrap_or(rest.len());
        let block = rest[start..end_marker].trim_end().to_owned() + "\n";
        let key = if let Ok(key) = DecodingKey::from_rsa_pem(block.as_bytes()) {
            VerifyKey {
                kid: None,
                alg: Algorithm::RS256,
                key,
            }
        } else if let Ok(key) = DecodingKey::from_ec_pem(block.as_bytes()) {
            VerifyKey {
                kid: None,
                alg: Algorithm::ES256,
                key,
            }
        } else {
            return Err(format!(
                "key {} is not an RSA or EC public key",
                keys.len() + 1
            ));
        };
        keys.push(key);
        rest = &rest[end_marker..];
    }
    if keys.is_empty() {
        return Err("no PEM public key found".into());
    }
    Ok(keys)
}

/// The RS256 and ES256 (P-256) keys of a JWKS document; other keys are skipped.
pub fn from_jwks(text: &str) -> Result<Vec<VerifyKey>, String> {
    let set: JwkSet =
        serde_json::from_str(text).map_err(|e| format!("not a JWKS document: {e}"))?;
    let keys: Vec<VerifyKey> = set
        .keys
        .iter()
        .filter(|jwk| jwk.common.public_key_use != Some(PublicKeyUse::Encryption))
        .filter_map(|jwk| {
            let alg = match &jwk.algorithm {
                AlgorithmParameters::RSA(_) => Algorithm::RS256,
                AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => {
                    Algorithm::ES256
                }
                _ => return None,
            };
            // A key published for another algorithm (say RS512) must not verify RS256 tokens.
            let declared = jwk.common.key_algorithm;
            let fits = match alg {
                Algorithm::RS256 => declared.is_none_or(|a| a == KeyAlgorithm::RS256),
                _ => declared.is_none_or(|a| a == KeyAlgorithm::ES256),
            };
            if !fits {
                return None;
            }
            let key = DecodingKey::from_jwk(jwk).ok()?;
            Some(VerifyKey {
                kid: jwk.common.key_id.clone(),
                alg,
                key,
            })
        })
        .collect();
    if keys.is_empty() {
        return Err("no RS256 or ES256 key in the JWKS".into());
    }
    Ok(keys)
}
