//! `CandidateCriteria`: what must hold (required) and what ranks (preferred, with weights),
//! parsed into validated service input; every error names its field.

use async_graphql::{Enum, InputObject};
use chrono::NaiveDate;

use super::preferred::PreferredCriteria;
use crate::domain::{Label, Slug, StateCode, bounded, plausible_date};
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::{slugs, terms};
use crate::graphql::enums::{Background, HitRole, Seeking};
use crate::service::candidates::{self as pool, CriteriaInput, RequiredInput};
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
    /// Certifications by code, name or alias (e.g. `CHTS-IS`), all or any of them
    /// (`certificationsMatch`): "any
    /// one of CCS, CPC or CCA".
    #[graphql(default)]
    pub certifications: Vec<String>,
    /// ALL (default) or ANY of `certifications`.
    #[graphql(default_with = "MatchMode::All")]
    pub certifications_match: MatchMode,
    /// HIT roles the graduate's program prepares for, any or all of them (`hitRolesMatch`).
    #[graphql(default)]
    pub hit_roles: Vec<HitRole>,
    /// ANY (default) or ALL of `hitRoles`.
    #[graphql(default)]
    pub hit_roles_match: MatchMode,
    /// Backgrounds, any of them (a graduate has one, so there is no ALL).
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
    /// Only graduates open to relocation ("Metro Atlanta or willing to relocate":
    /// `anyOf: [{regions: ["Metro Atlanta"]}, {openToRelocation: true}]`).
    #[graphql(default)]
    pub open_to_relocation: bool,
    /// Available on or before this day (graduates without a date are available now).
    pub available_by: Option<NaiveDate>,
    /// Graduated (term's commencement) on or after this day.
    pub graduated_after: Option<NaiveDate>,
    /// Institution slugs, any of them (a graduate has one school).
    #[graphql(default)]
    pub institutions: Vec<String>,
    /// Program slugs, any of them (a graduate has one program).
    #[graphql(default)]
    pub programs: Vec<String>,
    /// At least this many years of experience.
    pub min_years_of_experience: Option<i32>,
    /// At most this many years of experience.
    pub max_years_of_experience: Option<i32>,
    /// Looking for any or all of these kinds of position (`seekingMatch`).
    #[graphql(default)]
    pub seeking: Vec<Seeking>,
    /// ANY (default) or ALL of `seeking`.
    #[graphql(default)]
    pub seeking_match: MatchMode,
    /// Alternatives: at least one of these groups must hold, besides everything above ("CHTS-IS
    /// and (Epic or MEDITECH)": `certifications: ["CHTS-IS"], anyOf: [{ehrSystems: ["epic"]},
    /// {ehrSystems: ["meditech"]}]`). At most 10 groups per list, nested at most 3 deep, none
    /// empty.
    #[graphql(default)]
    pub any_of: Vec<RequiredCriteria>,
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

/// Most alternatives in one `anyOf`, and how deep groups nest.
const MAX_GROUPS: usize = 10;
const MAX_DEPTH: usize = 3;

impl RequiredCriteria {
    /// The validated criteria at `field` (`criteria.required`, `….anyOf[1]`), `depth` groups
    /// down.
    fn parse(self, field: String, depth: usize) -> ApiResult<RequiredInput> {
        let f = &field;
        let at = |name: &str| format!("{f}.{name}");
        let mut r = pool::Required {
            skills_match: self.skills_match.into(),
            ehr_match: self.ehr_systems_match.into(),
            certifications_match: self.certifications_match.into(),
            hit_roles: self.hit_roles.into_iter().map(Into::into).collect(),
            hit_roles_match: self.hit_roles_match.into(),
            backgrounds: self.backgrounds.into_iter().map(Into::into).collect(),
            states: states(&at("states"), self.states)?,
            regions: labels(&at("regions"), self.regions)?,
            or_open_to_relocation: self.or_open_to_relocation,
            open_to_rural: self.open_to_rural,
            open_to_relocation: self.open_to_relocation,
            available_by: day(&at("availableBy"), self.available_by)?,
            graduated_after: day(&at("graduatedAfter"), self.graduated_after)?,
            min_years: years(&at("minYearsOfExperience"), self.min_years_of_experience)?,
            max_years: years(&at("maxYearsOfExperience"), self.max_years_of_experience)?,
            seeking: self.seeking.into_iter().map(seeking).collect(),
            seeking_match: self.seeking_match.into(),
            ..Default::default()
        };
        r.institutions = slugs(&at("institutions"), self.institutions)?
            .into_iter()
            .map(Slug::into_inner)
            .collect();
        r.programs = slugs(&at("programs"), self.programs)?
            .into_iter()
            .map(Slug::into_inner)
            .collect();
        if self.any_of.len() > MAX_GROUPS {
            let why = format!("at most {MAX_GROUPS} alternatives");
            return Err(ApiError::invalid(at("anyOf"), why));
        }
        if !self.any_of.is_empty() && depth >= MAX_DEPTH {
            let why = format!("groups nest at most {MAX_DEPTH} deep");
            return Err(ApiError::invalid(at("anyOf"), why));
        }
        let any_of = self
            .any_of
            .into_iter()
            .enumerate()
            .map(|(i, group)| group.parse(format!("{f}.anyOf[{i}]"), depth + 1))
            .collect::<ApiResult<Vec<_>>>()?;
        let input = RequiredInput {
            skills: terms(&at("skills"), self.skills)?,
            ehr_systems: terms(&at("ehrSystems"), self.ehr_systems)?,
            certifications: codes(&at("certifications"), self.certifications)?,
            required: r,
            any_of,
            field,
        };
        if depth > 0 && input.is_empty() {
            let why = "an alternative with no criteria (it would hold for everyone)";
            return Err(ApiError::invalid(&input.field, why));
        }
        Ok(input)
    }
}

impl CandidateCriteria {
    /// The validated request.
    pub fn parse(self) -> ApiResult<CriteriaInput> {
        let required = self.required.unwrap_or_default();
        Ok(CriteriaInput {
            required: required.parse("criteria.required".into(), 0)?,
            preferred: match self.preferred {
                Some(preferred) => preferred.parse("criteria.preferred")?,
                None => Vec::new(),
            },
            include_placed: self.include_placed,
        })
    }
}
