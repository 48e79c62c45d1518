//! `CandidateCriteria`: what must hold (required) and what ranks (preferred, with weights),
//! parsed into validated service input; every error names its field.

use async_graphql::{Enum, InputObject};
use chrono::NaiveDate;

use super::preferred::PreferredCriteria;
use crate::domain::{Label, Slug, StateCode, bounded, plausible_date};
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::slugs;
use crate::graphql::enums::{Background, HitRole, Seeking};
use crate::service::candidates::{self as pool, CriteriaInput};
use crate::service::graduates::relations::{Held, bounded_list};

/// Whether every listed item is required, or any one of them.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
#[graphql(remote = "crate::service::candidates::Match")]
pub enum MatchMode {
    /// At least one of them.
    #[default]
    Any,
    /// Every one of them.
    All,
}

/// What every candidate must have; each criterion given must hold.
#[derive(InputObject, Default)]
pub struct RequiredCriteria {
    /// Skill slugs (e.g. `fhir`), all or any of them (`skillsMatch`).
    #[graphql(default)]
    pub skills: Vec<String>,
    /// ALL (default) or ANY of `skills`.
    #[graphql(default_with = "MatchMode::All")]
    pub skills_match: MatchMode,
    /// EHR system slugs (e.g. `epic`), any or all of them (`ehrSystemsMatch`).
    #[graphql(default)]
    pub ehr_systems: Vec<String>,
    /// ANY (default) or ALL of `ehrSystems`.
    #[graphql(default)]
    pub ehr_systems_match: MatchMode,
    /// Certification codes (e.g. `CHTS-IS`), all or any of them (`certificationsMatch`): "any
    /// one of CCS, CPC or CCA".
    #[graphql(default)]
    pub certifications: Vec<String>,
    /// ALL (default) or ANY of `certifications`.
    #[graphql(default_with = "MatchMode::All")]
    pub certifications_match: MatchMode,
    /// HIT roles the graduate's program prepares for, any of them.
    #[graphql(default)]
    pub hit_roles: Vec<HitRole>,
    /// Backgrounds, any of them.
    #[graphql(default)]
    pub backgrounds: Vec<Background>,
    /// Two-letter states; with `regions`, a graduate in any of them matches.
    #[graphql(default)]
    pub states: Vec<String>,
    /// Consortium regions.
    #[graphql(default)]
    pub regions: Vec<String>,
    /// With states or regions: graduates open to relocation match wherever they live.
    #[graphql(default)]
    pub or_open_to_relocation: bool,
    /// Only graduates open to rural work.
    #[graphql(default)]
    pub open_to_rural: bool,
    /// Available on or before this day (graduates without a date are available now).
    pub available_by: Option<NaiveDate>,
    /// Graduated (term's commencement) on or after this day.
    pub graduated_after: Option<NaiveDate>,
    /// Institution slugs, any of them.
    #[graphql(default)]
    pub institutions: Vec<String>,
    /// Program slugs, any of them.
    #[graphql(default)]
    pub programs: Vec<String>,
    /// At least this many years of experience.
    pub min_years_of_experience: Option<i32>,
    /// At most this many years of experience.
    pub max_years_of_experience: Option<i32>,
    /// Looking for any of these kinds of position.
    #[graphql(default)]
    pub seeking: Vec<Seeking>,
}

/// A candidate pool request.
#[derive(InputObject, Default)]
pub struct CandidateCriteria {
    /// What every candidate must have.
    pub required: Option<RequiredCriteria>,
    /// What ranks them.
    pub preferred: Option<PreferredCriteria>,
    /// Also graduates already placed (by default only those still seeking).
    #[graphql(default)]
    pub include_placed: bool,
}

pub(super) fn codes(field: &str, list: Vec<String>) -> ApiResult<Vec<Held>> {
    bounded_list(field, list)?
        .iter()
        .map(|c| Held::parse(field, c, None))
        .collect()
}

pub(super) fn labels(field: &str, list: Vec<String>) -> ApiResult<Vec<String>> {
    bounded_list(field, list)?
        .iter()
        .map(|l| Label::parse(field, l).map(Label::into_inner))
        .collect()
}

pub(super) fn states(field: &str, list: Vec<String>) -> ApiResult<Vec<String>> {
    bounded_list(field, list)?
        .iter()
        .map(|s| StateCode::parse(field, s).map(StateCode::into_inner))
        .collect()
}

/// A weight: default 1, above 0, at most 100.
pub(super) fn weight(field: &str, value: Option<f64>) -> ApiResult<f64> {
    match value {
        None => Ok(1.0),
        Some(w) if w > 0.0 && w <= 100.0 => Ok(w),
        Some(_) => Err(ApiError::invalid(field, "a weight above 0 and at most 100")),
    }
}

pub(super) fn seeking(kind: Seeking) -> pool::SeekingKind {
    match kind {
        Seeking::Internship => pool::SeekingKind::Internship,
        Seeking::FullTime => pool::SeekingKind::FullTime,
        Seeking::PartTime => pool::SeekingKind::PartTime,
    }
}

pub(super) fn years(field: &str, value: Option<i32>) -> ApiResult<Option<i32>> {
    value.map(|v| bounded(field, v, 0, 60)).transpose()
}

pub(super) fn day(field: &str, value: Option<NaiveDate>) -> ApiResult<Option<NaiveDate>> {
    value.map(|d| plausible_date(field, d)).transpose()
}

impl RequiredCriteria {
    fn parse(self, input: &mut CriteriaInput) -> ApiResult<()> {
        const F: &str = "criteria.required";
        input.required_skills = slugs(&format!("{F}.skills"), self.skills)?;
        input.required_ehr_systems = slugs(&format!("{F}.ehrSystems"), self.ehr_systems)?;
        input.required_certifications = codes(&format!("{F}.certifications"), self.certifications)?;
        let r = &mut input.required;
        r.ehr_match = self.ehr_systems_match.into();
        r.skills_match = self.skills_match.into();
        r.certifications_match = self.certifications_match.into();
        r.hit_roles = self.hit_roles.into_iter().map(Into::into).collect();
        r.backgrounds = self.backgrounds.into_iter().map(Into::into).collect();
        r.states = states(&format!("{F}.states"), self.states)?;
        r.regions = labels(&format!("{F}.regions"), self.regions)?;
        r.or_open_to_relocation = self.or_open_to_relocation;
        r.open_to_rural = self.open_to_rural;
        r.available_by = day(&format!("{F}.availableBy"), self.available_by)?;
        r.graduated_after = day(&format!("{F}.graduatedAfter"), self.graduated_after)?;
        r.institutions = slugs(&format!("{F}.institutions"), self.institutions)?
            .into_iter()
            .map(Slug::into_inner)
            .collect();
        r.programs = slugs(&format!("{F}.programs"), self.programs)?
            .into_iter()
            .map(Slug::into_inner)
            .collect();
        r.min_years = years(
            &format!("{F}.minYearsOfExperience"),
            self.min_years_of_experience,
        )?;
        r.max_years = years(
            &format!("{F}.maxYearsOfExperience"),
            self.max_years_of_experience,
        )?;
        r.seeking = self.seeking.into_iter().map(seeking).collect();
        Ok(())
    }
}

impl CandidateCriteria {
    /// The validated request.
    pub fn parse(self) -> ApiResult<CriteriaInput> {
        let mut input = CriteriaInput::default();
        if let Some(required) = self.required {
            required.parse(&mut input)?;
        }
        input.required.include_placed = self.include_placed;
        if let Some(preferred) = self.preferred {
            input.preferred = preferred.parse()?;
        }
        Ok(input)
    }
}
