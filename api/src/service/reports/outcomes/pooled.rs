//! Pooled reports: for each school whose finest figures suppression hides, the same report cut
//! by the school's [`Plan`], each row saying what it pools, and which cohorts were left out.

use uuid::Uuid;

use super::grain::{Atom, Cell, Plan};
use super::{Dimension, Figures, Group};
use crate::service::reports::suppress::{self, Fine};

/// One school's pooled report.
#[derive(Debug, Clone)]
pub struct Pooled {
    pub institution: Uuid,
    /// Cohorts left out, and why, in words.
    pub left_out: Vec<String>,
    /// Rows with what each pools, in words.
    pub rows: Vec<(Group, String, Figures)>,
    pub total: Figures,
}

/// What the pooled reports are cut from.
pub struct Cut<'a> {
    /// Counts per finest cell, in the range.
    pub cells: &'a [(Cell, Fine)],
    /// Days to placement of each placed graduate in the range, by cell.
    pub days: &'a [(Cell, f64)],
    /// The range as day numbers (`YYYYMMDD`).
    pub range: (i32, i32),
    pub dimensions: &'a [Dimension],
}

/// An atom with the finest cells (in range) it pools.
type Pool = (Atom, Vec<Fine>);

/// The pooled report of `school`.
pub fn report(school: Uuid, plan: &Plan, cut: &Cut<'_>) -> Pooled {
    let mut left_out = Vec::new();
    let mut atoms: Vec<Pool> = Vec::new();
    for (cell, counts) in cut.cells.iter().filter(|(c, _)| c.institution == school) {
        let atom = plan.atom(cell);
        let why = if !plan.taken(&atom, cut.range) {
            Some("the range takes only part of their cohorts")
        } else if atom == Atom::Rest && !plan.rest_shows {
            Some("too few graduates to show, even pooled")
        } else {
            None
        };
        if let Some(why) = why {
            left_out.push(format!("graduates of {}: {why}", years(plan, &atom)));
            continue;
        }
        match atoms.iter_mut().find(|(a, _)| *a == atom) {
            Some((_, cells)) => cells.push(*counts),
            None => atoms.push((atom, vec![*counts])),
        }
    }
    left_out.sort();
    left_out.dedup();
    let by_program = cut.dimensions.contains(&Dimension::Program);
    let by_cohort = cut.dimensions.contains(&Dimension::Cohort);
    let row_of = |atom: &Atom| {
        let (family, year) = match atom {
            Atom::FamilyYear(family, year) => (Some(family.clone()), Some(*year)),
            Atom::Year(year) => (None, Some(*year)),
            Atom::Rest => (None, None),
        };
        Group {
            institution: school,
            family: family.filter(|_| by_program),
            year: year.filter(|_| by_cohort),
            ..Group::default()
        }
    };
    let mut rows: Vec<(Group, Vec<&Pool>)> = Vec::new();
    for pool in &atoms {
        let group = row_of(&pool.0);
        match rows.iter_mut().find(|(g, _)| *g == group) {
            Some((_, members)) => members.push(pool),
            None => rows.push((group, vec![pool])),
        }
    }
    rows.sort_by(|a, b| (&a.0.family, a.0.year).cmp(&(&b.0.family, b.0.year)));
    let figures = |members: &[&Pool]| {
        let parts: Vec<(Fine, Fine)> = members
            .iter()
            .map(|(_, cells)| (sum(cells), suppress::residual(cells)))
            .collect();
        let wholes: Vec<Fine> = parts.iter().map(|(whole, _)| *whole).collect();
        let mut days: Vec<f64> = cut
            .days
            .iter()
            .filter(|(c, _)| c.institution == school)
            .filter(|(c, _)| members.iter().any(|(atom, _)| *atom == plan.atom(c)))
            .map(|(_, d)| *d)
            .collect();
        Figures {
            counts: suppress::total(&wholes),
            hidden: suppress::hidden_pooled(&parts),
            median_days: median(&mut days),
        }
    };
    let every: Vec<&Pool> = atoms.iter().collect();
    Pooled {
        institution: school,
        left_out,
        total: figures(&every),
        rows: rows
            .iter()
            .map(|(group, members)| (group.clone(), describe(plan, members), figures(members)))
            .collect(),
    }
}

/// The graduation years an atom covers, in words.
fn years(plan: &Plan, atom: &Atom) -> String {
    match atom {
        Atom::FamilyYear(_, year) | Atom::Year(year) => year.to_string(),
        Atom::Rest => {
            let list: Vec<String> = plan.rest.iter().map(i32::to_string).collect();
            format!("{} (pooled together)", list.join(", "))
        }
    }
}

/// What a row pools, in words.
fn describe(plan: &Plan, members: &[&Pool]) -> String {
    let mut families: Vec<&str> = Vec::new();
    let mut whole = false;
    let mut covered: Vec<String> = Vec::new();
    for (atom, _) in members {
        match atom {
            Atom::FamilyYear(family, _) => families.push(family),
            _ => whole = true,
        }
        covered.push(years(plan, atom));
    }
    families.sort();
    families.dedup();
    covered.sort();
    covered.dedup();
    let programs = match (whole, families.as_slice()) {
        (false, [one]) => format!("programs of CIP series {one}"),
        _ => "every program".to_owned(),
    };
    format!(
        "{programs}; every term of {}; employer kind and background not split",
        covered.join(", ")
    )
}

/// The cells added up into one.
fn sum(cells: &[Fine]) -> Fine {
    Fine {
        counts: suppress::total(cells),
        completers: cells.iter().map(|c| c.completers).sum(),
        converters: cells.iter().map(|c| c.converters).sum(),
    }
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => values.get(n / 2).copied(),
        _ => Some((values.get(n / 2 - 1)? + values.get(n / 2)?) / 2.0),
    }
}
