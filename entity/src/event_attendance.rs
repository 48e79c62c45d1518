//! `event_attendance` table: an employer attending an event.

use sea_orm::entity::prelude::*;

/// An employer attending an event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "event_attendance")]
pub struct Model {
    /// The event.
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    /// The employer partner.
    #[sea_orm(primary_key, auto_increment = false)]
    pub employer_id: Uuid,
}

/// Foreign keys of `event_attendance` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `event_attendance.event_id` references `event.id`.
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id",
        on_delete = "Cascade"
    )]
    Event,
    /// `event_attendance.employer_id` references `employer_partner.id`.
    #[sea_orm(
        belongs_to = "super::employer_partner::Entity",
        from = "Column::EmployerId",
        to = "super::employer_partner::Column::Id",
        on_delete = "Cascade"
    )]
    EmployerPartner,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::employer_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployerPartner.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
