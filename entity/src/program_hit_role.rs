//! `program_hit_role` table: a health-IT role a program prepares its graduates for.

use crate::enums::HitRole;
use sea_orm::entity::prelude::*;

/// A health-IT role a program prepares its graduates for.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "program_hit_role")]
pub struct Model {
    /// The program.
    #[sea_orm(primary_key, auto_increment = false)]
    pub program_id: Uuid,
    /// The role prepared for.
    #[sea_orm(primary_key, auto_increment = false)]
    pub hit_role: HitRole,
}

/// Foreign keys of `program_hit_role` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `program_hit_role.program_id` references `program.id`.
    #[sea_orm(
        belongs_to = "super::program::Entity",
        from = "Column::ProgramId",
        to = "super::program::Column::Id",
        on_delete = "Cascade"
    )]
    Program,
}

impl Related<super::program::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Program.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
