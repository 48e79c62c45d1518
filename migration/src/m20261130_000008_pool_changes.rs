//! The candidate pools' change feed: one row per write that can move graduates in or out of a
//! pool (a graduate's record or consent, a program, an institution, a partnership), written in
//! the write's own transaction. Integrations sync from it (`candidatePoolChanges`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PoolChange::Table)
                    .if_not_exists()
                    .col(big_pk_auto(PoolChange::Seq))
                    .col(uuid_null(PoolChange::GraduateId))
                    .col(uuid_null(PoolChange::ProgramId))
                    .col(uuid_null(PoolChange::InstitutionId))
                    .col(uuid_null(PoolChange::EmployerId))
                    .col(boolean(PoolChange::WasPooled))
                    .col(timestamp_with_time_zone(PoolChange::ChangedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pool_change_changed_at")
                    .table(PoolChange::Table)
                    .col(PoolChange::ChangedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(PoolChange::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PoolChange {
    Table,
    Seq,
    GraduateId,
    ProgramId,
    InstitutionId,
    EmployerId,
    WasPooled,
    ChangedAt,
}
