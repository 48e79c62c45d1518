//! `disclosure` table: fERPA record of disclosure: one row each time a graduate's identifying fields leave the school.

use sea_orm::entity::prelude::*;

/// FERPA record of disclosure: one row each time a graduate's identifying fields leave the school.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "disclosure")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The graduate whose fields were disclosed.
    pub graduate_id: Uuid,
    /// Subject (`sub`) of the recipient.
    pub recipient_sub: String,
    /// Organisation of the recipient (e.g. employer slug).
    pub recipient_org: Option<String>,
    /// JSON array of the disclosed field names.
    pub fields: Json,
    /// GraphQL operation (or other channel) that disclosed them.
    pub operation: String,
    /// Request id for correlation with logs.
    pub request_id: Option<String>,
    /// When the disclosure happened.
    pub disclosed_at: DateTimeUtc,
}

/// Foreign keys of `disclosure` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `disclosure.graduate_id` references `graduate.id`.
    #[sea_orm(
        belongs_to = "super::graduate::Entity",
        from = "Column::GraduateId",
        to = "super::graduate::Column::Id",
        on_delete = "Restrict"
    )]
    Graduate,
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
