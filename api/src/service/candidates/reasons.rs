//! A candidate's reasons, in plain sentences an integration can show as they are: the
//! background and experience first, then one or two sentences per preferred criterion. Built
//! from the graduate's view, so they never say more than the consent tier allows (a career
//! changer's former industry is a PROFILE field).

use std::collections::BTreeSet;

use entity::enums::Background;
use uuid::Uuid;

use super::score::{CriterionScore, Preference, Scoring};
use crate::service::graduates::GraduateView;
use crate::service::graduates::relations::Vocabulary;

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

fn background(view: &GraduateView) -> String {
    let pool = view.pool();
    let experience = years(pool.years_experience);
    match pool.background {
        Background::CareerChanger => match view.prior_industry() {
            Some(industry) => {
                format!(
                    "Career changer from {} with {experience} of experience",
                    industry.to_lowercase()
                )
            }
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

/// "Has Epic and MEDITECH (both preferred)", "Has FHIR (1 of 3 preferred skills)",
/// "Missing preferred: HL7 v2, SQL".
fn list_sentences(
    ids: &[Uuid],
    what: &str,
    has: &BTreeSet<Uuid>,
    vocabulary: &Vocabulary,
) -> Vec<String> {
    let (got, lacking): (Vec<&Uuid>, Vec<&Uuid>) = ids.iter().partition(|id| has.contains(id));
    let names = |list: &[&Uuid]| {
        list.iter()
            .map(|id| vocabulary.name(**id))
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    if !got.is_empty() {
        let shown = listing(&names(&got));
        out.push(match (got.len(), ids.len()) {
            (1, 1) => format!("Has {shown} (preferred)"),
            (2, 2) => format!("Has {shown} (both preferred)"),
            (g, n) if g == n => format!("Has {shown} (all preferred)"),
            (g, n) => format!("Has {shown} ({g} of {n} preferred {what})"),
        });
    }
    if !lacking.is_empty() {
        out.push(format!("Missing preferred: {}", names(&lacking).join(", ")));
    }
    out
}

/// Every reason, in order.
///
/// Whether a yes/no criterion was met is read from the score's own breakdown (`breakdown`, one
/// line per preference, in order), so the sentence and the score never disagree.
pub fn sentences(
    view: &GraduateView,
    scoring: &Scoring,
    breakdown: &[CriterionScore],
    has: &BTreeSet<Uuid>,
    vocabulary: &Vocabulary,
) -> Vec<String> {
    let pool = view.pool();
    let mut out = vec![background(view)];
    for (i, p) in scoring.preferences.iter().enumerate() {
        let met = breakdown.get(i).is_some_and(|b| b.fraction > 0.0);
        match &p.preference {
            Preference::Skills(ids) => out.extend(list_sentences(ids, "skills", has, vocabulary)),
            Preference::EhrSystems(ids) => {
                out.extend(list_sentences(ids, "EHR systems", has, vocabulary))
            }
            Preference::Certifications(ids) => {
                out.extend(list_sentences(ids, "certifications", has, vocabulary))
            }
            Preference::Backgrounds(list) => out.push(if list.contains(&pool.background) {
                "Background is one of those preferred".into()
            } else {
                "Background is not one of those preferred".into()
            }),
            Preference::Places { regions, states } => {
                let near = regions.contains(&pool.region) || states.contains(&pool.state);
                out.push(match (near, pool.open_to_relocation) {
                    (true, _) => format!("In {}, {} (a preferred place)", pool.region, pool.state),
                    (false, true) => "Outside the preferred places, open to relocation".into(),
                    (false, false) => "Outside the preferred places".into(),
                });
            }
            Preference::Rural => out.push(if pool.open_to_rural {
                "Open to rural work".into()
            } else {
                "Not open to rural work".into()
            }),
            Preference::AvailableBy(day) => out.push(match pool.available_from {
                Some(from) if from > *day => format!("Available from {from}, after {day}"),
                Some(from) => format!("Available from {from}"),
                None => "Available now".into(),
            }),
            Preference::YearsAtLeast(n) => out.push(if pool.years_experience >= *n {
                format!(
                    "{} of experience ({} or more preferred)",
                    years(pool.years_experience),
                    n
                )
            } else {
                format!(
                    "{} of experience ({} preferred)",
                    years(pool.years_experience),
                    years(*n)
                )
            }),
            Preference::GraduatedAfter(day) => {
                let term = format!("{:?} {}", pool.graduation_term, pool.graduation_year);
                out.push(if met {
                    format!("Graduated {term}, recently enough (on or after {day})")
                } else {
                    format!("Graduated {term}, before the preferred {day}")
                });
            }
            Preference::Relocation => out.push(if met {
                "Open to relocation".into()
            } else {
                "Not open to relocation".into()
            }),
            Preference::Seeking(_) => out.push(if met {
                "Looking for a preferred kind of position".into()
            } else {
                "Not looking for the preferred kinds of position".into()
            }),
        }
    }
    out
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
