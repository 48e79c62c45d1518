//! `partnership` table: a partnership between an institution and an employer; an active one admits the school's graduates to the employer's pool.

use crate::enums::PartnershipStatus;
use sea_orm::entity::prelude::*;

/// A partnership between an institution and an employer; an active one admits the school's graduates to the employer's pool.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "partnership")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The institution.
    pub institution_id: Uuid,
    /// The employer partner.
    pub employer_id: Uuid,
    /// State of the partnership.
    pub status: PartnershipStatus,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
}

/// Foreign keys of `partnership` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `partnership.institution_id` references `institution.id`.
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::InstitutionId",
        to = "super::institution::Column::Id",
        on_delete = "Restrict"
    )]
    Institution,
    /// `partnership.employer_id` references `employer_partner.id`.
    #[sea_orm(
        belongs_to = "super::employer_partner::Entity",
        from = "Column::EmployerId",
        to = "super::employer_partner::Column::Id",
        on_delete = "Restrict"
    )]
    EmployerPartner,
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Institution.def()
    }
}

impl Related<super::employer_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployerPartner.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
