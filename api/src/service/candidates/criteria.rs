//! What must hold for a graduate to be a candidate: required criteria (each given one must hold,
//! and at least one of each `any_of` group's alternatives) as one row filter. Preferred criteria
//! rank (see `score`); both arrive resolved from the client's names by `resolve`.

use chrono::{Datelike, NaiveDate};
use entity::enums::{Background, GraduationTerm, HitRole};
use entity::{institution, program, program_hit_role};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, QueryResult};

use super::subject::Subject;
use crate::error::ApiResult;

/// Whether every listed item must be present (each a unit, as a preference), or any one of them.
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
    /// The tags of the skills required, all or any of them (none: nothing required).
    pub skills: Vec<i32>,
    pub skills_match: Match,
    /// The tags of the EHR systems required, any or all of them.
    pub ehr_systems: Vec<i32>,
    pub ehr_match: Match,
    /// The tags of the certifications required, all or any of them.
    pub certifications: Vec<i32>,
    pub certifications_match: Match,
    /// HIT roles the graduate's program prepares for, any or all of them.
    pub hit_roles: Vec<HitRole>,
    pub hit_roles_match: Match,
    /// Backgrounds, any of them (a graduate has one).
    pub backgrounds: Vec<Background>,
    /// Upper-case state codes; a graduate in any of them (or of `regions`) matches.
    pub states: Vec<String>,
    pub regions: Vec<String>,
    /// With states or regions: a graduate open to relocation matches wherever they are.
    pub or_open_to_relocation: bool,
    /// Only graduates open to rural work.
    pub open_to_rural: bool,
    /// Only graduates open to relocation ("willing to relocate", alone or as an alternative).
    pub open_to_relocation: bool,
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
    /// Kinds of position sought, any or all of them.
    pub seeking: Vec<SeekingKind>,
    pub seeking_match: Match,
    /// Alternatives: at least one must hold ("CHTS-IS and (Epic or MEDITECH)").
    pub any_of: Vec<Required>,
}

/// The tags of `list` holds every one of `tags`, or any of them.
fn has_tags(s: &Subject, certification: bool, tags: &[i32], mode: Match) -> Condition {
    let each = tags.iter().map(|t| s.holds(certification, *t));
    match mode {
        Match::All => each.fold(Condition::all(), Condition::add),
        Match::Any => each.fold(Condition::any(), Condition::add),
    }
}

/// The day (`MMDD`) each term's graduates are taken to graduate on: mid-May, mid-August and
/// mid-December commencements.
pub const COMMENCEMENT: [(GraduationTerm, i32); 3] = [
    (GraduationTerm::Spring, 515),
    (GraduationTerm::Summer, 815),
    (GraduationTerm::Fall, 1215),
];

/// A day as the number `YYYYMMDD`, comparable with [`Subject::graduation_day`].
pub fn day_number(day: NaiveDate) -> i32 {
    day.year() * 10_000 + day.month() as i32 * 100 + day.day() as i32
}

/// The graduate's program prepares for these roles (any or all).
fn trained_for(s: &Subject, roles: &[HitRole], mode: Match) -> Condition {
    let prepares = |roles: Vec<HitRole>| {
        s.program.clone().in_subquery(
            Query::select()
                .column(program_hit_role::Column::ProgramId)
                .from(program_hit_role::Entity)
                .and_where(program_hit_role::Column::HitRole.is_in(roles))
                .to_owned(),
        )
    };
    match mode {
        Match::Any => Condition::all().add(prepares(roles.to_vec())),
        Match::All => roles
            .iter()
            .fold(Condition::all(), |all, role| all.add(prepares(vec![*role]))),
    }
}

impl Required {
    /// Whether nothing is required (an empty alternative would hold for everyone).
    pub fn is_empty(&self) -> bool {
        let only_modes = Self {
            skills_match: self.skills_match,
            ehr_match: self.ehr_match,
            certifications_match: self.certifications_match,
            hit_roles_match: self.hit_roles_match,
            seeking_match: self.seeking_match,
            ..Self::default()
        };
        *self == only_modes
    }

    /// Every alternative group, this one's and nested ones', in pre-order (how `reasons` numbers
    /// them).
    pub fn groups(&self) -> Vec<&Required> {
        let mut out = Vec::new();
        for group in &self.any_of {
            out.push(group);
            out.extend(group.groups());
        }
        out
    }

    /// Selects whether each alternative group holds (`__g0`, … in [`Self::groups`] order), so
    /// the reasons say which alternative a candidate met as the filter judged it.
    pub fn select_groups(&self, stmt: &mut SelectStatement, s: &Subject) {
        for (i, group) in self.groups().into_iter().enumerate() {
            let holds = Expr::case(group.condition(s), 1).finally(0);
            stmt.expr_as(holds, Alias::new(format!("__g{i}")));
        }
    }

    /// Whether each alternative group holds, read from a row [`Self::select_groups`] extended.
    pub fn groups_met(&self, row: &QueryResult) -> ApiResult<Vec<bool>> {
        (0..self.groups().len())
            .map(|i| Ok(row.try_get::<i32>("", &format!("__g{i}"))? == 1))
            .collect()
    }

    /// The row filter (an AND of every given criterion) on the rows `s` describes.
    pub fn condition(&self, s: &Subject) -> Condition {
        let mut cond = Condition::all();
        if !self.backgrounds.is_empty() {
            cond = cond.add(s.background.clone().is_in(self.backgrounds.iter().copied()));
        }
        if !self.states.is_empty() || !self.regions.is_empty() {
            let mut place = Condition::any()
                .add(s.state.clone().is_in(self.states.iter().cloned()))
                .add(s.region.clone().is_in(self.regions.iter().cloned()));
            if self.or_open_to_relocation {
                place = place.add(s.open_to_relocation.clone().eq(true));
            }
            cond = cond.add(place);
        }
        if self.open_to_rural {
            cond = cond.add(s.open_to_rural.clone().eq(true));
        }
        if self.open_to_relocation {
            cond = cond.add(s.open_to_relocation.clone().eq(true));
        }
        if let Some(day) = self.available_by {
            let from = &s.available_from;
            cond = cond.add(
                Condition::any()
                    .add(from.clone().is_null())
                    .add(from.clone().lte(day)),
            );
        }
        if let Some(day) = self.graduated_after {
            cond = cond.add(s.graduation_day().gte(day_number(day)));
        }
        if !self.institutions.is_empty() {
            let named = institution::Column::Slug.is_in(self.institutions.iter().cloned());
            let ids = crate::service::institution_ids(Condition::all().add(named));
            cond = cond.add(s.institution.clone().in_subquery(ids));
        }
        if !self.programs.is_empty() {
            let ids = Query::select()
                .column(program::Column::Id)
                .from(program::Entity)
                .and_where(program::Column::Slug.is_in(self.programs.iter().cloned()))
                .to_owned();
            cond = cond.add(s.program.clone().in_subquery(ids));
        }
        if let Some(min) = self.min_years {
            cond = cond.add(s.years_experience.clone().gte(min));
        }
        if let Some(max) = self.max_years {
            cond = cond.add(s.years_experience.clone().lte(max));
        }
        if !self.seeking.is_empty() {
            cond = cond.add(match self.seeking_match {
                Match::Any => s.seeks_any(&self.seeking),
                Match::All => self
                    .seeking
                    .iter()
                    .map(|k| s.seeks(*k))
                    .reduce(|all, one| all.and(one))
                    .unwrap_or_else(|| Expr::val(true)),
            });
        }
        if !self.any_of.is_empty() {
            let any = Condition::any();
            cond = cond.add(
                self.any_of
                    .iter()
                    .fold(any, |any, g| any.add(g.condition(s))),
            );
        }
        // Text matches and subqueries last: a database tries the conditions it cannot tell apart
        // by cost in the order written, and the columns above rule most rows out more cheaply.
        for (certification, tags, mode) in [
            (false, &self.skills, self.skills_match),
            (false, &self.ehr_systems, self.ehr_match),
            (true, &self.certifications, self.certifications_match),
        ] {
            if !tags.is_empty() {
                cond = cond.add(has_tags(s, certification, tags, mode));
            }
        }
        if !self.hit_roles.is_empty() {
            cond = cond.add(trained_for(s, &self.hit_roles, self.hit_roles_match));
        }
        cond
    }
}
