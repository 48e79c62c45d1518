//! What the graduate records need beyond their table: one e-mail per institution (the natural key
//! of the CSV import), the history of consent changes, and the orders the lists page by.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("uq_graduate_institution_id_email")
                    .table(Graduate::Table)
                    .col(Graduate::InstitutionId)
                    .col(Graduate::Email)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_graduate_institution_id_family_name")
                    .table(Graduate::Table)
                    .col(Graduate::InstitutionId)
                    .col(Graduate::FamilyName)
                    .col(Graduate::GivenName)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConsentChange::Table)
                    .if_not_exists()
                    .col(pk_uuid(ConsentChange::Id))
                    .col(uuid(ConsentChange::GraduateId))
                    .col(string_len(ConsentChange::FromLevel, 32))
                    .col(string_len(ConsentChange::ToLevel, 32))
                    .col(string(ConsentChange::ChangedBy))
                    .col(string_len(ConsentChange::ChangedAs, 32))
                    .col(timestamp_with_time_zone(ConsentChange::ChangedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_consent_change_graduate")
                            .from(ConsentChange::Table, ConsentChange::GraduateId)
                            .to(Graduate::Table, Graduate::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_consent_change_graduate_id_changed_at")
                    .table(ConsentChange::Table)
                    .col(ConsentChange::GraduateId)
                    .col(ConsentChange::ChangedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_disclosure_disclosed_at")
                    .table(Disclosure::Table)
                    .col(Disclosure::DisclosedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("idx_disclosure_disclosed_at", Disclosure::Table.into_iden()),
            (
                "idx_graduate_institution_id_family_name",
                Graduate::Table.into_iden(),
            ),
            (
                "uq_graduate_institution_id_email",
                Graduate::Table.into_iden(),
            ),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).if_exists().to_owned())
                .await?;
        }
        manager
            .drop_table(
                Table::drop()
                    .table(ConsentChange::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ConsentChange {
    Table,
    Id,
    GraduateId,
    FromLevel,
    ToLevel,
    ChangedBy,
    ChangedAs,
    ChangedAt,
}

/// Tables made by earlier migrations; only the columns referenced here.
#[derive(DeriveIden)]
enum Graduate {
    Table,
    Id,
    InstitutionId,
    Email,
    FamilyName,
    GivenName,
}

#[derive(DeriveIden)]
enum Disclosure {
    Table,
    DisclosedAt,
}
