//! `program_skill` table: a skill or EHR system taught by a program.

use sea_orm::entity::prelude::*;

/// A skill or EHR system taught by a program.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "program_skill")]
pub struct Model {
    /// The program.
    #[sea_orm(primary_key, auto_increment = false)]
    pub program_id: Uuid,
    /// The skill.
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill_id: Uuid,
}

/// Foreign keys of `program_skill` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `program_skill.program_id` references `program.id`.
    #[sea_orm(
        belongs_to = "super::program::Entity",
        from = "Column::ProgramId",
        to = "super::program::Column::Id",
        on_delete = "Cascade"
    )]
    Program,
    /// `program_skill.skill_id` references `skill.id`.
    #[sea_orm(
        belongs_to = "super::skill::Entity",
        from = "Column::SkillId",
        to = "super::skill::Column::Id",
        on_delete = "Cascade"
    )]
    Skill,
}

impl Related<super::program::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Program.def()
    }
}

impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Skill.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
