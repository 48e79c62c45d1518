//! Internships, the skills they want and the institutions eligible for them.
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
                    .table(Internship::Table)
                    .if_not_exists()
                    .col(pk_uuid(Internship::Id))
                    .col(uuid(Internship::EmployerId))
                    .col(string(Internship::Title))
                    .col(text(Internship::Description))
                    .col(string_len_null(Internship::HitRole, 32))
                    .col(boolean(Internship::Paid))
                    .col(integer_null(Internship::HourlyRateCents))
                    .col(string(Internship::City))
                    .col(string_len(Internship::State, 2))
                    .col(boolean(Internship::Remote))
                    .col(date(Internship::StartsOn))
                    .col(date(Internship::EndsOn))
                    .col(date_null(Internship::ApplicationDeadline))
                    .col(integer(Internship::Slots))
                    .col(string_len(Internship::Status, 32))
                    .col(timestamp_with_time_zone(Internship::CreatedAt))
                    .col(timestamp_with_time_zone(Internship::UpdatedAt))
                    .col(integer(Internship::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_internship_employer")
                            .from(Internship::Table, Internship::EmployerId)
                            .to(EmployerPartner::Table, EmployerPartner::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_internship_employer_id",
                Internship::Table,
                [Internship::EmployerId],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_internship_status_starts_on",
                Internship::Table,
                [Internship::Status, Internship::StartsOn],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InternshipSkill::Table)
                    .if_not_exists()
                    .col(uuid(InternshipSkill::InternshipId))
                    .col(uuid(InternshipSkill::SkillId))
                    .primary_key(
                        Index::create()
                            .col(InternshipSkill::InternshipId)
                            .col(InternshipSkill::SkillId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_internship_skill_internship")
                            .from(InternshipSkill::Table, InternshipSkill::InternshipId)
                            .to(Internship::Table, Internship::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_internship_skill_skill")
                            .from(InternshipSkill::Table, InternshipSkill::SkillId)
                            .to(Skill::Table, Skill::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_internship_skill_skill_id",
                InternshipSkill::Table,
                [InternshipSkill::SkillId],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InternshipEligibleInstitution::Table)
                    .if_not_exists()
                    .col(uuid(InternshipEligibleInstitution::InternshipId))
                    .col(uuid(InternshipEligibleInstitution::InstitutionId))
                    .primary_key(
                        Index::create()
                            .col(InternshipEligibleInstitution::InternshipId)
                            .col(InternshipEligibleInstitution::InstitutionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_internship_eligible_institution_internship")
                            .from(
                                InternshipEligibleInstitution::Table,
                                InternshipEligibleInstitution::InternshipId,
                            )
                            .to(Internship::Table, Internship::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_internship_eligible_institution_institution")
                            .from(
                                InternshipEligibleInstitution::Table,
                                InternshipEligibleInstitution::InstitutionId,
                            )
                            .to(Institution::Table, Institution::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_internship_eligible_institution_institution_id",
                InternshipEligibleInstitution::Table,
                [InternshipEligibleInstitution::InstitutionId],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(InternshipEligibleInstitution::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(InternshipSkill::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Internship::Table)
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
enum Internship {
    Table,
    Id,
    EmployerId,
    Title,
    Description,
    HitRole,
    Paid,
    HourlyRateCents,
    City,
    State,
    Remote,
    StartsOn,
    EndsOn,
    ApplicationDeadline,
    Slots,
    Status,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum InternshipSkill {
    Table,
    InternshipId,
    SkillId,
}

#[derive(DeriveIden)]
enum InternshipEligibleInstitution {
    Table,
    InternshipId,
    InstitutionId,
}

/// `employer_partner` was created by an earlier migration; only the columns referenced here.
#[derive(DeriveIden)]
enum EmployerPartner {
    Table,
    Id,
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
