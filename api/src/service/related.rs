//! Batched reads of relations (many-to-many vocabularies and attendance), for DataLoaders.
//!
//! Each function answers for many parents in one statement, so nested fields cost one statement
//! per level of the query, not one per row.

use std::collections::HashMap;
use std::hash::Hash;

use entity::enums::SkillKind;
use entity::{
    employer_ehr_system, employer_partner, event_attendance, internship_eligible_institution,
    internship_skill, program_skill, skill,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{auth::Caller, error::ApiResult};

/// Groups rows by a key, keeping their order.
pub fn group_by<K: Eq + Hash, T>(rows: Vec<T>, key: impl Fn(&T) -> K) -> HashMap<K, Vec<T>> {
    let mut map: HashMap<K, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

/// Pairs of (parent id, related row) from a join, grouped by parent.
pub(crate) fn group_pairs<J, T>(
    pairs: Vec<(J, Option<T>)>,
    parent: impl Fn(&J) -> Uuid,
) -> HashMap<Uuid, Vec<T>> {
    let mut map: HashMap<Uuid, Vec<T>> = HashMap::new();
    for (join, related) in pairs {
        if let Some(related) = related {
            map.entry(parent(&join)).or_default().push(related);
        }
    }
    map
}

/// Which vocabulary entries a relation field shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkillSet {
    /// Everything but EHR systems.
    Skills,
    /// Only EHR systems.
    EhrSystems,
}

impl SkillSet {
    /// Whether a vocabulary entry belongs to this set.
    pub fn includes(self, kind: SkillKind) -> bool {
        (kind == SkillKind::EhrSystem) == (self == SkillSet::EhrSystems)
    }
}

/// Skills (including EHR systems) taught by each program, in name order.
pub async fn program_skills(
    db: &DatabaseConnection,
    caller: &Caller,
    programs: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<skill::Model>>> {
    caller.effects().read(crate::cache::Domain::Vocabulary);
    let pairs = program_skill::Entity::find()
        .filter(program_skill::Column::ProgramId.is_in(programs.iter().copied()))
        .find_also_related(skill::Entity)
        .order_by_asc(skill::Column::Name)
        .all(db)
        .await?;
    Ok(group_pairs(pairs, |j| j.program_id))
}

/// Skills (including EHR systems) each internship asks for, in name order.
pub async fn internship_skills(
    db: &DatabaseConnection,
    caller: &Caller,
    internships: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<skill::Model>>> {
    caller.effects().read(crate::cache::Domain::Vocabulary);
    let pairs = internship_skill::Entity::find()
        .filter(internship_skill::Column::InternshipId.is_in(internships.iter().copied()))
        .find_also_related(skill::Entity)
        .order_by_asc(skill::Column::Name)
        .all(db)
        .await?;
    Ok(group_pairs(pairs, |j| j.internship_id))
}

/// EHR systems each employer uses, in name order.
pub async fn employer_ehr_systems(
    db: &DatabaseConnection,
    caller: &Caller,
    employers: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<skill::Model>>> {
    caller.effects().read(crate::cache::Domain::Vocabulary);
    let pairs = employer_ehr_system::Entity::find()
        .filter(employer_ehr_system::Column::EmployerId.is_in(employers.iter().copied()))
        .find_also_related(skill::Entity)
        .order_by_asc(skill::Column::Name)
        .all(db)
        .await?;
    Ok(group_pairs(pairs, |j| j.employer_id))
}

/// Employers attending each event, in name order; hidden employers are left out.
pub async fn event_attendees(
    db: &DatabaseConnection,
    caller: &Caller,
    events: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<super::employers::EmployerView>>> {
    caller.effects().read(crate::cache::Domain::Events);
    let viewer = caller.viewer();
    let visible = super::employers::visible(caller);
    let pairs = event_attendance::Entity::find()
        .filter(event_attendance::Column::EventId.is_in(events.iter().copied()))
        .find_also_related(employer_partner::Entity)
        .filter(visible)
        .order_by_asc(employer_partner::Column::Name)
        .all(db)
        .await?;
    let pairs = pairs
        .into_iter()
        .map(|(join, employer)| {
            let view = employer.map(|e| super::employers::EmployerView::for_viewer(viewer, e));
            (join, view)
        })
        .collect();
    Ok(group_pairs(pairs, |j| j.event_id))
}

/// Institutions whose graduates may apply to each internship (none listed = all may).
pub async fn internship_eligible_institutions(
    db: &DatabaseConnection,
    internships: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<Uuid>>> {
    let rows = internship_eligible_institution::Entity::find()
        .filter(
            internship_eligible_institution::Column::InternshipId
                .is_in(internships.iter().copied()),
        )
        .all(db)
        .await?;
    let grouped = group_by(rows, |r| r.internship_id);
    Ok(grouped
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().map(|r| r.institution_id).collect()))
        .collect())
}
