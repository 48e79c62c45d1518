//! `event_interest` table: a graduate's registered interest in an event.

use sea_orm::entity::prelude::*;

/// A graduate's registered interest in an event (at most one per pair).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "event_interest")]
pub struct Model {
    /// The event.
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    /// The graduate.
    #[sea_orm(primary_key, auto_increment = false)]
    pub graduate_id: Uuid,
    /// When they registered it.
    pub created_at: DateTimeUtc,
}

/// Foreign keys of `event_interest`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `event_interest.event_id` references `event.id`.
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id",
        on_delete = "Cascade"
    )]
    Event,
    /// `event_interest.graduate_id` references `graduate.id`.
    #[sea_orm(
        belongs_to = "super::graduate::Entity",
        from = "Column::GraduateId",
        to = "super::graduate::Column::Id",
        on_delete = "Cascade"
    )]
    Graduate,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
