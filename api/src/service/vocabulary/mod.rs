//! The shared vocabulary as clients list it: skills (EHR systems and standards are skills of
//! their own kinds) and certifications, by slug or code, with a search over their names. The
//! vocabulary is public: every viewer, anonymous included, reads all of it, so CSV authors and
//! integrators can look up the slugs that criteria, filters and imports take.

mod cache;
mod lookup;
pub mod tags;
pub mod write;

pub use lookup::Vocabulary;

use entity::enums::SkillKind;
use entity::{certification, certification_alias, skill, skill_alias};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};

use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest, text};
use crate::auth::Caller;
use crate::cache::Domain;
use crate::domain::SearchText;
use crate::error::ApiResult;
use std::collections::HashMap;
use uuid::Uuid;

/// What to list of the skills.
#[derive(Debug, Clone, Default)]
pub struct SkillFilter {
    /// Only skills of this kind (EHR systems, standards, ...).
    pub kind: Option<SkillKind>,
    /// Words in the slug or the name.
    pub search: Option<SearchText>,
}

/// Skills by slug, filtered.
pub async fn skills(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: SkillFilter,
    page: PageRequest,
) -> ApiResult<Page<skill::Model>> {
    caller.effects().read(Domain::Vocabulary);
    let shape = format!("{filter:?}");
    let mut cond = Condition::all();
    if let Some(kind) = filter.kind {
        cond = cond.add(skill::Column::Kind.eq(kind));
    }
    if let Some(term) = filter.search.as_ref().map(SearchText::as_str) {
        let named = text::contains_any(&[skill_alias::Column::Alias], term);
        let by_alias = Query::select()
            .column(skill_alias::Column::SkillId)
            .from(skill_alias::Entity)
            .cond_where(named)
            .to_owned();
        cond = cond.add(
            text::contains_any(&[skill::Column::Slug, skill::Column::Name], term)
                .add(skill::Column::Id.in_subquery(by_alias)),
        );
    }
    let order = Ordering::new("skill_slug").asc(
        Expr::col((skill::Entity, skill::Column::Slug)),
        KeyKind::Text,
    );
    super::page::fetch(
        db,
        skill::Entity::find().filter(cond),
        &order,
        &shape,
        &page,
    )
    .await
}

/// Certifications by code, those whose code, name, issuer or an alias hold `search` (all
/// without one).
pub async fn certifications(
    db: &DatabaseConnection,
    caller: &Caller,
    search: Option<SearchText>,
    page: PageRequest,
) -> ApiResult<Page<certification::Model>> {
    caller.effects().read(Domain::Vocabulary);
    let shape = format!("{search:?}");
    let cond = match search.as_ref().map(SearchText::as_str) {
        Some(term) => {
            let named = text::contains_any(&[certification_alias::Column::Alias], term);
            let by_alias = Query::select()
                .column(certification_alias::Column::CertificationId)
                .from(certification_alias::Entity)
                .cond_where(named)
                .to_owned();
            text::contains_any(
                &[
                    certification::Column::Code,
                    certification::Column::Name,
                    certification::Column::Issuer,
                ],
                term,
            )
            .add(certification::Column::Id.in_subquery(by_alias))
        }
        None => Condition::all(),
    };
    let order = Ordering::new("certification_code").asc(
        Expr::col((certification::Entity, certification::Column::Code)),
        KeyKind::Text,
    );
    let select = certification::Entity::find().filter(cond);
    super::page::fetch(db, select, &order, &shape, &page).await
}

/// The aliases of these terms (skills or certifications), for the `aliases` fields.
pub async fn aliases(
    db: &DatabaseConnection,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<String>>> {
    let vocabulary = Vocabulary::load(db).await?;
    Ok(ids
        .iter()
        .map(|id| (*id, vocabulary.aliases(*id).to_vec()))
        .collect())
}
