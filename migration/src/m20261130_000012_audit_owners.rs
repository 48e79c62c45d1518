//! Audit entries about applications and placements are filed under the graduate's school (and
//! an application's also under the internship's employer), as every such entry is from now on:
//! the entries written before carried no school, so a school admin's audit log left them out.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One statement per owner to fill in, each a correlated subquery (the same SQL on SQLite and
/// PostgreSQL); entries that already name the owner are left as they are.
const BACKFILL: [&str; 3] = [
    r#"UPDATE "audit_entry" SET "institution_id" = (
         SELECT g."institution_id" FROM "application" a JOIN "graduate" g ON g."id" = a."graduate_id"
         WHERE a."id" = "audit_entry"."entity_id")
       WHERE "entity_type" = 'application' AND "institution_id" IS NULL"#,
    r#"UPDATE "audit_entry" SET "employer_id" = (
         SELECT i."employer_id" FROM "application" a JOIN "internship" i ON i."id" = a."internship_id"
         WHERE a."id" = "audit_entry"."entity_id")
       WHERE "entity_type" = 'application' AND "employer_id" IS NULL"#,
    r#"UPDATE "audit_entry" SET "institution_id" = (
         SELECT g."institution_id" FROM "placement" p JOIN "graduate" g ON g."id" = p."graduate_id"
         WHERE p."id" = "audit_entry"."entity_id")
       WHERE "entity_type" = 'placement' AND "institution_id" IS NULL"#,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in BACKFILL {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    /// Nothing to undo: the owners only say whose records the entries are about.
    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
