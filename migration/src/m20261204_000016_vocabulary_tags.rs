//! Vocabularies without a cap: each skill and certification gets a `tag` number (unique, no upper
//! bound; the old bit positions keep their numbers), and each graduate carries their tags as text
//! (`",3,17,2054,"`) instead of a 63-bit mask. The pool matches a tag with `LIKE '%,17,%'` on the
//! graduate's own row, so it still needs no join; the partial covering index carries the tags.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, text};
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each graduate's tags of one list, from the list's rows (order does not matter to matching).
/// A frozen copy of the server's `service::vocabulary::tags` SQL: a migration must not change
/// when the server does.
fn tags_of(backend: DbBackend, list: &str, vocabulary: &str, key: &str) -> String {
    let aggregate = match backend {
        DbBackend::Postgres => format!("string_agg(CAST(\"{vocabulary}\".\"tag\" AS TEXT), ',')"),
        _ => format!("group_concat(\"{vocabulary}\".\"tag\", ',')"),
    };
    format!(
        "',' || COALESCE((SELECT {aggregate} FROM \"{list}\" JOIN \"{vocabulary}\" \
         ON \"{vocabulary}\".\"id\" = \"{list}\".\"{key}\" \
         WHERE \"{list}\".\"graduate_id\" = \"graduate\".\"id\" \
         AND \"{vocabulary}\".\"tag\" IS NOT NULL), '') || ','"
    )
}

fn pool_index(backend: DbBackend, lists: [&str; 2]) -> String {
    let covering = match backend {
        DbBackend::Postgres => format!(
            " INCLUDE (\"id\", \"status\", \"consent\", \"background\", \"{}\", \"{}\", \"state\", \
             \"region\", \"open_to_rural\", \"open_to_relocation\", \"seeking_internship\", \
             \"seeking_full_time\", \"seeking_part_time\", \"available_from\", \"years_experience\", \
             \"graduation_year\", \"graduation_term\", \"program_id\")",
            lists[0], lists[1]
        ),
        _ => String::new(),
    };
    format!(
        "CREATE INDEX IF NOT EXISTS \"idx_graduate_pool\" ON \"graduate\" (\"institution_id\"){covering} \
         WHERE \"consent\" <> 'private' AND \"status\" <> 'archived'"
    )
}

async fn rename(manager: &SchemaManager<'_>, from: &str, to: &str) -> Result<(), DbErr> {
    for table in ["skill", "certification"] {
        manager
            .drop_index(
                Index::drop()
                    .name(format!("uq_{table}_{from}"))
                    .table(Alias::new(table))
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .rename_column(Alias::new(from), Alias::new(to))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(format!("uq_{table}_{to}"))
                    .table(Alias::new(table))
                    .col(Alias::new(to))
                    .unique()
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

async fn swap_columns(
    manager: &SchemaManager<'_>,
    add: [ColumnDef; 2],
    fill: String,
    drop: [&str; 2],
    index: String,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared("DROP INDEX IF EXISTS \"idx_graduate_pool\"")
        .await?;
    for mut column in add {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("graduate"))
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    db.execute_unprepared(&fill).await?;
    for column in drop {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("graduate"))
                    .drop_column(Alias::new(column))
                    .to_owned(),
            )
            .await?;
    }
    db.execute_unprepared(&index).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        rename(manager, "bit", "tag").await?;
        let fill = format!(
            "UPDATE \"graduate\" SET \"skill_tags\" = {}, \"certification_tags\" = {}",
            tags_of(backend, "graduate_skill", "skill", "skill_id"),
            tags_of(
                backend,
                "graduate_certification",
                "certification",
                "certification_id"
            ),
        );
        let add = [
            text(Alias::new("skill_tags")).default(",").to_owned(),
            text(Alias::new("certification_tags"))
                .default(",")
                .to_owned(),
        ];
        let index = pool_index(backend, ["skill_tags", "certification_tags"]);
        swap_columns(
            manager,
            add,
            fill,
            ["skill_bits", "certification_bits"],
            index,
        )
        .await
    }

    /// Back to bits. Entries numbered past 62 cannot be bits: they keep their numbers (so
    /// coming back up restores every tag) but match nothing in the old schema, which could not
    /// hold them either.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        rename(manager, "tag", "bit").await?;
        let bits = |list: &str, vocabulary: &str, key: &str| {
            format!(
                "COALESCE((SELECT SUM(CAST(1 AS BIGINT) << \"{vocabulary}\".\"bit\") FROM \"{list}\" \
                 JOIN \"{vocabulary}\" ON \"{vocabulary}\".\"id\" = \"{list}\".\"{key}\" \
                 WHERE \"{list}\".\"graduate_id\" = \"graduate\".\"id\" AND \"{vocabulary}\".\"bit\" <= 62), 0)"
            )
        };
        let fill = format!(
            "UPDATE \"graduate\" SET \"skill_bits\" = {}, \"certification_bits\" = {}",
            bits("graduate_skill", "skill", "skill_id"),
            bits(
                "graduate_certification",
                "certification",
                "certification_id"
            ),
        );
        let add = [
            big_integer(Alias::new("skill_bits")).default(0).to_owned(),
            big_integer(Alias::new("certification_bits"))
                .default(0)
                .to_owned(),
        ];
        let index = pool_index(backend, ["skill_bits", "certification_bits"]);
        swap_columns(
            manager,
            add,
            fill,
            ["skill_tags", "certification_tags"],
            index,
        )
        .await
    }
}
