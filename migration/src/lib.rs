//! HIT Bridge schema migrations.
//!
//! One migration per file, named by date and sequence; a migration that has landed is never edited,
//! a change to the schema is a new file. Everything here must run on both SQLite and PostgreSQL:
//! enums are `varchar(32)`, JSON is `json`, and foreign keys are declared in `CREATE TABLE`.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_institutions;
mod m20261123_000002_create_employers;
mod m20261123_000003_create_internships;
mod m20261123_000004_create_graduates;
mod m20261123_000005_create_applications;
mod m20261123_000006_create_disclosure_audit;
mod m20261130_000007_graduate_records;
mod m20261130_000008_pool_changes;
mod m20261130_000009_vocabulary_bits;
mod m20261130_000010_internship_postings;
mod m20261130_000011_event_lifecycle;
mod m20261130_000012_audit_owners;
mod m20261204_000013_server_keys;
mod m20261204_000014_email_case;
mod m20261204_000015_idempotency_fingerprint;
mod m20261204_000016_vocabulary_tags;
mod m20261204_000017_vocabulary_aliases;
mod m20261204_000018_vocabulary_version;
mod m20261205_000019_pool_index_keys;

/// Applies the HIT Bridge schema migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_institutions::Migration),
            Box::new(m20261123_000002_create_employers::Migration),
            Box::new(m20261123_000003_create_internships::Migration),
            Box::new(m20261123_000004_create_graduates::Migration),
            Box::new(m20261123_000005_create_applications::Migration),
            Box::new(m20261123_000006_create_disclosure_audit::Migration),
            Box::new(m20261130_000007_graduate_records::Migration),
            Box::new(m20261130_000008_pool_changes::Migration),
            Box::new(m20261130_000009_vocabulary_bits::Migration),
            Box::new(m20261130_000010_internship_postings::Migration),
            Box::new(m20261130_000011_event_lifecycle::Migration),
            Box::new(m20261130_000012_audit_owners::Migration),
            Box::new(m20261204_000013_server_keys::Migration),
            Box::new(m20261204_000014_email_case::Migration),
            Box::new(m20261204_000015_idempotency_fingerprint::Migration),
            Box::new(m20261204_000016_vocabulary_tags::Migration),
            Box::new(m20261204_000017_vocabulary_aliases::Migration),
            Box::new(m20261204_000018_vocabulary_version::Migration),
            Box::new(m20261205_000019_pool_index_keys::Migration),
        ]
    }
}
