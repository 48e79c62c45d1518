//! `certification_alias` table: another name a certification goes by, matched case-insensitively.

use sea_orm::entity::prelude::*;

/// Another name a certification goes by (e.g. "Cerner" for Oracle Health).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "certification_alias")]
pub struct Model {
    /// The alias as written (unique in its vocabulary, ignoring case).
    #[sea_orm(
        primary_key,
        auto_increment = false,
        column_type = "String(StringLen::N(100))"
    )]
    pub alias: String,
    /// The term it names.
    pub certification_id: Uuid,
}

/// Foreign keys of `certification_alias`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `certification_alias.certification_id` references `certification.id`.
    #[sea_orm(
        belongs_to = "super::certification::Entity",
        from = "Column::CertificationId",
        to = "super::certification::Column::Id",
        on_delete = "Cascade"
    )]
    Certification,
}

impl Related<super::certification::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Certification.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
