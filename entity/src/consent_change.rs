//! `consent_change` table: one change of a graduate's consent level (from, to, who, when).

use crate::enums::{ConsentLevel, ConsentSetter};
use sea_orm::entity::prelude::*;

/// One change of a graduate's consent level.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "consent_change")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The graduate whose consent changed.
    pub graduate_id: Uuid,
    /// Level before the change.
    pub from_level: ConsentLevel,
    /// Level after the change.
    pub to_level: ConsentLevel,
    /// Subject (`sub`) of whoever changed it.
    pub changed_by: String,
    /// In which capacity they changed it.
    pub changed_as: ConsentSetter,
    /// When it changed.
    pub changed_at: DateTimeUtc,
}

/// Foreign keys of `consent_change`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `consent_change.graduate_id` references `graduate.id`.
    #[sea_orm(
        belongs_to = "super::graduate::Entity",
        from = "Column::GraduateId",
        to = "super::graduate::Column::Id",
        on_delete = "Restrict"
    )]
    Graduate,
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
