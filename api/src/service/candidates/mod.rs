//! The candidate pool: an employer's ranked, explained, masked list of the consenting graduates
//! of the schools that approved it. Filtering, scoring and paging run in one SQL statement (plus
//! the count on later pages); the page's skills and certifications are read once more to name
//! what matched. Each candidate is a graduate view at its consent tier, so the identifying
//! fields that go out are logged as disclosures like everywhere else.

pub mod criteria;
pub mod feed;
mod reasons;
pub mod score;
pub mod sync;

use std::collections::{BTreeSet, HashMap};

use entity::enums::{ConsentLevel, GraduateStatus};
use entity::{graduate, graduate_certification, graduate_skill};
use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter,
};
use uuid::Uuid;

pub use criteria::{CriteriaInput, Match, PreferenceInput, Required, SeekingKind};
pub use score::{Criterion, CriterionScore, Preference, Scoring, Weighted};

use super::graduates::GraduateView;
use super::graduates::relations::Vocabulary;
use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest, partnerships};
use crate::auth::Caller;
use crate::authz::{self, PoolScope};
use crate::error::{ApiError, ApiResult};

/// A pool request: what must hold, and what ranks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Criteria {
    pub required: Required,
    pub scoring: Scoring,
}

/// One candidate: the graduate at their consent tier, the score and why.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub graduate: GraduateView,
    /// 0 to 1.
    pub score: f64,
    pub breakdown: Vec<CriterionScore>,
    /// Slugs of the preferred skills and EHR systems the graduate has, and of those they lack.
    pub matched: Vec<String>,
    pub missing: Vec<String>,
    pub reasons: Vec<String>,
}

/// Who is in the pool at all: consent above PRIVATE, seeking (or placed, when asked), of a
/// school in the viewer's scope.
fn membership(scope: &PoolScope, include_placed: bool) -> Condition {
    let col = |c: graduate::Column| Expr::col((graduate::Entity, c));
    let statuses: Vec<GraduateStatus> = if include_placed {
        vec![GraduateStatus::Seeking, GraduateStatus::Placed]
    } else {
        vec![GraduateStatus::Seeking]
    };
    let schools = match scope {
        PoolScope::AllSchools => {
            col(graduate::Column::InstitutionId).in_subquery(super::active_institutions())
        }
        PoolScope::Schools(ids) => col(graduate::Column::InstitutionId).is_in(ids.iter().copied()),
    };
    Condition::all()
        .add(col(graduate::Column::Consent).ne(ConsentLevel::Private))
        .add(col(graduate::Column::Status).is_in(statuses))
        .add(schools)
}

/// The pool for the caller, ranked by score (then by id), one page at a time.
pub async fn pool(
    db: &DatabaseConnection,
    caller: &Caller,
    input: CriteriaInput,
    page: PageRequest,
) -> ApiResult<Page<Candidate>> {
    let request = Request::open(db, caller, input).await?;
    request.ranked(db, caller, Condition::all(), &page).await
}

/// A pool request, authorized and resolved: what a page or a sync runs on.
pub(crate) struct Request<'c> {
    scope: PoolScope,
    standing: Option<&'c crate::auth::EmployerStanding>,
    vocabulary: Vocabulary,
    pub(crate) criteria: Criteria,
}

impl<'c> Request<'c> {
    /// Checks who may search (FORBIDDEN / UNAUTHENTICATED) and resolves the criteria.
    pub(crate) async fn open(
        db: &DatabaseConnection,
        caller: &'c Caller,
        input: CriteriaInput,
    ) -> ApiResult<Self> {
        let standing = partnerships::employer_standing(db, caller).await?;
        let scope = authz::pool_scope(caller.viewer(), standing)?;
        let vocabulary = Vocabulary::load(db).await?;
        let criteria = input.resolve(&vocabulary)?;
        Ok(Self {
            scope,
            standing,
            vocabulary,
            criteria,
        })
    }

    /// The employers whose partnership changes concern this pool (none for consortium admins).
    pub(crate) fn employer(&self) -> Option<Uuid> {
        match self.scope {
            PoolScope::AllSchools => None,
            PoolScope::Schools(_) => self.standing.map(|s| s.employer),
        }
    }

    /// The pool's members that also meet `extra`, ranked, as one page.
    pub(crate) async fn ranked(
        &self,
        db: &DatabaseConnection,
        caller: &Caller,
        extra: Condition,
        page: &PageRequest,
    ) -> ApiResult<Page<Candidate>> {
        let viewer = caller.viewer();
        let criteria = &self.criteria;
        let shape = format!("{criteria:?}");
        let mut stmt = Query::select()
            .column((graduate::Entity, Asterisk))
            .from(graduate::Entity)
            .cond_where(membership(&self.scope, criteria.required.include_placed))
            .cond_where(criteria.required.condition())
            .cond_where(extra)
            .to_owned();
        let score = criteria.scoring.apply(&mut stmt);
        let order = Ordering::new("pool").desc(score, KeyKind::Float).asc(
            Expr::col((graduate::Entity, graduate::Column::Id)),
            KeyKind::Uuid,
        );
        let scoring = &criteria.scoring;
        let rows = super::page::fetch_statement(db, stmt, &order, &shape, page, |row| {
            let model = graduate::Model::from_query_result(row, "")?;
            let score: f64 = row.try_get("", "__k0")?;
            Ok((model, score.clamp(0.0, 1.0), scoring.breakdown(row)?))
        })
        .await?;
        let ids: Vec<Uuid> = rows.items.iter().map(|(m, _, _)| m.id).collect();
        let held = held_by(db, &ids).await?;
        let empty = BTreeSet::new();
        let vocabulary = &self.vocabulary;
        rows.try_map(|(model, score, breakdown)| {
            let has = held.get(&model.id).unwrap_or(&empty);
            let view = GraduateView::for_viewer(viewer, self.standing, model).ok_or_else(|| {
                ApiError::internal(std::io::Error::other(
                    "the pool admitted a graduate the view refuses",
                ))
            })?;
            let (matched, missing) = reasons::matched_and_missing(scoring, has);
            let slugs = |ids: Vec<Uuid>| {
                ids.into_iter()
                    .map(|id| vocabulary.slug(id).to_owned())
                    .collect()
            };
            let reasons = reasons::sentences(&view, scoring, has, vocabulary);
            Ok(Candidate {
                graduate: view,
                score,
                breakdown,
                matched: slugs(matched),
                missing: slugs(missing),
                reasons,
            })
        })
    }
}

/// The skill and certification ids each graduate holds (two statements for a page).
async fn held_by(
    db: &DatabaseConnection,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, BTreeSet<Uuid>>> {
    let mut held: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    if ids.is_empty() {
        return Ok(held);
    }
    for s in graduate_skill::Entity::find()
        .filter(graduate_skill::Column::GraduateId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        held.entry(s.graduate_id).or_default().insert(s.skill_id);
    }
    for c in graduate_certification::Entity::find()
        .filter(graduate_certification::Column::GraduateId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        held.entry(c.graduate_id)
            .or_default()
            .insert(c.certification_id);
    }
    Ok(held)
}
