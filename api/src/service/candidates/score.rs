//! The match score, in SQL: each preferred criterion `c` with weight `w_c` is met to a fraction
//! `f_c` (the share of its listed skills, EHR systems or certifications the graduate has; for
//! years of experience, the years held up to the number preferred, over that number; 1 or 0 for
//! background, region, rural, availability, recency, relocation and the position sought), and
//!
//! ```text
//! matchScore = Σ w_c · f_c / Σ w_c        (1 when nothing is preferred)
//! ```
//!
//! Each contribution `w_c · f_c / Σ w_c` is selected as its own column, so the breakdown an
//! integration sees is the one the order used. The list criteria are counted on the graduate's
//! own row, from its skill and certification bits: no join, no subquery per graduate.

use chrono::NaiveDate;
use entity::enums::Background;
use entity::graduate;
use sea_orm::QueryResult;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, SelectStatement, SimpleExpr};
use uuid::Uuid;

use super::criteria::{SeekingKind, day_number, graduation_day_number, seeking_any};
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
    /// Seeking any of these kinds of position.
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

    /// How many listed items (or years) make it fully met (1 for the yes/no criteria).
    fn items(&self) -> usize {
        match self {
            Self::YearsAtLeast(n) => Ord::max(*n, 1) as usize,
            other => other.listed().len().max(1),
        }
    }
}

/// A preferred criterion with its weight (> 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted {
    pub preference: Preference,
    pub weight: f64,
    /// For a list criterion, each listed entry's bit (in `skill_bits` or `certification_bits`).
    pub masks: Vec<i64>,
}

/// One line of a candidate's breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionScore {
    pub criterion: Criterion,
    pub weight: f64,
    /// How far it is met, 0 to 1.
    pub fraction: f64,
    /// Its share of the score, 0 to `weight / Σ weights`.
    pub contribution: f64,
}

fn col(column: graduate::Column) -> Expr {
    Expr::col((graduate::Entity, column))
}

fn flag(cond: SimpleExpr) -> SimpleExpr {
    Expr::case(cond, 1).finally(0).into()
}

/// How many of `masks` are set in `column`: `Σ CASE WHEN column & m <> 0 THEN 1 ELSE 0 END`.
fn count_bits(column: graduate::Column, masks: &[i64]) -> SimpleExpr {
    masks
        .iter()
        .map(|m| flag(col(column).bit_and(*m).ne(0)))
        .reduce(|sum, one| sum.add(one))
        .unwrap_or_else(|| Expr::val(0))
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
    fn total_weight(&self) -> f64 {
        self.preferences.iter().map(|p| p.weight).sum()
    }

    /// Each preference's contribution to the score, as an expression over a graduate row.
    fn contributions(&self) -> Vec<SimpleExpr> {
        let total = self.total_weight();
        self.preferences
            .iter()
            .map(|p| {
                let met: SimpleExpr = match &p.preference {
                    Preference::Skills(_) | Preference::EhrSystems(_) => {
                        count_bits(graduate::Column::SkillBits, &p.masks)
                    }
                    Preference::Certifications(_) => {
                        count_bits(graduate::Column::CertificationBits, &p.masks)
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
                        Expr::case(years.clone().gte(*n), *n).finally(years).into()
                    }
                    Preference::GraduatedAfter(day) => {
                        flag(graduation_day_number().gte(day_number(*day)))
                    }
                    Preference::Relocation => {
                        flag(col(graduate::Column::OpenToRelocation).eq(true))
                    }
                    Preference::Seeking(kinds) => flag(seeking_any(kinds)),
                };
                let coefficient = p.weight / total / p.preference.items() as f64;
                Expr::val(coefficient).mul(met)
            })
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
        let total = self.total_weight();
        self.preferences
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let contribution: f64 = row.try_get("", &contribution_alias(i))?;
                let full = p.weight / total;
                Ok(CriterionScore {
                    criterion: p.preference.criterion(),
                    weight: p.weight,
                    fraction: if full > 0.0 {
                        (contribution / full).clamp(0.0, 1.0)
                    } else {
                        0.0
                    },
                    contribution,
                })
            })
            .collect()
    }
}
