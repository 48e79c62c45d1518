//! `PreferredCriteria`: what ranks candidates, each criterion with its weight, parsed into the
//! pool's preferences; every error names its field.

use async_graphql::InputObject;
use chrono::NaiveDate;

use super::input::{codes, day, labels, seeking, weight, years};
use crate::domain::StateCode;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::slugs;
use crate::graphql::enums::{Background, Seeking};
use crate::service::candidates::{Preference, PreferenceInput};

/// What ranks candidates: each criterion given adds its weight (default 1, at most 100) times
/// how far it is met (see the README for the score).
#[derive(InputObject, Default)]
pub struct PreferredCriteria {
    /// Skill slugs: met by the share the graduate has.
    #[graphql(default)]
    pub skills: Vec<String>,
    pub skills_weight: Option<f64>,
    /// EHR system slugs: met by the share the graduate has.
    #[graphql(default)]
    pub ehr_systems: Vec<String>,
    pub ehr_systems_weight: Option<f64>,
    /// Certification codes: met by the share the graduate holds.
    #[graphql(default)]
    pub certifications: Vec<String>,
    pub certifications_weight: Option<f64>,
    /// Backgrounds: met when the graduate's is one of them.
    #[graphql(default)]
    pub backgrounds: Vec<Background>,
    pub background_weight: Option<f64>,
    /// Regions or two-letter states: met when the graduate lives in one.
    #[graphql(default)]
    pub regions: Vec<String>,
    pub region_weight: Option<f64>,
    /// Met when the graduate is open to rural work.
    #[graphql(default)]
    pub open_to_rural: bool,
    pub rural_weight: Option<f64>,
    /// Met when the graduate is available by this day.
    pub available_by: Option<NaiveDate>,
    pub available_by_weight: Option<f64>,
    /// Years of experience preferred: met in part by each year up to it ("3+ years preferred":
    /// 1 year meets a third, 3 or more meet it all).
    pub min_years_of_experience: Option<i32>,
    pub years_of_experience_weight: Option<f64>,
    /// Met when the graduate graduated (the term's commencement) on or after this day.
    pub graduated_after: Option<NaiveDate>,
    pub graduated_after_weight: Option<f64>,
    /// Met when the graduate is open to relocation.
    #[graphql(default)]
    pub open_to_relocation: bool,
    pub relocation_weight: Option<f64>,
    /// Met when the graduate seeks any of these ("part time is fine too").
    #[graphql(default)]
    pub seeking: Vec<Seeking>,
    pub seeking_weight: Option<f64>,
}

impl PreferredCriteria {
    pub(super) fn parse(self) -> ApiResult<Vec<(PreferenceInput, f64)>> {
        const F: &str = "criteria.preferred";
        let mut out = Vec::new();
        if !self.skills.is_empty() {
            let list = slugs(&format!("{F}.skills"), self.skills)?;
            out.push((
                PreferenceInput::Skills(list),
                weight(&format!("{F}.skillsWeight"), self.skills_weight)?,
            ));
        }
        if !self.ehr_systems.is_empty() {
            let list = slugs(&format!("{F}.ehrSystems"), self.ehr_systems)?;
            let w = weight(&format!("{F}.ehrSystemsWeight"), self.ehr_systems_weight)?;
            out.push((PreferenceInput::EhrSystems(list), w));
        }
        if !self.certifications.is_empty() {
            let list = codes(&format!("{F}.certifications"), self.certifications)?;
            let w = weight(
                &format!("{F}.certificationsWeight"),
                self.certifications_weight,
            )?;
            out.push((PreferenceInput::Certifications(list), w));
        }
        if !self.backgrounds.is_empty() {
            let list = self.backgrounds.into_iter().map(Into::into).collect();
            let w = weight(&format!("{F}.backgroundWeight"), self.background_weight)?;
            out.push((PreferenceInput::Resolved(Preference::Backgrounds(list)), w));
        }
        if !self.regions.is_empty() {
            let places = labels(&format!("{F}.regions"), self.regions)?;
            let states = places
                .iter()
                .filter_map(|p| StateCode::parse("", p).ok().filter(|_| p.len() == 2))
                .map(StateCode::into_inner)
                .collect();
            let w = weight(&format!("{F}.regionWeight"), self.region_weight)?;
            out.push((
                PreferenceInput::Resolved(Preference::Places {
                    regions: places,
                    states,
                }),
                w,
            ));
        }
        if self.open_to_rural {
            let w = weight(&format!("{F}.ruralWeight"), self.rural_weight)?;
            out.push((PreferenceInput::Resolved(Preference::Rural), w));
        }
        if let Some(by) = day(&format!("{F}.availableBy"), self.available_by)? {
            let w = weight(&format!("{F}.availableByWeight"), self.available_by_weight)?;
            out.push((PreferenceInput::Resolved(Preference::AvailableBy(by)), w));
        }
        let field = format!("{F}.minYearsOfExperience");
        if let Some(n) = years(&field, self.min_years_of_experience)? {
            if n == 0 {
                return Err(ApiError::invalid(
                    field,
                    "at least 1 year (0 years is every graduate)",
                ));
            }
            let w = weight(
                &format!("{F}.yearsOfExperienceWeight"),
                self.years_of_experience_weight,
            )?;
            out.push((PreferenceInput::Resolved(Preference::YearsAtLeast(n)), w));
        }
        if let Some(after) = day(&format!("{F}.graduatedAfter"), self.graduated_after)? {
            let w = weight(
                &format!("{F}.graduatedAfterWeight"),
                self.graduated_after_weight,
            )?;
            out.push((
                PreferenceInput::Resolved(Preference::GraduatedAfter(after)),
                w,
            ));
        }
        if self.open_to_relocation {
            let w = weight(&format!("{F}.relocationWeight"), self.relocation_weight)?;
            out.push((PreferenceInput::Resolved(Preference::Relocation), w));
        }
        if !self.seeking.is_empty() {
            let kinds = self.seeking.into_iter().map(seeking).collect();
            let w = weight(&format!("{F}.seekingWeight"), self.seeking_weight)?;
            out.push((PreferenceInput::Resolved(Preference::Seeking(kinds)), w));
        }
        Ok(out)
    }
}
