//! The candidate pool: an employer's ranked, explained, masked list of the consenting graduates
//! of the schools that approved it. Filtering, scoring and paging run in one SQL statement (plus
//! the count on later pages), on the graduates' own rows (skills and certifications as tags). Each candidate is a graduate view at its consent tier, so the identifying
//! fields that go out are logged as disclosures like everywhere else.

pub mod criteria;
pub mod feed;
mod merit;
pub mod preference;
mod reasons;
mod resolve;
pub mod score;
mod subject;
pub mod sync;
mod sync_scope;
mod sync_token;

use entity::enums::GraduateStatus;
use entity::graduate;
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{Condition, DatabaseConnection, FromQueryResult};
use uuid::Uuid;

pub use criteria::{Match, Required, SeekingKind};
pub use preference::{Criterion, Importance, Preference, Weighted};
pub use resolve::{CriteriaInput, PreferenceInput, PreferredInput, RequiredInput};
pub use score::{CriterionScore, Scoring};
pub use subject::Subject;

use super::graduates::GraduateView;
use super::vocabulary::Vocabulary;
use super::{Page, PageRequest, partnerships};
use crate::auth::Caller;
use crate::authz::{self, Scope};
use crate::error::{ApiError, ApiResult};

/// A pool request: what must hold, and what ranks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Criteria {
    pub required: Required,
    pub scoring: Scoring,
    /// Also placed graduates (by default only those still seeking).
    pub include_placed: bool,
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

/// The ranked derived table of a pool page, and its id column.
const RANKED: &str = "ranked";
const RANKED_ID: &str = "ranked_id";

/// Who is in the pool at all: consent above PRIVATE, seeking (or placed, when asked), of a
/// school in the viewer's scope. `status <> archived` is spelled out as the pool's partial
/// index is (so the planner can use it).
fn membership(scope: &Scope, include_placed: bool) -> Condition {
    let col = |c: graduate::Column| Expr::col((graduate::Entity, c));
    let statuses: Vec<GraduateStatus> = if include_placed {
        vec![GraduateStatus::Seeking, GraduateStatus::Placed]
    } else {
        vec![GraduateStatus::Seeking]
    };
    // A pool over every school (consortium admins) still holds only active schools' graduates;
    // an employer's approving schools are active ones already (see `EmployerStanding`).
    let schools = match scope {
        Scope::All => Condition::all()
            .add(col(graduate::Column::InstitutionId).in_subquery(super::active_institutions())),
        _ => super::scope::condition(
            scope,
            super::scope::Rows::default().institution_column(graduate::Column::InstitutionId),
        ),
    };
    Condition::all()
        .add(col(graduate::Column::Consent).ne(authz::UNPOOLED_CONSENT))
        .add(col(graduate::Column::Status).ne(authz::UNPOOLED_STATUS))
        .add(col(graduate::Column::Status).is_in(statuses))
        .add(schools)
}

/// The pool for the caller, ranked by score (then by merit, see `merit`), one page at a time.
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
    scope: Scope,
    standing: Option<&'c crate::auth::EmployerStanding>,
    vocabulary: std::sync::Arc<Vocabulary>,
    pub(crate) criteria: Criteria,
    /// What is ranked: graduates.
    subject: Subject,
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
            subject: Subject::graduates(),
        })
    }

    /// The employers whose partnership changes concern this pool (none for consortium admins).
    pub(crate) fn employer(&self) -> Option<Uuid> {
        match self.scope {
            Scope::All => None,
            _ => self.standing.map(|s| s.employer),
        }
    }

    /// The schools whose graduates this pool holds.
    pub(crate) fn scope(&self) -> &Scope {
        &self.scope
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
        // Phase one ranks on the pool's covering index (`idx_graduate_pool` on PostgreSQL);
        // phase two reads just the page's rows.
        let stmt = Query::select()
            .expr_as(
                Expr::col((graduate::Entity, graduate::Column::Id)),
                Alias::new(RANKED_ID),
            )
            .from(graduate::Entity)
            .cond_where(membership(&self.scope, criteria.include_placed))
            .cond_where(criteria.required.condition(&self.subject))
            .cond_where(extra)
            .to_owned();
        let order = merit::ordering(criteria, &self.subject);
        let scoring = &criteria.scoring;
        let wrap = |ranked: SelectStatement| {
            let mut page = Query::select()
                .column((graduate::Entity, Asterisk))
                .column((Alias::new(RANKED), Asterisk))
                .from_subquery(ranked, Alias::new(RANKED))
                .inner_join(
                    graduate::Entity,
                    Expr::col((graduate::Entity, graduate::Column::Id))
                        .equals((Alias::new(RANKED), Alias::new(RANKED_ID))),
                )
                .to_owned();
            criteria
                .scoring
                .select_contributions(&mut page, &self.subject);
            criteria.required.select_groups(&mut page, &self.subject);
            order.reorder(&mut page, RANKED);
            page
        };
        let rows = super::page::fetch_wrapped(db, stmt, &order, &shape, page, wrap, |row| {
            let model = graduate::Model::from_query_result(row, "")?;
            let score: f64 = row.try_get("", "__k0")?;
            let groups = criteria.required.groups_met(row)?;
            Ok((
                model,
                score.clamp(0.0, 1.0),
                scoring.breakdown(row)?,
                groups,
            ))
        })
        .await?;
        let vocabulary = &self.vocabulary;
        rows.try_map(|(model, score, breakdown, groups)| {
            let has = vocabulary.held(&model.skill_tags, &model.certification_tags);
            let has = &has;
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
            let reasons = reasons::Facts {
                view: &view,
                has,
                vocabulary,
            }
            .sentences(criteria, &groups, &breakdown);
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
