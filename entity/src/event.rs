//! `event` table: a job fair, info session or similar event hosted by an institution.

use crate::enums::{EventKind, EventStatus};
use sea_orm::entity::prelude::*;

/// A job fair, info session or similar event hosted by an institution.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "event")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Stable URL-safe identifier (at most 64 characters).
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub slug: String,
    /// The institution hosting the event.
    pub host_institution_id: Uuid,
    /// Display name.
    pub name: String,
    /// What kind of event this is.
    pub kind: EventKind,
    /// Longer public description.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Start time.
    pub starts_at: DateTimeUtc,
    /// End time.
    pub ends_at: DateTimeUtc,
    /// Venue name or room.
    pub venue: String,
    /// City of the venue.
    pub city: String,
    /// Two-letter US state code.
    #[sea_orm(column_type = "String(StringLen::N(2))")]
    pub state: String,
    /// Whether the event is held online.
    pub is_virtual: bool,
    /// Where to register, if registration is needed.
    pub registration_url: Option<String>,
    /// Whether it still takes place.
    pub status: EventStatus,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `event` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `event.host_institution_id` references `institution.id`.
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::HostInstitutionId",
        to = "super::institution::Column::Id",
        on_delete = "Restrict"
    )]
    HostInstitution,
    /// Rows of `event_attendance` that reference this event.
    #[sea_orm(has_many = "super::event_attendance::Entity")]
    EventAttendance,
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::HostInstitution.def()
    }
}

impl Related<super::event_attendance::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventAttendance.def()
    }
}

/// Many-to-many through `event_attendance`.
impl Related<super::employer_partner::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_attendance::Relation::EmployerPartner.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::event_attendance::Relation::Event.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
