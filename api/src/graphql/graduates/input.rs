//! Graduate inputs and their parsing into validated service types; every error names its field.

use async_graphql::{InputObject, MaybeUndefined};
use chrono::NaiveDate;

use crate::domain::{Email, Label, Phone, Slug, StateCode, WebUrl, bounded, plausible_date};
use crate::error::ApiResult;
use crate::graphql::context::{maybe, opt, terms};
use crate::graphql::enums::{Background, GraduateStatus, GraduationTerm, Seeking};
use crate::service::graduates::relations::{Held, bounded_list};
use crate::service::graduates::write::{self, GraduateChanges, GraduateRecord, ProfileChanges};

/// A certification held.
#[derive(InputObject, Clone)]
pub struct CertificationInput {
    /// The certification by code, name or alias (any case), e.g. `CHTS-IS` or `RHIT`; the
    /// record keeps its code.
    pub code: String,
    /// The year it was earned, when known.
    pub year_earned: Option<i32>,
}

/// A new graduate record. It starts PRIVATE (in no pool) and SEEKING.
#[derive(InputObject)]
pub struct CreateGraduateInput {
    /// Slug of the institution (you must work there).
    pub institution: String,
    /// Slug of the program completed, at that institution.
    pub program: String,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// E-mail: unique within the institution.
    pub email: String,
    /// Phone.
    pub phone: Option<String>,
    /// Year of graduation (1990–2100).
    pub graduation_year: i32,
    /// Term of graduation.
    pub graduation_term: GraduationTerm,
    /// What they bring to health IT.
    pub background: Background,
    /// The industry a career changer comes from.
    pub prior_industry: Option<String>,
    /// Years of relevant experience (0–60).
    #[graphql(default)]
    pub years_of_experience: i32,
    /// City of residence.
    pub city: String,
    /// Two-letter US state.
    pub state: String,
    /// Region within the consortium.
    pub region: String,
    /// Open to rural work.
    #[graphql(default)]
    pub open_to_rural: bool,
    /// Open to relocation.
    #[graphql(default)]
    pub open_to_relocation: bool,
    /// Kinds of position sought.
    #[graphql(default)]
    pub seeking: Vec<Seeking>,
    /// Earliest start date.
    pub available_from: Option<NaiveDate>,
    /// One-line headline.
    pub headline: Option<String>,
    /// http(s) portfolio links (at most 10).
    #[graphql(default)]
    pub portfolio_links: Vec<String>,
    /// Skill slugs, e.g. `fhir`, `sql`.
    #[graphql(default)]
    pub skills: Vec<String>,
    /// EHR system slugs, e.g. `epic`.
    #[graphql(default)]
    pub ehr_systems: Vec<String>,
    /// Certifications held.
    #[graphql(default)]
    pub certifications: Vec<CertificationInput>,
}

/// Most portfolio links per graduate.
const MAX_LINKS: usize = 10;

/// Parses portfolio links in `field`.
pub fn web_links(field: &str, list: Vec<String>) -> ApiResult<Vec<WebUrl>> {
    if list.len() > MAX_LINKS {
        return Err(crate::error::ApiError::invalid(
            field,
            format!("at most {MAX_LINKS} links"),
        ));
    }
    list.iter().map(|u| WebUrl::parse(field, u)).collect()
}

fn certifications(field: &str, list: Vec<CertificationInput>) -> ApiResult<Vec<Held>> {
    bounded_list(field, list)?
        .into_iter()
        .map(|c| Held::parse(field, &c.code, c.year_earned))
        .collect()
}

fn seeking(kinds: &[Seeking]) -> write::Seeking {
    write::Seeking {
        internship: kinds.contains(&Seeking::Internship),
        full_time: kinds.contains(&Seeking::FullTime),
        part_time: kinds.contains(&Seeking::PartTime),
    }
}

/// A graduation year.
pub fn year(field: &str, value: i32) -> ApiResult<i32> {
    bounded(field, value, 1990, 2100)
}

/// Years of experience.
pub fn experience(field: &str, value: i32) -> ApiResult<i32> {
    bounded(field, value, 0, 60)
}

impl CreateGraduateInput {
    /// The institution slug and the validated record.
    pub fn parse(self) -> ApiResult<(Slug, GraduateRecord)> {
        let institution = Slug::parse("input.institution", &self.institution)?;
        let record = GraduateRecord {
            program: Slug::parse("input.program", &self.program)?,
            given_name: Label::parse("input.givenName", &self.given_name)?,
            family_name: Label::parse("input.familyName", &self.family_name)?,
            email: Email::parse("input.email", &self.email)?,
            phone: opt("phone", self.phone, Phone::parse)?,
            graduation_year: year("input.graduationYear", self.graduation_year)?,
            graduation_term: self.graduation_term.into(),
            background: self.background.into(),
            prior_industry: opt("priorIndustry", self.prior_industry, Label::parse)?,
            years_experience: experience("input.yearsOfExperience", self.years_of_experience)?,
            city: Label::parse("input.city", &self.city)?,
            state: StateCode::parse("input.state", &self.state)?,
            region: Label::parse("input.region", &self.region)?,
            open_to_rural: self.open_to_rural,
            open_to_relocation: self.open_to_relocation,
            seeking: seeking(&self.seeking),
            available_from: self
                .available_from
                .map(|d| plausible_date("input.availableFrom", d))
                .transpose()?,
            headline: opt("headline", self.headline, Label::parse)?,
            portfolio_links: web_links("input.portfolioLinks", self.portfolio_links)?,
            skills: terms("input.skills", self.skills)?,
            ehr_systems: terms("input.ehrSystems", self.ehr_systems)?,
            certifications: certifications("input.certifications", self.certifications)?,
        };
        Ok((institution, record))
    }
}

/// Changes a graduate may make to their own record: fields left out stay as they are; null
/// clears an optional one; lists replace the whole list.
#[derive(InputObject, Default)]
pub struct UpdateMeInput {
    /// Phone; null removes it.
    pub phone: MaybeUndefined<String>,
    /// Year of graduation.
    pub graduation_year: Option<i32>,
    /// Term of graduation.
    pub graduation_term: Option<GraduationTerm>,
    /// What they bring to health IT.
    pub background: Option<Background>,
    /// The industry a career changer comes from; null removes it.
    pub prior_industry: MaybeUndefined<String>,
    /// Years of relevant experience.
    pub years_of_experience: Option<i32>,
    /// City of residence.
    pub city: Option<String>,
    /// Two-letter US state.
    pub state: Option<String>,
    /// Region within the consortium.
    pub region: Option<String>,
    /// Open to rural work.
    pub open_to_rural: Option<bool>,
    /// Open to relocation.
    pub open_to_relocation: Option<bool>,
    /// Kinds of position sought (replaces the list).
    pub seeking: Option<Vec<Seeking>>,
    /// Earliest start date; null removes it.
    pub available_from: MaybeUndefined<NaiveDate>,
    /// One-line headline; null removes it.
    pub headline: MaybeUndefined<String>,
    /// Portfolio links (replaces the list).
    pub portfolio_links: Option<Vec<String>>,
    /// Skill slugs (replaces the list).
    pub skills: Option<Vec<String>>,
    /// EHR system slugs (replaces the list).
    pub ehr_systems: Option<Vec<String>>,
    /// Certifications held (replaces the list).
    pub certifications: Option<Vec<CertificationInput>>,
}

impl UpdateMeInput {
    /// The validated changes.
    pub fn parse(self) -> ApiResult<ProfileChanges> {
        Ok(ProfileChanges {
            phone: maybe("phone", self.phone, Phone::parse)?,
            graduation_year: self
                .graduation_year
                .map(|y| year("input.graduationYear", y))
                .transpose()?,
            graduation_term: self.graduation_term.map(Into::into),
            background: self.background.map(Into::into),
            prior_industry: maybe("priorIndustry", self.prior_industry, Label::parse)?,
            years_experience: self
                .years_of_experience
                .map(|y| experience("input.yearsOfExperience", y))
                .transpose()?,
            city: opt("city", self.city, Label::parse)?,
            state: opt("state", self.state, StateCode::parse)?,
            region: opt("region", self.region, Label::parse)?,
            open_to_rural: self.open_to_rural,
            open_to_relocation: self.open_to_relocation,
            seeking: self.seeking.as_deref().map(seeking),
            available_from: match self.available_from {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(d) => Some(Some(plausible_date("input.availableFrom", d)?)),
            },
            headline: maybe("headline", self.headline, Label::parse)?,
            portfolio_links: self
                .portfolio_links
                .map(|l| web_links("input.portfolioLinks", l))
                .transpose()?,
            skills: self.skills.map(|l| terms("input.skills", l)).transpose()?,
            ehr_systems: self
                .ehr_systems
                .map(|l| terms("input.ehrSystems", l))
                .transpose()?,
            certifications: self
                .certifications
                .map(|l| certifications("input.certifications", l))
                .transpose()?,
        })
    }
}

/// A school's changes to a graduate record: everything a graduate may change themselves, plus
/// program, names, e-mail and status (archive with `archiveGraduate`).
#[derive(InputObject, Default)]
pub struct UpdateGraduateInput {
    /// Slug of the program completed, at the graduate's institution.
    pub program: Option<String>,
    /// Given name.
    pub given_name: Option<String>,
    /// Family name.
    pub family_name: Option<String>,
    /// E-mail: unique within the institution.
    pub email: Option<String>,
    /// SEEKING or PLACED.
    pub status: Option<GraduateStatus>,
    /// The profile and preference fields.
    #[graphql(flatten)]
    pub profile: UpdateMeInput,
}

impl UpdateGraduateInput {
    /// The validated changes.
    pub fn parse(self) -> ApiResult<GraduateChanges> {
        Ok(GraduateChanges {
            program: opt("program", self.program, Slug::parse)?,
            given_name: opt("givenName", self.given_name, Label::parse)?,
            family_name: opt("familyName", self.family_name, Label::parse)?,
            email: opt("email", self.email, Email::parse)?,
            status: self.status.map(Into::into),
            profile: self.profile.parse()?,
        })
    }
}
