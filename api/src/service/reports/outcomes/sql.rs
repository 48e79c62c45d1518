//! The statements behind the outcome report: one row per graduate in range (`base`), with
//! what the aggregates need, on either database.

use entity::enums::GraduationTerm;
use sea_orm::DbBackend;

use super::super::{Coverage, institutions_in, placeholder};
use crate::service::candidates::criteria::COMMENCEMENT;

/// The graduation day number (`YYYYMMDD`) of `graduate g`, as SQL.
pub fn graduation_day() -> String {
    let cases: Vec<String> = COMMENCEMENT
        .iter()
        .map(|(term, day)| format!("WHEN '{}' THEN {day}", term_name(*term)))
        .collect();
    format!(
        "(g.graduation_year * 10000 + CASE g.graduation_term {} END)",
        cases.join(" ")
    )
}

pub fn term_name(term: GraduationTerm) -> &'static str {
    match term {
        GraduationTerm::Spring => "spring",
        GraduationTerm::Summer => "summer",
        GraduationTerm::Fall => "fall",
    }
}

/// The graduation day as a date, per database.
pub fn graduation_date(backend: DbBackend) -> String {
    let day = format!("CAST({} AS TEXT)", graduation_day());
    match backend {
        DbBackend::Postgres => format!("to_date({day}, 'YYYYMMDD')"),
        _ => format!(
            "date(substr({day}, 1, 4) || '-' || substr({day}, 5, 2) || '-' || substr({day}, 7, 2))"
        ),
    }
}

/// One row per graduate in the report, with what the aggregates need.
pub fn base(backend: DbBackend, coverage: &Coverage, values: &mut Vec<sea_orm::Value>) -> String {
    let (from, to) = (placeholder(backend, 1), placeholder(backend, 2));
    let scope = institutions_in(backend, "g.institution_id", coverage, values);
    format!(
        "SELECT g.institution_id, g.program_id, g.graduation_year, g.graduation_term, g.status, \
           CASE WHEN g.background = 'career_changer' THEN 1 ELSE 0 END AS career_changer, \
           (SELECT e.kind FROM placement p JOIN employer_partner e ON e.id = p.employer_id \
             WHERE p.graduate_id = g.id ORDER BY p.start_date, p.id LIMIT 1) AS employer_kind, \
           (SELECT MIN(p.start_date) FROM placement p WHERE p.graduate_id = g.id) AS placed_on, \
           (SELECT substr(pr.cip_code, 1, 5) FROM program pr WHERE pr.id = g.program_id) \
             AS program_family, \
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

/// Every column a finest cell is keyed by, in the order cells are read.
pub const CELL_COLUMNS: [&str; 7] = [
    "institution_id",
    "program_id",
    "program_family",
    "graduation_year",
    "graduation_term",
    "employer_kind",
    "career_changer",
];

/// The report's statements, sharing one set of bound values (the days first).
pub struct Statements {
    /// Counts per finest cell, the requested groups first in the order.
    pub counts: String,
    /// The median days to placement per requested group.
    pub medians: String,
    /// The median days to placement over everyone.
    pub overall: String,
    /// Each placed graduate's cell and days to placement (for pooled figures).
    pub days: String,
}

/// The statements for groups by `dims` (columns), their cells ordered by `fine` (columns).
pub fn statements(backend: DbBackend, base: &str, dims: &str, fine: &str) -> Statements {
    let (days, float) = match backend {
        DbBackend::Postgres => ("(placed_on - graduated_on)", "DOUBLE PRECISION"),
        _ => (
            "CAST(julianday(placed_on) - julianday(graduated_on) AS INTEGER)",
            "REAL",
        ),
    };
    let placed = "placed_on IS NOT NULL AND status = 'placed'";
    let cells = CELL_COLUMNS.join(", ");
    Statements {
        counts: format!(
            "WITH base AS ({base}) SELECT {fine}, COUNT(*) AS graduates, \
               CAST(SUM(CASE WHEN status = 'seeking' THEN 1 ELSE 0 END) AS BIGINT) AS seeking, \
               CAST(SUM(CASE WHEN status = 'placed' THEN 1 ELSE 0 END) AS BIGINT) AS placed, \
               CAST(SUM(completed) AS BIGINT) AS completed, \
               CAST(SUM(converted) AS BIGINT) AS converted, \
               CAST(SUM(CASE WHEN completed > 0 THEN 1 ELSE 0 END) AS BIGINT) AS completers, \
               CAST(SUM(CASE WHEN converted > 0 THEN 1 ELSE 0 END) AS BIGINT) AS converters \
             FROM base GROUP BY {fine} ORDER BY {fine}"
        ),
        medians: format!(
            "WITH base AS ({base}), \
             d AS (SELECT {dims}, {days} AS days FROM base WHERE {placed}), \
             r AS (SELECT d.*, ROW_NUMBER() OVER (PARTITION BY {dims} ORDER BY days) AS rn, \
                     COUNT(*) OVER (PARTITION BY {dims}) AS n FROM d) \
             SELECT {dims}, CAST(AVG(1.0 * days) AS {float}) AS median_days FROM r \
             WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY {dims}"
        ),
        overall: format!(
            "WITH base AS ({base}), \
             d AS (SELECT {days} AS days FROM base WHERE {placed}), \
             r AS (SELECT d.*, ROW_NUMBER() OVER (ORDER BY days) AS rn, COUNT(*) OVER () AS n \
                   FROM d) \
             SELECT CAST(AVG(1.0 * days) AS {float}) AS median_days FROM r \
             WHERE rn IN ((n + 1) / 2, (n + 2) / 2)"
        ),
        days: format!(
            "WITH base AS ({base}) SELECT {cells}, CAST({days} AS {float}) AS days FROM base \
             WHERE {placed}"
        ),
    }
}
