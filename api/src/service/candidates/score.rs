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
//! and certification tags: no join, no subquery per graduate.

use super::subject::Subject;
use sea_orm::QueryResult;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, SelectStatement, SimpleExpr};

use super::preference::{Criterion, Importance, Weighted};
use crate::error::ApiResult;

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

    /// Each preference's contribution to the score, as an expression over a row of `s`.
    fn contributions(&self, s: &Subject) -> Vec<SimpleExpr> {
        let (_, total) = self.full_weights();
        self.unit_weights()
            .into_iter()
            .zip(&self.preferences)
            .map(|(w, p)| Expr::val(w / total).mul(p.met(s)))
            .collect()
    }

    /// The score of a row of `s` (1 when nothing is preferred).
    pub fn score(&self, s: &Subject) -> SimpleExpr {
        self.contributions(s)
            .into_iter()
            .reduce(|sum, one| sum.add(one))
            .unwrap_or_else(|| Expr::val(1.0_f64))
    }

    /// Selects each contribution as its own column (`__p0`, …) in `stmt`, for [`Self::breakdown`]:
    /// added to the statement that reads the page's rows, so they are computed for those only.
    pub fn select_contributions(&self, stmt: &mut SelectStatement, s: &Subject) {
        for (i, contribution) in self.contributions(s).into_iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::candidates::{Match, Preference};

    fn list(n: usize, mode: Match, importance: Importance) -> Weighted {
        Weighted {
            preference: Preference::Skills((0..n).map(|_| uuid::Uuid::new_v4()).collect()),
            mode,
            importance,
            weight: 1.0,
            tags: (0..n as i32).collect(),
        }
    }

    /// README's worked example: HL7 v2 and FHIR (ALL), Epic or MEDITECH (ANY), Oracle Health
    /// DECISIVE: the lesser units weigh 3, so Oracle Health weighs 4 and all together 7.
    #[test]
    fn a_decisive_unit_outweighs_every_lesser_unit_together() {
        let scoring = Scoring {
            preferences: vec![
                list(2, Match::All, Importance::Normal),
                list(2, Match::Any, Importance::Normal),
                list(1, Match::All, Importance::Decisive),
            ],
        };
        assert_eq!(scoring.unit_weights(), vec![1.0, 1.0, 4.0]);
        assert_eq!(scoring.full_weights(), (vec![2.0, 1.0, 4.0], 7.0));
    }
}
