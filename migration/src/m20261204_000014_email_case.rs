//! E-mail addresses compare case-insensitively: from now on every address is kept in lower case
//! (`Email::parse` in the api crate lowers it with `str::to_lowercase`, as this does), so the
//! unique index on (institution, e-mail) is case-insensitive for everything written after.
//!
//! Earlier graduate records are brought to that form, but near-duplicates (two records of one
//! school whose addresses differ only in case) are never merged: one of each group is lowered
//! (none if one already is) so that imports find it, and every group is reported in the log for
//! the school to resolve. Rows are named by school slug and address (both text), which the
//! unique index makes a key, so the same statements run on SQLite and PostgreSQL.

use std::collections::BTreeMap;

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const READ: &str = r#"SELECT i."slug" AS "slug", g."email" AS "email" FROM "graduate" g
    JOIN "institution" i ON i."id" = g."institution_id" ORDER BY i."slug", g."email""#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let mut groups: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for row in db
            .query_all_raw(Statement::from_string(backend, READ))
            .await?
        {
            let slug: String = row.try_get("", "slug")?;
            let email: String = row.try_get("", "email")?;
            groups
                .entry((slug, email.to_lowercase()))
                .or_default()
                .push(email);
        }
        for ((slug, lower), mut addresses) in groups {
            // The same choice on every database, whatever its collation.
            addresses.sort();
            if addresses.len() > 1 {
                tracing::warn!(
                    institution = %slug,
                    addresses = ?addresses,
                    "graduates whose e-mail addresses differ only in case: left as separate \
                     records (imports match the lower-case one); merge or archive them"
                );
            }
            if addresses.contains(&lower) {
                continue;
            }
            let school = Query::select()
                .column(Institution::Id)
                .from(Institution::Table)
                .and_where(Expr::col(Institution::Slug).eq(slug))
                .to_owned();
            let lower_first = Query::update()
                .table(Graduate::Table)
                .value(Graduate::Email, lower)
                .and_where(Expr::col(Graduate::Email).eq(addresses[0].clone()))
                .and_where(Expr::col(Graduate::InstitutionId).in_subquery(school))
                .to_owned();
            manager.exec_stmt(lower_first).await?;
        }
        Ok(())
    }

    /// Nothing to undo: the lower-case form is the same address.
    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Graduate {
    Table,
    Email,
    InstitutionId,
}

#[derive(DeriveIden)]
enum Institution {
    Table,
    Id,
    Slug,
}
