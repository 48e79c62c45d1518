//! Skills and certifications as bits: each vocabulary entry gets a bit position (unique, 0–62),
//! and each graduate carries the OR of their skills' and certifications' bits. The candidate
//! pool filters and scores on these in one table scan instead of joining the lists per request;
//! the lists stay the source of truth and the bits are rewritten with them. A partial index
//! covers what the pool filters and scores on, for the graduates who can be in a pool.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, integer_null};
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Gives every entry of `table` without a bit the next free ones, in slug (or code) order.
async fn assign_bits(manager: &SchemaManager<'_>, table: &str, key: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            format!("SELECT \"{key}\" AS \"k\" FROM \"{table}\" WHERE \"bit\" IS NULL ORDER BY \"{key}\""),
        ))
        .await?;
    let taken = db
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COALESCE(MAX(\"bit\"), -1) AS \"top\" FROM \"{table}\""),
        ))
        .await?
        .map(|r| r.try_get::<i32>("", "top"))
        .transpose()?
        .unwrap_or(-1);
    for (i, row) in rows.iter().enumerate() {
        let bit = taken + 1 + i as i32;
        if bit > 62 {
            return Err(DbErr::Migration(format!("{table}: more than 63 entries")));
        }
        let k: String = row.try_get("", "k")?;
        let sql = format!("UPDATE \"{table}\" SET \"bit\" = {bit} WHERE \"{key}\" = $1");
        let sql = match backend {
            sea_orm_migration::sea_orm::DbBackend::Sqlite => sql.replace("$1", "?"),
            _ => sql,
        };
        db.execute_raw(Statement::from_sql_and_values(backend, sql, [k.into()]))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, key) in [("skill", "slug"), ("certification", "code")] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(integer_null(Alias::new("bit")))
                        .to_owned(),
                )
                .await?;
            assign_bits(manager, table, key).await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("uq_{table}_bit"))
                        .table(Alias::new(table))
                        .col(Alias::new("bit"))
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        for column in ["skill_bits", "certification_bits"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("graduate"))
                        .add_column(big_integer(Alias::new(column)).default(0))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE \"graduate\" SET \
                 \"skill_bits\" = COALESCE((SELECT SUM(CAST(1 AS BIGINT) << \"skill\".\"bit\") \
                   FROM \"graduate_skill\" JOIN \"skill\" ON \"skill\".\"id\" = \"graduate_skill\".\"skill_id\" \
                   WHERE \"graduate_skill\".\"graduate_id\" = \"graduate\".\"id\"), 0), \
                 \"certification_bits\" = COALESCE((SELECT SUM(CAST(1 AS BIGINT) << \"certification\".\"bit\") \
                   FROM \"graduate_certification\" JOIN \"certification\" \
                   ON \"certification\".\"id\" = \"graduate_certification\".\"certification_id\" \
                   WHERE \"graduate_certification\".\"graduate_id\" = \"graduate\".\"id\"), 0)",
            )
            .await?;
        // The candidate pool ranks over this: on PostgreSQL an index-only scan of the columns
        // it filters and scores on, for the graduates who can be in a pool at all.
        let covering = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DbBackend::Postgres => {
                " INCLUDE (\"id\", \"status\", \"consent\", \
                \"background\", \"skill_bits\", \"certification_bits\", \"state\", \"region\", \
                \"open_to_rural\", \"open_to_relocation\", \"seeking_internship\", \"seeking_full_time\", \
                \"seeking_part_time\", \"available_from\", \"years_experience\", \"graduation_year\", \
                \"graduation_term\", \"program_id\")"
            }
            _ => "",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS \"idx_graduate_pool\" ON \"graduate\" (\"institution_id\"){covering} \
                 WHERE \"consent\" <> 'private' AND \"status\" <> 'archived'"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_graduate_pool")
                    .table(Alias::new("graduate"))
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        for column in ["skill_bits", "certification_bits"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("graduate"))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        for table in ["skill", "certification"] {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("uq_{table}_bit"))
                        .table(Alias::new(table))
                        .to_owned(),
                )
                .await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new("bit"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
