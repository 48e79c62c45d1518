//! The vocabulary's version: one row, bumped whenever a term, alias or tag changes, so each
//! server keeps the vocabulary in memory and rereads it only when the version moves. The row's
//! random `token` tells one database's vocabulary from another's (a process may serve several,
//! as the tests do).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VocabularyVersion::Table)
                    .if_not_exists()
                    .col(integer(VocabularyVersion::Id).primary_key())
                    .col(string_len(VocabularyVersion::Token, 64))
                    .col(big_integer(VocabularyVersion::Version))
                    .to_owned(),
            )
            .await?;
        let token = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DbBackend::Postgres => {
                "md5(random()::text || clock_timestamp()::text)"
            }
            _ => "lower(hex(randomblob(16)))",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO \"vocabulary_version\" (\"id\", \"token\", \"version\") VALUES (1, {token}, 1)"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(VocabularyVersion::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum VocabularyVersion {
    Table,
    Id,
    Token,
    Version,
}
