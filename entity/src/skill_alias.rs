//! `skill_alias` table: another name a skill or EHR system goes by, matched case-insensitively.

use sea_orm::entity::prelude::*;

/// Another name a skill or EHR system goes by (e.g. "Cerner" for Oracle Health).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "skill_alias")]
pub struct Model {
    /// The alias as written (unique in its vocabulary, ignoring case).
    #[sea_orm(
        primary_key,
        auto_increment = false,
        column_type = "String(StringLen::N(100))"
    )]
    pub alias: String,
    /// The term it names.
    pub skill_id: Uuid,
}

/// Foreign keys of `skill_alias`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `skill_alias.skill_id` references `skill.id`.
    #[sea_orm(
        belongs_to = "super::skill::Entity",
        from = "Column::SkillId",
        to = "super::skill::Column::Id",
        on_delete = "Cascade"
    )]
    Skill,
}

impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Skill.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
