//! What a preferred criterion is, how many units it counts, and how many of them a ranked row
//! meets (in SQL, on the facts its `Subject` describes).

use chrono::NaiveDate;
use entity::enums::Background;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use uuid::Uuid;

use super::criteria::{Match, SeekingKind, day_number};
use super::subject::Subject;

/// A preferred criterion, resolved to ids.
#[derive(Debug, Clone, PartialEq)]
pub enum Preference {
    Skills(Vec<Uuid>),
    EhrSystems(Vec<Uuid>),
    Certifications(Vec<Uuid>),
    Backgrounds(Vec<Background>),
    /// In one of these regions or states.
    Places {
        regions: Vec<String>,
        states: Vec<String>,
    },
    Rural,
    AvailableBy(NaiveDate),
    /// At least this many years of experience (graded: each year up to it counts).
    YearsAtLeast(i32),
    /// Graduated (the term's commencement) on or after this day.
    GraduatedAfter(NaiveDate),
    /// Open to relocation.
    Relocation,
    /// Seeking these kinds of position.
    Seeking(Vec<SeekingKind>),
}

/// Which preferred criterion a breakdown line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    Skills,
    EhrSystems,
    Certifications,
    Background,
    Region,
    Rural,
    AvailableBy,
    YearsOfExperience,
    GraduatedAfter,
    Relocation,
    Seeking,
}

/// How much a preference counts beside the others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Importance {
    Low,
    #[default]
    Normal,
    High,
    /// Outranks every combination of lesser preferences.
    Decisive,
}

impl Importance {
    /// The factor on a unit's weight (none for DECISIVE, which is scaled above the rest).
    pub(super) fn factor(self) -> Option<f64> {
        match self {
            Self::Low => Some(0.5),
            Self::Normal => Some(1.0),
            Self::High => Some(2.0),
            Self::Decisive => None,
        }
    }
}

impl Preference {
    pub fn criterion(&self) -> Criterion {
        match self {
            Self::Skills(_) => Criterion::Skills,
            Self::EhrSystems(_) => Criterion::EhrSystems,
            Self::Certifications(_) => Criterion::Certifications,
            Self::Backgrounds(_) => Criterion::Background,
            Self::Places { .. } => Criterion::Region,
            Self::Rural => Criterion::Rural,
            Self::AvailableBy(_) => Criterion::AvailableBy,
            Self::YearsAtLeast(_) => Criterion::YearsOfExperience,
            Self::GraduatedAfter(_) => Criterion::GraduatedAfter,
            Self::Relocation => Criterion::Relocation,
            Self::Seeking(_) => Criterion::Seeking,
        }
    }

    /// The vocabulary ids a list criterion names (none for the others).
    pub fn listed(&self) -> &[Uuid] {
        match self {
            Self::Skills(ids) | Self::EhrSystems(ids) | Self::Certifications(ids) => ids,
            _ => &[],
        }
    }
}

/// A preferred criterion with its match mode, importance and weight (> 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted {
    pub preference: Preference,
    /// For the lists a graduate can hold several of (skills, EHR systems, certifications,
    /// positions sought): ALL makes each item a unit, ANY the list one unit.
    pub mode: Match,
    pub importance: Importance,
    pub weight: f64,
    /// For a list criterion, each listed entry's tag (in `skill_tags` or `certification_tags`).
    pub tags: Vec<i32>,
}

impl Weighted {
    /// How many units it is (see the module doc).
    pub fn units(&self) -> usize {
        match (&self.preference, self.mode) {
            (Preference::Seeking(kinds), Match::All) => kinds.len().max(1),
            (p, Match::All) if !p.listed().is_empty() => p.listed().len(),
            _ => 1,
        }
    }

    /// How many of its units a row of `s` meets (0 to `units`), as an expression.
    pub(super) fn met(&self, s: &Subject) -> SimpleExpr {
        let any = self.mode == Match::Any;
        match &self.preference {
            Preference::Skills(_) | Preference::EhrSystems(_) => {
                count_tags(s, false, &self.tags, any)
            }
            Preference::Certifications(_) => count_tags(s, true, &self.tags, any),
            Preference::Backgrounds(list) => flag(s.background.clone().is_in(list.iter().copied())),
            Preference::Places { regions, states } => flag(
                s.region
                    .clone()
                    .is_in(regions.iter().cloned())
                    .or(s.state.clone().is_in(states.iter().cloned())),
            ),
            Preference::Rural => flag(s.open_to_rural.clone().eq(true)),
            Preference::AvailableBy(day) => {
                let from = &s.available_from;
                flag(from.clone().is_null().or(from.clone().lte(*day)))
            }
            Preference::YearsAtLeast(n) => {
                let years = s.years_experience.clone();
                let capped: SimpleExpr =
                    Expr::case(years.clone().gte(*n), *n).finally(years).into();
                Expr::val(1.0 / f64::from(Ord::max(*n, 1))).mul(capped)
            }
            Preference::GraduatedAfter(day) => flag(s.graduation_day().gte(day_number(*day))),
            Preference::Relocation => flag(s.open_to_relocation.clone().eq(true)),
            Preference::Seeking(kinds) if any => flag(s.seeks_any(kinds)),
            Preference::Seeking(kinds) => sum(kinds.iter().map(|k| flag(s.seeks(*k)))),
        }
    }
}

fn flag(cond: SimpleExpr) -> SimpleExpr {
    Expr::case(cond, 1).finally(0).into()
}

fn sum(terms: impl Iterator<Item = SimpleExpr>) -> SimpleExpr {
    terms
        .reduce(|sum, one| sum.add(one))
        .unwrap_or_else(|| Expr::val(0))
}

/// How many of `tags` the row holds (`any`: 1 when it holds one of them, else 0).
fn count_tags(s: &Subject, certification: bool, tags: &[i32], any: bool) -> SimpleExpr {
    if any {
        let held = tags
            .iter()
            .map(|t| s.holds(certification, *t))
            .reduce(|any, one| any.or(one))
            .unwrap_or_else(|| Expr::val(false));
        return flag(held);
    }
    sum(tags.iter().map(|t| flag(s.holds(certification, *t))))
}
