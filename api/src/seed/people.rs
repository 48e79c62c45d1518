//! Fictional graduates: varied backgrounds, experience skewed low, skills and certifications
//! consistent with their program, mixed consent, some already placed.

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeDelta};
use entity::enums::{
    Background, ConsentLevel, ConsentSetter, GraduateStatus, GraduationTerm, ProgramStatus,
};
use entity::{consent_change, graduate, graduate_certification, graduate_skill};
use uuid::Uuid;

use super::ids::{ANCHOR, at, day, stable_id};
use super::institutions::{SCHOOLS, institution_id};
use super::names::{AREA_CODES, FAMILY, GIVEN};
use super::programs::{COURSES, program_id};
use super::rng::SplitMix64;
use super::vocab::{certification_id, occupation_title, skill_id};

/// How many graduates the demo consortium has.
pub const GRADUATES: usize = 240;

/// Backgrounds with their relative weights, prior industries and extra skills.
#[rustfmt::skip]
const BACKGROUNDS: &[(Background, usize, &[&str], &[&str])] = &[
    (Background::NewGraduate, 30, &[], &["excel"]),
    (Background::CareerChanger, 25,
        &["Retail", "Hospitality", "Manufacturing", "Military", "Education", "Logistics", "Insurance"],
        &["customer-service", "excel", "project-management"]),
    (Background::Clinical, 20,
        &["Nursing (RN)", "Medical assisting", "Licensed practical nursing", "Pharmacy technician",
          "Radiologic technology", "Emergency medical services"],
        &["clinical-workflow", "epic", "hipaa"]),
    (Background::It, 15,
        &["IT services", "Telecommunications", "Software development", "Banking IT", "Managed services"],
        &["networking", "help-desk", "sql"]),
    (Background::ClinicalAndIt, 10,
        &["Nursing informatics", "Clinical laboratory systems", "Health system IT"],
        &["clinical-workflow", "sql", "epic"]),
];

/// Programs aimed at one background, which most of their graduates have (as a BACKGROUNDS index).
const AUDIENCES: &[(&str, usize)] = &[
    ("lowcountry-clinician-to-informatics-bridge", 2),
    ("lowcountry-health-it-for-it-professionals", 3),
];

/// What the applications and placements need to know about a generated graduate.
pub struct Alumnus {
    /// Graduate id.
    pub id: Uuid,
    /// Stable key the id was derived from.
    pub key: String,
    /// Index into [`COURSES`].
    pub course: usize,
    /// Index into [`SCHOOLS`].
    pub school: usize,
    /// Marked placed (gets a placement).
    pub placed: bool,
    /// Looking for an internship (may have applications).
    pub seeking_internship: bool,
    /// Graduation day.
    pub graduated_on: NaiveDate,
}

/// Graduate rows, their join rows and the roster used downstream.
#[derive(Default)]
pub struct PeopleRows {
    /// `graduate` rows.
    pub graduates: Vec<graduate::Model>,
    /// `graduate_skill` rows.
    pub skills: Vec<graduate_skill::Model>,
    /// `graduate_certification` rows.
    pub certifications: Vec<graduate_certification::Model>,
    /// `consent_change` rows: each consenting graduate raised their level once, from PRIVATE.
    pub consent_changes: Vec<consent_change::Model>,
    /// One entry per graduate, in the same order.
    pub roster: Vec<Alumnus>,
}

/// Generates [`GRADUATES`] graduates from `rng`.
pub fn graduates(rng: &mut SplitMix64) -> PeopleRows {
    let courses: Vec<usize> = COURSES
        .iter()
        .enumerate()
        .filter(|(_, c)| c.status != ProgramStatus::Draft)
        .map(|(i, _)| i)
        .collect();
    let mut rows = PeopleRows::default();
    for n in 1..=GRADUATES {
        let Some(&course) = rng.pick(&courses) else {
            break;
        };
        graduate(rng, n, course, &mut rows);
    }
    rows
}

/// Generates graduate number `n` of course `course` into `rows`.
fn graduate(rng: &mut SplitMix64, n: usize, course: usize, rows: &mut PeopleRows) {
    let Some(c) = COURSES.get(course) else {
        return;
    };
    let Some(school) = SCHOOLS.get(c.school) else {
        return;
    };
    let key = format!("demo-{n:03}");
    let id = stable_id("graduate", &key);
    let given = rng.pick(GIVEN).copied().unwrap_or_default();
    let family = rng.pick(FAMILY).copied().unwrap_or_default();
    let handle = format!("{}.{}{n}", given.to_lowercase(), family.to_lowercase());
    let (background, industries, extras) = background(rng, c.slug);
    let prior_industry = rng.pick(industries).copied();
    let years_experience = if background == Background::NewGraduate {
        rng.between(0, 1)
    } else {
        rng.between(0, 15).min(rng.between(0, 15))
    };
    let (year, term) = graduation(rng);
    let graduated_on = graduation_day(year, term);
    let age = (ANCHOR - graduated_on).num_days();
    let placed = age >= 45 && rng.chance(usize::try_from((15 + age / 20).min(60)).unwrap_or(0));
    let newcomer = matches!(
        background,
        Background::NewGraduate | Background::CareerChanger
    );
    let seeking_internship = !placed && rng.chance(if newcomer { 75 } else { 35 });
    let seeking_part_time = !placed && rng.chance(30);
    let seeking_full_time =
        !placed && (rng.chance(85) || !(seeking_internship || seeking_part_time));
    let available_from = if age < 0 {
        Some(graduated_on + TimeDelta::days(7))
    } else if !placed && rng.chance(70) {
        Some(day(rng.between(-30, 90)))
    } else {
        None
    };
    let created = rng.between(-500, -20);
    let updated = created + rng.between(0, 19);
    let area = AREA_CODES
        .iter()
        .find(|a| a.0 == school.state)
        .map_or("555", |a| a.1);

    rows.graduates.push(graduate::Model {
        id,
        institution_id: institution_id(school.slug),
        program_id: program_id(c.slug),
        given_name: given.to_owned(),
        family_name: family.to_owned(),
        email: format!("{handle}@mail.example"),
        phone: rng
            .chance(65)
            .then(|| format!("({area}) 555-01{:02}", n % 100)),
        graduation_year: year,
        graduation_term: term,
        background,
        prior_industry: prior_industry.map(str::to_owned),
        years_experience: i32::try_from(years_experience).unwrap_or(0),
        city: rng
            .pick(school.cities)
            .copied()
            .unwrap_or(school.region)
            .to_owned(),
        state: school.state.to_owned(),
        region: school.region.to_owned(),
        open_to_rural: rng.chance(if school.rural { 85 } else { 35 }),
        open_to_relocation: rng.chance(30),
        seeking_internship,
        seeking_full_time,
        seeking_part_time,
        available_from,
        consent: consent(rng),
        consent_updated_at: at(updated, 18),
        status: if placed {
            GraduateStatus::Placed
        } else {
            GraduateStatus::Seeking
        },
        headline: rng.chance(85).then(|| {
            let from = prior_industry.unwrap_or("New graduate");
            format!("{from} → {}", occupation_title(c.soc))
        }),
        portfolio_links: serde_json::Value::from(portfolio(rng, &handle)),
        created_at: at(created, 13),
        updated_at: at(updated, 18),
        version: 1,
        skill_tags: ",".into(),
        certification_tags: ",".into(),
    });

    if let Some(g) = rows.graduates.last()
        && g.consent != ConsentLevel::Private
    {
        rows.consent_changes.push(consent_change::Model {
            id: stable_id("consent_change", &key),
            graduate_id: id,
            from_level: ConsentLevel::Private,
            to_level: g.consent,
            changed_by: key.clone(),
            changed_as: ConsentSetter::Graduate,
            changed_at: g.consent_updated_at,
        });
    }

    // Skills: most of what the program teaches (always its first), plus some from the background.
    let mut skills: BTreeSet<&str> = c
        .skills
        .iter()
        .copied()
        .filter(|_| rng.chance(80))
        .collect();
    skills.extend(c.skills.first());
    skills.extend(extras.iter().copied().filter(|_| rng.chance(50)));
    rows.skills
        .extend(skills.iter().map(|s| graduate_skill::Model {
            graduate_id: id,
            skill_id: skill_id(s),
        }));
    // Certifications: only the program's usual ones, earned after graduating.
    for code in c.certs {
        if age > 0 && rng.chance(45) {
            let earned = graduated_on + TimeDelta::days(rng.between(20, 200));
            rows.certifications.push(graduate_certification::Model {
                graduate_id: id,
                certification_id: certification_id(code),
                earned_on: Some(earned.min(day(-1))),
            });
        }
    }
    rows.roster.push(Alumnus {
        id,
        key,
        course,
        school: c.school,
        placed,
        seeking_internship,
        graduated_on,
    });
}

/// A background (biased towards the program's audience, if any) with its prior industries and
/// extra skills.
fn background(
    rng: &mut SplitMix64,
    course: &str,
) -> (Background, &'static [&'static str], &'static [&'static str]) {
    let weights: Vec<usize> = BACKGROUNDS.iter().map(|b| b.1).collect();
    let audience = AUDIENCES.iter().find(|a| a.0 == course).map(|a| a.1);
    let i = match audience {
        Some(i) if rng.chance(70) => i,
        _ => rng.weighted(&weights),
    };
    BACKGROUNDS.get(i).map_or(
        (Background::NewGraduate, &[], &[]),
        |&(b, _, industries, extras)| (b, industries, extras),
    )
}

/// Zero to two portfolio links on fictional domains.
fn portfolio(rng: &mut SplitMix64, handle: &str) -> Vec<String> {
    let mut links = Vec::new();
    if rng.chance(25) {
        links.push(format!(
            "https://portfolio.example/{}",
            handle.replace('.', "-")
        ));
    }
    if rng.chance(10) {
        links.push(format!("https://code.example/{}", handle.replace('.', "")));
    }
    links
}

/// A graduation year and term: 2023 to spring/summer 2026, or the upcoming fall 2026 class.
fn graduation(rng: &mut SplitMix64) -> (i32, GraduationTerm) {
    use GraduationTerm::{Fall, Spring, Summer};
    match rng.weighted(&[1, 2, 3, 3, 2]) {
        4 => (2026, Fall),
        3 => (2026, if rng.chance(60) { Spring } else { Summer }),
        i => {
            let year = 2023 + i32::try_from(i).unwrap_or(0);
            (
                year,
                [Spring, Summer, Fall]
                    .get(rng.below(3))
                    .copied()
                    .unwrap_or(Spring),
            )
        }
    }
}

/// The commencement day of a term.
fn graduation_day(year: i32, term: GraduationTerm) -> NaiveDate {
    let (month, dom) = match term {
        GraduationTerm::Spring => (5, 9),
        GraduationTerm::Summer => (8, 7),
        GraduationTerm::Fall => (12, 11),
    };
    NaiveDate::from_ymd_opt(year, month, dom).unwrap_or(ANCHOR)
}

/// Consent mix: about 30% private, the rest anonymous, profile or contact.
fn consent(rng: &mut SplitMix64) -> ConsentLevel {
    use ConsentLevel::{Anonymous, Contact, Private, Profile};
    [Private, Anonymous, Profile, Contact]
        .get(rng.weighted(&[30, 25, 25, 20]))
        .copied()
        .unwrap_or(Private)
}
