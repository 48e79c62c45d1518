//! Building and running the application: used by `hitbridge serve` and by the tests alike.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::auth::Authenticator;
use crate::cache::{Cache, MemoryCache, PersistedQueries, RedisCache, ResponseCache};
use crate::config::Config;
use crate::graphql::document::DocumentCache;
use crate::http::{self, AppState, metrics::Metrics, rate_limit::RateLimiter};
use crate::{db, graphql};

/// Why the application could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot reach the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("cannot reach Redis: {0}")]
    Cache(#[from] crate::cache::CacheError),
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
}

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    db: DatabaseConnection,
    shutdown_grace: Duration,
}

impl Application {
    /// Connects to the database and cache, optionally migrates, and binds `config.addr`
    /// (port 0 picks a free port).
    pub async fn build(config: &Config, migrate: bool) -> Result<Self, StartupError> {
        let metrics = Arc::new(Metrics::default());
        let db = db::connect(config, metrics.clone()).await?;
        if migrate {
            db::migrate(&db).await?;
        }
        let cache: Arc<dyn Cache> = match &config.redis_url {
            Some(url) => Arc::new(RedisCache::connect(url.expose(), config.redis_timeout).await?),
            None => Arc::new(MemoryCache::new(10_000)),
        };
        let sealer = Arc::new(crate::sealed::Sealer::load(&db, &config.token_keys).await?);
        let schema = graphql::build_schema(&config.limits, config.introspection)
            .data(db.clone())
            .data(sealer)
            .data(graphql::SyncRetention(config.sync_retention))
            .finish();
        tokio::spawn(prune_feed(db.clone(), config.sync_retention));
        let state = AppState {
            db: db.clone(),
            schema,
            documents: DocumentCache::default(),
            limits: config.limits.clone(),
            introspection: config.introspection,
            gateway_secret: config.gateway_secret.clone(),
            public_cache_control: http::public_cache_control(config.public_cache_ttl),
            metrics,
            responses: ResponseCache::new(
                cache.clone(),
                config.public_cache_ttl,
                &config.cache_namespace,
            ),
            persisted: PersistedQueries::new(
                cache.clone(),
                &config.cache_namespace,
                config.persisted_queries_per_day,
            ),
            limiter: RateLimiter::new(
                config.rate_limits.clone(),
                cache.clone(),
                &config.cache_namespace,
            ),
            cache,
            auth: Arc::new(Authenticator::from_settings(&config.jwt).await?),
            redis: config.redis_url.is_some(),
            db_acquire_timeout: config.db_acquire_timeout,
        };
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", config.addr)))?;
        Ok(Self {
            listener,
            router: http::router(state),
            db,
            shutdown_grace: config.shutdown_grace,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The database connection (for seeding before serving).
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Serves until the process receives Ctrl-C or SIGTERM (see [`Self::run_until`]).
    pub async fn run(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes; then takes no new connections, lets in-flight requests
    /// finish for at most the configured grace period, and returns (requests still running
    /// then are dropped).
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        http::serve::serve(self.listener, self.router, stop, self.shutdown_grace).await;
        Ok(())
    }
}

/// Deletes the change feed's expired rows five minutes after start (off the start-up path) and
/// then hourly; failures are logged and retried at the next tick (the feed only grows meanwhile).
async fn prune_feed(db: DatabaseConnection, retention: Duration) {
    let hour = Duration::from_secs(3600);
    let first = tokio::time::Instant::now() + Duration::from_secs(300);
    let mut every_hour = tokio::time::interval_at(first, hour);
    loop {
        every_hour.tick().await;
        match crate::service::candidates::sync::prune(&db, retention).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rows = n, "pruned the pools' change feed"),
            Err(err) => tracing::warn!(error = ?err, "pruning the pools' change feed failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
