//! Employer partners, their EHR systems, partnerships with institutions, and events.
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
                    .table(EmployerPartner::Table)
                    .if_not_exists()
                    .col(pk_uuid(EmployerPartner::Id))
                    .col(string_len(EmployerPartner::Slug, 64))
                    .col(string(EmployerPartner::Name))
                    .col(string_len(EmployerPartner::Kind, 32))
                    .col(string(EmployerPartner::City))
                    .col(string_len(EmployerPartner::State, 2))
                    .col(string(EmployerPartner::Region))
                    .col(boolean(EmployerPartner::Rural))
                    .col(string_null(EmployerPartner::Website))
                    .col(text(EmployerPartner::Description))
                    .col(string_null(EmployerPartner::ContactEmail))
                    .col(string_len(EmployerPartner::Status, 32))
                    .col(timestamp_with_time_zone(EmployerPartner::CreatedAt))
                    .col(timestamp_with_time_zone(EmployerPartner::UpdatedAt))
                    .col(integer(EmployerPartner::Version).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "uq_employer_partner_slug",
                EmployerPartner::Table,
                [EmployerPartner::Slug],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_employer_partner_kind",
                EmployerPartner::Table,
                [EmployerPartner::Kind],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmployerEhrSystem::Table)
                    .if_not_exists()
                    .col(uuid(EmployerEhrSystem::EmployerId))
                    .col(uuid(EmployerEhrSystem::SkillId))
                    .primary_key(
                        Index::create()
                            .col(EmployerEhrSystem::EmployerId)
                            .col(EmployerEhrSystem::SkillId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_employer_ehr_system_employer")
                            .from(EmployerEhrSystem::Table, EmployerEhrSystem::EmployerId)
                            .to(EmployerPartner::Table, EmployerPartner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_employer_ehr_system_skill")
                            .from(EmployerEhrSystem::Table, EmployerEhrSystem::SkillId)
                            .to(Skill::Table, Skill::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_employer_ehr_system_skill_id",
                EmployerEhrSystem::Table,
                [EmployerEhrSystem::SkillId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Partnership::Table)
                    .if_not_exists()
                    .col(pk_uuid(Partnership::Id))
                    .col(uuid(Partnership::InstitutionId))
                    .col(uuid(Partnership::EmployerId))
                    .col(string_len(Partnership::Status, 32))
                    .col(timestamp_with_time_zone(Partnership::CreatedAt))
                    .col(timestamp_with_time_zone(Partnership::UpdatedAt))
                    .col(integer(Partnership::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_partnership_institution")
                            .from(Partnership::Table, Partnership::InstitutionId)
                            .to(Institution::Table, Institution::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_partnership_employer")
                            .from(Partnership::Table, Partnership::EmployerId)
                            .to(EmployerPartner::Table, EmployerPartner::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "uq_partnership_institution_id_employer_id",
                Partnership::Table,
                [Partnership::InstitutionId, Partnership::EmployerId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_partnership_employer_id",
                Partnership::Table,
                [Partnership::EmployerId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Event::Table)
                    .if_not_exists()
                    .col(pk_uuid(Event::Id))
                    .col(string_len(Event::Slug, 64))
                    .col(uuid(Event::HostInstitutionId))
                    .col(string(Event::Name))
                    .col(string_len(Event::Kind, 32))
                    .col(text(Event::Description))
                    .col(timestamp_with_time_zone(Event::StartsAt))
                    .col(timestamp_with_time_zone(Event::EndsAt))
                    .col(string(Event::Venue))
                    .col(string(Event::City))
                    .col(string_len(Event::State, 2))
                    .col(boolean(Event::IsVirtual))
                    .col(string_null(Event::RegistrationUrl))
                    .col(timestamp_with_time_zone(Event::CreatedAt))
                    .col(timestamp_with_time_zone(Event::UpdatedAt))
                    .col(integer(Event::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_host_institution")
                            .from(Event::Table, Event::HostInstitutionId)
                            .to(Institution::Table, Institution::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index("uq_event_slug", Event::Table, [Event::Slug]))
            .await?;
        manager
            .create_index(index(
                "idx_event_starts_at",
                Event::Table,
                [Event::StartsAt],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_event_host_institution_id",
                Event::Table,
                [Event::HostInstitutionId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EventAttendance::Table)
                    .if_not_exists()
                    .col(uuid(EventAttendance::EventId))
                    .col(uuid(EventAttendance::EmployerId))
                    .primary_key(
                        Index::create()
                            .col(EventAttendance::EventId)
                            .col(EventAttendance::EmployerId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_attendance_event")
                            .from(EventAttendance::Table, EventAttendance::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_attendance_employer")
                            .from(EventAttendance::Table, EventAttendance::EmployerId)
                            .to(EmployerPartner::Table, EmployerPartner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_event_attendance_employer_id",
                EventAttendance::Table,
                [EventAttendance::EmployerId],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(EventAttendance::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Event::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Partnership::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(EmployerEhrSystem::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(EmployerPartner::Table)
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
enum EmployerPartner {
    Table,
    Id,
    Slug,
    Name,
    Kind,
    City,
    State,
    Region,
    Rural,
    Website,
    Description,
    ContactEmail,
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum EmployerEhrSystem {
    Table,
    EmployerId,
    SkillId,
}

#[derive(DeriveIden)]
enum Partnership {
    Table,
    Id,
    InstitutionId,
    EmployerId,
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
    Slug,
    HostInstitutionId,
    Name,
    Kind,
    Description,
    StartsAt,
    EndsAt,
    Venue,
    City,
    State,
    IsVirtual,
    RegistrationUrl,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum EventAttendance {
    Table,
    EventId,
    EmployerId,
}

/// `institution` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Institution {
    Table,
    Id,
}

/// `skill` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Skill {
    Table,
    Id,
}
