//! The match score, in SQL. The rules (README, "How candidates are ranked"):
//!
//! - Each thing a recruiter names is one *unit*: an ALL list of n items is n units, each met when
//!   the graduate has that item; an ANY list is one unit, met by any one item; every other
//!   criterion is one unit (years of experience met in part: the years held up to the number
//!   preferred, over that number).
//! - A unit weighs its criterion's weight (default 1) times its importance (LOW ½, NORMAL 1,
//!   HIGH 2). A DECISIVE unit weighs more than every lesser unit together (`L + 1`, where `L` is
//!   their total weight), so meeting it outranks any combination of lesser ones.
//!
//! ```text
//! matchScore = Σ unit weight × units met / Σ unit weight × units     (1 when nothing is preferred)
//! ```
//!
//! Each criterion's contribution is selected as its own column, so the breakdown an integration
//! sees is the one the order used. Lists are counted on the graduate's own row, from its skill
//! and certification bits: no join, no subquery per graduate.

use chrono::NaiveDate;
use entity::enums::Background;
use entity::graduate;
use sea_orm::QueryResult;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, SelectStatement, SimpleExpr};
use uuid::Uuid;

use super::criteria::{Match, SeekingKind, day_number, graduation_day_number, seeking_flag};
use crate::error::ApiResult;

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
    fn factor(self) -> Option<f64> {
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
    /// For a list criterion, each listed entry's bit (in `skill_bits` or `certification_bits`).
    pub masks: Vec<i64>,
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

    /// How many of its units a graduate row meets (0 to `units`), as an expression.
    fn met(&self) -> SimpleExpr {
        let any = self.mode == Match::Any;
        match &self.preference {
            Preference::Skills(_) | Preference::EhrSystems(_) => {
                count_bits(graduate::Column::SkillBits, &self.masks, any)
            }
            Preference::Certifications(_) => {
                count_bits(graduate::Column::CertificationBits, &self.masks, any)
            }
            Preference::Backgrounds(list) => {
                flag(col(graduate::Column::Background).is_in(list.iter().copied()))
            }
            Preference::Places { regions, states } => flag(
                col(graduate::Column::Region)
                    .is_in(regions.iter().cloned())
                    .or(col(graduate::Column::State).is_in(states.iter().cloned())),
            ),
            Preference::Rural => flag(col(graduate::Column::OpenToRural).eq(true)),
            Preference::AvailableBy(day) => flag(
                col(graduate::Column::AvailableFrom)
                    .is_null()
                    .or(col(graduate::Column::AvailableFrom).lte(*day)),
            ),
            Preference::YearsAtLeast(n) => {
                let years = col(graduate::Column::YearsExperience);
                let capped: SimpleExpr =
                    Expr::case(years.clone().gte(*n), *n).finally(years).into();
                Expr::val(1.0 / f64::from(Ord::max(*n, 1))).mul(capped)
            }
            Preference::GraduatedAfter(day) => flag(graduation_day_number().gte(day_number(*day))),
            Preference::Relocation => flag(col(graduate::Column::OpenToRelocation).eq(true)),
            Preference::Seeking(kinds) if any => flag(super::criteria::seeking_any(kinds)),
            Preference::Seeking(kinds) => sum(kinds.iter().map(|k| flag(seeking_flag(*k)))),
        }
    }
}

/// One line of a candidate's breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionScore {
    pub criterion: Criterion,
    /// The weight as asked, and the importance.
    pub weight: f64,
    pub importance: Importance,
    pub units: usize,
    /// How far it is met, 0 to 1 (the share of its units met).
    pub fraction: f64,
    /// Its share of the score.
    pub contribution: f64,
}

fn col(column: graduate::Column) -> Expr {
    Expr::col((graduate::Entity, column))
}

fn flag(cond: SimpleExpr) -> SimpleExpr {
    Expr::case(cond, 1).finally(0).into()
}

fn sum(terms: impl Iterator<Item = SimpleExpr>) -> SimpleExpr {
    terms
        .reduce(|sum, one| sum.add(one))
        .unwrap_or_else(|| Expr::val(0))
}

/// How many of `masks` are set in `column` (`any`: 1 when one of them is, else 0).
fn count_bits(column: graduate::Column, masks: &[i64], any: bool) -> SimpleExpr {
    if any {
        let all = masks.iter().fold(0, |all, m| all | m);
        return flag(col(column).bit_and(all).ne(0));
    }
    sum(masks.iter().map(|m| flag(col(column).bit_and(*m).ne(0))))
}

fn contribution_alias(i: usize) -> String {
    format!("__p{i}")
}

/// The preferences of one request and how they score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scoring {
    pub preferences: Vec<Weighted>,
}

impl Scoring {
    /// Each preference's weight per unit: weight × importance, and for a DECISIVE one, scaled so
    /// that its smallest unit outweighs every lesser unit together.
    fn unit_weights(&self) -> Vec<f64> {
        let lesser: f64 = self
            .preferences
            .iter()
            .filter_map(|p| Some(p.weight * p.importance.factor()? * p.units() as f64))
            .sum();
        let smallest = self
            .preferences
            .iter()
            .filter(|p| p.importance == Importance::Decisive)
            .map(|p| p.weight)
            .fold(1.0, f64::min);
        let scale = (lesser + 1.0) / smallest;
        self.preferences
            .iter()
            .map(|p| p.weight * p.importance.factor().unwrap_or(scale))
            .collect()
    }

    /// Each preference's full weight (units × weight per unit) and their total.
    fn full_weights(&self) -> (Vec<f64>, f64) {
        let full: Vec<f64> = self
            .unit_weights()
            .into_iter()
            .zip(&self.preferences)
            .map(|(w, p)| w * p.units() as f64)
            .collect();
        let total = full.iter().sum();
        (full, total)
    }

    /// Each preference's contribution to the score, as an expression over a graduate row.
    fn contributions(&self) -> Vec<SimpleExpr> {
        let (_, total) = self.full_weights();
        self.unit_weights()
            .into_iter()
            .zip(&self.preferences)
            .map(|(w, p)| Expr::val(w / total).mul(p.met()))
            .collect()
    }

    /// The score of a graduate row (1 when nothing is preferred).
    pub fn score(&self) -> SimpleExpr {
        self.contributions()
            .into_iter()
            .reduce(|sum, one| sum.add(one))
            .unwrap_or_else(|| Expr::val(1.0_f64))
    }

    /// Selects each contribution as its own column (`__p0`, …) in `stmt`, for [`Self::breakdown`]:
    /// added to the statement that reads the page's rows, so they are computed for those only.
    pub fn select_contributions(&self, stmt: &mut SelectStatement) {
        for (i, contribution) in self.contributions().into_iter().enumerate() {
            stmt.expr_as(contribution, Alias::new(contribution_alias(i)));
        }
    }

    /// The breakdown of one row of a statement [`Self::select_contributions`] extended.
    pub fn breakdown(&self, row: &QueryResult) -> ApiResult<Vec<CriterionScore>> {
        let (full, total) = self.full_weights();
        self.preferences
            .iter()
            .zip(full)
            .enumerate()
            .map(|(i, (p, full))| {
                let contribution: f64 = row.try_get("", &contribution_alias(i))?;
                let share = full / total;
                Ok(CriterionScore {
                    criterion: p.preference.criterion(),
                    weight: p.weight,
                    importance: p.importance,
                    units: p.units(),
                    fraction: if share > 0.0 {
                        (contribution / share).clamp(0.0, 1.0)
                    } else {
                        0.0
                    },
                    contribution,
                })
            })
            .collect()
    }
}
