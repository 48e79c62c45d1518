//! `employer_partner` table: an employer that partners with the consortium (hospital, clinic, vendor, ...).

use crate::enums::{EmployerKind, EmployerStatus};
use sea_orm::entity::prelude::*;

/// An employer that partners with the consortium (hospital, clinic, vendor, ...).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "employer_partner")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Stable URL-safe identifier (at most 64 characters).
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What kind of organisation this is.
    pub kind: EmployerKind,
    /// City of the main site.
    pub city: String,
    /// Two-letter US state code.
    #[sea_orm(column_type = "String(StringLen::N(2))")]
    pub state: String,
    /// Consortium region used for filtering.
    pub region: String,
    /// Whether the employer is in a rural area.
    pub rural: bool,
    /// Public website URL.
    pub website: Option<String>,
    /// Longer public description.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Email address for recruiting contact.
    pub contact_email: Option<String>,
    /// Account state; a suspended employer loses access everywhere.
    pub status: EmployerStatus,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `employer_partner` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Rows of `employer_ehr_system` that reference this employer partner.
    #[sea_orm(has_many = "super::employer_ehr_system::Entity")]
    EmployerEhrSystem,
    /// Rows of `partnership` that reference this employer partner.
    #[sea_orm(has_many = "super::partnership::Entity")]
    Partnership,
    /// Rows of `internship` that reference this employer partner.
    #[sea_orm(has_many = "super::internship::Entity")]
    Internship,
    /// Rows of `placement` that reference this employer partner.
    #[sea_orm(has_many = "super::placement::Entity")]
    Placement,
    /// Rows of `event_attendance` that reference this employer partner.
    #[sea_orm(has_many = "super::event_attendance::Entity")]
    EventAttendance,
}

impl Related<super::employer_ehr_system::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployerEhrSystem.def()
    }
}

impl Related<super::partnership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Partnership.def()
    }
}

impl Related<super::internship::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Internship.def()
    }
}

impl Related<super::placement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Placement.def()
    }
}

impl Related<super::event_attendance::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventAttendance.def()
    }
}

/// Many-to-many through `employer_ehr_system`.
impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        super::employer_ehr_system::Relation::Skill.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::employer_ehr_system::Relation::EmployerPartner
                .def()
                .rev(),
        )
    }
}

/// Many-to-many through `event_attendance`.
impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_attendance::Relation::Event.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::event_attendance::Relation::EmployerPartner
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
