//! Redis-backed cache, shared by every replica.

use std::time::Duration;

use redis::AsyncCommands;
use redis::aio::ConnectionManager;

use super::{Cache, CacheError};

/// A cache in Redis, through a reconnecting connection manager.
#[derive(Clone)]
pub struct RedisCache {
    conn: ConnectionManager,
}

fn fail(err: redis::RedisError) -> CacheError {
    CacheError(err.to_string())
}

impl RedisCache {
    /// Connects to `url`; fails when Redis cannot be reached at start.
    pub async fn connect(url: &str) -> Result<Self, CacheError> {
        let client = redis::Client::open(url).map_err(fail)?;
        let conn = ConnectionManager::new(client).await.map_err(fail)?;
        Ok(Self { conn })
    }
}

#[async_trait::async_trait]
impl Cache for RedisCache {
    async fn get(&self, key: &str) -> Result<Option<String>, CacheError> {
        self.conn.clone().get(key).await.map_err(fail)
    }

    async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), CacheError> {
        let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        self.conn
            .clone()
            .pset_ex::<_, _, ()>(key, value, millis)
            .await
            .map_err(fail)
    }

    async fn incr(&self, key: &str) -> Result<i64, CacheError> {
        self.conn.clone().incr(key, 1).await.map_err(fail)
    }

    async fn ping(&self) -> Result<(), CacheError> {
        redis::cmd("PING")
            .query_async::<String>(&mut self.conn.clone())
            .await
            .map(|_| ())
            .map_err(fail)
    }
}
