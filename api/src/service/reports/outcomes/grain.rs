//! Pooled grains: when suppression hides a school's figures, the same report cut coarser, from
//! *atoms* that pool its finest cells (see `suppress` for when a pooled figure may show).
//!
//! A school's atoms must not depend on the request, or two reports could be differenced: each
//! graduation year is cut by the finest rung at which every atom of that year (all its
//! graduates, whatever range is asked) may show its graduates — programs pooled by CIP series,
//! else every program together — and the years that stand at neither are pooled together into
//! one atom. Each atom covers a fixed block of cohorts (a year, or those years together) that a
//! report takes whole or leaves out, saying so; never cuts.

use std::collections::HashMap;

use entity::enums::{EmployerKind, GraduationTerm};
use uuid::Uuid;

use super::super::suppress::{self, Fine};
use crate::service::candidates::criteria::COMMENCEMENT;

/// Where a finest cell stands: every way a figure can be cut.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    pub institution: Uuid,
    pub program: Uuid,
    /// The program's CIP series, e.g. `51.07`.
    pub family: String,
    pub year: i32,
    pub term: GraduationTerm,
    pub employer_kind: Option<EmployerKind>,
    pub career_changer: bool,
}

/// One school's atom: what it keeps of its cells (the rest is pooled).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Atom {
    /// Programs of one CIP series, one graduation year.
    FamilyYear(String, i32),
    /// Every program, one graduation year.
    Year(i32),
    /// Every program of the years too small alone.
    Rest,
}

/// How one school's cells are pooled.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Years cut by program family (the others by year, unless in `rest`).
    by_family: Vec<i32>,
    /// Years too small alone, pooled together (ascending).
    pub rest: Vec<i32>,
    /// Whether the pooled rest may show at all.
    pub rest_shows: bool,
}

impl Plan {
    /// The atom `cell` belongs to.
    pub fn atom(&self, cell: &Cell) -> Atom {
        if self.rest.contains(&cell.year) {
            Atom::Rest
        } else if self.by_family.contains(&cell.year) {
            Atom::FamilyYear(cell.family.clone(), cell.year)
        } else {
            Atom::Year(cell.year)
        }
    }

    /// Whether the days `from..=to` (as `YYYYMMDD`) take the whole block of `atom`.
    pub fn taken(&self, atom: &Atom, (from, to): (i32, i32)) -> bool {
        let (first, last) = (COMMENCEMENT[0].1, COMMENCEMENT[2].1);
        let years = match atom {
            Atom::FamilyYear(_, year) | Atom::Year(year) => (*year, *year),
            Atom::Rest => match (self.rest.first(), self.rest.last()) {
                (Some(a), Some(b)) => (*a, *b),
                _ => return false,
            },
        };
        from <= years.0 * 10_000 + first && to >= years.1 * 10_000 + last
    }
}

/// Each school's plan, from the finest cells of all its graduates (every date).
pub fn plans(all_time: &[(Cell, Fine)]) -> HashMap<Uuid, Plan> {
    let mut plans: HashMap<Uuid, Plan> = HashMap::new();
    let mut years: Vec<(Uuid, i32)> = all_time
        .iter()
        .map(|(c, _)| (c.institution, c.year))
        .collect();
    years.sort();
    years.dedup();
    for (school, year) in years {
        let cells: Vec<&(Cell, Fine)> = all_time
            .iter()
            .filter(|(c, _)| c.institution == school && c.year == year)
            .collect();
        let plan = plans.entry(school).or_default();
        let by_family = poolable(cells.iter().map(|(c, f)| (c.family.clone(), *f)));
        if by_family {
            plan.by_family.push(year);
        } else if !poolable(cells.iter().map(|(_, f)| ((), *f))) {
            plan.rest.push(year);
        }
    }
    for (school, plan) in &mut plans {
        let rest = all_time
            .iter()
            .filter(|(c, _)| c.institution == *school && plan.rest.contains(&c.year))
            .map(|(_, f)| ((), *f));
        plan.rest_shows = !plan.rest.is_empty() && poolable(rest);
    }
    plans
}

/// Whether every atom (cells sharing a key) may show its graduates.
fn poolable<K: Eq + std::hash::Hash>(cells: impl Iterator<Item = (K, Fine)>) -> bool {
    let mut atoms: HashMap<K, Vec<Fine>> = HashMap::new();
    for (key, counts) in cells {
        atoms.entry(key).or_default().push(counts);
    }
    atoms.values().all(|parts| suppress::poolable(parts))
}

/// The first commencement (`YYYYMMDD`) of a year.
#[cfg(test)]
fn spring(year: i32) -> i32 {
    year * 10_000 + COMMENCEMENT[0].1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(family: &str, year: i32, term: GraduationTerm) -> Cell {
        Cell {
            institution: Uuid::from_u128(1),
            program: Uuid::from_u128(family.len() as u128),
            family: family.to_owned(),
            year,
            term,
            employer_kind: None,
            career_changer: false,
        }
    }

    fn graduates(n: i64) -> Fine {
        Fine {
            counts: [n, n, 0, 0, 0],
            ..Fine::default()
        }
    }

    #[test]
    fn each_year_takes_the_finest_rung_its_cells_allow() {
        use GraduationTerm::{Fall, Spring};
        let n = graduates;
        let all = [
            // 2025: one family of 11 across two terms.
            (cell("51.07", 2025, Spring), n(6)),
            (cell("51.07", 2025, Fall), n(5)),
            // 2024: two families of 6 and 5: only the year together.
            (cell("51.07", 2024, Spring), n(6)),
            (cell("11.01", 2024, Fall), n(5)),
            // 2019 and 2020: 4 and 7, pooled together.
            (cell("51.07", 2019, Spring), n(4)),
            (cell("51.07", 2020, Spring), n(7)),
        ];
        let plans = plans(&all);
        let plan = &plans[&Uuid::from_u128(1)];
        assert_eq!(plan.atom(&all[0].0), Atom::FamilyYear("51.07".into(), 2025));
        assert_eq!(plan.atom(&all[2].0), Atom::Year(2024));
        assert_eq!(plan.atom(&all[4].0), Atom::Rest);
        assert_eq!(plan.rest, vec![2019, 2020]);
        assert!(plan.rest_shows);
    }

    #[test]
    fn a_block_is_taken_whole_or_not_at_all() {
        let plan = Plan {
            by_family: vec![],
            rest: vec![2019, 2020],
            rest_shows: true,
        };
        let whole_year = (20_250_101, 20_251_231);
        let half_year = (20_250_601, 20_251_231);
        assert!(plan.taken(&Atom::Year(2025), whole_year));
        assert!(!plan.taken(&Atom::Year(2025), half_year));
        assert!(!plan.taken(&Atom::Rest, (spring(2020), 20_251_231)));
        assert!(plan.taken(&Atom::Rest, (spring(2019), 20_201_231)));
    }
}
