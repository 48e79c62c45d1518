//! The candidate pool: `candidatePool(criteria, first, after)` and the `Candidate` type.

mod input;
mod preferred;

use async_graphql::{Context, Enum, ID, Object, SimpleObject};

use crate::error::{ApiError, GqlResult};
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, sealer, to_id};
use crate::graphql::graduates::Graduate;
use crate::service::candidates::{self, Candidate as PoolEntry, CriterionScore};
use input::CandidateCriteria;
use preferred::Importance;

/// A preferred criterion, as a breakdown line names it.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "crate::service::candidates::Criterion")]
pub enum PreferredCriterion {
    /// Preferred skills.
    Skills,
    /// Preferred EHR systems.
    EhrSystems,
    /// Preferred certifications.
    Certifications,
    /// Preferred backgrounds.
    Background,
    /// Preferred regions or states.
    Region,
    /// Open to rural work.
    Rural,
    /// Available by a day.
    AvailableBy,
    /// Years of experience (graded up to the number preferred).
    YearsOfExperience,
    /// Graduated on or after a day.
    GraduatedAfter,
    /// Open to relocation.
    Relocation,
    /// Seeking a preferred kind of position.
    Seeking,
}

/// How one preferred criterion contributed to a candidate's score.
#[derive(SimpleObject, Clone)]
pub struct CriterionContribution {
    /// Which criterion.
    pub criterion: PreferredCriterion,
    /// Its weight as asked (default 1).
    pub weight: f64,
    /// Its importance as asked (default NORMAL).
    pub importance: Importance,
    /// How many units it is: the items of an ALL list, else 1.
    pub units: i32,
    /// Whether it is met at all.
    pub met: bool,
    /// How far it is met, 0 to 1 (the share of its units met).
    pub fraction: f64,
    /// Its share of `matchScore`; the lines add up to it (README: "How candidates are ranked").
    pub contribution: f64,
}

impl From<CriterionScore> for CriterionContribution {
    fn from(c: CriterionScore) -> Self {
        Self {
            criterion: c.criterion.into(),
            weight: c.weight,
            importance: c.importance.into(),
            units: i32::try_from(c.units).unwrap_or(i32::MAX),
            met: c.fraction > 0.0,
            fraction: c.fraction,
            contribution: c.contribution,
        }
    }
}

/// A graduate in an employer's pool: masked at their consent tier, with the score and reasons.
pub struct Candidate(PoolEntry);

#[Object]
impl Candidate {
    /// The graduate, at the tier they consented to.
    async fn graduate(&self) -> Graduate {
        Graduate::from(self.0.graduate.clone())
    }

    /// 0 to 1: the weighted share of the preferred units met (1 when none is given).
    async fn match_score(&self) -> f64 {
        self.0.score
    }

    /// Why, in sentences to show as they are.
    async fn match_reasons(&self) -> &[String] {
        &self.0.reasons
    }

    /// Slugs of the preferred skills and EHR systems the graduate has.
    async fn matched_skills(&self) -> &[String] {
        &self.0.matched
    }

    /// Slugs of the preferred skills and EHR systems the graduate lacks.
    async fn missing_skills(&self) -> &[String] {
        &self.0.missing
    }

    /// How each preferred criterion contributed.
    async fn breakdown(&self) -> Vec<CriterionContribution> {
        self.0.breakdown.iter().cloned().map(Into::into).collect()
    }
}

/// What changed in a pool since a sync token.
#[derive(SimpleObject)]
pub struct CandidatePoolChanges {
    /// Entries to add or replace, as they are now (ranked among themselves).
    pub upserts: Vec<Candidate>,
    /// Ids of graduates to delete from your copy.
    pub tombstones: Vec<ID>,
    /// Where to sync from next time.
    pub next_token: String,
    /// More changes wait behind `nextToken`: ask again at once.
    pub has_more: bool,
}

/// How long the change feed is kept (schema data, from `HITBRIDGE_SYNC_RETENTION_DAYS`).
#[derive(Debug, Clone, Copy)]
pub struct SyncRetention(pub std::time::Duration);

/// Most graduates one sync answer covers.
const MAX_SYNC: i32 = 500;

/// The candidate pool root fields.
#[derive(Default)]
pub struct CandidateQuery;

#[Object]
impl CandidateQuery {
    /// The consenting graduates of the schools that approved you, filtered by the required
    /// criteria and ranked by the preferred ones (score descending; ties by the named items
    /// held, then years of experience, then the later graduation, then id);
    /// each masked at the tier the graduate consented to. Employers and consortium admins
    /// only; a suspended employer is FORBIDDEN. A cursor only continues the criteria it came
    /// from.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn candidate_pool(
        &self,
        ctx: &Context<'_>,
        criteria: CandidateCriteria,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
    ) -> GqlResult<Conn<Candidate>> {
        let request = page_request(ctx, first, after)?;
        let input = criteria.parse()?;
        let page = candidates::pool(db(ctx), caller(ctx)?, input, request).await?;
        connection(ctx, page, Candidate)
    }

    /// What changed in your pool since `since`: upserts (entries as they are now) and
    /// tombstones (ids to delete: consent withdrawn, archived, placed, partnership ended, no
    /// longer matching the required criteria), and the next token. Without `since`: a fresh
    /// token and no changes; take it, pull the whole pool with `candidatePool`, then sync from
    /// it. A token older than the change feed keeps is BAD_USER_INPUT asking for a full pull.
    #[graphql(complexity = "first.unwrap_or(100).max(0) as usize * child_complexity + 1")]
    async fn candidate_pool_changes(
        &self,
        ctx: &Context<'_>,
        criteria: CandidateCriteria,
        #[graphql(desc = "The token of the last sync.")] since: Option<String>,
        #[graphql(desc = "Most graduates per answer (default 100, at most 500).")] first: Option<
            i32,
        >,
    ) -> GqlResult<CandidatePoolChanges> {
        let first = first.unwrap_or(100);
        if !(1..=MAX_SYNC).contains(&first) {
            return Err(ApiError::invalid(
                "first",
                format!("first must be between 1 and {MAX_SYNC}"),
            )
            .into());
        }
        let retention = ctx
            .data::<SyncRetention>()
            .map(|r| r.0)
            .unwrap_or(std::time::Duration::from_secs(30 * 86_400));
        let input = criteria.parse()?;
        let changes = candidates::sync::changes(
            db(ctx),
            caller(ctx)?,
            sealer(ctx)?,
            input,
            since,
            first as u64,
            retention,
        )
        .await?;
        Ok(CandidatePoolChanges {
            upserts: changes.upserts.into_iter().map(Candidate).collect(),
            tombstones: changes.tombstones.into_iter().map(to_id).collect(),
            next_token: changes.next,
            has_more: changes.has_more,
        })
    }
}
