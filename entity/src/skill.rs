//! `skill` table: a skill in the shared vocabulary; EHR systems are skills of kind `ehr_system`.

use crate::enums::SkillKind;
use sea_orm::entity::prelude::*;

/// A skill in the shared vocabulary; EHR systems are skills of kind `ehr_system`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "skill")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Stable URL-safe identifier (at most 64 characters).
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Category of the skill.
    pub kind: SkillKind,
    /// Tag number (unique, unbounded) in graduates' `skill_tags`; set once the row is stored.
    pub tag: Option<i32>,
}

/// Foreign keys of `skill` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Rows of `program_skill` that reference this skill.
    #[sea_orm(has_many = "super::program_skill::Entity")]
    ProgramSkill,
    /// Rows of `graduate_skill` that reference this skill.
    #[sea_orm(has_many = "super::graduate_skill::Entity")]
    GraduateSkill,
    /// Rows of `employer_ehr_system` that reference this skill.
    #[sea_orm(has_many = "super::employer_ehr_system::Entity")]
    EmployerEhrSystem,
    /// Rows of `internship_skill` that reference this skill.
    #[sea_orm(has_many = "super::internship_skill::Entity")]
    InternshipSkill,
}

impl Related<super::program_skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramSkill.def()
    }
}

impl Related<super::graduate_skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GraduateSkill.def()
    }
}

impl Related<super::employer_ehr_system::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployerEhrSystem.def()
    }
}

impl Related<super::internship_skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InternshipSkill.def()
    }
}

/// Many-to-many through `program_skill`.
impl Related<super::program::Entity> for Entity {
    fn to() -> RelationDef {
        super::program_skill::Relation::Program.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::program_skill::Relation::Skill.def().rev())
    }
}

/// Many-to-many through `graduate_skill`.
impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        super::graduate_skill::Relation::Graduate.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::graduate_skill::Relation::Skill.def().rev())
    }
}

/// Many-to-many through `employer_ehr_system`.
impl Related<super::employer_partner::Entity> for Entity {
    fn to() -> RelationDef {
        super::employer_ehr_system::Relation::EmployerPartner.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::employer_ehr_system::Relation::Skill.def().rev())
    }
}

/// Many-to-many through `internship_skill`.
impl Related<super::internship::Entity> for Entity {
    fn to() -> RelationDef {
        super::internship_skill::Relation::Internship.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::internship_skill::Relation::Skill.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
