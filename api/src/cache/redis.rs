//! Redis-backed cache, shared by every replica.
//!
//! Every call is bounded by the configured timeout: a slow or absent Redis answers
//! `CacheError`, which callers treat as a miss, so it never fails or stalls a request.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, RedisResult};

use super::{Cache, CacheError};

/// A cache in Redis, through a reconnecting connection manager.
#[derive(Clone)]
pub struct RedisCache {
    conn: ConnectionManager,
    timeout: Duration,
    failures: Arc<AtomicU64>,
}

fn fail(err: redis::RedisError) -> CacheError {
    CacheError(err.to_string())
}

impl RedisCache {
    /// Connects to `url`, bounding every call (and each reconnection attempt) by `timeout`;
    /// fails when Redis cannot be reached at start.
    pub async fn connect(url: &str, timeout: Duration) -> Result<Self, CacheError> {
        let client = redis::Client::open(url).map_err(fail)?;
        let config = ConnectionManagerConfig::new()
            .set_response_timeout(Some(timeout))
            .set_connection_timeout(Some(timeout))
            .set_number_of_retries(1);
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(fail)?;
        Ok(Self {
            conn,
            timeout,
            failures: Arc::default(),
        })
    }

    /// Runs one call within the timeout.
    async fn bounded<T>(
        &self,
        call: impl Future<Output = RedisResult<T>>,
    ) -> Result<T, CacheError> {
        let answer = match tokio::time::timeout(self.timeout, call).await {
            Ok(result) => result.map_err(fail),
            Err(_) => Err(CacheError(format!(
                "no answer within {} ms",
                self.timeout.as_millis()
            ))),
        };
        if answer.is_err() {
            self.failures.fetch_add(1, Ordering::Relaxed);
        }
        answer
    }
}

#[async_trait::async_trait]
impl Cache for RedisCache {
    async fn get(&self, key: &str) -> Result<Option<Bytes>, CacheError> {
        let value: Option<Vec<u8>> = self.bounded(self.conn.clone().get(key)).await?;
        Ok(value.map(Bytes::from))
    }

    async fn set(&self, key: &str, value: Bytes, ttl: Duration) -> Result<(), CacheError> {
        let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        self.bounded(
            self.conn
                .clone()
                .pset_ex::<_, _, ()>(key, value.as_ref(), millis),
        )
        .await
    }

    async fn incr(&self, keys: &[&str]) -> Result<(), CacheError> {
        let mut pipe = redis::pipe();
        for key in keys {
            pipe.incr(*key, 1).ignore();
        }
        let mut conn = self.conn.clone();
        self.bounded(async move { pipe.query_async::<()>(&mut conn).await })
            .await
    }

    async fn get_with_counters(
        &self,
        key: &str,
        counters: &[&str],
    ) -> Result<(Option<Bytes>, Vec<i64>), CacheError> {
        let mut pipe = redis::pipe();
        pipe.get(key);
        if !counters.is_empty() {
            pipe.mget(counters);
        }
        let mut conn = self.conn.clone();
        if counters.is_empty() {
            let (value,): (Option<Vec<u8>>,) = self
                .bounded(async move { pipe.query_async(&mut conn).await })
                .await?;
            return Ok((value.map(Bytes::from), Vec::new()));
        }
        let (value, found): (Option<Vec<u8>>, Vec<Option<i64>>) = self
            .bounded(async move { pipe.query_async(&mut conn).await })
            .await?;
        let counters = found.into_iter().map(|v| v.unwrap_or(0)).collect();
        Ok((value.map(Bytes::from), counters))
    }

    async fn count_shared(&self, key: &str, ttl: Duration) -> Result<Option<i64>, CacheError> {
        let millis = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX).max(1);
        let mut pipe = redis::pipe();
        pipe.incr(key, 1).pexpire(key, millis).ignore();
        let mut conn = self.conn.clone();
        let (count,): (i64,) = self
            .bounded(async move { pipe.query_async(&mut conn).await })
            .await?;
        Ok(Some(count))
    }

    fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    async fn ping(&self) -> Result<(), CacheError> {
        let mut conn = self.conn.clone();
        self.bounded(async move { redis::cmd("PING").query_async::<String>(&mut conn).await })
            .await
            .map(|_| ())
    }
}
