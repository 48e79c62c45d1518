//! A pool request as the client names it (slugs and codes), resolved against the vocabularies:
//! an unknown name is a BAD_USER_INPUT naming its field.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::Criteria;
use super::criteria::{Match, Required};
use super::preference::{Importance, Preference, Weighted};
use super::score::Scoring;
use crate::domain::Label;
use crate::error::ApiResult;
use crate::service::graduates::relations::Held;
use crate::service::vocabulary::Vocabulary;

/// A preferred criterion as the client names it (slugs and codes, before resolving).
#[derive(Debug, Clone, PartialEq)]
pub enum PreferenceInput {
    Skills(Vec<Label>),
    EhrSystems(Vec<Label>),
    Certifications(Vec<Held>),
    /// Criteria that need no vocabulary.
    Resolved(Preference),
}

/// One preferred criterion as asked: what, ALL or ANY, how important, with what weight.
#[derive(Debug, Clone, PartialEq)]
pub struct PreferredInput {
    pub input: PreferenceInput,
    pub mode: Match,
    pub importance: Importance,
    pub weight: f64,
}

/// Required criteria as the client names them; `required` holds all but the vocabulary lists.
#[derive(Debug, Clone, Default)]
pub struct RequiredInput {
    /// Where these criteria sit in the request (`criteria.required`,
    /// `criteria.required.anyOf[1]`), for errors.
    pub field: String,
    pub required: Required,
    pub skills: Vec<Label>,
    pub ehr_systems: Vec<Label>,
    pub certifications: Vec<Held>,
    pub any_of: Vec<RequiredInput>,
}

/// A pool request as the client sent it: validated, not yet resolved against the vocabularies.
#[derive(Debug, Clone, Default)]
pub struct CriteriaInput {
    pub required: RequiredInput,
    pub preferred: Vec<PreferredInput>,
    /// Also placed graduates (by default only those still seeking).
    pub include_placed: bool,
}

fn ids(set: BTreeSet<Uuid>) -> Vec<Uuid> {
    set.into_iter().collect()
}

fn certification_ids(vocabulary: &Vocabulary, field: &str, held: &[Held]) -> ApiResult<Vec<Uuid>> {
    Ok(vocabulary
        .certification_ids(field, held)?
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

impl RequiredInput {
    /// Whether it names no criterion at all.
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
            && self.skills.is_empty()
            && self.ehr_systems.is_empty()
            && self.certifications.is_empty()
            && self.any_of.is_empty()
    }

    fn resolve(self, vocabulary: &Vocabulary) -> ApiResult<Required> {
        let f = &self.field;
        let mut required = self.required;
        required.skills = vocabulary.tags(&ids(vocabulary.skill_ids(
            &format!("{f}.skills"),
            &self.skills,
            false,
        )?));
        required.ehr_systems = vocabulary.tags(&ids(vocabulary.skill_ids(
            &format!("{f}.ehrSystems"),
            &self.ehr_systems,
            true,
        )?));
        required.certifications = vocabulary.tags(&certification_ids(
            vocabulary,
            &format!("{f}.certifications"),
            &self.certifications,
        )?);
        required.any_of = self
            .any_of
            .into_iter()
            .map(|group| group.resolve(vocabulary))
            .collect::<ApiResult<_>>()?;
        Ok(required)
    }
}

impl PreferredInput {
    fn resolve(self, vocabulary: &Vocabulary) -> ApiResult<Weighted> {
        const F: &str = "criteria.preferred";
        let preference =
            match self.input {
                PreferenceInput::Skills(slugs) => Preference::Skills(ids(vocabulary.skill_ids(
                    &format!("{F}.skills"),
                    &slugs,
                    false,
                )?)),
                PreferenceInput::EhrSystems(slugs) => Preference::EhrSystems(ids(
                    vocabulary.skill_ids(&format!("{F}.ehrSystems"), &slugs, true)?
                )),
                PreferenceInput::Certifications(held) => Preference::Certifications(
                    certification_ids(vocabulary, &format!("{F}.certifications"), &held)?,
                ),
                PreferenceInput::Resolved(p) => p,
            };
        let tags = vocabulary.tags(preference.listed());
        Ok(Weighted {
            preference,
            mode: self.mode,
            importance: self.importance,
            weight: self.weight,
            tags,
        })
    }
}

impl CriteriaInput {
    /// Resolves slugs and codes to ids; an unknown one is BAD_USER_INPUT naming its field.
    pub fn resolve(self, vocabulary: &Vocabulary) -> ApiResult<Criteria> {
        let required = self.required.resolve(vocabulary)?;
        let preferences = self
            .preferred
            .into_iter()
            .map(|p| p.resolve(vocabulary))
            .collect::<ApiResult<_>>()?;
        Ok(Criteria {
            required,
            scoring: Scoring { preferences },
            include_placed: self.include_placed,
        })
    }
}
