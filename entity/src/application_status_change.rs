//! `application_status_change` table: one step in an application's status history.

use crate::enums::ApplicationStatus;
use sea_orm::entity::prelude::*;

/// One step in an application's status history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "application_status_change")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The application that changed.
    pub application_id: Uuid,
    /// Status before the change; none for the initial submission.
    pub from_status: Option<ApplicationStatus>,
    /// Status after the change.
    pub to_status: ApplicationStatus,
    /// Subject (`sub`) of whoever made the change.
    pub changed_by: String,
    /// Optional reason or comment.
    pub note: Option<String>,
    /// When the change happened.
    pub changed_at: DateTimeUtc,
}

/// Foreign keys of `application_status_change` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `application_status_change.application_id` references `application.id`.
    #[sea_orm(
        belongs_to = "super::application::Entity",
        from = "Column::ApplicationId",
        to = "super::application::Column::Id",
        on_delete = "Cascade"
    )]
    Application,
}

impl Related<super::application::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Application.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
