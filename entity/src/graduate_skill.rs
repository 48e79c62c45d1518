//! `graduate_skill` table: a skill or EHR system a graduate has.

use sea_orm::entity::prelude::*;

/// A skill or EHR system a graduate has.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "graduate_skill")]
pub struct Model {
    /// The graduate.
    #[sea_orm(primary_key, auto_increment = false)]
    pub graduate_id: Uuid,
    /// The skill.
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill_id: Uuid,
}

/// Foreign keys of `graduate_skill` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `graduate_skill.graduate_id` references `graduate.id`.
    #[sea_orm(
        belongs_to = "super::graduate::Entity",
        from = "Column::GraduateId",
        to = "super::graduate::Column::Id",
        on_delete = "Cascade"
    )]
    Graduate,
    /// `graduate_skill.skill_id` references `skill.id`.
    #[sea_orm(
        belongs_to = "super::skill::Entity",
        from = "Column::SkillId",
        to = "super::skill::Column::Id",
        on_delete = "Cascade"
    )]
    Skill,
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Skill.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
