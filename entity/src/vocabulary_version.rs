//! `vocabulary_version` table: one row whose version moves whenever the vocabulary changes.

use sea_orm::entity::prelude::*;

/// The vocabulary's version (one row, `id` 1).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vocabulary_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    /// Random, set by the migration: tells one database's vocabulary from another's.
    pub token: String,
    /// Bumped by every change to terms, aliases or tags.
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
