//! Vocabularies (skills, certifications), institutions and their programs.
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
                    .table(Skill::Table)
                    .if_not_exists()
                    .col(pk_uuid(Skill::Id))
                    .col(string_len(Skill::Slug, 64))
                    .col(string(Skill::Name))
                    .col(string_len(Skill::Kind, 32))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index("uq_skill_slug", Skill::Table, [Skill::Slug]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Certification::Table)
                    .if_not_exists()
                    .col(pk_uuid(Certification::Id))
                    .col(string(Certification::Code))
                    .col(string(Certification::Name))
                    .col(string(Certification::Issuer))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "uq_certification_code",
                Certification::Table,
                [Certification::Code],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Institution::Table)
                    .if_not_exists()
                    .col(pk_uuid(Institution::Id))
                    .col(string_len(Institution::Slug, 64))
                    .col(string(Institution::Name))
                    .col(string_len(Institution::Kind, 32))
                    .col(string(Institution::City))
                    .col(string_len(Institution::State, 2))
                    .col(string(Institution::Region))
                    .col(boolean(Institution::Rural))
                    .col(string_null(Institution::Website))
                    .col(text(Institution::Description))
                    .col(string_len(Institution::Status, 32))
                    .col(timestamp_with_time_zone(Institution::CreatedAt))
                    .col(timestamp_with_time_zone(Institution::UpdatedAt))
                    .col(integer(Institution::Version).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "uq_institution_slug",
                Institution::Table,
                [Institution::Slug],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Program::Table)
                    .if_not_exists()
                    .col(pk_uuid(Program::Id))
                    .col(string_len(Program::Slug, 64))
                    .col(uuid(Program::InstitutionId))
                    .col(string(Program::Name))
                    .col(text(Program::Description))
                    .col(string_len(Program::Credential, 32))
                    .col(string(Program::CipCode))
                    .col(string_null(Program::SocCode))
                    .col(string_len(Program::Modality, 32))
                    .col(integer(Program::DurationMonths))
                    .col(string_len(Program::Status, 32))
                    .col(date_null(Program::NextStart))
                    .col(timestamp_with_time_zone(Program::CreatedAt))
                    .col(timestamp_with_time_zone(Program::UpdatedAt))
                    .col(integer(Program::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_program_institution")
                            .from(Program::Table, Program::InstitutionId)
                            .to(Institution::Table, Institution::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index(
                "uq_program_slug",
                Program::Table,
                [Program::Slug],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_program_institution_id",
                Program::Table,
                [Program::InstitutionId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_program_status_name",
                Program::Table,
                [Program::Status, Program::Name],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_program_cip_code",
                Program::Table,
                [Program::CipCode],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgramSkill::Table)
                    .if_not_exists()
                    .col(uuid(ProgramSkill::ProgramId))
                    .col(uuid(ProgramSkill::SkillId))
                    .primary_key(
                        Index::create()
                            .col(ProgramSkill::ProgramId)
                            .col(ProgramSkill::SkillId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_program_skill_program")
                            .from(ProgramSkill::Table, ProgramSkill::ProgramId)
                            .to(Program::Table, Program::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_program_skill_skill")
                            .from(ProgramSkill::Table, ProgramSkill::SkillId)
                            .to(Skill::Table, Skill::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_program_skill_skill_id",
                ProgramSkill::Table,
                [ProgramSkill::SkillId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgramHitRole::Table)
                    .if_not_exists()
                    .col(uuid(ProgramHitRole::ProgramId))
                    .col(string_len(ProgramHitRole::HitRole, 32))
                    .primary_key(
                        Index::create()
                            .col(ProgramHitRole::ProgramId)
                            .col(ProgramHitRole::HitRole),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_program_hit_role_program")
                            .from(ProgramHitRole::Table, ProgramHitRole::ProgramId)
                            .to(Program::Table, Program::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_program_hit_role_hit_role",
                ProgramHitRole::Table,
                [ProgramHitRole::HitRole],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(ProgramHitRole::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(ProgramSkill::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Program::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Institution::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Certification::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Skill::Table).if_exists().to_owned())
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
enum Skill {
    Table,
    Id,
    Slug,
    Name,
    Kind,
}

#[derive(DeriveIden)]
enum Certification {
    Table,
    Id,
    Code,
    Name,
    Issuer,
}

#[derive(DeriveIden)]
enum Institution {
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
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Program {
    Table,
    Id,
    Slug,
    InstitutionId,
    Name,
    Description,
    Credential,
    CipCode,
    SocCode,
    Modality,
    DurationMonths,
    Status,
    NextStart,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum ProgramSkill {
    Table,
    ProgramId,
    SkillId,
}

#[derive(DeriveIden)]
enum ProgramHitRole {
    Table,
    ProgramId,
    HitRole,
}
