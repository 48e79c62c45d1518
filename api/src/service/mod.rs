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

/// Turns an authz read scope into a row filter: the `public` rows (when the scope includes
/// them), plus rows whose `institution` or `employer` column names one of the scope's owners;
/// no filter for `All`, and no rows for `Denied`. The result is an AND-condition, safe to extend.
pub(crate) fn scope_condition<C: sea_orm::ColumnTrait>(
    scope: &crate::authz::ReadScope,
    public: sea_orm::Condition,
    institution: Option<C>,
    employer: Option<C>,
) -> sea_orm::Condition {
    use crate::authz::ReadScope;
    use sea_orm::Condition;
    use sea_orm::sea_query::{Expr, ExprTrait};
    match scope {
        ReadScope::All => Condition::all(),
        ReadScope::Denied => Condition::all().add(Expr::val(1).eq(0)),
        ReadScope::Rows {
            public: with_public,
            owners,
        } => {
            // Never empty, so it never matches everything by accident.
            let mut any = Condition::any().add(Expr::val(1).eq(0));
            if *with_public {
                any = any.add(public);
            }
            if let Some(column) = institution.filter(|_| !owners.institutions.is_empty()) {
                any = any.add(column.is_in(owners.institutions.iter().copied()));
            }
            if let Some(column) = employer.filter(|_| !owners.employers.is_empty()) {
                any = any.add(column.is_in(owners.employers.iter().copied()));
            }
            // Wrapped in `all` so that callers can `.add` further filters (AND, not OR).
            Condition::all().add(any)
        }
    }
}

/// Turns an authz party scope into a row filter on a table of records between graduates and
/// employers (disclosures, applications): rows about the scope's graduates (`graduate` column)
/// and about its institutions' graduates, plus the rows `of_employers` says belong to its
/// employers; no filter when it reaches all. An AND-condition, safe to extend.
pub(crate) fn party_condition<C: sea_orm::ColumnTrait>(
    scope: &crate::authz::PartyScope,
    graduate: C,
    of_employers: impl FnOnce(&[uuid::Uuid]) -> sea_orm::sea_query::SimpleExpr,
) -> sea_orm::Condition {
    use entity::graduate as g;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    use sea_orm::{ColumnTrait, Condition};
    if scope.all {
        return Condition::all();
    }
    // Never empty, so it never matches everything by accident.
    let mut any = Condition::any().add(Expr::val(1).eq(0));
    if !scope.graduates.is_empty() {
        any = any.add(ColumnTrait::is_in(
            &graduate,
            scope.graduates.iter().copied(),
        ));
    }
    if !scope.institutions.is_empty() {
        let theirs = Query::select()
            .column(g::Column::Id)
            .from(g::Entity)
            .and_where(ColumnTrait::is_in(
                &g::Column::InstitutionId,
                scope.institutions.iter().copied(),
            ))
            .to_owned();
        any = any.add(graduate.in_subquery(theirs));
    }
    if !scope.employers.is_empty() {
        any = any.add(of_employers(&scope.employers));
    }
    Condition::all().add(any)
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
