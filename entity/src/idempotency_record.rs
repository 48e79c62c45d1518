//! `idempotency_record` table: remembers creates made with an idempotency key, so a retried create returns the first row.

use sea_orm::entity::prelude::*;

/// Remembers creates made with an idempotency key, so a retried create returns the first row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "idempotency_record")]
pub struct Model {
    /// Subject (`sub`) of who made the create.
    #[sea_orm(primary_key, auto_increment = false)]
    pub actor_sub: String,
    /// Key supplied by the client.
    #[sea_orm(primary_key, auto_increment = false)]
    pub idempotency_key: String,
    /// Mutation name, so a key reused for another operation is detected.
    pub operation: String,
    /// Fingerprint of the create's arguments (none for records kept before migration 000015).
    pub request_fingerprint: Option<String>,
    /// Id of the row the create made.
    pub entity_id: Uuid,
    /// When the create happened.
    pub created_at: DateTimeUtc,
}

/// Foreign keys of `idempotency_record` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
