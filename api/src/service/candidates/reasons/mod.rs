//! A candidate's reasons, in plain sentences an integration can show as they are: the
//! background and experience first, then a sentence for each required criterion (and for the
//! alternative of each `anyOf` the graduate meets), then one or two per preferred criterion.
//! Built from the graduate's view, so they never say more than the consent tier allows (a
//! career changer's former industry is a PROFILE field). Whether a criterion holds is read from
//! what the statement computed (the breakdown, the groups' flags), so a sentence and the order
//! never disagree.

mod preferred;
mod required;

use std::collections::BTreeSet;

use entity::enums::Background;
use uuid::Uuid;

use super::Criteria;
use super::criteria::Match;
use super::preference::Preference;
use super::score::{CriterionScore, Scoring};
use crate::service::graduates::GraduateView;
use crate::service::vocabulary::Vocabulary;

/// What the sentences are about: the graduate, as the viewer may see them, and what they hold.
pub struct Facts<'a> {
    pub view: &'a GraduateView,
    pub has: &'a BTreeSet<Uuid>,
    pub vocabulary: &'a Vocabulary,
}

/// "A", "A and B", "A, B and C".
fn listing(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn years(n: i32) -> String {
    if n == 1 {
        "1 year".into()
    } else {
        format!("{n} years")
    }
}

/// The preferred skills and EHR systems (ids) the graduate has, and those they lack.
pub fn matched_and_missing(scoring: &Scoring, has: &BTreeSet<Uuid>) -> (Vec<Uuid>, Vec<Uuid>) {
    let wanted = scoring
        .preferences
        .iter()
        .flat_map(|p| match &p.preference {
            Preference::Skills(ids) | Preference::EhrSystems(ids) => ids.as_slice(),
            _ => &[],
        });
    wanted.partition(|id| has.contains(id))
}

impl Facts<'_> {
    /// Every reason, in order. `groups` says which alternative groups hold (in
    /// `Required::groups` order); `breakdown` is the score's, one line per preference.
    pub fn sentences(
        &self,
        criteria: &Criteria,
        groups: &[bool],
        breakdown: &[CriterionScore],
    ) -> Vec<String> {
        let mut out = vec![self.background()];
        let mut flags = groups.iter().copied();
        self.required(&criteria.required, "required", &mut flags, &mut out);
        for (p, line) in criteria.scoring.preferences.iter().zip(breakdown) {
            self.preferred(p, line.fraction > 0.0, &mut out);
        }
        out
    }

    fn background(&self) -> String {
        let pool = self.view.pool();
        let experience = years(pool.years_experience);
        match pool.background {
            Background::CareerChanger => match self.view.prior_industry() {
                Some(industry) => format!(
                    "Career changer from {} with {experience} of experience",
                    industry.to_lowercase()
                ),
                None => format!("Career changer with {experience} of experience"),
            },
            Background::Clinical => format!("Clinical background with {experience} of experience"),
            Background::It => format!("IT background with {experience} of experience"),
            Background::ClinicalAndIt => {
                format!("Clinical and IT background with {experience} of experience")
            }
            Background::NewGraduate if pool.years_experience == 0 => "New graduate".into(),
            Background::NewGraduate => format!("New graduate with {experience} of experience"),
        }
    }

    /// The names of `ids`, split into those held and those not.
    fn split<'i>(&self, ids: &'i [Uuid]) -> (Vec<&str>, Vec<&str>) {
        let (got, lacking): (Vec<&'i Uuid>, Vec<&'i Uuid>) =
            ids.iter().partition(|id| self.has.contains(id));
        let names = |list: Vec<&Uuid>| {
            list.into_iter()
                .map(|id| self.vocabulary.name(*id))
                .collect()
        };
        (names(got), names(lacking))
    }

    /// "Has Epic and MEDITECH (both preferred)" or, for an ANY list, "Has Epic (any of the
    /// preferred EHR systems)"; "Missing preferred: HL7 v2, SQL".
    fn list_sentences(&self, ids: &[Uuid], what: &str, mode: Match, out: &mut Vec<String>) {
        let (got, lacking) = self.split(ids);
        let verb = if what == "certifications" {
            "Holds"
        } else {
            "Has"
        };
        if !got.is_empty() {
            let shown = listing(&got);
            out.push(match (mode, got.len(), ids.len()) {
                (Match::Any, _, n) if n > 1 => {
                    format!("{verb} {shown} (any of the preferred {what})")
                }
                (_, 1, 1) => format!("{verb} {shown} (preferred)"),
                (_, 2, 2) => format!("{verb} {shown} (both preferred)"),
                (_, g, n) if g == n => format!("{verb} {shown} (all preferred)"),
                (_, g, n) => format!("{verb} {shown} ({g} of {n} preferred {what})"),
            });
        }
        // An ANY list met needs no list of what else it could have been.
        let met_any = mode == Match::Any && !got.is_empty();
        if !lacking.is_empty() && !met_any {
            out.push(format!("Missing preferred: {}", lacking.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(listing(&["Epic"]), "Epic");
        assert_eq!(listing(&["Epic", "MEDITECH"]), "Epic and MEDITECH");
        assert_eq!(listing(&["FHIR", "HL7", "SQL"]), "FHIR, HL7 and SQL");
        assert_eq!(years(1), "1 year");
        assert_eq!(years(6), "6 years");
    }
}
