//! The pool's covering index keyed by school, then status, then background: every pool request
//! names its schools and its statuses (seeking, with placed graduates on request), and most
//! recruiters require a background (clinical, IT, career changer), so a request reads only the
//! index ranges it can match instead of every graduate of its schools. A request without a
//! background requirement reads its schools' seeking graduates, as before less the placed ones.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns a pool request reads besides the keys (PostgreSQL keeps them in the index).
const COVERED: &str = "\"id\", \"consent\", \"skill_tags\", \"certification_tags\", \"state\", \
    \"region\", \"open_to_rural\", \"open_to_relocation\", \"seeking_internship\", \
    \"seeking_full_time\", \"seeking_part_time\", \"available_from\", \"years_experience\", \
    \"graduation_year\", \"graduation_term\", \"program_id\"";

/// The index on `keys`; on PostgreSQL it also covers every other column the pool reads.
fn pool_index(backend: DbBackend, keys: &[&str]) -> String {
    let covered: Vec<&str> = COVERED
        .split(", ")
        .chain(["\"status\"", "\"background\""])
        .filter(|c| !keys.contains(c))
        .collect();
    let covering = match backend {
        DbBackend::Postgres => format!(" INCLUDE ({})", covered.join(", ")),
        _ => String::new(),
    };
    format!(
        "CREATE INDEX IF NOT EXISTS \"idx_graduate_pool\" ON \"graduate\" ({}){covering} \
         WHERE \"consent\" <> 'private' AND \"status\" <> 'archived'",
        keys.join(", ")
    )
}

async fn rebuild(manager: &SchemaManager<'_>, keys: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared("DROP INDEX IF EXISTS \"idx_graduate_pool\"")
        .await?;
    db.execute_unprepared(&pool_index(manager.get_database_backend(), keys))
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rebuild(
            manager,
            &["\"institution_id\"", "\"status\"", "\"background\""],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rebuild(manager, &["\"institution_id\""]).await
    }
}
