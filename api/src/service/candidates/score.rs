//! The match score, in SQL: each preferred criterion `c` with weight `w_c` is met to a fraction
//! `f_c` (the share of its listed skills, EHR systems or certifications the graduate has; 1 or 0
//! for background, region, rural and availability), and
//!
//! ```text
//! matchScore = Σ w_c · f_c / Σ w_c        (1 when nothing is preferred)
//! ```
//!
//! Each contribution `w_c · f_c / Σ w_c` is selected as its own column, so the breakdown an
//! integration sees is the one the order used. The list criteria are counted by two grouped
//! joins (one over the graduates' skills, one over their certifications) that read only the
//! rows of the preferred ids, rather than by a subquery per graduate.

use chrono::NaiveDate;
use entity::enums::Background;
use entity::{graduate, graduate_certification, graduate_skill};
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, Func, JoinType, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{ColumnTrait, QueryResult};
use uuid::Uuid;

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
        }
    }

    /// How many listed items make it fully met (1 for the yes/no criteria).
    fn items(&self) -> usize {
        match self {
            Self::Skills(ids) | Self::EhrSystems(ids) | Self::Certifications(ids) => {
                ids.len().max(1)
            }
            _ => 1,
        }
    }
}

/// A preferred criterion with its weight (> 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted {
    pub preference: Preference,
    pub weight: f64,
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

const SKILLS: &str = "pref_skills";
const CERTS: &str = "pref_certs";

fn col(column: graduate::Column) -> Expr {
    Expr::col((graduate::Entity, column))
}

fn flag(cond: SimpleExpr) -> SimpleExpr {
    Expr::case(cond, 1).finally(0).into()
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

    /// Adds the grouped joins and one contribution column per preference to `stmt`, and returns
    /// the score expression.
    pub fn apply(&self, stmt: &mut SelectStatement) -> SimpleExpr {
        let total = self.total_weight();
        if self.preferences.is_empty() || total <= 0.0 {
            return Expr::val(1.0_f64);
        }
        let skill_lists: Vec<&Vec<Uuid>> = self
            .preferences
            .iter()
            .filter_map(|p| match &p.preference {
                Preference::Skills(ids) | Preference::EhrSystems(ids) => Some(ids),
                _ => None,
            })
            .collect();
        if !skill_lists.is_empty() {
            let mut counts = Query::select();
            counts
                .column(graduate_skill::Column::GraduateId)
                .from(graduate_skill::Entity)
                .and_where(
                    graduate_skill::Column::SkillId
                        .is_in(skill_lists.iter().flat_map(|ids| ids.iter().copied())),
                )
                .group_by_col(graduate_skill::Column::GraduateId);
            for (i, ids) in skill_lists.iter().enumerate() {
                let hit = flag(graduate_skill::Column::SkillId.is_in(ids.iter().copied()));
                counts.expr_as(Func::sum(hit), Alias::new(format!("s{i}")));
            }
            stmt.join_subquery(
                JoinType::LeftJoin,
                counts.to_owned(),
                Alias::new(SKILLS),
                Expr::col((Alias::new(SKILLS), graduate_skill::Column::GraduateId))
                    .equals((graduate::Entity, graduate::Column::Id)),
            );
        }
        let certs = self.preferences.iter().find_map(|p| match &p.preference {
            Preference::Certifications(ids) => Some(ids),
            _ => None,
        });
        if let Some(ids) = certs {
            let counts = Query::select()
                .column(graduate_certification::Column::GraduateId)
                .expr_as(
                    Expr::col(sea_orm::sea_query::Asterisk).count(),
                    Alias::new("c"),
                )
                .from(graduate_certification::Entity)
                .and_where(
                    graduate_certification::Column::CertificationId.is_in(ids.iter().copied()),
                )
                .group_by_col(graduate_certification::Column::GraduateId)
                .to_owned();
            stmt.join_subquery(
                JoinType::LeftJoin,
                counts,
                Alias::new(CERTS),
                Expr::col((
                    Alias::new(CERTS),
                    graduate_certification::Column::GraduateId,
                ))
                .equals((graduate::Entity, graduate::Column::Id)),
            );
        }
        let mut skill_list = 0;
        let mut score: Option<SimpleExpr> = None;
        for (i, p) in self.preferences.iter().enumerate() {
            let met: SimpleExpr = match &p.preference {
                Preference::Skills(_) | Preference::EhrSystems(_) => {
                    let count =
                        Expr::col((Alias::new(SKILLS), Alias::new(format!("s{skill_list}"))));
                    skill_list += 1;
                    Func::coalesce([count, Expr::val(0)]).into()
                }
                Preference::Certifications(_) => {
                    let count = Expr::col((Alias::new(CERTS), Alias::new("c")));
                    Func::coalesce([count, Expr::val(0)]).into()
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
            };
            let coefficient = p.weight / total / p.preference.items() as f64;
            let contribution: SimpleExpr = Expr::val(coefficient).mul(met);
            stmt.expr_as(contribution.clone(), Alias::new(contribution_alias(i)));
            score = Some(match score {
                None => contribution,
                Some(sum) => sum.add(contribution),
            });
        }
        score.unwrap_or_else(|| Expr::val(1.0_f64))
    }

    /// The breakdown of one row of a statement `apply` built.
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
