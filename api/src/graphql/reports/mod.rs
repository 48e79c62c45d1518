//! Outcome reports: `consortiumReport` and `skillsGap`. School staff and admins read their own
//! institution's, with counts of fewer than ten graduates suppressed; consortium admins read
//! everything as it is; nobody else reads any.

mod pooled;
mod row;

use async_graphql::{Context, Enum, Object, SimpleObject};
use chrono::NaiveDate;

pub use pooled::PooledReport;
pub use row::{OutcomeRow, ReportCount};

use crate::error::GqlResult;
use crate::graphql::context::{caller, db};
use crate::graphql::vocab::Skill;
use crate::service::reports::outcomes::{self, Dimension};
use crate::service::reports::suppress::THRESHOLD;
use crate::service::reports::{self, skills_gap};

/// What report rows are grouped by, beyond the institution.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::service::reports::outcomes::Dimension")]
pub enum ReportDimension {
    /// The program completed.
    Program,
    /// Graduation year and term.
    Cohort,
    /// The kind of employer of the first placement.
    EmployerKind,
    /// Career changers against everyone else.
    Background,
}

/// The consortium report.
#[derive(SimpleObject)]
pub struct ConsortiumReport {
    /// First graduation day covered.
    pub from: NaiveDate,
    /// Last graduation day covered.
    pub to: NaiveDate,
    /// Counts below this are suppressed (null for consortium admins, who see every figure).
    pub suppression_threshold: Option<i64>,
    /// One row per group, in group order.
    pub rows: Vec<OutcomeRow>,
    /// Every covered graduate.
    pub total: OutcomeRow,
    /// For each school whose figures above suppression hides, the same report cut coarser
    /// (terms pooled by year, programs by CIP series or together, small years together), from
    /// pooled cells that may show; empty for consortium admins.
    pub pooled: Vec<PooledReport>,
}

/// One line of the skills gap.
#[derive(SimpleObject)]
pub struct SkillGapLine {
    /// The skill or EHR system.
    pub skill: Skill,
    /// Open internships asking for it.
    pub demand: i64,
    /// Seeking graduates, consenting to be found, who have it.
    pub supply: ReportCount,
    /// Demand minus supply (a suppressed supply counts as none).
    pub gap: i64,
}

/// Report root fields.
#[derive(Default)]
pub struct ReportQuery;

#[Object]
impl ReportQuery {
    /// Placement outcomes of the graduates who graduated between `from` and `to` (by their
    /// term's commencement), per institution and by `groupBy` (default: program). School staff
    /// and admins: their own institution, small counts suppressed; consortium admins: all.
    async fn consortium_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First graduation day (default: all).")] from: Option<NaiveDate>,
        #[graphql(desc = "Last graduation day (default: all).")] to: Option<NaiveDate>,
        #[graphql(desc = "Slug of one institution.")] institution: Option<String>,
        #[graphql(default_with = "vec![ReportDimension::Program]")] group_by: Vec<ReportDimension>,
    ) -> GqlResult<ConsortiumReport> {
        let db = db(ctx);
        let coverage = reports::coverage(db, caller(ctx)?, institution).await?;
        let all = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default();
        let (from, to) = (from.unwrap_or(all(1900)), to.unwrap_or(all(2200)));
        let dimensions: Vec<Dimension> = group_by.into_iter().map(Into::into).collect();
        let report = outcomes::report(db, &coverage, (from, to), &dimensions).await?;
        Ok(ConsortiumReport {
            from,
            to,
            suppression_threshold: report.suppressed.then_some(THRESHOLD),
            rows: report
                .rows
                .into_iter()
                .map(|(group, figures)| OutcomeRow {
                    group: Some(group),
                    pooled: None,
                    figures,
                })
                .collect(),
            total: OutcomeRow {
                group: None,
                pooled: None,
                figures: report.total,
            },
            pooled: report.pooled.into_iter().map(PooledReport::from).collect(),
        })
    }

    /// Skills and EHR systems employers ask for (open internships) against those seeking
    /// graduates have, largest gap first; in one state when given. School staff and admins:
    /// their own graduates, small counts suppressed; consortium admins: all.
    async fn skills_gap(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Two-letter US state.")] state: Option<String>,
    ) -> GqlResult<Vec<SkillGapLine>> {
        let db = db(ctx);
        let coverage = reports::coverage(db, caller(ctx)?, None).await?;
        let state = state
            .map(|s| crate::domain::StateCode::parse("state", &s))
            .transpose()?;
        let lines =
            skills_gap::skills_gap(db, &coverage, state.as_ref().map(|s| s.as_str())).await?;
        Ok(lines
            .into_iter()
            .map(|line| SkillGapLine {
                gap: line.gap(),
                demand: line.demand,
                supply: ReportCount {
                    value: line.supply,
                    suppressed: line.supply.is_none(),
                },
                skill: line.skill.into(),
            })
            .collect())
    }
}
