//! Placements: a graduate's job or internship outcome, recorded by their school or the employer
//! (reads; writes in `write`).

pub mod write;

use entity::placement;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest};
use crate::auth::Caller;
use crate::authz;
use crate::error::{ApiError, ApiResult};

/// Filters for the placement list; every one given must match.
#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    pub graduate: Option<Uuid>,
    /// Employer slug.
    pub employer: Option<String>,
}

fn visible(caller: &Caller) -> ApiResult<Condition> {
    let viewer = caller.viewer();
    let scope = authz::party_scope(viewer);
    if scope.is_denied() {
        return Err(authz::list_refusal(viewer));
    }
    let rows = super::scope::Rows::default()
        .about_graduate(placement::Column::GraduateId)
        .employer_column(placement::Column::EmployerId);
    Ok(super::scope::condition(&scope, rows))
}

fn col(column: placement::Column) -> Expr {
    Expr::col((placement::Entity, column))
}

/// The placements the viewer is a party to (the graduate's own, a school's graduates', an
/// employer's hires; all for consortium admins), latest start first.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: PlacementFilter,
    page: PageRequest,
) -> ApiResult<Page<placement::Model>> {
    let shape = format!("{filter:?}");
    let mut cond = visible(caller)?;
    if let Some(id) = filter.graduate {
        cond = cond.add(placement::Column::GraduateId.eq(id));
    }
    if let Some(slug) = filter.employer {
        cond = cond.add(
            placement::Column::EmployerId.in_subquery(super::employer_ids(
                Condition::all().add(entity::employer_partner::Column::Slug.eq(slug)),
            )),
        );
    }
    let order = Ordering::new("latest")
        .desc(col(placement::Column::StartDate), KeyKind::Date)
        .asc(col(placement::Column::Id), KeyKind::Uuid);
    let select = placement::Entity::find().filter(cond);
    super::page::fetch(db, select, &order, &shape, &page).await
}

/// One placement the viewer is a party to.
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<placement::Model> {
    let cond = visible(caller).map_err(|_| ApiError::NotFound)?;
    placement::Entity::find()
        .filter(cond.add(placement::Column::Id.eq(id)))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}
