//! Vocabulary types shared by several domains (skills and EHR systems).

use async_graphql::SimpleObject;
use entity::skill;

use super::enums::SkillKind;

/// A skill, standard or EHR system from the consortium's shared vocabulary.
#[derive(SimpleObject, Clone)]
pub struct Skill {
    /// Stable identifier used in filters, e.g. `fhir` or `epic`.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Which vocabulary it belongs to.
    pub kind: SkillKind,
}

impl From<skill::Model> for Skill {
    fn from(m: skill::Model) -> Self {
        Self {
            slug: m.slug,
            name: m.name,
            kind: m.kind.into(),
        }
    }
}

/// Splits a loaded vocabulary list into the part a field shows.
pub fn pick(skills: Vec<skill::Model>, set: crate::service::related::SkillSet) -> Vec<Skill> {
    skills
        .into_iter()
        .filter(|s| set.includes(s.kind))
        .map(Skill::from)
        .collect()
}
