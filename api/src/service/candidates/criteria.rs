//! What an employer asks the pool for: required criteria (each given one must hold) become a row
//! filter; preferred ones, each with a weight, rank (see `score`). Slugs and codes are resolved
//! against the vocabularies first, so an unknown one is a BAD_USER_INPUT naming its field.

use chrono::{Datelike, NaiveDate};
use entity::enums::{Background, GraduationTerm, HitRole};
use entity::{graduate, institution, program, program_hit_role};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};
use uuid::Uuid;

use super::Criteria;
use super::score::{Preference, Scoring, Weighted};
use crate::domain::Slug;
use crate::error::ApiResult;
use crate::service::graduates::relations::{Held, Vocabulary};

/// Whether a list of EHR systems must all be present, or any one of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Match {
    #[default]
    Any,
    All,
}

/// A kind of position sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeekingKind {
    Internship,
    FullTime,
    PartTime,
}

/// Required criteria, resolved to ids; empty lists and `None` do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Required {
    /// The bits of the skills required, all or any of them (0: none required).
    pub skills: i64,
    pub skills_match: Match,
    /// The bits of the EHR systems required, any or all of them.
    pub ehr_systems: i64,
    pub ehr_match: Match,
    /// The bits of the certifications required, all or any of them.
    pub certifications: i64,
    pub certifications_match: Match,
    /// HIT roles the graduate's program prepares for, any of them.
    pub hit_roles: Vec<HitRole>,
    /// Backgrounds, any of them.
    pub backgrounds: Vec<Background>,
    /// Upper-case state codes; a graduate in any of them (or of `regions`) matches.
    pub states: Vec<String>,
    pub regions: Vec<String>,
    /// With states or regions: a graduate open to relocation matches wherever they are.
    pub or_open_to_relocation: bool,
    /// Only graduates open to rural work.
    pub open_to_rural: bool,
    /// Available on or before this day (a graduate without a date is available now).
    pub available_by: Option<NaiveDate>,
    /// Graduated (by term's commencement) on or after this day.
    pub graduated_after: Option<NaiveDate>,
    /// Institution slugs, any of them.
    pub institutions: Vec<String>,
    /// Program slugs, any of them.
    pub programs: Vec<String>,
    pub min_years: Option<i32>,
    pub max_years: Option<i32>,
    /// Kinds of position sought, any of them.
    pub seeking: Vec<SeekingKind>,
    /// Also placed graduates (by default only those still seeking).
    pub include_placed: bool,
}

fn col(column: graduate::Column) -> Expr {
    Expr::col((graduate::Entity, column))
}

/// `(column & mask) = mask` (every bit set) or `<> 0` (any of them).
fn has_bits(column: graduate::Column, mask: i64, every: bool) -> SimpleExpr {
    let masked = col(column).bit_and(mask);
    if every { masked.eq(mask) } else { masked.ne(0) }
}

/// Seeking any of `kinds` (a requirement, or a preference's test).
pub fn seeking_any(kinds: &[SeekingKind]) -> SimpleExpr {
    kinds
        .iter()
        .map(|kind| {
            let column = match kind {
                SeekingKind::Internship => graduate::Column::SeekingInternship,
                SeekingKind::FullTime => graduate::Column::SeekingFullTime,
                SeekingKind::PartTime => graduate::Column::SeekingPartTime,
            };
            col(column).eq(true)
        })
        .reduce(|any, one| any.or(one))
        .unwrap_or_else(|| Expr::val(false))
}

/// A sortable day number (yyyymmdd) of a graduation: the term's usual commencement.
pub fn graduation_day_number() -> SimpleExpr {
    let [(spring, spring_day), (summer, summer_day), (_, fall_day)] = COMMENCEMENT;
    let term = Expr::case(col(graduate::Column::GraduationTerm).eq(spring), spring_day)
        .case(col(graduate::Column::GraduationTerm).eq(summer), summer_day)
        .finally(fall_day);
    col(graduate::Column::GraduationYear).mul(10_000).add(term)
}

/// The day (`MMDD`) each term's graduates are taken to graduate on: mid-May, mid-August and
/// mid-December commencements.
pub const COMMENCEMENT: [(GraduationTerm, i32); 3] = [
    (GraduationTerm::Spring, 515),
    (GraduationTerm::Summer, 815),
    (GraduationTerm::Fall, 1215),
];

/// A day as the number `YYYYMMDD`, comparable with [`graduation_day_number`].
pub fn day_number(day: NaiveDate) -> i32 {
    day.year() * 10_000 + day.month() as i32 * 100 + day.day() as i32
}

impl Required {
    /// The row filter (an AND of every given criterion).
    pub fn condition(&self) -> Condition {
        let mut cond = Condition::all();
        if self.skills != 0 {
            let every = self.skills_match == Match::All;
            cond = cond.add(has_bits(graduate::Column::SkillBits, self.skills, every));
        }
        if self.ehr_systems != 0 {
            let every = self.ehr_match == Match::All;
            cond = cond.add(has_bits(
                graduate::Column::SkillBits,
                self.ehr_systems,
                every,
            ));
        }
        if self.certifications != 0 {
            cond = cond.add(has_bits(
                graduate::Column::CertificationBits,
                self.certifications,
                self.certifications_match == Match::All,
            ));
        }
        if !self.hit_roles.is_empty() {
            cond = cond.add(
                col(graduate::Column::ProgramId).in_subquery(
                    Query::select()
                        .column(program_hit_role::Column::ProgramId)
                        .from(program_hit_role::Entity)
                        .and_where(
                            program_hit_role::Column::HitRole.is_in(self.hit_roles.iter().copied()),
                        )
                        .to_owned(),
                ),
            );
        }
        if !self.backgrounds.is_empty() {
            cond =
                cond.add(col(graduate::Column::Background).is_in(self.backgrounds.iter().copied()));
        }
        if !self.states.is_empty() || !self.regions.is_empty() {
            let mut place = Condition::any()
                .add(col(graduate::Column::State).is_in(self.states.iter().cloned()))
                .add(col(graduate::Column::Region).is_in(self.regions.iter().cloned()));
            if self.or_open_to_relocation {
                place = place.add(col(graduate::Column::OpenToRelocation).eq(true));
            }
            cond = cond.add(place);
        }
        if self.open_to_rural {
            cond = cond.add(col(graduate::Column::OpenToRural).eq(true));
        }
        if let Some(day) = self.available_by {
            cond = cond.add(
                Condition::any()
                    .add(col(graduate::Column::AvailableFrom).is_null())
                    .add(col(graduate::Column::AvailableFrom).lte(day)),
            );
        }
        if let Some(day) = self.graduated_after {
            cond = cond.add(graduation_day_number().gte(day_number(day)));
        }
        if !self.institutions.is_empty() {
            cond = cond.add(
                col(graduate::Column::InstitutionId)
                    .in_subquery(crate::service::institution_ids(Condition::all().add(
                        institution::Column::Slug.is_in(self.institutions.iter().cloned()),
                    ))),
            );
        }
        if !self.programs.is_empty() {
            cond = cond.add(
                col(graduate::Column::ProgramId).in_subquery(
                    Query::select()
                        .column(program::Column::Id)
                        .from(program::Entity)
                        .and_where(program::Column::Slug.is_in(self.programs.iter().cloned()))
                        .to_owned(),
                ),
            );
        }
        if let Some(min) = self.min_years {
            cond = cond.add(col(graduate::Column::YearsExperience).gte(min));
        }
        if let Some(max) = self.max_years {
            cond = cond.add(col(graduate::Column::YearsExperience).lte(max));
        }
        if !self.seeking.is_empty() {
            cond = cond.add(seeking_any(&self.seeking));
        }
        cond
    }
}

/// A preferred criterion as the client names it (slugs and codes, before resolving).
#[derive(Debug, Clone, PartialEq)]
pub enum PreferenceInput {
    Skills(Vec<Slug>),
    EhrSystems(Vec<Slug>),
    Certifications(Vec<Held>),
    /// Criteria that need no vocabulary.
    Resolved(Preference),
}

/// A pool request as the client sent it: validated, not yet resolved against the vocabularies.
#[derive(Debug, Clone, Default)]
pub struct CriteriaInput {
    /// Everything but the vocabulary lists, which `resolve` fills in.
    pub required: Required,
    pub required_skills: Vec<Slug>,
    pub required_ehr_systems: Vec<Slug>,
    pub required_certifications: Vec<Held>,
    /// Each with its weight.
    pub preferred: Vec<(PreferenceInput, f64)>,
}

impl CriteriaInput {
    /// Resolves slugs and codes to ids; an unknown one is BAD_USER_INPUT naming its field.
    pub fn resolve(self, vocabulary: &Vocabulary) -> ApiResult<Criteria> {
        let ids = |set: std::collections::BTreeSet<Uuid>| set.into_iter().collect::<Vec<_>>();
        let certs = |field: &str, held: &[Held]| -> ApiResult<Vec<Uuid>> {
            Ok(vocabulary
                .certification_ids(field, held)?
                .into_iter()
                .map(|(id, _)| id)
                .collect())
        };
        let mut required = self.required;
        required.skills = vocabulary.mask(&ids(vocabulary.skill_ids(
            "criteria.required.skills",
            &self.required_skills,
            false,
        )?));
        required.ehr_systems = vocabulary.mask(&ids(vocabulary.skill_ids(
            "criteria.required.ehrSystems",
            &self.required_ehr_systems,
            true,
        )?));
        required.certifications = vocabulary.mask(&certs(
            "criteria.required.certifications",
            &self.required_certifications,
        )?);
        let mut preferences = Vec::with_capacity(self.preferred.len());
        for (input, weight) in self.preferred {
            let preference = match input {
                PreferenceInput::Skills(slugs) => Preference::Skills(ids(vocabulary.skill_ids(
                    "criteria.preferred.skills",
                    &slugs,
                    false,
                )?)),
                PreferenceInput::EhrSystems(slugs) => Preference::EhrSystems(ids(
                    vocabulary.skill_ids("criteria.preferred.ehrSystems", &slugs, true)?
                )),
                PreferenceInput::Certifications(held) => {
                    Preference::Certifications(certs("criteria.preferred.certifications", &held)?)
                }
                PreferenceInput::Resolved(p) => p,
            };
            let masks = preference
                .listed()
                .iter()
                .map(|id| vocabulary.bit_mask(*id))
                .collect();
            preferences.push(Weighted {
                preference,
                weight,
                masks,
            });
        }
        Ok(Criteria {
            required,
            scoring: Scoring { preferences },
        })
    }
}
