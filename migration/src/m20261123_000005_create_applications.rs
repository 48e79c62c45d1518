//! Applications with their status history, and placements.
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
                    .table(Application::Table)
                    .if_not_exists()
                    .col(pk_uuid(Application::Id))
                    .col(uuid(Application::GraduateId))
                    .col(uuid(Application::InternshipId))
                    .col(string_len(Application::Status, 32))
                    .col(string_null(Application::CoverNote))
                    .col(timestamp_with_time_zone(Application::CreatedAt))
                    .col(timestamp_with_time_zone(Application::UpdatedAt))
                    .col(integer(Application::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_application_graduate")
                            .from(Application::Table, Application::GraduateId)
                            .to(Graduate::Table, Graduate::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_application_internship")
                            .from(Application::Table, Application::InternshipId)
                            .to(Internship::Table, Internship::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "uq_application_graduate_id_internship_id",
                Application::Table,
                [Application::GraduateId, Application::InternshipId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_application_internship_id",
                Application::Table,
                [Application::InternshipId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApplicationStatusChange::Table)
                    .if_not_exists()
                    .col(pk_uuid(ApplicationStatusChange::Id))
                    .col(uuid(ApplicationStatusChange::ApplicationId))
                    .col(string_len_null(ApplicationStatusChange::FromStatus, 32))
                    .col(string_len(ApplicationStatusChange::ToStatus, 32))
                    .col(string(ApplicationStatusChange::ChangedBy))
                    .col(string_null(ApplicationStatusChange::Note))
                    .col(timestamp_with_time_zone(ApplicationStatusChange::ChangedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_application_status_change_application")
                            .from(
                                ApplicationStatusChange::Table,
                                ApplicationStatusChange::ApplicationId,
                            )
                            .to(Application::Table, Application::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_application_status_change_application_id",
                ApplicationStatusChange::Table,
                [ApplicationStatusChange::ApplicationId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Placement::Table)
                    .if_not_exists()
                    .col(pk_uuid(Placement::Id))
                    .col(uuid(Placement::GraduateId))
                    .col(uuid(Placement::EmployerId))
                    .col(uuid_null(Placement::InternshipId))
                    .col(string(Placement::Title))
                    .col(string_null(Placement::SocCode))
                    .col(string_len(Placement::EmploymentType, 32))
                    .col(date(Placement::StartDate))
                    .col(string(Placement::RecordedBy))
                    .col(timestamp_with_time_zone(Placement::CreatedAt))
                    .col(timestamp_with_time_zone(Placement::UpdatedAt))
                    .col(integer(Placement::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_placement_graduate")
                            .from(Placement::Table, Placement::GraduateId)
                            .to(Graduate::Table, Graduate::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_placement_employer")
                            .from(Placement::Table, Placement::EmployerId)
                            .to(EmployerPartner::Table, EmployerPartner::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_placement_internship")
                            .from(Placement::Table, Placement::InternshipId)
                            .to(Internship::Table, Internship::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_placement_graduate_id",
                Placement::Table,
                [Placement::GraduateId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_placement_employer_id",
                Placement::Table,
                [Placement::EmployerId],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Placement::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(ApplicationStatusChange::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Application::Table)
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

/// `CREATE UNIQUE INDEX IF NOT EXISTS name ON table (columns)`, named so errors can be mapped.
fn unique_index<T: IntoIden + 'static>(
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = T>,
) -> IndexCreateStatement {
    let mut stmt = index(name, table, columns);
    stmt.unique();
    stmt
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    GraduateId,
    InternshipId,
    Status,
    CoverNote,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum ApplicationStatusChange {
    Table,
    Id,
    ApplicationId,
    FromStatus,
    ToStatus,
    ChangedBy,
    Note,
    ChangedAt,
}

#[derive(DeriveIden)]
enum Placement {
    Table,
    Id,
    GraduateId,
    EmployerId,
    InternshipId,
    Title,
    SocCode,
    EmploymentType,
    StartDate,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

/// `employer_partner` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum EmployerPartner {
    Table,
    Id,
}

/// `graduate` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Graduate {
    Table,
    Id,
}

/// `internship` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Internship {
    Table,
    Id,
}
