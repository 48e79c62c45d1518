//! `PreferredCriteria`: what ranks candidates, each criterion with its match mode, weight and
//! the block's importance, parsed into the pool's preferences; every error names its field.

use async_graphql::{Enum, InputObject};
use chrono::NaiveDate;

use super::input::{MatchMode, codes, day, labels, seeking, weight, years};
use crate::domain::StateCode;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::terms;
use crate::graphql::enums::{Background, Seeking};
use crate::service::candidates::{Match, Preference, PreferenceInput, PreferredInput};

/// How much the preferences of a block count beside the others.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
#[graphql(remote = "crate::service::candidates::Importance")]
pub enum Importance {
    /// Half a normal preference.
    Low,
    /// The default.
    #[default]
    Normal,
    /// Twice a normal preference.
    High,
    /// Outranks every combination of lesser preferences ("Oracle Health above all").
    Decisive,
}

/// Most blocks in `alsoPreferred`.
const MAX_BLOCKS: usize = 10;

/// What ranks candidates. Each thing named is a unit: a preferred list with match ALL (the
/// default) is one unit per item, with ANY one unit met by any item; each other criterion is one
/// unit. A unit weighs the criterion's weight (default 1, at most 100) times the block's
/// importance; the score is the weighted share of units met (README: "How candidates are
/// ranked").
#[derive(InputObject, Default)]
pub struct PreferredCriteria {
    /// Skill slugs: each a unit (ALL), or one unit for any of them (ANY).
    #[graphql(default)]
    pub skills: Vec<String>,
    #[graphql(default_with = "MatchMode::All")]
    pub skills_match: MatchMode,
    pub skills_weight: Option<f64>,
    /// EHR system slugs: each a unit (ALL), or one unit for any of them (ANY: "any EHR exposure
    /// is a plus").
    #[graphql(default)]
    pub ehr_systems: Vec<String>,
    #[graphql(default_with = "MatchMode::All")]
    pub ehr_systems_match: MatchMode,
    pub ehr_systems_weight: Option<f64>,
    /// Certifications by code, name or alias: each a unit (ALL), or one unit for any of them
    /// (ANY).
    #[graphql(default)]
    pub certifications: Vec<String>,
    #[graphql(default_with = "MatchMode::All")]
    pub certifications_match: MatchMode,
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
    /// Kinds of position: each a unit met when the graduate seeks it (ALL), or one unit met by
    /// any of them (ANY: "part time is fine too").
    #[graphql(default)]
    pub seeking: Vec<Seeking>,
    #[graphql(default_with = "MatchMode::All")]
    pub seeking_match: MatchMode,
    pub seeking_weight: Option<f64>,
    /// How much this block's preferences count (default NORMAL).
    #[graphql(default)]
    pub importance: Importance,
    /// More blocks, each with its own importance: a second preference on the same list, or one
    /// that decides ("Oracle Health above all": `alsoPreferred: [{ehrSystems: ["oracle-health"],
    /// importance: DECISIVE}]`). At most 10, one level deep.
    #[graphql(default)]
    pub also_preferred: Vec<PreferredCriteria>,
}

impl PreferredCriteria {
    /// The preferences of this block (at `f`: `criteria.preferred`, or
    /// `criteria.preferred.alsoPreferred[1]`) and of its `alsoPreferred`.
    pub(super) fn parse(self, f: &str) -> ApiResult<Vec<PreferredInput>> {
        let at = |name: &str| format!("{f}.{name}");
        let nested = f.contains("alsoPreferred");
        if self.also_preferred.len() > MAX_BLOCKS || (nested && !self.also_preferred.is_empty()) {
            let why = format!("at most {MAX_BLOCKS} blocks, one level deep");
            return Err(ApiError::invalid(at("alsoPreferred"), why));
        }
        let importance = self.importance.into();
        let mut out = Vec::new();
        let mut add = |input, mode: MatchMode, name: &str, w: Option<f64>| -> ApiResult<()> {
            out.push(PreferredInput {
                input,
                mode: Match::from(mode),
                importance,
                weight: weight(&at(name), w)?,
            });
            Ok(())
        };
        let one = MatchMode::Any;
        let resolved = PreferenceInput::Resolved;
        if !self.skills.is_empty() {
            let list = PreferenceInput::Skills(terms(&at("skills"), self.skills)?);
            add(list, self.skills_match, "skillsWeight", self.skills_weight)?;
        }
        if !self.ehr_systems.is_empty() {
            let list = PreferenceInput::EhrSystems(terms(&at("ehrSystems"), self.ehr_systems)?);
            let w = self.ehr_systems_weight;
            add(list, self.ehr_systems_match, "ehrSystemsWeight", w)?;
        }
        if !self.certifications.is_empty() {
            let list = codes(&at("certifications"), self.certifications)?;
            let (mode, w) = (self.certifications_match, self.certifications_weight);
            add(
                PreferenceInput::Certifications(list),
                mode,
                "certificationsWeight",
                w,
            )?;
        }
        if !self.backgrounds.is_empty() {
            let list = self.backgrounds.into_iter().map(Into::into).collect();
            let p = resolved(Preference::Backgrounds(list));
            add(p, one, "backgroundWeight", self.background_weight)?;
        }
        if !self.regions.is_empty() {
            let regions = labels(&at("regions"), self.regions)?;
            let states = regions
                .iter()
                .filter_map(|p| StateCode::parse("", p).ok().filter(|_| p.len() == 2))
                .map(StateCode::into_inner)
                .collect();
            let p = resolved(Preference::Places { regions, states });
            add(p, one, "regionWeight", self.region_weight)?;
        }
        if self.open_to_rural {
            add(
                resolved(Preference::Rural),
                one,
                "ruralWeight",
                self.rural_weight,
            )?;
        }
        if let Some(by) = day(&at("availableBy"), self.available_by)? {
            let p = resolved(Preference::AvailableBy(by));
            add(p, one, "availableByWeight", self.available_by_weight)?;
        }
        if let Some(n) = years(&at("minYearsOfExperience"), self.min_years_of_experience)? {
            if n == 0 {
                let why = "at least 1 year (0 years is every graduate)";
                return Err(ApiError::invalid(at("minYearsOfExperience"), why));
            }
            let p = resolved(Preference::YearsAtLeast(n));
            add(
                p,
                one,
                "yearsOfExperienceWeight",
                self.years_of_experience_weight,
            )?;
        }
        if let Some(after) = day(&at("graduatedAfter"), self.graduated_after)? {
            let p = resolved(Preference::GraduatedAfter(after));
            add(p, one, "graduatedAfterWeight", self.graduated_after_weight)?;
        }
        if self.open_to_relocation {
            let p = resolved(Preference::Relocation);
            add(p, one, "relocationWeight", self.relocation_weight)?;
        }
        if !self.seeking.is_empty() {
            let kinds = self.seeking.into_iter().map(seeking).collect();
            let p = resolved(Preference::Seeking(kinds));
            add(p, self.seeking_match, "seekingWeight", self.seeking_weight)?;
        }
        for (i, block) in self.also_preferred.into_iter().enumerate() {
            out.extend(block.parse(&format!("{f}.alsoPreferred[{i}]"))?);
        }
        Ok(out)
    }
}
