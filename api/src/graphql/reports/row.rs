//! A row of the consortium report: a group's figures, each shown or suppressed, and its CTDL
//! data profile.

use async_graphql::{Context, Json, Object, SimpleObject};
use serde_json::{Value, json};

use crate::error::GqlResult;
use crate::graphql::context::load_one;
use crate::graphql::enums::{EmployerKind, GraduationTerm};
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::{InstitutionById, ProgramById};
use crate::graphql::programs::Program;
use crate::service::reports::outcomes::{Figures, Group};
use crate::service::reports::suppress::{Column, THRESHOLD};

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

/// `part` out of `whole`, hidden when either count is.
fn rate(f: &Figures, part: Column, whole: Column) -> ReportValue {
    let hidden = f.hidden[part as usize] || f.hidden[whole as usize];
    value(f.rate(part, whole), hidden)
}

fn value(value: Option<f64>, suppressed: bool) -> ReportValue {
    ReportValue {
        value: if suppressed { None } else { value },
        suppressed,
    }
}

/// One row of the consortium report (or its total, with no group).
pub struct OutcomeRow {
    pub(super) group: Option<Group>,
    /// What a pooled row pools, in words (none in the finest rows).
    pub(super) pooled: Option<String>,
    pub(super) figures: Figures,
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

    /// In a pooled report: what this row pools, in words (null in the finest rows).
    async fn pooled(&self) -> Option<&str> {
        self.pooled.as_deref()
    }

    /// In a pooled report grouped by program: the CIP series (e.g. `51.07`) of the programs
    /// pooled in this row.
    async fn program_family(&self) -> Option<&str> {
        self.group.as_ref()?.family.as_deref()
    }

    /// Graduation year, when grouped by cohort.
    async fn graduation_year(&self) -> Option<i32> {
        let group = self.group.as_ref()?;
        group.cohort.map(|(year, _)| year).or(group.year)
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
        rate(&self.figures, Column::Placed, Column::Graduates)
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
        rate(&self.figures, Column::Converted, Column::Completed)
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
