//! Internships posted by the employer partners: paid and unpaid, remote and on-site, rural ones,
//! some limited to partner schools.

use chrono::TimeDelta;
use entity::enums::{HitRole, InternshipStatus, Pay, WorkMode};
use entity::{internship, internship_eligible_institution, internship_skill};

use super::employers::{PARTNERS, employer_id, partnered};
use super::ids::{at, day, stable_id};
use super::institutions::{SCHOOLS, institution_id};
use super::stories::KEPT_OPEN;
use super::vocab::{skill_id, skill_name};

/// One demo internship.
pub struct Posting {
    /// Stable key (source of the id).
    pub key: &'static str,
    /// Index into [`PARTNERS`].
    pub employer: usize,
    /// Title.
    pub title: &'static str,
    /// HIT role it trains for, if one fits.
    pub role: Option<HitRole>,
    /// How the intern is paid.
    pub pay: Wage,
    /// Where the work is done.
    pub mode: WorkMode,
    /// Start in days after the anchor.
    pub start: i64,
    /// Length in weeks.
    pub weeks: i64,
    /// Openings.
    pub slots: i32,
    /// Posting status.
    pub status: InternshipStatus,
    /// Skills and EHR systems wanted (skill slugs).
    pub skills: &'static [&'static str],
    /// Schools (indices into [`SCHOOLS`]) whose graduates may apply; empty means those that
    /// approved the employer (the default for a new posting).
    pub schools: &'static [usize],
}

/// Demo pay, amounts in cents.
#[derive(Clone, Copy)]
pub enum Wage {
    Unpaid,
    /// Per hour.
    Hourly(i32),
    /// For the whole internship.
    Stipend(i32),
}

use HitRole as R;
use InternshipStatus::{Closed, Draft, Open};
use Wage::{Hourly, Stipend, Unpaid};
use WorkMode::{Hybrid, OnSite, Remote};

/// The demo internships: mostly open, two drafts, three closed.
#[rustfmt::skip]
pub const POSTINGS: &[Posting] = &[
    Posting { key: "magnolia-him-coding-intern", employer: 0, title: "HIM Coding Intern", role: None,
        pay: Hourly(1800), mode: OnSite, start: 30, weeks: 12, slots: 3, status: Open,
        skills: &["icd-10-cm-pcs", "cpt", "epic", "hipaa"], schools: &[] },
    Posting { key: "magnolia-epic-analyst-intern", employer: 0, title: "Epic Clinical Analyst Intern",
        role: Some(R::ImplementationSupport), pay: Hourly(2200), mode: OnSite, start: 120,
        weeks: 16, slots: 2, status: Open,
        skills: &["epic", "clinical-workflow", "sql", "ehr-configuration"], schools: &[0, 1] },
    Posting { key: "riverbend-service-desk-intern", employer: 1, title: "Clinical Service Desk Intern",
        role: Some(R::TechnicalSupport), pay: Hourly(1700), mode: OnSite, start: 45, weeks: 12,
        slots: 4, status: Open,
        skills: &["help-desk", "oracle-health", "networking", "customer-service"], schools: &[] },
    Posting { key: "riverbend-quality-data-intern", employer: 1, title: "Quality Data Analyst Intern",
        role: None, pay: Hourly(2400), mode: Remote, start: 60, weeks: 12, slots: 1, status: Open,
        skills: &["sql", "data-analytics", "tableau", "loinc"], schools: &[0] },
    Posting { key: "piedmont-crescent-cdi-intern", employer: 2,
        title: "Clinical Documentation Integrity Intern", role: None, pay: Hourly(1900),
        mode: OnSite, start: 40, weeks: 10, slots: 2, status: Open,
        skills: &["cdi", "icd-10-cm-pcs", "epic"], schools: &[3, 6] },
    Posting { key: "harbor-point-meditech-trainer-intern", employer: 3,
        title: "MEDITECH Expanse Trainer Intern", role: Some(R::Trainer), pay: Hourly(1800),
        mode: OnSite, start: 35, weeks: 12, slots: 2, status: Open,
        skills: &["meditech", "training", "clinical-workflow"], schools: &[5] },
    Posting { key: "sequatchie-it-generalist-intern", employer: 4,
        title: "Rural Hospital IT Generalist Intern", role: Some(R::TechnicalSupport),
        pay: Hourly(1600), mode: OnSite, start: 20, weeks: 12, slots: 1, status: Open,
        skills: &["help-desk", "networking", "meditech", "hipaa"], schools: &[] },
    Posting { key: "canebrake-health-information-intern", employer: 5,
        title: "Health Information Intern", role: None, pay: Unpaid, mode: OnSite, start: 25,
        weeks: 8, slots: 2, status: Open, skills: &["icd-10-cm-pcs", "oracle-health", "hipaa"],
        schools: &[4] },
    Posting { key: "ocmulgee-ehr-support-intern", employer: 6, title: "EHR Support Intern",
        role: Some(R::ImplementationSupport), pay: Hourly(1500), mode: OnSite, start: 30,
        weeks: 10, slots: 1, status: Open,
        skills: &["eclinicalworks", "help-desk", "clinical-workflow"], schools: &[] },
    Posting { key: "sea-island-revenue-cycle-intern", employer: 7, title: "Revenue Cycle Intern",
        role: None, pay: Hourly(1600), mode: OnSite, start: 50, weeks: 12, slots: 2,
        status: Draft, skills: &["revenue-cycle", "cpt", "athenahealth"], schools: &[] },
    Posting { key: "brightwater-practice-workflow-intern", employer: 8,
        title: "Practice Workflow Intern", role: Some(R::PracticeWorkflowRedesign), pay: Stipend(120000),
        mode: OnSite, start: -60, weeks: 10, slots: 1, status: Closed,
        skills: &["athenahealth", "clinical-workflow", "excel"], schools: &[] },
    Posting { key: "pinewood-front-office-it-intern", employer: 9, title: "Front Office and IT Intern",
        role: Some(R::TechnicalSupport), pay: Hourly(1400), mode: OnSite, start: 28, weeks: 12,
        slots: 1, status: Open, skills: &["nextgen", "help-desk", "customer-service"],
        schools: &[] },
    Posting { key: "cardinal-ridge-implementation-intern", employer: 10,
        title: "EHR Implementation Consultant Intern", role: Some(R::ImplementationSupport),
        pay: Hourly(2500), mode: Remote, start: 90, weeks: 24, slots: 4, status: Open,
        skills: &["epic", "oracle-health", "ehr-configuration", "project-management"], schools: &[] },
    Posting { key: "cardinal-ridge-interface-analyst-intern", employer: 10,
        title: "Interface Analyst Intern (HL7 v2 and FHIR)", role: Some(R::TechnicalSupport),
        pay: Hourly(2600), mode: Hybrid, start: 90, weeks: 16, slots: 2, status: Open,
        skills: &["hl7-v2", "fhir", "sql"], schools: &[0, 3, 6] },
    Posting { key: "kestrel-ambulatory-support-intern", employer: 11,
        title: "Ambulatory EHR Support Intern", role: Some(R::TechnicalSupport), pay: Hourly(2000),
        mode: Remote, start: 14, weeks: 12, slots: 5, status: Open,
        skills: &["veradigm", "nextgen", "help-desk", "customer-service"], schools: &[] },
    Posting { key: "kestrel-customer-trainer-intern", employer: 11,
        title: "Customer Trainer Intern", role: Some(R::Trainer), pay: Hourly(2000), mode: Remote,
        start: -90, weeks: 12, slots: 2, status: Closed, skills: &["training", "eclinicalworks"],
        schools: &[] },
    Posting { key: "southern-trust-coding-review-intern", employer: 12,
        title: "Coding Review Intern", role: None, pay: Hourly(2100), mode: Remote, start: 35,
        weeks: 12, slots: 3, status: Open,
        skills: &["icd-10-cm-pcs", "cpt", "cdi", "data-analytics"], schools: &[1, 3, 4] },
    Posting { key: "appalachian-immunization-registry-intern", employer: 13,
        title: "Immunization Registry Data Intern", role: None, pay: Unpaid, mode: OnSite,
        start: 40, weeks: 10, slots: 2, status: Open,
        skills: &["hl7-v2", "data-analytics", "openmrs", "excel"], schools: &[2] },
    Posting { key: "appalachian-privacy-security-intern", employer: 13,
        title: "Privacy and Security Intern", role: Some(R::TechnicalSupport), pay: Hourly(1800),
        mode: OnSite, start: 150, weeks: 12, slots: 1, status: Draft,
        skills: &["hipaa", "cybersecurity"], schools: &[] },
    Posting { key: "oak-hollow-billing-intern", employer: 14, title: "Billing Intern", role: None,
        pay: Hourly(1500), mode: OnSite, start: -120, weeks: 10, slots: 1, status: Closed,
        skills: &["cpt", "revenue-cycle", "veradigm"], schools: &[] },
];

/// The id of the internship with `key`.
pub fn internship_id(key: &str) -> uuid::Uuid {
    stable_id("internship", key)
}

/// The internship rows with their skills and eligible schools.
#[derive(Default)]
pub struct InternshipRows {
    /// `internship` rows.
    pub internships: Vec<internship::Model>,
    /// `internship_skill` rows.
    pub skills: Vec<internship_skill::Model>,
    /// `internship_eligible_institution` rows.
    pub eligible: Vec<internship_eligible_institution::Model>,
}

/// Every internship row and its join rows.
pub fn internships() -> InternshipRows {
    let mut rows = InternshipRows::default();
    for p in POSTINGS {
        let Some(employer) = PARTNERS.get(p.employer) else {
            continue;
        };
        let id = internship_id(p.key);
        let (city, state, _) = employer.place;
        let created = (p.start - 60).min(-10);
        rows.internships.push(internship::Model {
            id,
            employer_id: employer_id(employer.slug),
            title: p.title.to_owned(),
            description: describe(p, employer.name),
            hit_role: p.role,
            pay: match p.pay {
                Unpaid => Pay::Unpaid,
                Hourly(_) => Pay::Hourly,
                Stipend(_) => Pay::Stipend,
            },
            pay_cents: match p.pay {
                Unpaid => None,
                Hourly(cents) | Stipend(cents) => Some(cents),
            },
            city: city.to_owned(),
            state: state.to_owned(),
            work_mode: p.mode,
            rural: employer.rural,
            starts_on: day(p.start),
            ends_on: day(p.start) + TimeDelta::weeks(p.weeks),
            application_deadline: (!KEPT_OPEN.contains(&p.key)).then(|| day(p.start - 21)),
            slots: p.slots,
            status: p.status,
            posted_at: (p.status != Draft).then(|| at(created, 14)),
            created_at: at(created, 14),
            updated_at: at(created + 3, 9),
            version: 1,
        });
        rows.skills
            .extend(p.skills.iter().map(|s| internship_skill::Model {
                internship_id: id,
                skill_id: skill_id(s),
            }));
        rows.eligible.extend(
            SCHOOLS
                .iter()
                .enumerate()
                .filter(|(i, _)| eligible(p, *i))
                .map(|(_, s)| internship_eligible_institution::Model {
                    internship_id: id,
                    institution_id: institution_id(s.slug),
                }),
        );
    }
    rows
}

/// A short description naming the employer, pay, place and the skills wanted.
fn describe(p: &Posting, employer: &str) -> String {
    let wanted: Vec<&str> = p
        .skills
        .iter()
        .filter_map(|slug| skill_name(slug))
        .collect();
    let pay = match p.pay {
        Unpaid => "Unpaid, for academic credit".to_owned(),
        Hourly(c) => format!("Paid, ${}.{:02}/hour", c / 100, c % 100),
        Stipend(c) => format!("Stipend of ${}", c / 100),
    };
    let place = match p.mode {
        OnSite => "On-site",
        Hybrid => "Hybrid",
        Remote => "Remote",
    };
    format!(
        "{} with {employer}, {} weeks. {pay}; {place}. Wanted: {}. No prior experience required.",
        p.title,
        p.weeks,
        wanted.join(", ")
    )
}

/// True when a graduate of the school at `school` may apply to `p`: a school that approved its
/// employer and, when it lists schools, one of them.
pub fn eligible(p: &Posting, school: usize) -> bool {
    partnered(school, p.employer) && (p.schools.is_empty() || p.schools.contains(&school))
}
