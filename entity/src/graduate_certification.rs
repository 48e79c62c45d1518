//! `graduate_certification` table: a certification a graduate holds.

use sea_orm::entity::prelude::*;

/// A certification a graduate holds.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "graduate_certification")]
pub struct Model {
    /// The graduate.
    #[sea_orm(primary_key, auto_increment = false)]
    pub graduate_id: Uuid,
    /// The certification.
    #[sea_orm(primary_key, auto_increment = false)]
    pub certification_id: Uuid,
    /// When the certification was earned, if known.
    pub earned_on: Option<Date>,
}

/// Foreign keys of `graduate_certification` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `graduate_certification.graduate_id` references `graduate.id`.
    #[sea_orm(
        belongs_to = "super::graduate::Entity",
        from = "Column::GraduateId",
        to = "super::graduate::Column::Id",
        on_delete = "Cascade"
    )]
    Graduate,
    /// `graduate_certification.certification_id` references `certification.id`.
    #[sea_orm(
        belongs_to = "super::certification::Entity",
        from = "Column::CertificationId",
        to = "super::certification::Column::Id",
        on_delete = "Cascade"
    )]
    Certification,
}

impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Graduate.def()
    }
}

impl Related<super::certification::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Certification.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
