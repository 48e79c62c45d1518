//! Domain services: reads and writes through sea-orm, taking the request's `&Caller`.
//!
//! Authorization (asked of [`crate::authz`]) and field masking happen here, so every path in —
//! root queries, nested fields via DataLoaders, mutations, federation `_entities` — gets the
//! same answer.

pub mod applications;
pub mod audit_trail;
pub mod candidates;
pub mod disclosures;
pub mod employers;
pub mod events;
pub mod graduates;
pub mod institutions;
pub mod internships;
pub mod page;
pub mod partnerships;
pub mod placements;
pub mod programs;
pub mod related;
pub mod reports;
pub(crate) mod scope;
pub mod text;
pub mod vocabulary;
pub(crate) mod write;

pub use page::{Page, PageRequest};

/// How to find one record: by id or by slug.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// By UUID.
    Id(uuid::Uuid),
    /// By slug.
    Slug(String),
}

/// `SELECT id FROM institution WHERE cond`, for `institution_id IN (…)` filters.
pub(crate) fn institution_ids(cond: sea_orm::Condition) -> sea_orm::sea_query::SelectStatement {
    use entity::institution;
    sea_orm::sea_query::Query::select()
        .column(institution::Column::Id)
        .from(institution::Entity)
        .cond_where(cond)
        .to_owned()
}

/// `SELECT id FROM employer_partner WHERE cond`, for `employer_id IN (…)` filters.
pub(crate) fn employer_ids(cond: sea_orm::Condition) -> sea_orm::sea_query::SelectStatement {
    use entity::employer_partner;
    sea_orm::sea_query::Query::select()
        .column(employer_partner::Column::Id)
        .from(employer_partner::Entity)
        .cond_where(cond)
        .to_owned()
}

/// `SELECT id FROM internship WHERE employer_id IN (employers)`.
pub(crate) fn internship_ids_of(
    employers: impl IntoIterator<Item = uuid::Uuid>,
) -> sea_orm::sea_query::SelectStatement {
    use entity::internship;
    use sea_orm::ColumnTrait;
    sea_orm::sea_query::Query::select()
        .column(internship::Column::Id)
        .from(internship::Entity)
        .and_where(internship::Column::EmployerId.is_in(employers))
        .to_owned()
}

/// Institutions whose records are public (not archived).
pub(crate) fn active_institutions() -> sea_orm::sea_query::SelectStatement {
    use sea_orm::ColumnTrait;
    institution_ids(
        sea_orm::Condition::all()
            .add(entity::institution::Column::Status.eq(entity::enums::RecordStatus::Active)),
    )
}

/// Employers whose records are public (neither suspended nor archived).
pub(crate) fn active_employers() -> sea_orm::sea_query::SelectStatement {
    use sea_orm::ColumnTrait;
    employer_ids(
        sea_orm::Condition::all().add(
            entity::employer_partner::Column::Status.eq(entity::enums::EmployerStatus::Active),
        ),
    )
}
