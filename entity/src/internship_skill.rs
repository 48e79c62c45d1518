//! `internship_skill` table: a skill or EHR system an internship asks for.

use sea_orm::entity::prelude::*;

/// A skill or EHR system an internship asks for.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "internship_skill")]
pub struct Model {
    /// The internship.
    #[sea_orm(primary_key, auto_increment = false)]
    pub internship_id: Uuid,
    /// The skill.
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill_id: Uuid,
}

/// Foreign keys of `internship_skill` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `internship_skill.internship_id` references `internship.id`.
    #[sea_orm(
        belongs_to = "super::internship::Entity",
        from = "Column::InternshipId",
        to = "super::internship::Column::Id",
        on_delete = "Cascade"
    )]
    Internship,
    /// `internship_skill.skill_id` references `skill.id`.
    #[sea_orm(
        belongs_to = "super::skill::Entity",
        from = "Column::SkillId",
        to = "super::skill::Column::Id",
        on_delete = "Cascade"
    )]
    Skill,
}

impl Related<super::internship::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Internship.def()
    }
}

impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Skill.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
