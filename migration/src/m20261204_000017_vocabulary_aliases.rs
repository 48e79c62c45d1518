//! Aliases for vocabulary terms: other names a skill, EHR system or certification goes by
//! ("Cerner", "Cerner Millennium" for Oracle Health; "ICD10" for ICD-10-CM/PCS). Criteria,
//! imports and filters accept an alias wherever they accept the slug or code. An alias is unique
//! case-insensitively within its vocabulary (an index on its lower-case form).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, owner, key) in [
            ("skill_alias", "skill", "skill_id"),
            ("certification_alias", "certification", "certification_id"),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(Alias::new(table))
                        .if_not_exists()
                        .col(string_len(Alias::new("alias"), 100).primary_key())
                        .col(uuid(Alias::new(key)))
                        .foreign_key(
                            ForeignKey::create()
                                .from(Alias::new(table), Alias::new(key))
                                .to(Alias::new(owner), Alias::new("id"))
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .to_owned(),
                )
                .await?;
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE UNIQUE INDEX IF NOT EXISTS \"uq_{table}_lower\" ON \"{table}\" (lower(\"alias\"))"
                ))
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{table}_{key}"))
                        .table(Alias::new(table))
                        .col(Alias::new(key))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["skill_alias", "certification_alias"] {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
