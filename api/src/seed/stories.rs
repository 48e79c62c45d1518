//! The persona graduates, written by hand rather than drawn at random, so that what each one
//! shows (consent withdrawn, an archived record, disclosures, applications at every turn) is
//! there on every demo database.

use entity::enums::{
    ApplicationStatus, Background, ConsentLevel, ConsentSetter, GraduateStatus, GraduationTerm,
};
use entity::{
    application, application_status_change, consent_change, disclosure, graduate,
    graduate_certification, graduate_skill,
};
use uuid::Uuid;

use super::activity::{ActivityRows, history};
use super::employers::PARTNERS;
use super::ids::{at, day, stable_id};
use super::institutions::institution_id;
use super::internships::{POSTINGS, internship_id};
use super::people::PeopleRows;
use super::personas::{PERSONAS, STORY_SCHOOL};
use super::programs::program_id;

/// Story key of the career changer in the pools.
pub const CHANGER: &str = "maya-castillo";
/// Story key of the graduate who withdrew consent.
pub const WITHDRAWN: &str = "devon-marsh";
/// Story key of the archived graduate.
pub const ARCHIVED: &str = "ellis-grant";

/// The id of the story graduate with `key`.
pub fn graduate_id(key: &str) -> Uuid {
    stable_id("graduate", key)
}

/// Postings kept open for the personas whatever today's date: no application deadline and no
/// generated hire filling them, so that Maya can accept her offer (Magnolia's) and apply anew
/// (Southern Trust's), and a new graduate always finds one.
pub const KEPT_OPEN: &[&str] = &[
    "magnolia-him-coding-intern",
    "southern-trust-coding-review-intern",
    "kestrel-ambulatory-support-intern",
];

/// The recruiter the recorded disclosures went to (a persona's subject).
const RECIPIENT: (&str, &str) = ("magnolia-recruiter", "magnolia-regional-medical-center");

/// One story graduate.
struct Story {
    key: &'static str,
    name: (&'static str, &'static str),
    program: &'static str,
    graduated: (i32, GraduationTerm),
    background: (Background, Option<&'static str>, i32),
    city: &'static str,
    /// Consent levels in the order they were set, with the day of each (from PRIVATE).
    consent: &'static [(ConsentLevel, i64)],
    status: GraduateStatus,
    headline: &'static str,
    skills: &'static [&'static str],
    certifications: &'static [(&'static str, i64)],
    /// (posting key, where the application stands, day applied).
    applications: &'static [(&'static str, ApplicationStatus, i64)],
    /// (day, fields) of each disclosure to [`RECIPIENT`].
    disclosures: &'static [(i64, &'static [&'static str])],
}

use ApplicationStatus::{Offered, Rejected, Screening, Withdrawn};
use ConsentLevel::{Contact, Private, Profile};

#[rustfmt::skip]
const STORIES: &[Story] = &[
    Story { key: CHANGER, name: ("Maya", "Castillo"),
        program: "chattahoochee-ehr-implementation-support-certificate",
        graduated: (2026, GraduationTerm::Spring),
        background: (Background::CareerChanger, Some("Retail"), 6), city: "Columbus",
        consent: &[(Profile, -120), (Contact, -60)], status: GraduateStatus::Seeking,
        headline: "Six years managing a retail store, now in EHR implementation support",
        skills: &["epic", "ehr-configuration", "training", "help-desk", "customer-service"],
        certifications: &[("CHTS-IS", -70)],
        applications: &[("magnolia-epic-analyst-intern", Screening, -30),
                        ("magnolia-him-coding-intern", Offered, -45),
                        ("ocmulgee-ehr-support-intern", Withdrawn, -50)],
        disclosures: &[(-28, &["email", "familyName", "givenName", "phone"])] },
    Story { key: WITHDRAWN, name: ("Devon", "Marsh"),
        program: "chattahoochee-aas-health-information-technology",
        graduated: (2025, GraduationTerm::Fall),
        background: (Background::It, Some("Telecommunications"), 4), city: "LaGrange",
        consent: &[(Contact, -150), (Private, -12)], status: GraduateStatus::Seeking,
        headline: "Network technician moving into health IT",
        skills: &["networking", "help-desk", "sql", "epic"], certifications: &[],
        applications: &[("magnolia-him-coding-intern", Rejected, -55)],
        disclosures: &[(-40, &["email", "familyName", "givenName"])] },
    Story { key: ARCHIVED, name: ("Ellis", "Grant"),
        program: "chattahoochee-aas-health-information-technology",
        graduated: (2024, GraduationTerm::Spring),
        background: (Background::NewGraduate, None, 0), city: "Columbus",
        consent: &[(Profile, -400), (Private, -200)], status: GraduateStatus::Archived,
        headline: "Health information technology graduate", skills: &["icd-10-cm-pcs", "excel"],
        certifications: &[], applications: &[], disclosures: &[(-300, &["familyName", "givenName"])] },
];

/// Adds the story graduates and everything that happened to them to the generated rows.
pub fn tell(people: &mut PeopleRows, activity: &mut ActivityRows) -> Vec<disclosure::Model> {
    let mut disclosures = Vec::new();
    for s in STORIES {
        let id = graduate_id(s.key);
        let (given, family) = s.name;
        let (year, term) = s.graduated;
        let (background, prior_industry, years_experience) = s.background;
        let (consent, consent_day) = s.consent.last().copied().unwrap_or((Private, -300));
        people.graduates.push(graduate::Model {
            id,
            institution_id: institution_id(STORY_SCHOOL),
            program_id: program_id(s.program),
            given_name: given.to_owned(),
            family_name: family.to_owned(),
            email: format!("{}.{}@mail.example", given, family).to_lowercase(),
            phone: Some("(706) 555-0142".to_owned()),
            graduation_year: year,
            graduation_term: term,
            background,
            prior_industry: prior_industry.map(str::to_owned),
            years_experience,
            city: s.city.to_owned(),
            state: "GA".to_owned(),
            region: "West Georgia".to_owned(),
            open_to_rural: true,
            open_to_relocation: false,
            seeking_internship: s.status == GraduateStatus::Seeking,
            seeking_full_time: s.status == GraduateStatus::Seeking,
            seeking_part_time: false,
            available_from: Some(day(-30)),
            consent,
            consent_updated_at: at(consent_day, 18),
            status: s.status,
            headline: Some(s.headline.to_owned()),
            portfolio_links: serde_json::json!([]),
            created_at: at(-420, 10),
            updated_at: at(consent_day, 18),
            version: 1,
            skill_tags: ",".into(),
            certification_tags: ",".into(),
        });
        let mut from = Private;
        for (n, &(to, when)) in s.consent.iter().enumerate() {
            let raised = level(to) > level(from);
            people.consent_changes.push(consent_change::Model {
                id: stable_id("consent_change", &format!("{}/{n}", s.key)),
                graduate_id: id,
                from_level: from,
                to_level: to,
                changed_by: persona_of(s.key).to_owned(),
                changed_as: ConsentSetter::Graduate,
                changed_at: at(when, if raised { 18 } else { 9 }),
            });
            from = to;
        }
        people
            .skills
            .extend(s.skills.iter().map(|slug| graduate_skill::Model {
                graduate_id: id,
                skill_id: super::vocab::skill_id(slug),
            }));
        people
            .certifications
            .extend(
                s.certifications
                    .iter()
                    .map(|&(code, earned)| graduate_certification::Model {
                        graduate_id: id,
                        certification_id: super::vocab::certification_id(code),
                        earned_on: Some(day(earned)),
                    }),
            );
        for &(posting, last, applied) in s.applications {
            apply(s.key, id, posting, last, applied, activity);
        }
        disclosures.extend(
            s.disclosures
                .iter()
                .enumerate()
                .map(|(n, &(when, fields))| disclosure::Model {
                    id: stable_id("disclosure", &format!("{}/{n}", s.key)),
                    graduate_id: id,
                    recipient_sub: RECIPIENT.0.to_owned(),
                    recipient_org: Some(RECIPIENT.1.to_owned()),
                    fields: serde_json::json!(fields),
                    operation: "CandidatePool".to_owned(),
                    request_id: None,
                    disclosed_at: at(when, 14),
                }),
        );
    }
    disclosures
}

/// The persona that signs in as the story graduate `key` (their token subject).
fn persona_of(key: &'static str) -> &'static str {
    use super::personas::As;
    PERSONAS
        .iter()
        .find(|p| p.role == As::Graduate(key))
        .map_or("demo-seed", |p| p.name)
}

/// Consent levels in order, lowest first.
fn level(l: ConsentLevel) -> u8 {
    match l {
        Private => 0,
        ConsentLevel::Anonymous => 1,
        Profile => 2,
        Contact => 3,
    }
}

/// An application by the story graduate `key` that has reached `last`, with its history.
fn apply(
    key: &str,
    graduate: Uuid,
    posting: &str,
    last: ApplicationStatus,
    applied: i64,
    rows: &mut ActivityRows,
) {
    let id = stable_id("application", &format!("{key}/{posting}"));
    let employer = POSTINGS
        .iter()
        .find(|p| p.key == posting)
        .and_then(|p| PARTNERS.get(p.employer))
        .map_or("", |e| e.slug);
    let path = history(last);
    let mut from = None;
    for (step, &to) in path.iter().enumerate() {
        let when = applied + 4 * i64::try_from(step).unwrap_or(0);
        let by_graduate = matches!(to, ApplicationStatus::Applied | Withdrawn);
        rows.status_changes.push(application_status_change::Model {
            id: stable_id("application_status_change", &format!("{id}/{step}")),
            application_id: id,
            from_status: from,
            to_status: to,
            changed_by: if by_graduate {
                format!("graduate:{graduate}")
            } else {
                format!("employer:{employer}")
            },
            note: None,
            changed_at: at(when, 15),
        });
        from = Some(to);
    }
    let steps = i64::try_from(path.len()).unwrap_or(1);
    rows.applications.push(application::Model {
        id,
        graduate_id: graduate,
        internship_id: internship_id(posting),
        status: last,
        cover_note: Some("I would like to bring my training to this role.".to_owned()),
        created_at: at(applied, 15),
        updated_at: at(applied + 4 * (steps - 1), 15),
        version: i32::try_from(steps).unwrap_or(1),
    });
}
