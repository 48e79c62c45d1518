//! Graduates with their skills and certifications.
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
                    .table(Graduate::Table)
                    .if_not_exists()
                    .col(pk_uuid(Graduate::Id))
                    .col(uuid(Graduate::InstitutionId))
                    .col(uuid(Graduate::ProgramId))
                    .col(string(Graduate::GivenName))
                    .col(string(Graduate::FamilyName))
                    .col(string(Graduate::Email))
                    .col(string_null(Graduate::Phone))
                    .col(integer(Graduate::GraduationYear))
                    .col(string_len(Graduate::GraduationTerm, 32))
                    .col(string_len(Graduate::Background, 32))
                    .col(string_null(Graduate::PriorIndustry))
                    .col(integer(Graduate::YearsExperience))
                    .col(string(Graduate::City))
                    .col(string_len(Graduate::State, 2))
                    .col(string(Graduate::Region))
                    .col(boolean(Graduate::OpenToRural))
                    .col(boolean(Graduate::OpenToRelocation))
                    .col(boolean(Graduate::SeekingInternship))
                    .col(boolean(Graduate::SeekingFullTime))
                    .col(boolean(Graduate::SeekingPartTime))
                    .col(date_null(Graduate::AvailableFrom))
                    .col(string_len(Graduate::Consent, 32))
                    .col(timestamp_with_time_zone(Graduate::ConsentUpdatedAt))
                    .col(string_len(Graduate::Status, 32))
                    .col(string_null(Graduate::Headline))
                    .col(json(Graduate::PortfolioLinks))
                    .col(timestamp_with_time_zone(Graduate::CreatedAt))
                    .col(timestamp_with_time_zone(Graduate::UpdatedAt))
                    .col(integer(Graduate::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_graduate_institution")
                            .from(Graduate::Table, Graduate::InstitutionId)
                            .to(Institution::Table, Institution::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_graduate_program")
                            .from(Graduate::Table, Graduate::ProgramId)
                            .to(Program::Table, Program::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_graduate_institution_id",
                Graduate::Table,
                [Graduate::InstitutionId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_graduate_program_id",
                Graduate::Table,
                [Graduate::ProgramId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_graduate_consent_status",
                Graduate::Table,
                [Graduate::Consent, Graduate::Status],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_graduate_updated_at",
                Graduate::Table,
                [Graduate::UpdatedAt],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GraduateSkill::Table)
                    .if_not_exists()
                    .col(uuid(GraduateSkill::GraduateId))
                    .col(uuid(GraduateSkill::SkillId))
                    .primary_key(
                        Index::create()
                            .col(GraduateSkill::GraduateId)
                            .col(GraduateSkill::SkillId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_graduate_skill_graduate")
                            .from(GraduateSkill::Table, GraduateSkill::GraduateId)
                            .to(Graduate::Table, Graduate::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_graduate_skill_skill")
                            .from(GraduateSkill::Table, GraduateSkill::SkillId)
                            .to(Skill::Table, Skill::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_graduate_skill_skill_id",
                GraduateSkill::Table,
                [GraduateSkill::SkillId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GraduateCertification::Table)
                    .if_not_exists()
                    .col(uuid(GraduateCertification::GraduateId))
                    .col(uuid(GraduateCertification::CertificationId))
                    .col(date_null(GraduateCertification::EarnedOn))
                    .primary_key(
                        Index::create()
                            .col(GraduateCertification::GraduateId)
                            .col(GraduateCertification::CertificationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_graduate_certification_graduate")
                            .from(
                                GraduateCertification::Table,
                                GraduateCertification::GraduateId,
                            )
                            .to(Graduate::Table, Graduate::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_graduate_certification_certification")
                            .from(
                                GraduateCertification::Table,
                                GraduateCertification::CertificationId,
                            )
                            .to(Certification::Table, Certification::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_graduate_certification_certification_id",
                GraduateCertification::Table,
                [GraduateCertification::CertificationId],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(GraduateCertification::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(GraduateSkill::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Graduate::Table).if_exists().to_owned())
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
enum Graduate {
    Table,
    Id,
    InstitutionId,
    ProgramId,
    GivenName,
    FamilyName,
    Email,
    Phone,
    GraduationYear,
    GraduationTerm,
    Background,
    PriorIndustry,
    YearsExperience,
    City,
    State,
    Region,
    OpenToRural,
    OpenToRelocation,
    SeekingInternship,
    SeekingFullTime,
    SeekingPartTime,
    AvailableFrom,
    Consent,
    ConsentUpdatedAt,
    Status,
    Headline,
    PortfolioLinks,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum GraduateSkill {
    Table,
    GraduateId,
    SkillId,
}

#[derive(DeriveIden)]
enum GraduateCertification {
    Table,
    GraduateId,
    CertificationId,
    EarnedOn,
}

/// `certification` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Certification {
    Table,
    Id,
}

/// `institution` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Institution {
    Table,
    Id,
}

/// `program` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Program {
    Table,
    Id,
}

/// `skill` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum Skill {
    Table,
    Id,
}
