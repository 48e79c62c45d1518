//! Keys the server keeps for itself: the default key that seals what clients hold and send back
//! (sync tokens, page cursors) when `HITBRIDGE_TOKEN_KEYS` is not set. Kept in the database so
//! every replica and every restart of one deployment opens what another sealed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServerKey::Table)
                    .if_not_exists()
                    .col(string_len(ServerKey::Name, 64).primary_key())
                    .col(string_len(ServerKey::Secret, 128))
                    .col(timestamp_with_time_zone(ServerKey::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ServerKey::Table).if_exists().to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ServerKey {
    Table,
    Name,
    Secret,
    CreatedAt,
}
