//! Applications with their status history, and placements (some via an internship, most not).

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeDelta};
use entity::enums::{ApplicationStatus, EmploymentType, InternshipStatus};
use entity::{application, application_status_change, placement};

use super::employers::{PARTNERS, SUSPENDED, employer_id, partnered};
use super::ids::{ANCHOR, at, day, stable_id};
use super::internships::{POSTINGS, eligible, internship_id};
use super::people::Alumnus;
use super::programs::COURSES;
use super::rng::SplitMix64;
use super::stories::KEPT_OPEN;
use super::vocab::occupation_title;

use ApplicationStatus::{
    Accepted, Applied, Completed, Declined, Interview, Offered, Rejected, Screening, Withdrawn,
};

/// Where applications to an open posting stand, with relative weights.
const OPEN_OUTCOMES: &[(ApplicationStatus, usize)] = &[
    (Applied, 30),
    (Screening, 25),
    (Interview, 15),
    (Offered, 8),
    (Declined, 4),
    (Withdrawn, 10),
    (Rejected, 12),
];

/// How applications to a closed posting ended, with relative weights.
const CLOSED_OUTCOMES: &[(ApplicationStatus, usize)] = &[
    (Rejected, 50),
    (Withdrawn, 15),
    (Declined, 15),
    (Completed, 20),
];

/// Who records the demo placements.
const RECORDED_BY: &str = "demo-seed";

/// Application, status-history and placement rows.
#[derive(Default)]
pub struct ActivityRows {
    /// `application` rows.
    pub applications: Vec<application::Model>,
    /// `application_status_change` rows, in order per application.
    pub status_changes: Vec<application_status_change::Model>,
    /// `placement` rows.
    pub placements: Vec<placement::Model>,
}

/// Applications for some seeking graduates and a placement for every placed one.
pub fn activity(rng: &mut SplitMix64, roster: &[Alumnus]) -> ActivityRows {
    let mut rows = ActivityRows::default();
    let mut accepted = vec![0_i32; POSTINGS.len()];
    for a in roster {
        if a.placed {
            place(rng, a, &mut accepted, &mut rows);
        } else if a.seeking_internship && rng.chance(60) {
            let mut chosen = BTreeSet::new();
            for _ in 0..=rng.below(3) {
                if let Some(p) = posting_for(rng, a.school, |_| true)
                    && chosen.insert(p)
                {
                    let outcomes = match POSTINGS.get(p).map(|p| p.status) {
                        Some(InternshipStatus::Open) => OPEN_OUTCOMES,
                        _ => CLOSED_OUTCOMES,
                    };
                    let weights: Vec<usize> = outcomes.iter().map(|o| o.1).collect();
                    let last = outcomes
                        .get(rng.weighted(&weights))
                        .map_or(Applied, |o| o.0);
                    apply(rng, a, p, last, &mut rows);
                }
            }
        }
    }
    rows
}

/// A random open or closed posting that graduates of `school` may apply to and `fits`.
fn posting_for(rng: &mut SplitMix64, school: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
    let candidates: Vec<usize> = POSTINGS
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            matches!(p.status, InternshipStatus::Open | InternshipStatus::Closed)
                && eligible(p, school)
                && fits(*i)
        })
        .map(|(i, _)| i)
        .collect();
    rng.pick(&candidates).copied()
}

/// The job a placed graduate took.
struct Hire {
    /// Index into [`PARTNERS`].
    employer: usize,
    /// The internship it came through, if any.
    internship: Option<uuid::Uuid>,
    title: String,
    kind: EmploymentType,
    start: NaiveDate,
}

/// Records a placement for `a`: via an accepted internship offer (about 40%) or directly with a
/// partner employer.
fn place(rng: &mut SplitMix64, a: &Alumnus, accepted: &mut [i32], rows: &mut ActivityRows) {
    let soc = COURSES.get(a.course).map_or("15-1232", |c| c.soc);
    let via = if rng.chance(40) {
        hire_via_internship(rng, a, accepted, rows)
    } else {
        None
    };
    let hire = via.unwrap_or_else(|| direct_hire(rng, a, soc));
    let Some(partner) = PARTNERS.get(hire.employer) else {
        return;
    };
    let recorded = (hire.start - ANCHOR).num_days().min(-1);
    rows.placements.push(placement::Model {
        id: stable_id("placement", &a.key),
        graduate_id: a.id,
        employer_id: employer_id(partner.slug),
        internship_id: hire.internship,
        title: hire.title,
        soc_code: Some(soc.to_owned()),
        employment_type: hire.kind,
        start_date: hire.start,
        recorded_by: RECORDED_BY.to_owned(),
        created_at: at(recorded, 16),
        updated_at: at(recorded, 16),
        version: 1,
    });
}

/// An accepted offer for a posting with a free slot (not from the suspended employer), with its
/// application history; `None` when no posting fits.
fn hire_via_internship(
    rng: &mut SplitMix64,
    a: &Alumnus,
    accepted: &mut [i32],
    rows: &mut ActivityRows,
) -> Option<Hire> {
    let open_slot = |i: usize| {
        POSTINGS.get(i).is_some_and(|p| {
            accepted.get(i).is_some_and(|n| *n < p.slots)
                && !KEPT_OPEN.contains(&p.key)
                && PARTNERS
                    .get(p.employer)
                    .is_some_and(|e| e.slug != SUSPENDED)
        })
    };
    let i = posting_for(rng, a.school, open_slot)?;
    let p = POSTINGS.get(i)?;
    if let Some(n) = accepted.get_mut(i) {
        *n += 1;
    }
    let done = day(p.start) + TimeDelta::weeks(p.weeks) < day(0);
    apply(rng, a, i, if done { Completed } else { Accepted }, rows);
    Some(Hire {
        employer: p.employer,
        internship: Some(internship_id(p.key)),
        title: p.title.to_owned(),
        kind: EmploymentType::Internship,
        start: day(p.start),
    })
}

/// A full- or part-time job with an employer the graduate's school partners with.
fn direct_hire(rng: &mut SplitMix64, a: &Alumnus, soc: &str) -> Hire {
    let partners: Vec<usize> = (0..PARTNERS.len())
        .filter(|&e| partnered(a.school, e))
        .collect();
    let employer = rng.pick(&partners).copied().unwrap_or(0);
    let kind = if rng.chance(80) {
        EmploymentType::FullTime
    } else {
        EmploymentType::PartTime
    };
    let start = a.graduated_on + TimeDelta::days(rng.between(30, 150));
    Hire {
        employer,
        internship: None,
        title: occupation_title(soc).to_owned(),
        kind,
        start: start.min(day(-7)),
    }
}

/// An application by `a` to posting `posting` that ended at `last`, with its full history.
fn apply(
    rng: &mut SplitMix64,
    a: &Alumnus,
    posting: usize,
    last: ApplicationStatus,
    rows: &mut ActivityRows,
) {
    let Some(p) = POSTINGS.get(posting) else {
        return;
    };
    let Some(employer) = PARTNERS.get(p.employer) else {
        return;
    };
    let id = stable_id("application", &format!("{}/{}", a.key, p.key));
    let path = history(last);
    let applied = (p.start - 22).min(-25) - rng.between(0, 30);
    let mut when = applied;
    let mut from = None;
    for (step, &to) in path.iter().enumerate() {
        if step > 0 {
            when += rng.between(2, 5);
        }
        let changed_by = if matches!(to, Applied | Withdrawn | Accepted | Declined) {
            format!("graduate:{}", a.id)
        } else {
            format!("employer:{}", employer.slug)
        };
        rows.status_changes.push(application_status_change::Model {
            id: stable_id("application_status_change", &format!("{id}/{step}")),
            application_id: id,
            from_status: from,
            to_status: to,
            changed_by,
            note: note(to).map(str::to_owned),
            changed_at: at(when, 15),
        });
        from = Some(to);
    }
    rows.applications.push(application::Model {
        id,
        graduate_id: a.id,
        internship_id: internship_id(p.key),
        status: last,
        cover_note: rng
            .chance(50)
            .then(|| format!("I would like to bring my training to the {} role.", p.title)),
        created_at: at(applied, 15),
        updated_at: at(when, 15),
        version: i32::try_from(path.len()).unwrap_or(1),
    });
}

/// The statuses an application passed through to reach `last`.
pub(super) fn history(last: ApplicationStatus) -> &'static [ApplicationStatus] {
    match last {
        Applied => &[Applied],
        Screening => &[Applied, Screening],
        Interview => &[Applied, Screening, Interview],
        Offered => &[Applied, Screening, Interview, Offered],
        Accepted => &[Applied, Screening, Interview, Offered, Accepted],
        Declined => &[Applied, Screening, Interview, Offered, Declined],
        Completed => &[Applied, Screening, Interview, Offered, Accepted, Completed],
        Withdrawn => &[Applied, Screening, Withdrawn],
        Rejected => &[Applied, Screening, Rejected],
    }
}

/// A short note for the steps where an employer would write one.
fn note(status: ApplicationStatus) -> Option<&'static str> {
    match status {
        Interview => Some("Interview scheduled"),
        Offered => Some("Offer extended"),
        Rejected => Some("Position filled"),
        _ => None,
    }
}
