//! Employer partners: hospitals, rural clinics, practices, vendors, payers, public health
//! (reads, with private fields masked; writes in `write`).

mod view;
pub mod write;

pub use view::{EmployerContact, EmployerView};

use std::collections::HashMap;

use entity::employer_partner as employer;
use entity::enums::{EmployerKind, EmployerStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Lookup, Page, PageRequest, text};
use crate::cache::Domain;
use crate::{auth::Caller, authz, error::ApiError, error::ApiResult};

/// Filters for the employer list.
#[derive(Debug, Clone, Default)]
pub struct EmployerFilter {
    pub kind: Option<EmployerKind>,
    pub state: Option<String>,
    pub rural: Option<bool>,
    pub search: Option<crate::domain::SearchText>,
}

/// The employers a viewer may see, as a row filter.
pub(crate) fn visible(caller: &Caller) -> Condition {
    caller.effects().read(Domain::Employers);
    let viewer = caller.viewer();
    super::scope::condition(
        &authz::employer_read_scope(viewer),
        super::scope::Rows::default()
            .public(Condition::all().add(employer::Column::Status.eq(EmployerStatus::Active)))
            .employer_column(employer::Column::Id),
    )
}

/// Employer partners in name order.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: EmployerFilter,
    page: PageRequest,
) -> ApiResult<Page<EmployerView>> {
    let viewer = caller.viewer();
    let shape = format!("{filter:?}");
    let mut cond = visible(caller);
    if let Some(kind) = filter.kind {
        cond = cond.add(employer::Column::Kind.eq(kind));
    }
    if let Some(state) = filter.state {
        cond = cond.add(employer::Column::State.eq(state.to_uppercase()));
    }
    if let Some(rural) = filter.rural {
        cond = cond.add(employer::Column::Rural.eq(rural));
    }
    if let Some(term) = filter.search.as_ref().map(|s| s.as_str()) {
        cond = cond.add(text::contains_any(
            &[employer::Column::Name, employer::Column::Description],
            term,
        ));
    }
    let order = Ordering::new("name")
        .asc(
            Expr::col((employer::Entity, employer::Column::Name)),
            KeyKind::Text,
        )
        .asc(
            Expr::col((employer::Entity, employer::Column::Id)),
            KeyKind::Uuid,
        );
    let select = employer::Entity::find().filter(cond);
    let page = super::page::fetch(db, select, &order, &shape, &page).await?;
    Ok(page.map(|m| EmployerView::for_viewer(viewer, m)))
}

/// One employer by id or slug; `NotFound` when it does not exist or is hidden.
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    lookup: Lookup,
) -> ApiResult<EmployerView> {
    let viewer = caller.viewer();
    let key = match lookup {
        Lookup::Id(id) => employer::Column::Id.eq(id),
        Lookup::Slug(slug) => employer::Column::Slug.eq(slug),
    };
    employer::Entity::find()
        .filter(visible(caller).add(key))
        .one(db)
        .await?
        .map(|m| EmployerView::for_viewer(viewer, m))
        .ok_or(ApiError::NotFound)
}

/// Visible employers by id, for DataLoaders.
pub async fn by_ids(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, EmployerView>> {
    let viewer = caller.viewer();
    let rows = employer::Entity::find()
        .filter(visible(caller).add(employer::Column::Id.is_in(ids.iter().copied())))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, EmployerView::for_viewer(viewer, r)))
        .collect())
}
