//! A sentence for each required criterion a candidate meets (they all hold, or the graduate
//! would not be a candidate), and for the alternatives of each `anyOf` they meet.

use uuid::Uuid;

use super::{Facts, listing, years};
use crate::service::candidates::criteria::{Match, Required};

impl Facts<'_> {
    /// Sentences for `required`, each tagged `tag` ("required", or "a required alternative"
    /// inside a group); `groups` yields whether each group holds, in `Required::groups` order.
    pub(super) fn required(
        &self,
        required: &Required,
        tag: &str,
        groups: &mut impl Iterator<Item = bool>,
        out: &mut Vec<String>,
    ) {
        let pool = self.view.pool();
        let v = self.vocabulary;
        let listed = [
            (
                v.ids_of(&required.skills, false),
                required.skills_match,
                "skills",
            ),
            (
                v.ids_of(&required.ehr_systems, false),
                required.ehr_match,
                "EHR systems",
            ),
            (
                v.ids_of(&required.certifications, true),
                required.certifications_match,
                "certifications",
            ),
        ];
        for (ids, mode, what) in listed {
            if !ids.is_empty() {
                out.push(self.required_list(&ids, mode, what, tag));
            }
        }
        if !required.hit_roles.is_empty() {
            out.push(format!("Trained for the HIT roles asked ({tag})"));
        }
        if !required.backgrounds.is_empty() {
            out.push(format!("Background is one of those asked ({tag})"));
        }
        if !required.states.is_empty() || !required.regions.is_empty() {
            let near =
                required.states.contains(&pool.state) || required.regions.contains(&pool.region);
            out.push(if near {
                format!("In {}, {} ({tag})", pool.region, pool.state)
            } else {
                format!("Open to relocation to the places asked ({tag})")
            });
        }
        if required.open_to_rural {
            out.push(format!("Open to rural work ({tag})"));
        }
        if required.open_to_relocation {
            out.push(format!("Open to relocation ({tag})"));
        }
        if let Some(day) = required.available_by {
            out.push(match pool.available_from {
                Some(from) => format!("Available from {from}, by {day} ({tag})"),
                None => format!("Available now, by {day} ({tag})"),
            });
        }
        if let Some(day) = required.graduated_after {
            let term = format!("{:?} {}", pool.graduation_term, pool.graduation_year);
            out.push(format!("Graduated {term}, on or after {day} ({tag})"));
        }
        if !required.institutions.is_empty() {
            out.push(format!("At one of the schools asked ({tag})"));
        }
        if !required.programs.is_empty() {
            out.push(format!("In one of the programs asked ({tag})"));
        }
        let held = years(pool.years_experience);
        match (required.min_years, required.max_years) {
            (Some(min), Some(max)) => {
                out.push(format!("{held} of experience, {min} to {max} ({tag})"))
            }
            (Some(min), None) => out.push(format!("{held} of experience, at least {min} ({tag})")),
            (None, Some(max)) => out.push(format!("{held} of experience, at most {max} ({tag})")),
            (None, None) => {}
        }
        if !required.seeking.is_empty() {
            out.push(format!("Looking for the kind of position asked ({tag})"));
        }
        for group in &required.any_of {
            // The group's own flag first, then its nested groups' (pre-order).
            if groups.next().unwrap_or(false) {
                self.required(group, "a required alternative", groups, out);
            } else {
                group.groups().iter().for_each(|_| {
                    groups.next();
                });
            }
        }
    }

    /// "Has FHIR and HL7 v2 (required)", "Holds CCS, one of the required certifications".
    fn required_list(&self, ids: &[Uuid], mode: Match, what: &str, tag: &str) -> String {
        let (got, _) = self.split(ids);
        let verb = if what == "certifications" {
            "Holds"
        } else {
            "Has"
        };
        let shown = listing(&got);
        match (mode, ids.len(), got.len()) {
            (Match::Any, n, 1) if n > 1 => {
                format!("{verb} {shown}, one of the {what} asked ({tag})")
            }
            (Match::Any, n, _) if n > 1 => format!("{verb} {shown}, of the {what} asked ({tag})"),
            _ => format!("{verb} {shown} ({tag})"),
        }
    }
}
