//! Sealed texts: what a client holds and sends back (sync tokens, page cursors) is encrypted and
//! authenticated with a server key, so a client can neither read what is inside (no id in the
//! clear) nor change it (an edited text does not open).
//!
//! Format, base64url without padding: `salt (16 bytes) ‖ ciphertext ‖ tag (16 bytes)`. Each text
//! gets its own key, HMAC-SHA256(server key, purpose ‖ salt), used once with ChaCha20-Poly1305 and
//! the purpose as associated data, so a cursor never opens as a sync token. Keys rotate: the
//! first key seals, every configured key opens (`HITBRIDGE_TOKEN_KEYS`); with none configured, one
//! key is generated once and kept in the database (`server_key`), shared by every replica, and
//! it keeps opening what it sealed after keys are configured.
//!
//! ring is already in the build (rustls uses it); it gives the AEAD, HMAC and system randomness.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use crate::config::Secret;

const SALT: usize = 16;
const TAG: usize = 16;
/// The `server_key` row of the generated default key.
const DEFAULT_KEY_NAME: &str = "sealing";

/// What a sealed text is for; part of its key, so one kind never opens as another.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    /// A `candidatePoolChanges` token.
    SyncToken,
    /// A connection's page cursor.
    Cursor,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Self::SyncToken => b"hitbridge/sync-token/v1",
            Self::Cursor => b"hitbridge/cursor/v1",
        }
    }
}

/// Seals with the first key, opens with any.
pub struct Sealer {
    keys: Vec<hmac::Key>,
    rng: SystemRandom,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer({} keys)", self.keys.len())
    }
}

impl Sealer {
    /// A sealer over `keys` (at least one; the first seals).
    pub fn new<'k>(keys: impl IntoIterator<Item = &'k [u8]>) -> Self {
        Self {
            keys: keys
                .into_iter()
                .map(|k| hmac::Key::new(hmac::HMAC_SHA256, k))
                .collect(),
            rng: SystemRandom::new(),
        }
    }

    /// The configured keys (the first seals), then the deployment's generated key from the
    /// database, which seals when none is configured (made on first use; concurrent starts
    /// agree on one) and otherwise still opens what it sealed before keys were configured.
    pub async fn load(db: &DatabaseConnection, configured: &[Secret]) -> Result<Self, DbErr> {
        let kept = entity::server_key::Entity::find_by_id(DEFAULT_KEY_NAME.to_owned())
            .one(db)
            .await?;
        let generated = match kept {
            Some(kept) => Some(kept),
            None if configured.is_empty() => Some(generate(db).await?),
            None => None,
        };
        let generated = generated
            .map(|k| STANDARD.decode(k.secret))
            .transpose()
            .map_err(|_| DbErr::Custom("server_key sealing is not base64".into()))?;
        Ok(Self::new(
            configured
                .iter()
                .map(|s| s.expose().as_bytes())
                .chain(generated.as_deref()),
        ))
    }

    /// `plain`, sealed for `purpose`. Empty (a text that opens as nothing) in the cases that
    /// cannot happen here: no key, no system randomness, a message past ChaCha20's limit.
    pub fn seal(&self, purpose: Purpose, plain: &[u8]) -> String {
        let mut salt = [0u8; SALT];
        let Some(key) = self.keys.first() else {
            return String::new();
        };
        if self.rng.fill(&mut salt).is_err() {
            return String::new();
        }
        let mut body = plain.to_vec();
        if message_key(key, purpose, &salt)
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key([0; 12]),
                Aad::from(purpose.label()),
                &mut body,
            )
            .is_err()
        {
            return String::new();
        }
        let mut out = Vec::with_capacity(SALT + body.len());
        out.extend_from_slice(&salt);
        out.extend_from_slice(&body);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// What `text` holds, if one of the keys sealed it for `purpose` and it was not changed.
    pub fn open(&self, purpose: Purpose, text: &str) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        if bytes.len() < SALT + TAG {
            return None;
        }
        let (salt, sealed) = bytes.split_at(SALT);
        self.keys.iter().find_map(|k| {
            let mut buf = sealed.to_vec();
            let plain = message_key(k, purpose, salt)
                .open_in_place(
                    Nonce::assume_unique_for_key([0; 12]),
                    Aad::from(purpose.label()),
                    &mut buf,
                )
                .ok()?;
            Some(plain.to_vec())
        })
    }
}

/// Generates the deployment's key and keeps it (a concurrent start may have kept one first:
/// that one is the key).
async fn generate(db: &DatabaseConnection) -> Result<entity::server_key::Model, DbErr> {
    let mut fresh = [0u8; 32];
    SystemRandom::new()
        .fill(&mut fresh)
        .map_err(|_| DbErr::Custom("no system randomness for the sealing key".into()))?;
    entity::server_key::Entity::insert(entity::server_key::ActiveModel {
        name: Set(DEFAULT_KEY_NAME.into()),
        secret: Set(STANDARD.encode(fresh)),
        created_at: Set(chrono::Utc::now()),
    })
    .on_conflict(
        OnConflict::column(entity::server_key::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    entity::server_key::Entity::find_by_id(DEFAULT_KEY_NAME.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("server_key sealing".into()))
}

/// The one-time AEAD key of a text: HMAC-SHA256(server key, purpose ‖ salt).
fn message_key(key: &hmac::Key, purpose: Purpose, salt: &[u8]) -> LessSafeKey {
    let mut ctx = hmac::Context::with_key(key);
    ctx.update(purpose.label());
    ctx.update(salt);
    let derived = ctx.sign();
    let unbound = UnboundKey::new(&CHACHA20_POLY1305, derived.as_ref())
        .unwrap_or_else(|_| unreachable!("HMAC-SHA256 gives the 32 bytes ChaCha20 takes"));
    LessSafeKey::new(unbound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(keys: &[&str]) -> Sealer {
        Sealer::new(keys.iter().map(|k| k.as_bytes()))
    }

    #[test]
    fn a_sealed_text_opens_only_unchanged_for_its_purpose() {
        let s = sealer(&["k".repeat(32).as_str()]);
        let text = s.seal(Purpose::SyncToken, b"{\"s\":42}");
        assert!(!text.contains("42"));
        assert_eq!(
            s.open(Purpose::SyncToken, &text).as_deref(),
            Some(&b"{\"s\":42}"[..])
        );
        assert_eq!(
            s.open(Purpose::Cursor, &text),
            None,
            "a token is not a cursor"
        );
        let mut bytes = URL_SAFE_NO_PAD.decode(&text).unwrap_or_default();
        for i in 0..bytes.len() {
            bytes[i] ^= 1;
            let edited = URL_SAFE_NO_PAD.encode(&bytes);
            assert_eq!(s.open(Purpose::SyncToken, &edited), None, "byte {i} edited");
            bytes[i] ^= 1;
        }
        assert_ne!(text, s.seal(Purpose::SyncToken, b"{\"s\":42}"), "salted");
    }

    #[test]
    fn keys_rotate_the_previous_key_still_opens() {
        let (old, new) = ("o".repeat(32), "n".repeat(32));
        let before = sealer(&[&old]).seal(Purpose::Cursor, b"page");
        let rotated = sealer(&[&new, &old]);
        assert_eq!(
            rotated.open(Purpose::Cursor, &before).as_deref(),
            Some(&b"page"[..])
        );
        let after = rotated.seal(Purpose::Cursor, b"page");
        assert_eq!(sealer(&[&old]).open(Purpose::Cursor, &after), None);
        assert_eq!(
            sealer(&[&new]).open(Purpose::Cursor, &after).as_deref(),
            Some(&b"page"[..])
        );
    }
}
