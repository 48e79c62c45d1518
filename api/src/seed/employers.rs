//! Fictional employer partners (every `EmployerKind`), the EHR systems they run, and their
//! partnerships with the schools.

use entity::enums::{EmployerKind, EmployerStatus, PartnershipStatus};
use entity::{employer_ehr_system, employer_partner, partnership};

use super::ids::{at, stable_id};
use super::institutions::{SCHOOLS, institution_id};
use super::vocab::skill_id;

/// One demo employer partner.
pub struct Partner {
    /// Stable slug (also the source of the id).
    pub slug: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Kind of employer.
    pub kind: EmployerKind,
    /// City, two-letter state, region.
    pub place: (&'static str, &'static str, &'static str),
    /// Located in a rural area.
    pub rural: bool,
    /// EHR systems in use (skill slugs).
    pub ehr: &'static [&'static str],
    /// One-line description.
    pub blurb: &'static str,
}

use EmployerKind as K;
use PartnershipStatus::{Active, Ended, Pending};

/// The demo employers; [`SUSPENDED`] names the one suspended consortium-wide.
#[rustfmt::skip]
pub const PARTNERS: &[Partner] = &[
    Partner { slug: "magnolia-regional-medical-center", name: "Magnolia Regional Medical Center",
        kind: K::Hospital, place: ("Atlanta", "GA", "Metro Atlanta"), rural: false, ehr: &["epic"],
        blurb: "Teaching hospital with a large HIM department and an Epic analyst team." },
    Partner { slug: "riverbend-health-system", name: "Riverbend Health System", kind: K::Hospital,
        place: ("Chattanooga", "TN", "Southeast Tennessee"), rural: false, ehr: &["oracle-health"],
        blurb: "Four-hospital system moving its clinics onto one Oracle Health instance." },
    Partner { slug: "piedmont-crescent-hospital", name: "Piedmont Crescent Hospital",
        kind: K::Hospital, place: ("Winston-Salem", "NC", "Piedmont Triad"), rural: false,
        ehr: &["epic"], blurb: "Community hospital with an in-house service desk and coding team." },
    Partner { slug: "harbor-point-medical-center", name: "Harbor Point Medical Center",
        kind: K::Hospital, place: ("Charleston", "SC", "Lowcountry"), rural: false,
        ehr: &["meditech"], blurb: "Regional medical center running MEDITECH Expanse." },
    Partner { slug: "sequatchie-valley-community-hospital",
        name: "Sequatchie Valley Community Hospital", kind: K::CriticalAccessHospital,
        place: ("Dunlap", "TN", "Upper Cumberland"), rural: true, ehr: &["meditech"],
        blurb: "25-bed critical access hospital where one IT team does everything." },
    Partner { slug: "canebrake-county-hospital", name: "Canebrake County Hospital",
        kind: K::CriticalAccessHospital, place: ("Demopolis", "AL", "Alabama Black Belt"),
        rural: true, ehr: &["oracle-health"],
        blurb: "Critical access hospital with a rural health clinic and swing beds." },
    Partner { slug: "ocmulgee-rural-health-clinic", name: "Ocmulgee Rural Health Clinic",
        kind: K::Clinic, place: ("Hawkinsville", "GA", "Middle Georgia"), rural: true,
        ehr: &["eclinicalworks"], blurb: "Rural health clinic serving three counties." },
    Partner { slug: "sea-island-family-health-center", name: "Sea Island Family Health Center",
        kind: K::Clinic, place: ("Beaufort", "SC", "Lowcountry"), rural: false,
        ehr: &["athenahealth"], blurb: "Federally qualified health center with five sites." },
    Partner { slug: "brightwater-pediatrics", name: "Brightwater Pediatrics",
        kind: K::PhysicianPractice, place: ("Greensboro", "NC", "Piedmont Triad"), rural: false,
        ehr: &["athenahealth"], blurb: "Twelve-provider pediatric practice." },
    Partner { slug: "pinewood-family-medicine", name: "Pinewood Family Medicine",
        kind: K::PhysicianPractice, place: ("Selma", "AL", "Alabama Black Belt"), rural: true,
        ehr: &["nextgen"], blurb: "Family medicine practice with an on-site lab." },
    Partner { slug: "cardinal-ridge-health-software", name: "Cardinal Ridge Health Software",
        kind: K::Vendor, place: ("Raleigh", "NC", "Research Triangle"), rural: false,
        ehr: &["epic", "oracle-health", "openemr"],
        blurb: "EHR implementation and interface firm hiring analysts and trainers." },
    Partner { slug: "kestrel-clinical-systems", name: "Kestrel Clinical Systems", kind: K::Vendor,
        place: ("Nashville", "TN", "Middle Tennessee"), rural: false,
        ehr: &["veradigm", "nextgen", "eclinicalworks"],
        blurb: "Ambulatory EHR vendor with a remote-first support organization." },
    Partner { slug: "southern-trust-health-plan", name: "Southern Trust Health Plan",
        kind: K::Payer, place: ("Birmingham", "AL", "Central Alabama"), rural: false, ehr: &[],
        blurb: "Regional health plan with claims analytics and coding review teams." },
    Partner { slug: "appalachian-highlands-public-health-district",
        name: "Appalachian Highlands Public Health District", kind: K::PublicHealth,
        place: ("Knoxville", "TN", "East Tennessee"), rural: false, ehr: &["openmrs", "epic"],
        blurb: "Public health district running immunization and surveillance systems." },
    Partner { slug: "oak-hollow-orthopedic-associates", name: "Oak Hollow Orthopedic Associates",
        kind: K::PhysicianPractice, place: ("Macon", "GA", "Middle Georgia"), rural: false,
        ehr: &["veradigm"], blurb: "Orthopedic group practice." },
];

/// Partnerships as `(school index, employer index, status)`: mostly active, some pending or ended.
#[rustfmt::skip]
pub const PARTNERSHIPS: &[(usize, usize, PartnershipStatus)] = &[
    (0, 0, Active), (0, 10, Active), (0, 12, Active), (0, 13, Active), (0, 11, Pending),
    (1, 0, Active), (1, 6, Active), (1, 12, Active), (1, 14, Ended),
    (2, 1, Active), (2, 4, Active), (2, 11, Active), (2, 13, Pending),
    (3, 2, Active), (3, 8, Active), (3, 10, Active), (3, 12, Ended),
    (4, 5, Active), (4, 9, Active), (4, 12, Active), (4, 11, Pending),
    (5, 3, Active), (5, 7, Active), (5, 10, Active), (5, 0, Pending),
    (6, 2, Active), (6, 10, Active), (6, 13, Active), (6, 3, Ended),
];

/// The one employer that a consortium admin has suspended everywhere.
pub const SUSPENDED: &str = "oak-hollow-orthopedic-associates";

/// The id of the employer partner with `slug`.
pub fn employer_id(slug: &str) -> uuid::Uuid {
    stable_id("employer", slug)
}

/// The employer rows with their EHR systems and partnerships.
#[derive(Default)]
pub struct EmployerRows {
    /// `employer_partner` rows.
    pub employers: Vec<employer_partner::Model>,
    /// `employer_ehr_system` rows.
    pub ehr_systems: Vec<employer_ehr_system::Model>,
    /// `partnership` rows.
    pub partnerships: Vec<partnership::Model>,
}

/// Every employer row, its EHR systems and the partnerships.
pub fn employers() -> EmployerRows {
    let mut rows = EmployerRows::default();
    for p in PARTNERS {
        let id = employer_id(p.slug);
        let (city, state, region) = p.place;
        let suspended = p.slug == SUSPENDED;
        rows.employers.push(employer_partner::Model {
            id,
            slug: p.slug.to_owned(),
            name: p.name.to_owned(),
            kind: p.kind,
            city: city.to_owned(),
            state: state.to_owned(),
            region: region.to_owned(),
            rural: p.rural,
            website: Some(format!("https://{}.example.org", p.slug)),
            description: p.blurb.to_owned(),
            contact_email: Some(format!("careers@{}.example.org", p.slug)),
            status: if suspended {
                EmployerStatus::Suspended
            } else {
                EmployerStatus::Active
            },
            created_at: at(-365, 12),
            updated_at: at(if suspended { -20 } else { -365 }, 12),
            version: if suspended { 2 } else { 1 },
        });
        rows.ehr_systems
            .extend(p.ehr.iter().map(|s| employer_ehr_system::Model {
                employer_id: id,
                skill_id: skill_id(s),
            }));
    }
    for (n, &(school, employer, status)) in PARTNERSHIPS.iter().enumerate() {
        let (Some(school), Some(employer)) = (SCHOOLS.get(school), PARTNERS.get(employer)) else {
            continue;
        };
        let days = -300 + 7 * i64::try_from(n).unwrap_or(0);
        rows.partnerships.push(partnership::Model {
            id: stable_id("partnership", &format!("{}/{}", school.slug, employer.slug)),
            institution_id: institution_id(school.slug),
            employer_id: employer_id(employer.slug),
            status,
            created_at: at(days, 15),
            updated_at: at(days, 15),
            version: 1,
        });
    }
    rows
}

/// True when the school at `school` has an active partnership with the employer at `employer`.
pub fn partnered(school: usize, employer: usize) -> bool {
    PARTNERSHIPS
        .iter()
        .any(|&(s, e, st)| s == school && e == employer && st == Active)
}
