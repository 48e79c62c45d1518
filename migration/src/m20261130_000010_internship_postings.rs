//! What an internship posting says and how an application moves.
//!
//! Internships: the work mode (on site, hybrid or remote) replaces the `remote` flag; pay is a
//! kind (unpaid, hourly, stipend) with an optional amount, replacing `paid` and
//! `hourly_rate_cents`; the posting has its own `rural` flag (a rural clinic of a city health
//! system), first taken from its employer; `posted_at` is when it first opened.
//!
//! Eligibility: an internship without eligible institutions used to mean "every school"; it now
//! lists them, by default the schools that approved its employer, so those get listed.
//!
//! Applications: the statuses take the names of the hiring workflow (applied, screening,
//! interview, …; `completed` is new), in the history too.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{boolean, string_len, timestamp_with_time_zone_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn internship() -> Alias {
    Alias::new("internship")
}

/// Runs one `ALTER TABLE internship` (SQLite takes one change per statement).
async fn alter(manager: &SchemaManager<'_>, change: &mut TableAlterStatement) -> Result<(), DbErr> {
    manager
        .alter_table(change.table(internship()).to_owned())
        .await
}

/// Status renames, old name first.
const RENAMED_STATUSES: [(&str, &str); 3] = [
    ("submitted", "applied"),
    ("reviewing", "screening"),
    ("interviewing", "interview"),
];

async fn rename_statuses(manager: &SchemaManager<'_>, back: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for (old, new) in RENAMED_STATUSES {
        let (from, to) = if back { (new, old) } else { (old, new) };
        for (table, column) in [
            ("application", "status"),
            ("application_status_change", "from_status"),
            ("application_status_change", "to_status"),
        ] {
            db.execute_unprepared(&format!(
                "UPDATE \"{table}\" SET \"{column}\" = '{to}' WHERE \"{column}\" = '{from}'"
            ))
            .await?;
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        alter(
            manager,
            Table::alter().add_column(string_len(Alias::new("work_mode"), 16).default("on_site")),
        )
        .await?;
        db.execute_unprepared(
            "UPDATE \"internship\" SET \"work_mode\" = 'remote' WHERE \"remote\"",
        )
        .await?;
        alter(manager, Table::alter().drop_column(Alias::new("remote"))).await?;

        alter(
            manager,
            Table::alter().add_column(string_len(Alias::new("pay"), 16).default("unpaid")),
        )
        .await?;
        db.execute_unprepared("UPDATE \"internship\" SET \"pay\" = 'hourly' WHERE \"paid\"")
            .await?;
        alter(manager, Table::alter().drop_column(Alias::new("paid"))).await?;
        alter(
            manager,
            Table::alter().rename_column(Alias::new("hourly_rate_cents"), Alias::new("pay_cents")),
        )
        .await?;

        alter(
            manager,
            Table::alter().add_column(boolean(Alias::new("rural")).default(false)),
        )
        .await?;
        db.execute_unprepared(
            "UPDATE \"internship\" SET \"rural\" = (SELECT \"rural\" FROM \"employer_partner\" \
             WHERE \"employer_partner\".\"id\" = \"internship\".\"employer_id\")",
        )
        .await?;

        alter(
            manager,
            Table::alter().add_column(timestamp_with_time_zone_null(Alias::new("posted_at"))),
        )
        .await?;
        db.execute_unprepared(
            "UPDATE \"internship\" SET \"posted_at\" = \"created_at\" WHERE \"status\" <> 'draft'",
        )
        .await?;

        db.execute_unprepared(
            "INSERT INTO \"internship_eligible_institution\" (\"internship_id\", \"institution_id\") \
             SELECT \"internship\".\"id\", \"partnership\".\"institution_id\" FROM \"internship\" \
             JOIN \"partnership\" ON \"partnership\".\"employer_id\" = \"internship\".\"employer_id\" \
             AND \"partnership\".\"status\" = 'active' \
             WHERE NOT EXISTS (SELECT 1 FROM \"internship_eligible_institution\" AS \"e\" \
             WHERE \"e\".\"internship_id\" = \"internship\".\"id\")",
        )
        .await?;

        rename_statuses(manager, false).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        rename_statuses(manager, true).await?;
        db.execute_unprepared(
            "UPDATE \"application\" SET \"status\" = 'accepted' WHERE \"status\" = 'completed'",
        )
        .await?;
        alter(manager, Table::alter().drop_column(Alias::new("posted_at"))).await?;
        alter(manager, Table::alter().drop_column(Alias::new("rural"))).await?;
        alter(
            manager,
            Table::alter().rename_column(Alias::new("pay_cents"), Alias::new("hourly_rate_cents")),
        )
        .await?;
        alter(
            manager,
            Table::alter().add_column(boolean(Alias::new("paid")).default(false)),
        )
        .await?;
        db.execute_unprepared("UPDATE \"internship\" SET \"paid\" = (\"pay\" <> 'unpaid')")
            .await?;
        alter(manager, Table::alter().drop_column(Alias::new("pay"))).await?;
        alter(
            manager,
            Table::alter().add_column(boolean(Alias::new("remote")).default(false)),
        )
        .await?;
        db.execute_unprepared("UPDATE \"internship\" SET \"remote\" = (\"work_mode\" = 'remote')")
            .await?;
        alter(manager, Table::alter().drop_column(Alias::new("work_mode"))).await
    }
}
