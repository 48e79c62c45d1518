//! Outcome reports: `consortiumReport` and `skillsGap`. School staff and admins read their own
//! institution's, with counts of fewer than ten graduates suppressed; consortium admins read
//! everything as it is; nobody else reads any.

use async_graphql::{Context, Enum, Json, Object, SimpleObject};
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::error::GqlResult;
use crate::graphql::context::{caller, db, load_one};
use crate::graphql::enums::{EmployerKind, GraduationTerm};
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::{InstitutionById, ProgramById};
use crate::graphql::programs::Program;
use crate::graphql::vocab::Skill;
use crate::service::reports::outcomes::{self, Dimension, Figures, Group};
use crate::service::reports::suppress::{Column, THRESHOLD};
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

/// A count of graduates (or internships), or that it is suppressed.
#[derive(SimpleObject, Clone, Copy)]
pub struct ReportCount {
    /// The count; null when suppressed.
    pub value: Option<i64>,
    /// True when fewer than ten graduates are behind it (or it would let one work out such a
    /// count): never shown outside the consortium admins.
    pub suppressed: bool,
}

/// A rate or a median, or that it is suppressed.
#[derive(SimpleObject, Clone, Copy)]
pub struct ReportValue {
    /// The value; null when suppressed or when there is nothing to measure.
    pub value: Option<f64>,
    /// True when it would reveal a suppressed count.
    pub suppressed: bool,
}

fn count(f: &Figures, column: Column) -> ReportCount {
    ReportCount {
        value: f.count(column),
        suppressed: f.hidden[column as usize],
    }
}

fn value(value: Option<f64>, suppressed: bool) -> ReportValue {
    ReportValue {
        value: if suppressed { None } else { value },
        suppressed,
    }
}

/// One row of the consortium report (or its total, with no group).
pub struct OutcomeRow {
    group: Option<Group>,
    figures: Figures,
}

#[Object]
impl OutcomeRow {
    /// The institution (none on the total).
    async fn institution(&self, ctx: &Context<'_>) -> GqlResult<Option<Institution>> {
        let Some(group) = &self.group else {
            return Ok(None);
        };
        let found = load_one(ctx, InstitutionById(group.institution)).await?;
        Ok(found.map(Institution::from))
    }

    /// The program, when grouped by program.
    async fn program(&self, ctx: &Context<'_>) -> GqlResult<Option<Program>> {
        let Some(id) = self.group.as_ref().and_then(|g| g.program) else {
            return Ok(None);
        };
        let found = load_one(ctx, ProgramById(id)).await?;
        Ok(found.map(Program::from))
    }

    /// Graduation year, when grouped by cohort.
    async fn graduation_year(&self) -> Option<i32> {
        self.group.as_ref()?.cohort.map(|(year, _)| year)
    }

    /// Graduation term, when grouped by cohort.
    async fn graduation_term(&self) -> Option<GraduationTerm> {
        self.group.as_ref()?.cohort.map(|(_, term)| term.into())
    }

    /// The kind of employer of the first placement, when grouped by employer kind (null: not
    /// placed).
    async fn employer_kind(&self) -> Option<EmployerKind> {
        self.group.as_ref()?.employer_kind.flatten().map(Into::into)
    }

    /// Career changers (true) or everyone else (false), when grouped by background.
    async fn career_changer(&self) -> Option<bool> {
        self.group.as_ref()?.career_changer
    }

    /// Graduates (archived records left out).
    async fn graduates(&self) -> ReportCount {
        count(&self.figures, Column::Graduates)
    }

    /// Those still seeking.
    async fn seeking(&self) -> ReportCount {
        count(&self.figures, Column::Seeking)
    }

    /// Those placed.
    async fn placed(&self) -> ReportCount {
        count(&self.figures, Column::Placed)
    }

    /// Placed out of all graduates, 0 to 1.
    async fn placement_rate(&self) -> ReportValue {
        let f = &self.figures;
        let hidden = f.hidden[Column::Placed as usize] || f.hidden[Column::Graduates as usize];
        value(f.rate(Column::Placed, Column::Graduates), hidden)
    }

    /// Median days from graduation (the term's commencement) to the first placement's start.
    async fn median_days_to_placement(&self) -> ReportValue {
        let f = &self.figures;
        value(f.median_days(), f.hidden[Column::Placed as usize])
    }

    /// Internships completed.
    async fn internships_completed(&self) -> ReportCount {
        count(&self.figures, Column::Completed)
    }

    /// Completed internships followed by a placement with the same employer, out of all
    /// completed, 0 to 1.
    async fn internship_to_hire_conversion(&self) -> ReportValue {
        let f = &self.figures;
        let hidden = f.hidden[Column::Converted as usize] || f.hidden[Column::Completed as usize];
        value(f.rate(Column::Converted, Column::Completed), hidden)
    }

    /// The figures in the shape of a CTDL `qdata:DataProfile` (holders in set, employment
    /// rate), for credential registries; suppressed figures are left out.
    async fn data_profile(&self) -> Json<Value> {
        Json(data_profile(&self.figures))
    }
}

fn data_profile(f: &Figures) -> Value {
    let mut profile = json!({ "@type": "qdata:DataProfile" });
    if let Some(n) = f.count(Column::Graduates) {
        profile["qdata:holdersInSet"] =
            json!([{ "@type": "schema:QuantitativeValue", "schema:value": n }]);
    }
    if let Some(rate) = f.rate(Column::Placed, Column::Graduates) {
        let percentage = (rate * 1000.0).round() / 10.0;
        profile["qdata:employmentRate"] =
            json!([{ "@type": "schema:QuantitativeValue", "qdata:percentage": percentage }]);
    }
    if f.hidden.iter().any(|h| *h) {
        profile["ceterms:description"] = json!({
            "en-US": format!("Counts of fewer than {THRESHOLD} graduates are suppressed.")
        });
    }
    profile
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
                    figures,
                })
                .collect(),
            total: OutcomeRow {
                group: None,
                figures: report.total,
            },
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
