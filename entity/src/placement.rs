//! `placement` table: a recorded job or internship outcome for a graduate.

use crate::enums::EmploymentType;
use sea_orm::entity::prelude::*;

/// A recorded job or internship outcome for a graduate.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "placement")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The graduate placed.
    pub graduate_id: Uuid,
    /// The employer.
    pub employer_id: Uuid,
    /// The internship that led to it, if any.
    pub internship_id: Option<Uuid>,
    /// Job title.
    pub title: String,
    /// Occupation as a SOC code, if known.
    pub soc_code: Option<String>,
    /// Kind of engagement.
    pub employment_type: EmploymentType,
    /// First day of work.
    pub start_date: Date,
    /// Subject (`sub`) of whoever recorded it.
    pub recorded_by: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `placement` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `placement.graduate_id` references `graduate.id`.
    #[sea_orm(
        belongs_to = "super::graduate::Entity",
        from = "Column::GraduateId",
        to = "super::graduate::Column::Id",
        on_delete = "Restrict"
    )]
    Graduate,
    /// `placement.employer_id` references `employer_partner.id`.
    #[sea_orm(
        belongs_to = "super::employer_partner::Entity",
        from = "Column::EmployerId",
        to = "super::employer_partner::Column::Id",
        on_delete = "Restrict"
    )]
    EmployerPartner,
    /// `placement.internship_id` references `internship.id`.
    #[sea_orm(
        belongs_to = "super::internship::Entity",
        from = "Column::InternshipId",
        to = "super::internship::Column::Id",
        on_delete = "Restrict"
    )]
    Internship,
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

impl Related<super::employer_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployerPartner.def()
    }
}

impl Related<super::internship::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Internship.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
