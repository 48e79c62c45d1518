//! An idempotency record keeps the fingerprint of the request it answered, so the same key sent
//! with a different request is a conflict rather than a silent replay of the first record.
//! Records kept before have none and replay as they did.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(IdempotencyRecord::Table)
                    .add_column(string_len_null(IdempotencyRecord::RequestFingerprint, 64))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(IdempotencyRecord::Table)
                    .drop_column(IdempotencyRecord::RequestFingerprint)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum IdempotencyRecord {
    Table,
    RequestFingerprint,
}
