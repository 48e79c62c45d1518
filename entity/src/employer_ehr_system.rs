//! `employer_ehr_system` table: an EHR system (a skill of kind `ehr_system`) an employer uses.

use sea_orm::entity::prelude::*;

/// An EHR system (a skill of kind `ehr_system`) an employer uses.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "employer_ehr_system")]
pub struct Model {
    /// The employer partner.
    #[sea_orm(primary_key, auto_increment = false)]
    pub employer_id: Uuid,
    /// The skill.
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill_id: Uuid,
}

/// Foreign keys of `employer_ehr_system` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `employer_ehr_system.employer_id` references `employer_partner.id`.
    #[sea_orm(
        belongs_to = "super::employer_partner::Entity",
        from = "Column::EmployerId",
        to = "super::employer_partner::Column::Id",
        on_delete = "Cascade"
    )]
    EmployerPartner,
    /// `employer_ehr_system.skill_id` references `skill.id`.
    #[sea_orm(
        belongs_to = "super::skill::Entity",
        from = "Column::SkillId",
        to = "super::skill::Column::Id",
        on_delete = "Cascade"
    )]
    Skill,
}

impl Related<super::employer_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployerPartner.def()
    }
}

impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Skill.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
