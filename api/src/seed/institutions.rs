//! The consortium's fictional schools.

use entity::enums::{InstitutionKind, RecordStatus};
use entity::institution;

use super::ids::{at, stable_id};

/// One demo school.
pub struct School {
    /// Stable slug (also the source of the id).
    pub slug: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Kind of institution.
    pub kind: InstitutionKind,
    /// Home city first, then nearby towns its graduates live in.
    pub cities: &'static [&'static str],
    /// Two-letter state.
    pub state: &'static str,
    /// Region within the state.
    pub region: &'static str,
    /// Serves a rural area.
    pub rural: bool,
    /// One-line description.
    pub blurb: &'static str,
}

use InstitutionKind as K;

/// The demo schools; programs, graduates and partnerships refer to them by index.
#[rustfmt::skip]
pub const SCHOOLS: &[School] = &[
    School { slug: "peachtree-state-university", name: "Peachtree State University",
        kind: K::ResearchUniversity, cities: &["Atlanta", "Decatur", "Marietta", "Smyrna"],
        state: "GA", region: "Metro Atlanta", rural: false,
        blurb: "Public research university with a graduate school of health informatics." },
    School { slug: "chattahoochee-valley-community-college",
        name: "Chattahoochee Valley Community College", kind: K::CommunityCollege,
        cities: &["Columbus", "LaGrange", "Phenix City"], state: "GA", region: "West Georgia",
        rural: false, blurb: "Community college with health information and EHR support programs." },
    School { slug: "cumberland-plateau-community-college",
        name: "Cumberland Plateau Community College", kind: K::CommunityCollege,
        cities: &["Crossville", "Cookeville", "Sparta", "Jamestown"], state: "TN",
        region: "Upper Cumberland", rural: true,
        blurb: "Rural community college training the health IT staff of small hospitals." },
    School { slug: "piedmont-triad-technical-college", name: "Piedmont Triad Technical College",
        kind: K::TechnicalCollege, cities: &["Greensboro", "High Point", "Burlington"],
        state: "NC", region: "Piedmont Triad", rural: false,
        blurb: "Technical college with health informatics, coding and cybersecurity degrees." },
    School { slug: "black-belt-technical-college", name: "Black Belt Technical College",
        kind: K::TechnicalCollege, cities: &["Selma", "Demopolis", "Marion", "Camden"],
        state: "AL", region: "Alabama Black Belt", rural: true,
        blurb: "Rural technical college with hybrid health IT support and coding programs." },
    School { slug: "lowcountry-health-it-workforce-program",
        name: "Lowcountry Health IT Workforce Program", kind: K::WorkforceProgram,
        cities: &["Charleston", "North Charleston", "Summerville", "Beaufort"], state: "SC",
        region: "Lowcountry", rural: false,
        blurb: "Regional workforce program with short bridges into health IT for working adults." },
    School { slug: "blue-ridge-university", name: "Blue Ridge University", kind: K::University,
        cities: &["Asheville", "Hendersonville", "Waynesville"], state: "NC",
        region: "Western North Carolina", rural: false,
        blurb: "Regional university with health information management and administration." },
];

/// The id of the institution with `slug`.
pub fn institution_id(slug: &str) -> uuid::Uuid {
    stable_id("institution", slug)
}

/// The school's home city.
pub fn home_city(school: &School) -> &'static str {
    school.cities.first().copied().unwrap_or(school.region)
}

/// Every institution row.
pub fn institutions() -> Vec<institution::Model> {
    SCHOOLS
        .iter()
        .map(|s| institution::Model {
            id: institution_id(s.slug),
            slug: s.slug.to_owned(),
            name: s.name.to_owned(),
            kind: s.kind,
            city: home_city(s).to_owned(),
            state: s.state.to_owned(),
            region: s.region.to_owned(),
            rural: s.rural,
            website: Some(format!("https://{}.example.org", s.slug)),
            description: s.blurb.to_owned(),
            status: RecordStatus::Active,
            created_at: at(-400, 12),
            updated_at: at(-400, 12),
            version: 1,
        })
        .collect()
}
