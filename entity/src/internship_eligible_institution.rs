//! `internship_eligible_institution` table: an institution whose graduates may apply to an internship; an internship with none is open to all.

use sea_orm::entity::prelude::*;

/// An institution whose graduates may apply to an internship; an internship with none is open to all.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "internship_eligible_institution")]
pub struct Model {
    /// The internship.
    #[sea_orm(primary_key, auto_increment = false)]
    pub internship_id: Uuid,
    /// The institution.
    #[sea_orm(primary_key, auto_increment = false)]
    pub institution_id: Uuid,
}

/// Foreign keys of `internship_eligible_institution` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `internship_eligible_institution.internship_id` references `internship.id`.
    #[sea_orm(
        belongs_to = "super::internship::Entity",
        from = "Column::InternshipId",
        to = "super::internship::Column::Id",
        on_delete = "Cascade"
    )]
    Internship,
    /// `internship_eligible_institution.institution_id` references `institution.id`.
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::InstitutionId",
        to = "super::institution::Column::Id",
        on_delete = "Cascade"
    )]
    Institution,
}

impl Related<super::internship::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Internship.def()
    }
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Institution.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
