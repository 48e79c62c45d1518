//! `server_key` table: secrets the server generated for itself (the default sealing key).

use sea_orm::entity::prelude::*;

/// One named secret, generated once and never changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "server_key")]
pub struct Model {
    /// What the secret is for (e.g. `sealing`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The secret, base64.
    pub secret: String,
    /// When it was generated.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
