//! The skills gap: for each skill and EHR system, the demand (open internships asking for it)
//! against the supply (seeking graduates, consenting to be found, who have it), largest gap
//! first. Demand counts every open posting of an active employer; supply counts the covered
//! institutions' graduates, per state so that suppression can see each state's part. Two
//! aggregate statements.

use entity::enums::{EmployerStatus, GraduateStatus, InternshipStatus};
use entity::{employer_partner, graduate, graduate_skill, internship, internship_skill, skill};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};
use uuid::Uuid;

use super::Coverage;
use super::suppress::THRESHOLD;
use crate::authz;
use crate::error::ApiResult;

/// One skill's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub skill: skill::Model,
    /// Open internships asking for it.
    pub demand: i64,
    /// Seeking, consenting graduates who have it; `None` when suppressed.
    pub supply: Option<i64>,
}

impl Line {
    /// Demand minus supply; a suppressed supply (fewer than ten) counts as none, so the gap is
    /// at most nine larger than shown.
    pub fn gap(&self) -> i64 {
        self.demand - self.supply.unwrap_or(0)
    }
}

/// The skills gap in `state` (every state when `None`), largest gap first.
pub async fn skills_gap(
    db: &DatabaseConnection,
    coverage: &Coverage,
    state: Option<&str>,
) -> ApiResult<Vec<Line>> {
    let mut demand = internship_skill::Entity::find()
        .select_only()
        .column(internship_skill::Column::SkillId)
        .column_as(
            Expr::col((internship::Entity, internship::Column::Id)).count_distinct(),
            "n",
        )
        .join(
            JoinType::InnerJoin,
            internship_skill::Relation::Internship.def(),
        )
        .join(
            JoinType::InnerJoin,
            internship::Relation::EmployerPartner.def(),
        )
        .filter(internship::Column::Status.eq(InternshipStatus::Open))
        .filter(employer_partner::Column::Status.eq(EmployerStatus::Active))
        .group_by(internship_skill::Column::SkillId);
    let mut supply = graduate_skill::Entity::find()
        .select_only()
        .column(graduate_skill::Column::SkillId)
        .column_as(
            Expr::col((graduate::Entity, graduate::Column::Id)).count_distinct(),
            "n",
        )
        .column(graduate::Column::State)
        .join(
            JoinType::InnerJoin,
            graduate_skill::Relation::Graduate.def(),
        )
        .filter(graduate::Column::Status.eq(GraduateStatus::Seeking))
        .filter(graduate::Column::Consent.ne(authz::UNPOOLED_CONSENT))
        .group_by(graduate_skill::Column::SkillId)
        .group_by(graduate::Column::State);
    if let Some(state) = state {
        demand = demand.filter(internship::Column::State.eq(state));
        supply = supply.filter(graduate::Column::State.eq(state));
    }
    if let Some(ids) = &coverage.institutions {
        supply = supply.filter(graduate::Column::InstitutionId.is_in(ids.iter().copied()));
    }
    let demand: Vec<(Uuid, i64)> = demand.into_tuple().all(db).await?;
    // Supply per skill and state: a figure is shown only if each state's part is none or at
    // least the threshold, so that no state's small count follows from two figures.
    let supply: Vec<(Uuid, i64, String)> = supply.into_tuple().all(db).await?;
    let skills = skill::Entity::find()
        .order_by_asc(skill::Column::Name)
        .all(db)
        .await?;
    let mut lines: Vec<Line> = skills
        .into_iter()
        .map(|skill| {
            let parts: Vec<i64> = supply
                .iter()
                .filter(|(s, _, _)| *s == skill.id)
                .map(|(_, n, _)| *n)
                .collect();
            let have: i64 = parts.iter().sum();
            let safe = have >= THRESHOLD && parts.iter().all(|n| *n >= THRESHOLD);
            Line {
                demand: demand
                    .iter()
                    .find(|(s, _)| *s == skill.id)
                    .map_or(0, |(_, n)| *n),
                supply: (!coverage.suppressed || safe).then_some(have),
                skill,
            }
        })
        .collect();
    // Largest gap first; EHR systems and skills alike, then by name (already in name order).
    lines.sort_by_key(|l| std::cmp::Reverse(l.gap()));
    Ok(lines)
}
