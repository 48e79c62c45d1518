//! FERPA disclosure log, admin audit trail and idempotency keys.
//!
//! Foreign keys are declared inside `CREATE TABLE` because SQLite cannot add them later.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the tables listed in the module docs, with their indexes.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Disclosure::Table)
                    .if_not_exists()
                    .col(pk_uuid(Disclosure::Id))
                    .col(uuid(Disclosure::GraduateId))
                    .col(string(Disclosure::RecipientSub))
                    .col(string_null(Disclosure::RecipientOrg))
                    .col(json(Disclosure::Fields))
                    .col(string(Disclosure::Operation))
                    .col(string_null(Disclosure::RequestId))
                    .col(timestamp_with_time_zone(Disclosure::DisclosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disclosure_graduate")
                            .from(Disclosure::Table, Disclosure::GraduateId)
                            .to(Graduate::Table, Graduate::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_disclosure_graduate_id_disclosed_at",
                Disclosure::Table,
                [Disclosure::GraduateId, Disclosure::DisclosedAt],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_disclosure_recipient_org",
                Disclosure::Table,
                [Disclosure::RecipientOrg],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEntry::Table)
                    .if_not_exists()
                    .col(pk_uuid(AuditEntry::Id))
                    .col(string(AuditEntry::ActorSub))
                    .col(string(AuditEntry::Action))
                    .col(string(AuditEntry::EntityType))
                    .col(uuid(AuditEntry::EntityId))
                    .col(uuid_null(AuditEntry::InstitutionId))
                    .col(uuid_null(AuditEntry::EmployerId))
                    .col(json(AuditEntry::Summary))
                    .col(timestamp_with_time_zone(AuditEntry::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_audit_entry_created_at",
                AuditEntry::Table,
                [AuditEntry::CreatedAt],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_audit_entry_institution_id",
                AuditEntry::Table,
                [AuditEntry::InstitutionId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_audit_entry_employer_id",
                AuditEntry::Table,
                [AuditEntry::EmployerId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyRecord::Table)
                    .if_not_exists()
                    .col(string(IdempotencyRecord::ActorSub))
                    .col(string(IdempotencyRecord::IdempotencyKey))
                    .col(string(IdempotencyRecord::Operation))
                    .col(uuid(IdempotencyRecord::EntityId))
                    .col(timestamp_with_time_zone(IdempotencyRecord::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyRecord::ActorSub)
                            .col(IdempotencyRecord::IdempotencyKey),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(IdempotencyRecord::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(AuditEntry::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Disclosure::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

/// `CREATE INDEX IF NOT EXISTS name ON table (columns)`.
fn index<T: IntoIden + 'static>(
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = T>,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).if_not_exists().table(table);
    for column in columns {
        stmt.col(column);
    }
    stmt
}

#[derive(DeriveIden)]
enum Disclosure {
    Table,
    Id,
    GraduateId,
    RecipientSub,
    RecipientOrg,
    Fields,
    Operation,
    RequestId,
    DisclosedAt,
}

#[derive(DeriveIden)]
enum AuditEntry {
    Table,
    Id,
    ActorSub,
    Action,
    EntityType,
    EntityId,
    InstitutionId,
    EmployerId,
    Summary,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdempotencyRecord {
    Table,
    ActorSub,
    IdempotencyKey,
    Operation,
    EntityId,
    CreatedAt,
}

/// `graduate` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Graduate {
    Table,
    Id,
}
