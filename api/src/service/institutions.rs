//! Institutions: the consortium's schools and workforce programs (reads; writes in `write`).

pub mod write;

use std::collections::HashMap;

use entity::{enums::InstitutionKind, enums::RecordStatus, institution};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Lookup, Page, PageRequest, text};
use crate::cache::Domain;
use crate::{auth::Caller, authz, error::ApiError, error::ApiResult};

/// Filters for the institution list.
#[derive(Debug, Clone, Default)]
pub struct InstitutionFilter {
    pub state: Option<String>,
    pub kind: Option<InstitutionKind>,
    pub rural: Option<bool>,
    pub search: Option<crate::domain::SearchText>,
}

fn visible(caller: &Caller) -> Condition {
    caller.effects().read(Domain::Institutions);
    let viewer = caller.viewer();
    super::scope::condition(
        &authz::institution_read_scope(viewer),
        super::scope::Rows::default()
            .public(Condition::all().add(institution::Column::Status.eq(RecordStatus::Active)))
            .institution_column(institution::Column::Id),
    )
}

/// Institutions in name order.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: InstitutionFilter,
    page: PageRequest,
) -> ApiResult<Page<institution::Model>> {
    let shape = format!("{filter:?}");
    let mut cond = visible(caller);
    if let Some(state) = filter.state {
        cond = cond.add(institution::Column::State.eq(state.to_uppercase()));
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(institution::Column::Kind.eq(kind));
    }
    if let Some(rural) = filter.rural {
        cond = cond.add(institution::Column::Rural.eq(rural));
    }
    if let Some(term) = filter.search.as_ref().map(|s| s.as_str()) {
        cond = cond.add(text::contains_any(
            &[institution::Column::Name, institution::Column::Description],
            term,
        ));
    }
    let order = Ordering::new("name")
        .asc(
            Expr::col((institution::Entity, institution::Column::Name)),
            KeyKind::Text,
        )
        .asc(
            Expr::col((institution::Entity, institution::Column::Id)),
            KeyKind::Uuid,
        );
    let select = institution::Entity::find().filter(cond);
    super::page::fetch(db, select, &order, &shape, &page).await
}

/// One institution by id or slug; `NotFound` when it does not exist or is hidden.
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    lookup: Lookup,
) -> ApiResult<institution::Model> {
    let key = match lookup {
        Lookup::Id(id) => institution::Column::Id.eq(id),
        Lookup::Slug(slug) => institution::Column::Slug.eq(slug),
    };
    institution::Entity::find()
        .filter(visible(caller).add(key))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Visible institutions by id, for DataLoaders.
pub async fn by_ids(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, institution::Model>> {
    let rows = institution::Entity::find()
        .filter(visible(caller).add(institution::Column::Id.is_in(ids.iter().copied())))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.id, r)).collect())
}
