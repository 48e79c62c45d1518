//! One or two sentences per preferred criterion, met or not.

use super::{Facts, years};
use crate::service::candidates::preference::{Preference, Weighted};

impl Facts<'_> {
    /// The sentences of one preference; `met` is whether the score counted any of it.
    pub(super) fn preferred(&self, p: &Weighted, met: bool, out: &mut Vec<String>) {
        let pool = self.view.pool();
        let said = |yes: &str, no: &str| if met { yes.to_owned() } else { no.to_owned() };
        match &p.preference {
            Preference::Skills(ids) => self.list_sentences(ids, "skills", p.mode, out),
            Preference::EhrSystems(ids) => self.list_sentences(ids, "EHR systems", p.mode, out),
            Preference::Certifications(ids) => {
                self.list_sentences(ids, "certifications", p.mode, out)
            }
            Preference::Backgrounds(_) => out.push(said(
                "Background is one of those preferred",
                "Background is not one of those preferred",
            )),
            Preference::Places { .. } => out.push(match (met, pool.open_to_relocation) {
                (true, _) => format!("In {}, {} (a preferred place)", pool.region, pool.state),
                (false, true) => "Outside the preferred places, open to relocation".into(),
                (false, false) => "Outside the preferred places".into(),
            }),
            Preference::Rural => out.push(said("Open to rural work", "Not open to rural work")),
            Preference::AvailableBy(day) => out.push(match pool.available_from {
                Some(from) if from > *day => format!("Available from {from}, after {day}"),
                Some(from) => format!("Available from {from}"),
                None => "Available now".into(),
            }),
            Preference::YearsAtLeast(n) => out.push(if pool.years_experience >= *n {
                format!(
                    "{} of experience ({n} or more preferred)",
                    years(pool.years_experience)
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
            Preference::Relocation => {
                out.push(said("Open to relocation", "Not open to relocation"))
            }
            Preference::Seeking(_) => out.push(said(
                "Looking for a preferred kind of position",
                "Not looking for the preferred kinds of position",
            )),
        }
    }
}
