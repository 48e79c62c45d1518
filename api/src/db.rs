//! Database connection and migrations.

use std::sync::Arc;
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::config::Config;
use crate::http::metrics::Metrics;

/// How long a pooled connection may sit idle before it is pinged on checkout. Pinging every
/// checkout would cost a round trip per statement; a connection that died while in use fails
/// its statement with SERVICE_UNAVAILABLE instead, and the pool replaces it.
const PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// Connects to the configured database, counting every statement into `metrics`. Waiting for a
/// pooled connection is bounded by `db_acquire_timeout`, so requests fail fast when the
/// database is down.
pub async fn connect(config: &Config, metrics: Arc<Metrics>) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(config.database_url.expose());
    options
        .max_connections(config.db_max_connections)
        .acquire_timeout(config.db_acquire_timeout)
        .test_before_acquire_if_idle_for(PING_AFTER_IDLE)
        .sqlx_logging(false);
    let mut db = Database::connect(options).await?;
    db.set_metric_callback(move |_info| metrics.count_statement());
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
