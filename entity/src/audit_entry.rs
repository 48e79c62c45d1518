//! `audit_entry` table: admin audit trail: one row per write. Ids are not foreign keys so entries outlive what they describe.

use sea_orm::entity::prelude::*;

/// Admin audit trail: one row per write. Ids are not foreign keys so entries outlive what they describe.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Subject (`sub`) of who acted.
    pub actor_sub: String,
    /// Dotted action name, e.g. `program.update`.
    pub action: String,
    /// Table or type name of the changed record.
    pub entity_type: String,
    /// Id of the changed record.
    pub entity_id: Uuid,
    /// Institution the change concerns, for scoped reads.
    pub institution_id: Option<Uuid>,
    /// Employer the change concerns, for scoped reads.
    pub employer_id: Option<Uuid>,
    /// JSON object with `before` and `after`.
    pub summary: Json,
    /// When the action happened.
    pub created_at: DateTimeUtc,
}

/// Foreign keys of `audit_entry` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
