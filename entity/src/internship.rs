//! `internship` table: an internship posted by an employer partner.

use crate::enums::{HitRole, InternshipStatus, Pay, WorkMode};
use sea_orm::entity::prelude::*;

/// An internship posted by an employer partner.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "internship")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The employer offering the internship.
    pub employer_id: Uuid,
    /// Title of the posting.
    pub title: String,
    /// Longer description of the work.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// The health-IT role the internship offers, if one fits.
    pub hit_role: Option<HitRole>,
    /// How the intern is paid.
    pub pay: Pay,
    /// The amount in US cents, if disclosed: per hour when `pay` is hourly, in all for a stipend.
    pub pay_cents: Option<i32>,
    /// City of the work site.
    pub city: String,
    /// Two-letter US state code.
    #[sea_orm(column_type = "String(StringLen::N(2))")]
    pub state: String,
    /// On site, hybrid or remote.
    pub work_mode: WorkMode,
    /// Whether the work site is rural.
    pub rural: bool,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Last day to apply, if any.
    pub application_deadline: Option<Date>,
    /// Number of interns wanted.
    pub slots: i32,
    /// Publication state.
    pub status: InternshipStatus,
    /// When it first opened for applications.
    pub posted_at: Option<DateTimeUtc>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `internship` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `internship.employer_id` references `employer_partner.id`.
    #[sea_orm(
        belongs_to = "super::employer_partner::Entity",
        from = "Column::EmployerId",
        to = "super::employer_partner::Column::Id",
        on_delete = "Restrict"
    )]
    EmployerPartner,
    /// Rows of `internship_skill` that reference this internship.
    #[sea_orm(has_many = "super::internship_skill::Entity")]
    InternshipSkill,
    /// Rows of `internship_eligible_institution` that reference this internship.
    #[sea_orm(has_many = "super::internship_eligible_institution::Entity")]
    InternshipEligibleInstitution,
    /// Rows of `application` that reference this internship.
    #[sea_orm(has_many = "super::application::Entity")]
    Application,
    /// Rows of `placement` that reference this internship.
    #[sea_orm(has_many = "super::placement::Entity")]
    Placement,
}

impl Related<super::employer_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployerPartner.def()
    }
}

impl Related<super::internship_skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InternshipSkill.def()
    }
}

impl Related<super::internship_eligible_institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InternshipEligibleInstitution.def()
    }
}

impl Related<super::application::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Application.def()
    }
}

impl Related<super::placement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Placement.def()
    }
}

/// Many-to-many through `internship_skill`.
impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        super::internship_skill::Relation::Skill.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::internship_skill::Relation::Internship.def().rev())
    }
}

/// Many-to-many through `internship_eligible_institution`.
impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        super::internship_eligible_institution::Relation::Institution.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::internship_eligible_institution::Relation::Internship
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
