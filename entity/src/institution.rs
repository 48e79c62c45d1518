//! `institution` table: a school or workforce program in the consortium.

use crate::enums::{InstitutionKind, RecordStatus};
use sea_orm::entity::prelude::*;

/// A school or workforce program in the consortium.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "institution")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Stable URL-safe identifier (at most 64 characters).
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What kind of institution this is.
    pub kind: InstitutionKind,
    /// City of the main campus.
    pub city: String,
    /// Two-letter US state code.
    #[sea_orm(column_type = "String(StringLen::N(2))")]
    pub state: String,
    /// Consortium region used for filtering.
    pub region: String,
    /// Whether the institution serves a rural area.
    pub rural: bool,
    /// Public website URL.
    pub website: Option<String>,
    /// Longer public description.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Whether the institution is active or archived.
    pub status: RecordStatus,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `institution` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Rows of `program` that reference this institution.
    #[sea_orm(has_many = "super::program::Entity")]
    Program,
    /// Rows of `graduate` that reference this institution.
    #[sea_orm(has_many = "super::graduate::Entity")]
    Graduate,
    /// Rows of `partnership` that reference this institution.
    #[sea_orm(has_many = "super::partnership::Entity")]
    Partnership,
    /// Rows of `event` that reference this institution.
    #[sea_orm(has_many = "super::event::Entity")]
    Event,
    /// Rows of `internship_eligible_institution` that reference this institution.
    #[sea_orm(has_many = "super::internship_eligible_institution::Entity")]
    InternshipEligibleInstitution,
}

impl Related<super::program::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Program.def()
    }
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

impl Related<super::partnership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Partnership.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::internship_eligible_institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InternshipEligibleInstitution.def()
    }
}

/// Many-to-many through `internship_eligible_institution`.
impl Related<super::internship::Entity> for Entity {
    fn to() -> RelationDef {
        super::internship_eligible_institution::Relation::Internship.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::internship_eligible_institution::Relation::Institution
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
