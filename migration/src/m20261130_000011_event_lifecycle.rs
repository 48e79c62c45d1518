//! Events have a status (SCHEDULED until a host cancels it), and graduates register their
//! interest in one (at most once each).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Event::Table)
                    .add_column(string_len(Event::Status, 16).default("scheduled"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EventInterest::Table)
                    .if_not_exists()
                    .col(uuid(EventInterest::EventId))
                    .col(uuid(EventInterest::GraduateId))
                    .col(timestamp_with_time_zone(EventInterest::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(EventInterest::EventId)
                            .col(EventInterest::GraduateId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_interest_event_id")
                            .from(EventInterest::Table, EventInterest::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_interest_graduate_id")
                            .from(EventInterest::Table, EventInterest::GraduateId)
                            .to(Graduate::Table, Graduate::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_interest_graduate_id")
                    .table(EventInterest::Table)
                    .col(EventInterest::GraduateId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(EventInterest::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Event::Table)
                    .drop_column(Event::Status)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
    Status,
}

#[derive(DeriveIden)]
enum Graduate {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventInterest {
    Table,
    EventId,
    GraduateId,
    CreatedAt,
}
