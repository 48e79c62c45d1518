//! The consortium report: per institution (and program, cohort, employer kind or background,
//! as asked) — graduates, seeking, placed, placement rate, median days from graduation to first
//! placement, internships completed and internship-to-hire conversion — for the graduates who
//! graduated (by their term's commencement) between two days. Two statements on either
//! database: the counts, and the medians (a window function picks the middle rows).

use chrono::NaiveDate;
use entity::enums::{EmployerKind, GraduationTerm};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, Statement};
use uuid::Uuid;

use super::suppress::{self, COLUMNS, Column, Counts, Fine, Hidden};
use super::{Coverage, institutions_in, placeholder};
use crate::error::{ApiError, ApiResult};
use crate::service::candidates::criteria::{COMMENCEMENT, day_number};

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
            Self::Program => &["program_id"],
            Self::Cohort => &["graduation_year", "graduation_term"],
            Self::EmployerKind => &["employer_kind"],
            Self::Background => &["career_changer"],
        }
    }
}

/// The group a row stands for: the institution, and each dimension asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    pub institution: Uuid,
    pub program: Option<Uuid>,
    pub cohort: Option<(i32, GraduationTerm)>,
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

/// The report: rows in group order, and the total.
#[derive(Debug, Clone)]
pub struct Report {
    pub rows: Vec<(Group, Figures)>,
    pub total: Figures,
    pub suppressed: bool,
}

/// The graduation day number (`YYYYMMDD`) of `graduate g`, as SQL.
fn graduation_day() -> String {
    let cases: Vec<String> = COMMENCEMENT
        .iter()
        .map(|(term, day)| format!("WHEN '{}' THEN {day}", term_name(*term)))
        .collect();
    format!(
        "(g.graduation_year * 10000 + CASE g.graduation_term {} END)",
        cases.join(" ")
    )
}

fn term_name(term: GraduationTerm) -> &'static str {
    match term {
        GraduationTerm::Spring => "spring",
        GraduationTerm::Summer => "summer",
        GraduationTerm::Fall => "fall",
    }
}

/// The graduation day as a date, per database.
fn graduation_date(backend: DbBackend) -> String {
    let day = format!("CAST({} AS TEXT)", graduation_day());
    match backend {
        DbBackend::Postgres => format!("to_date({day}, 'YYYYMMDD')"),
        _ => format!(
            "date(substr({day}, 1, 4) || '-' || substr({day}, 5, 2) || '-' || substr({day}, 7, 2))"
        ),
    }
}

/// One row per graduate in the report, with what the aggregates need.
fn base(backend: DbBackend, coverage: &Coverage, values: &mut Vec<sea_orm::Value>) -> String {
    let (from, to) = (placeholder(backend, 1), placeholder(backend, 2));
    let scope = institutions_in(backend, "g.institution_id", coverage, values);
    format!(
        "SELECT g.institution_id, g.program_id, g.graduation_year, g.graduation_term, g.status, \
           CASE WHEN g.background = 'career_changer' THEN 1 ELSE 0 END AS career_changer, \
           (SELECT e.kind FROM placement p JOIN employer_partner e ON e.id = p.employer_id \
             WHERE p.graduate_id = g.id ORDER BY p.start_date, p.id LIMIT 1) AS employer_kind, \
           (SELECT MIN(p.start_date) FROM placement p WHERE p.graduate_id = g.id) AS placed_on, \
           {graduated} AS graduated_on, \
           (SELECT COUNT(*) FROM application a \
             WHERE a.graduate_id = g.id AND a.status = 'completed') AS completed, \
           (SELECT COUNT(*) FROM application a JOIN internship i ON i.id = a.internship_id \
             WHERE a.graduate_id = g.id AND a.status = 'completed' AND EXISTS ( \
               SELECT 1 FROM placement p \
               WHERE p.graduate_id = g.id AND p.employer_id = i.employer_id)) AS converted \
         FROM graduate g \
         WHERE g.status <> 'archived' AND {day} BETWEEN {from} AND {to}{scope}",
        graduated = graduation_date(backend),
        day = graduation_day(),
    )
}

fn group_of(row: &QueryResult, dimensions: &[Dimension]) -> Result<Group, sea_orm::DbErr> {
    let mut group = Group {
        institution: row.try_get("", "institution_id")?,
        ..Group::default()
    };
    for dimension in dimensions {
        match dimension {
            Dimension::Program => group.program = Some(row.try_get("", "program_id")?),
            Dimension::Cohort => {
                let term: String = row.try_get("", "graduation_term")?;
                let term = [
                    GraduationTerm::Spring,
                    GraduationTerm::Summer,
                    GraduationTerm::Fall,
                ]
                .into_iter()
                .find(|t| term_name(*t) == term)
                .unwrap_or(GraduationTerm::Fall);
                group.cohort = Some((row.try_get("", "graduation_year")?, term));
            }
            Dimension::EmployerKind => {
                let kind: Option<String> = row.try_get("", "employer_kind")?;
                group.employer_kind = Some(kind.and_then(|k| {
                    use sea_orm::ActiveEnum;
                    EmployerKind::try_from_value(&k).ok()
                }));
            }
            Dimension::Background => {
                let flag: i32 = row.try_get("", "career_changer")?;
                group.career_changer = Some(flag == 1);
            }
        }
    }
    Ok(group)
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
    let mut dims: Vec<&str> = vec!["institution_id"];
    let mut sorted = dimensions.to_vec();
    sorted.sort();
    sorted.dedup();
    for d in &sorted {
        dims.extend(d.columns());
    }
    // The counts come per fine cell (every dimension), the requested groups first in the
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
    let dims = dims.join(", ");
    let fine = fine.join(", ");
    let mut values: Vec<sea_orm::Value> = vec![day_number(from).into(), day_number(to).into()];
    let base = base(backend, coverage, &mut values);
    let counts_sql = format!(
        "WITH base AS ({base}) SELECT {fine}, COUNT(*) AS graduates, \
           CAST(SUM(CASE WHEN status = 'seeking' THEN 1 ELSE 0 END) AS BIGINT) AS seeking, \
           CAST(SUM(CASE WHEN status = 'placed' THEN 1 ELSE 0 END) AS BIGINT) AS placed, \
           CAST(SUM(completed) AS BIGINT) AS completed, \
           CAST(SUM(converted) AS BIGINT) AS converted, \
           CAST(SUM(CASE WHEN completed > 0 THEN 1 ELSE 0 END) AS BIGINT) AS completers, \
           CAST(SUM(CASE WHEN converted > 0 THEN 1 ELSE 0 END) AS BIGINT) AS converters \
         FROM base GROUP BY {fine} ORDER BY {fine}"
    );
    let (days, float) = match backend {
        DbBackend::Postgres => ("(placed_on - graduated_on)", "DOUBLE PRECISION"),
        _ => (
            "CAST(julianday(placed_on) - julianday(graduated_on) AS INTEGER)",
            "REAL",
        ),
    };
    let medians_sql = format!(
        "WITH base AS ({base}), \
         d AS (SELECT {dims}, {days} AS days FROM base WHERE placed_on IS NOT NULL AND status = 'placed'), \
         r AS (SELECT d.*, ROW_NUMBER() OVER (PARTITION BY {dims} ORDER BY days) AS rn, \
                 COUNT(*) OVER (PARTITION BY {dims}) AS n FROM d) \
         SELECT {dims}, CAST(AVG(1.0 * days) AS {float}) AS median_days FROM r \
         WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY {dims}"
    );
    let overall_sql = format!(
        "WITH base AS ({base}), \
         d AS (SELECT {days} AS days FROM base WHERE placed_on IS NOT NULL AND status = 'placed'), \
         r AS (SELECT d.*, ROW_NUMBER() OVER (ORDER BY days) AS rn, COUNT(*) OVER () AS n FROM d) \
         SELECT CAST(AVG(1.0 * days) AS {float}) AS median_days FROM r \
         WHERE rn IN ((n + 1) / 2, (n + 2) / 2)"
    );
    let statement = |sql: &str| Statement::from_sql_and_values(backend, sql, values.clone());
    let count_rows = db.query_all_raw(statement(&counts_sql)).await?;
    let median_rows = db.query_all_raw(statement(&medians_sql)).await?;
    let overall: Option<f64> = db
        .query_one_raw(statement(&overall_sql))
        .await?
        .map(|r| r.try_get("", "median_days"))
        .transpose()?
        .flatten();

    let mut medians: Vec<(Group, f64)> = Vec::with_capacity(median_rows.len());
    for row in &median_rows {
        let median: Option<f64> = row.try_get("", "median_days")?;
        if let Some(median) = median {
            medians.push((group_of(row, &sorted)?, median));
        }
    }
    // Fine cells, gathered into the requested groups (consecutive in the order).
    let mut groups: Vec<(Group, Vec<Fine>)> = Vec::new();
    for row in &count_rows {
        let group = group_of(row, &sorted)?;
        let mut cell = Fine::default();
        for (i, name) in ["graduates", "seeking", "placed", "completed", "converted"]
            .iter()
            .enumerate()
        {
            cell.counts[i] = row.try_get("", name)?;
        }
        cell.completers = row.try_get("", "completers")?;
        cell.converters = row.try_get("", "converters")?;
        match groups.last_mut() {
            Some((last, cells)) if *last == group => cells.push(cell),
            _ => groups.push((group, vec![cell])),
        }
    }
    let shown = |cells: &[Fine]| {
        if coverage.suppressed {
            suppress::hidden(cells)
        } else {
            [false; COLUMNS]
        }
    };
    let every: Vec<Fine> = groups.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let total = Figures {
        counts: suppress::total(&every),
        hidden: shown(&every),
        median_days: overall,
    };
    let rows = groups
        .into_iter()
        .map(|(group, cells)| {
            let median_days = medians.iter().find(|(g, _)| *g == group).map(|(_, m)| *m);
            let figures = Figures {
                counts: suppress::total(&cells),
                hidden: shown(&cells),
                median_days,
            };
            (group, figures)
        })
        .collect();
    Ok(Report {
        rows,
        total,
        suppressed: coverage.suppressed,
    })
}
