//! `application` table: a graduate's application to an internship (at most one per pair).

use crate::enums::ApplicationStatus;
use sea_orm::entity::prelude::*;

/// A graduate's application to an internship (at most one per pair).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "application")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The applicant.
    pub graduate_id: Uuid,
    /// The internship applied to.
    pub internship_id: Uuid,
    /// Where the application stands.
    pub status: ApplicationStatus,
    /// Optional note from the applicant.
    pub cover_note: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `application` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `application.graduate_id` references `graduate.id`.
    #[sea_orm(
        belongs_to = "super::graduate::Entity",
        from = "Column::GraduateId",
        to = "super::graduate::Column::Id",
        on_delete = "Restrict"
    )]
    Graduate,
    /// `application.internship_id` references `internship.id`.
    #[sea_orm(
        belongs_to = "super::internship::Entity",
        from = "Column::InternshipId",
        to = "super::internship::Column::Id",
        on_delete = "Restrict"
    )]
    Internship,
    /// Rows of `application_status_change` that reference this application.
    #[sea_orm(has_many = "super::application_status_change::Entity")]
    ApplicationStatusChange,
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

impl Related<super::internship::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Internship.def()
    }
}

impl Related<super::application_status_change::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ApplicationStatusChange.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
