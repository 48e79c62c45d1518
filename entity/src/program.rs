//! `program` table: an academic or training program offered by an institution.

use crate::enums::{Credential, Modality, ProgramStatus};
use sea_orm::entity::prelude::*;

/// An academic or training program offered by an institution.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "program")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Stable URL-safe identifier (at most 64 characters).
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub slug: String,
    /// The institution offering the program.
    pub institution_id: Uuid,
    /// Display name.
    pub name: String,
    /// Longer public description.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// The award the program leads to.
    pub credential: Credential,
    /// Classification of Instructional Programs code, formatted `NN.NNNN`.
    pub cip_code: String,
    /// Primary target occupation as a SOC code (e.g. `29-2072`).
    pub soc_code: Option<String>,
    /// How the program is delivered.
    pub modality: Modality,
    /// Typical length in months.
    pub duration_months: i32,
    /// Publication state.
    pub status: ProgramStatus,
    /// Date the next cohort starts, if scheduled.
    pub next_start: Option<Date>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `program` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `program.institution_id` references `institution.id`.
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::InstitutionId",
        to = "super::institution::Column::Id",
        on_delete = "Restrict"
    )]
    Institution,
    /// Rows of `program_skill` that reference this program.
    #[sea_orm(has_many = "super::program_skill::Entity")]
    ProgramSkill,
    /// Rows of `program_hit_role` that reference this program.
    #[sea_orm(has_many = "super::program_hit_role::Entity")]
    ProgramHitRole,
    /// Rows of `graduate` that reference this program.
    #[sea_orm(has_many = "super::graduate::Entity")]
    Graduate,
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Institution.def()
    }
}

impl Related<super::program_skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramSkill.def()
    }
}

impl Related<super::program_hit_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramHitRole.def()
    }
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

/// Many-to-many through `program_skill`.
impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        super::program_skill::Relation::Skill.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::program_skill::Relation::Program.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
