//! `certification` table: a professional certification in the shared vocabulary (e.g. RHIT, CHTS-IS).

use sea_orm::entity::prelude::*;

/// A professional certification in the shared vocabulary (e.g. RHIT, CHTS-IS).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "certification")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Short unique code, e.g. `RHIT`.
    #[sea_orm(unique)]
    pub code: String,
    /// Full name.
    pub name: String,
    /// Body that awards the certification.
    pub issuer: String,
    /// Tag number (unique, unbounded) in graduates' `certification_tags`; set once the row is
    /// stored.
    pub tag: Option<i32>,
}

/// Foreign keys of `certification` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Rows of `graduate_certification` that reference this certification.
    #[sea_orm(has_many = "super::graduate_certification::Entity")]
    GraduateCertification,
}

impl Related<super::graduate_certification::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GraduateCertification.def()
    }
}

/// Many-to-many through `graduate_certification`.
impl Related<super::graduate::Entity> for Entity {
    fn to() -> RelationDef {
        super::graduate_certification::Relation::Graduate.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::graduate_certification::Relation::Certification
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
