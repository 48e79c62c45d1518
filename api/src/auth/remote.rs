//! A JWKS fetched from a URL: refreshed periodically, and on demand when a token names a `kid` we
//! do not know, but never more often than the configured floor.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::keys::{VerifyKey, from_jwks};

/// Keys from a JWKS URL.
pub struct RemoteJwks {
    url: String,
    client: reqwest::Client,
    floor: Duration,
    keys: RwLock<Arc<Vec<VerifyKey>>>,
    last_fetch: Mutex<Option<Instant>>,
}

impl RemoteJwks {
    /// A source for `url`, refetched at most once per `floor`.
    pub fn new(url: String, floor: Duration) -> Self {
        Self {
            url,
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(5))
                .build()
                .unwrap_or_default(),
            floor,
            keys: RwLock::new(Arc::new(Vec::new())),
            last_fetch: Mutex::new(None),
        }
    }

    /// The keys fetched last.
    pub fn keys(&self) -> Arc<Vec<VerifyKey>> {
        self.keys
            .read()
            .map(|k| k.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// Whether the last fetched key set has a key with this `kid`.
    pub fn knows(&self, kid: &str) -> bool {
        self.keys().iter().any(|k| k.kid.as_deref() == Some(kid))
    }

    /// Fetches the document again unless the last fetch was within the floor (or `force`).
    /// Returns whether new keys were installed.
    pub async fn refresh(&self, force: bool) -> bool {
        let mut last = self.last_fetch.lock().await;
        if !force && last.is_some_and(|at| at.elapsed() < self.floor) {
            return false;
        }
        *last = Some(Instant::now());
        match self.fetch().await {
            Ok(keys) => {
                tracing::info!(jwks.url = %self.url, jwks.keys = keys.len(), "JWKS refreshed");
                if let Ok(mut slot) = self.keys.write() {
                    *slot = Arc::new(keys);
                }
                true
            }
            Err(err) => {
                tracing::warn!(jwks.url = %self.url, error = %err, "JWKS refresh failed; keeping the previous keys");
                false
            }
        }
    }

    async fn fetch(&self) -> Result<Vec<VerifyKey>, String> {
        let response = self
            .client
            .get(&self.url)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .error_for_status()
            .map_err(|e| e.to_string())?;
        let text = response.text().await.map_err(|e| e.to_string())?;
        from_jwks(&text)
    }

    /// Refreshes every `period` for as long as the source lives.
    pub fn spawn_periodic_refresh(self: &Arc<Self>, period: Duration) {
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(source) = weak.upgrade() else { break };
                source.refresh(true).await;
            }
        });
    }
}
