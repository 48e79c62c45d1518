//! The consortium report: per institution (and program, cohort, employer kind or background,
//! as asked) — graduates, seeking, placed, placement rate, median days from graduation to first
//! placement, internships completed and internship-to-hire conversion — for the graduates who
//! graduated (by their term's commencement) between two days. Three statements on either
//! database: the counts per finest cell, and the medians per group and overall (a window
//! function picks the middle rows); where suppression hides a school's figures, two more for
//! its pooled report (`pooled`, `grain`).

mod grain;
mod pooled;
mod sql;

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{EmployerKind, GraduationTerm};
use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, Statement};
use uuid::Uuid;

pub use pooled::Pooled;

use super::Coverage;
use super::suppress::{self, COLUMNS, Column, Counts, Fine, Hidden};
use crate::error::{ApiError, ApiResult};
use crate::service::candidates::criteria::day_number;
use grain::Cell;

/// What rows are grouped by, beyond the institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    Program,
    /// Graduation year and term.
    Cohort,
    /// The kind of employer of the graduate's first placement (none when not placed).
    EmployerKind,
    /// Career changers against everyone else.
    Background,
}

impl Dimension {
    /// The columns of `base` it groups by.
    fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Program => &["program_id", "program_family"],
            Self::Cohort => &["graduation_year", "graduation_term"],
            Self::EmployerKind => &["employer_kind"],
            Self::Background => &["career_changer"],
        }
    }
}

/// The group a row stands for: the institution, and each dimension asked for (in a pooled
/// report, the program family and year that stand for program and cohort).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    pub institution: Uuid,
    pub program: Option<Uuid>,
    /// CIP series of the programs pooled (pooled reports).
    pub family: Option<String>,
    pub cohort: Option<(i32, GraduationTerm)>,
    /// Graduation year of the terms pooled (pooled reports).
    pub year: Option<i32>,
    /// `Some(None)`: graduates with no placement.
    pub employer_kind: Option<Option<EmployerKind>>,
    pub career_changer: Option<bool>,
}

/// One row (or the total): counts with what is hidden, and the median days to placement.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub counts: Counts,
    pub hidden: Hidden,
    /// Over the placed graduates with a placement on record; hidden with `placed`.
    pub median_days: Option<f64>,
}

impl Figures {
    /// A count, unless hidden.
    pub fn count(&self, column: Column) -> Option<i64> {
        let i = column as usize;
        (!self.hidden[i]).then_some(self.counts[i])
    }

    /// `part / whole`, unless either is hidden or the whole is zero.
    pub fn rate(&self, part: Column, whole: Column) -> Option<f64> {
        let (p, w) = (self.count(part)?, self.count(whole)?);
        (w > 0).then(|| p as f64 / w as f64)
    }

    /// The median days to placement, unless the placed count is hidden.
    pub fn median_days(&self) -> Option<f64> {
        self.count(Column::Placed).and(self.median_days)
    }
}

/// The report: rows in group order, the total, and the pooled reports of the schools whose
/// figures suppression hides.
#[derive(Debug, Clone)]
pub struct Report {
    pub rows: Vec<(Group, Figures)>,
    pub total: Figures,
    pub suppressed: bool,
    pub pooled: Vec<Pooled>,
}

fn term(name: &str) -> GraduationTerm {
    [
        GraduationTerm::Spring,
        GraduationTerm::Summer,
        GraduationTerm::Fall,
    ]
    .into_iter()
    .find(|t| sql::term_name(*t) == name)
    .unwrap_or(GraduationTerm::Fall)
}

fn employer_kind(row: &QueryResult) -> Result<Option<EmployerKind>, sea_orm::DbErr> {
    use sea_orm::ActiveEnum;
    let kind: Option<String> = row.try_get("", "employer_kind")?;
    Ok(kind.and_then(|k| EmployerKind::try_from_value(&k).ok()))
}

/// The finest cell a counts (or days) row stands for.
fn cell_of(row: &QueryResult) -> Result<Cell, sea_orm::DbErr> {
    let flag: i32 = row.try_get("", "career_changer")?;
    let name: String = row.try_get("", "graduation_term")?;
    Ok(Cell {
        institution: row.try_get("", "institution_id")?,
        program: row.try_get("", "program_id")?,
        family: row
            .try_get::<Option<String>>("", "program_family")?
            .unwrap_or_default(),
        year: row.try_get("", "graduation_year")?,
        term: term(&name),
        employer_kind: employer_kind(row)?,
        career_changer: flag == 1,
    })
}

/// The requested group of a finest cell.
fn group(cell: &Cell, dimensions: &[Dimension]) -> Group {
    let asked = |d| dimensions.contains(&d);
    Group {
        institution: cell.institution,
        program: asked(Dimension::Program).then_some(cell.program),
        cohort: asked(Dimension::Cohort).then_some((cell.year, cell.term)),
        employer_kind: asked(Dimension::EmployerKind).then_some(cell.employer_kind),
        career_changer: asked(Dimension::Background).then_some(cell.career_changer),
        ..Group::default()
    }
}

/// The requested group of a medians row (grouped by the requested columns only).
fn group_of(row: &QueryResult, dimensions: &[Dimension]) -> Result<Group, sea_orm::DbErr> {
    let asked = |d| dimensions.contains(&d);
    let cohort = if asked(Dimension::Cohort) {
        let name: String = row.try_get("", "graduation_term")?;
        Some((row.try_get("", "graduation_year")?, term(&name)))
    } else {
        None
    };
    let flag = |row: &QueryResult| row.try_get::<i32>("", "career_changer").map(|f| f == 1);
    Ok(Group {
        institution: row.try_get("", "institution_id")?,
        program: asked(Dimension::Program)
            .then(|| row.try_get("", "program_id"))
            .transpose()?,
        cohort,
        employer_kind: asked(Dimension::EmployerKind)
            .then(|| employer_kind(row))
            .transpose()?,
        career_changer: asked(Dimension::Background)
            .then(|| flag(row))
            .transpose()?,
        ..Group::default()
    })
}

/// Counts per finest cell, from a counts row.
fn counts_of(row: &QueryResult) -> Result<Fine, sea_orm::DbErr> {
    let mut cell = Fine::default();
    for (i, name) in ["graduates", "seeking", "placed", "completed", "converted"]
        .iter()
        .enumerate()
    {
        cell.counts[i] = row.try_get("", name)?;
    }
    cell.completers = row.try_get("", "completers")?;
    cell.converters = row.try_get("", "converters")?;
    Ok(cell)
}

/// The report for graduates who graduated between `from` and `to` (inclusive), grouped by the
/// institution and `dimensions`.
pub async fn report(
    db: &DatabaseConnection,
    coverage: &Coverage,
    (from, to): (NaiveDate, NaiveDate),
    dimensions: &[Dimension],
) -> ApiResult<Report> {
    if to < from {
        return Err(ApiError::invalid("to", "must be on or after from"));
    }
    let backend = db.get_database_backend();
    let mut sorted = dimensions.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut dims: Vec<&str> = vec!["institution_id"];
    for d in &sorted {
        dims.extend(d.columns());
    }
    // The counts come per finest cell (every dimension), the requested groups first in the
    // order, so that each group's cells are consecutive; suppression looks at the cells.
    let mut fine: Vec<&str> = dims.clone();
    for d in [
        Dimension::Program,
        Dimension::Cohort,
        Dimension::EmployerKind,
        Dimension::Background,
    ] {
        if !sorted.contains(&d) {
            fine.extend(d.columns());
        }
    }
    let range = (day_number(from), day_number(to));
    let mut values: Vec<sea_orm::Value> = vec![range.0.into(), range.1.into()];
    let base = sql::base(backend, coverage, &mut values);
    let st = sql::statements(backend, &base, &dims.join(", "), &fine.join(", "));
    let run = |sql: &str, values: &Vec<sea_orm::Value>| {
        Statement::from_sql_and_values(backend, sql, values.clone())
    };
    let mut cells: Vec<(Cell, Fine)> = Vec::new();
    for row in db.query_all_raw(run(&st.counts, &values)).await? {
        cells.push((cell_of(&row)?, counts_of(&row)?));
    }
    let mut medians: Vec<(Group, f64)> = Vec::new();
    for row in db.query_all_raw(run(&st.medians, &values)).await? {
        if let Some(median) = row.try_get::<Option<f64>>("", "median_days")? {
            medians.push((group_of(&row, &sorted)?, median));
        }
    }
    let overall: Option<f64> = db
        .query_one_raw(run(&st.overall, &values))
        .await?
        .map(|r| r.try_get("", "median_days"))
        .transpose()?
        .flatten();

    // Finest cells, gathered into the requested groups (consecutive in the order).
    let mut groups: Vec<(Group, Vec<Fine>)> = Vec::new();
    for (cell, counts) in &cells {
        let group = group(cell, &sorted);
        match groups.last_mut() {
            Some((last, parts)) if *last == group => parts.push(*counts),
            _ => groups.push((group, vec![*counts])),
        }
    }
    let shown = |parts: &[Fine]| {
        if coverage.suppressed {
            suppress::hidden(parts)
        } else {
            [false; COLUMNS]
        }
    };
    let every: Vec<Fine> = cells.iter().map(|(_, counts)| *counts).collect();
    let total = Figures {
        counts: suppress::total(&every),
        hidden: shown(&every),
        median_days: overall,
    };
    let rows: Vec<(Group, Figures)> = groups
        .into_iter()
        .map(|(group, parts)| {
            let median_days = medians.iter().find(|(g, _)| *g == group).map(|(_, m)| *m);
            let figures = Figures {
                counts: suppress::total(&parts),
                hidden: shown(&parts),
                median_days,
            };
            (group, figures)
        })
        .collect();
    // Schools with a figure whose graduates suppression hides get a pooled report.
    let mut hidden_schools: Vec<Uuid> = rows
        .iter()
        .filter(|(_, f)| f.hidden[Column::Graduates as usize])
        .map(|(g, _)| g.institution)
        .collect();
    hidden_schools.dedup();
    let mut pooled = Vec::new();
    if !hidden_schools.is_empty() {
        // The grain comes from every graduate of the school, whatever the range asked.
        let mut every_day = values.clone();
        every_day[0] = 0.into();
        every_day[1] = 99_999_999.into();
        let mut all_time: Vec<(Cell, Fine)> = Vec::new();
        for row in db.query_all_raw(run(&st.counts, &every_day)).await? {
            let cell = cell_of(&row)?;
            if hidden_schools.contains(&cell.institution) {
                all_time.push((cell, counts_of(&row)?));
            }
        }
        let mut days: Vec<(Cell, f64)> = Vec::new();
        for row in db.query_all_raw(run(&st.days, &values)).await? {
            days.push((cell_of(&row)?, row.try_get("", "days")?));
        }
        let plans: HashMap<Uuid, grain::Plan> = grain::plans(&all_time);
        let cut = pooled::Cut {
            cells: &cells,
            days: &days,
            range,
            dimensions: &sorted,
        };
        for school in hidden_schools {
            if let Some(plan) = plans.get(&school) {
                pooled.push(pooled::report(school, plan, &cut));
            }
        }
    }
    Ok(Report {
        rows,
        total,
        suppressed: coverage.suppressed,
        pooled,
    })
}
