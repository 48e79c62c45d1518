//! The schools' programs: real CIP and SOC codes, skills and EHR systems taught, HIT roles.

use entity::enums::{Credential, HitRole, Modality, ProgramStatus};
use entity::{program, program_hit_role, program_skill};

use super::ids::{at, day, stable_id};
use super::institutions::{SCHOOLS, institution_id};
use super::vocab::{occupation_title, skill_id};

/// One demo program.
pub struct Course {
    /// Stable slug (also the source of the id).
    pub slug: &'static str,
    /// Index into [`SCHOOLS`].
    pub school: usize,
    /// Display name.
    pub name: &'static str,
    /// Credential awarded.
    pub credential: Credential,
    /// CIP 2020 code (`NN.NNNN`).
    pub cip: &'static str,
    /// Primary target occupation (SOC 2018 / O*NET-SOC).
    pub soc: &'static str,
    /// How it is delivered.
    pub modality: Modality,
    /// Length in months.
    pub months: i32,
    /// Publication status.
    pub status: ProgramStatus,
    /// Next start in days after the anchor (`None`: no upcoming start).
    pub start: Option<i64>,
    /// Skills and EHR systems taught (skill slugs).
    pub skills: &'static [&'static str],
    /// HIT roles prepared for.
    pub roles: &'static [HitRole],
    /// Certifications its graduates commonly earn (codes).
    pub certs: &'static [&'static str],
}

use Credential as C;
use HitRole as R;
use Modality as M;
use ProgramStatus as S;

/// The demo programs: mostly published, three drafts and one archived.
#[rustfmt::skip]
pub const COURSES: &[Course] = &[
    Course { slug: "peachtree-bs-health-information-management", school: 0,
        name: "B.S. in Health Information Management", credential: C::Bachelor, cip: "51.0706",
        soc: "29-9021", modality: M::Hybrid, months: 48, status: S::Published, start: Some(140),
        skills: &["icd-10-cm-pcs", "cpt", "sql", "data-analytics", "hipaa", "revenue-cycle", "project-management", "epic"],
        roles: &[R::PracticeWorkflowRedesign, R::ImplementationManager], certs: &["RHIA", "CHPS", "CHDA"] },
    Course { slug: "peachtree-ms-health-informatics", school: 0, name: "M.S. in Health Informatics",
        credential: C::Master, cip: "51.2706", soc: "15-1211.01", modality: M::Online, months: 24,
        status: S::Published, start: Some(140),
        skills: &["sql", "python", "data-analytics", "fhir", "hl7-v2", "snomed-ct", "loinc", "epic", "oracle-health", "project-management"],
        roles: &[R::ClinicianConsultant, R::ImplementationManager], certs: &["CPHIMS", "CPHI", "CHDA"] },
    Course { slug: "peachtree-health-data-analytics-certificate", school: 0,
        name: "Graduate Certificate in Health Data Analytics", credential: C::GraduateCertificate,
        cip: "51.2706", soc: "15-2051", modality: M::Online, months: 12, status: S::Published,
        start: Some(140), skills: &["sql", "python", "tableau", "data-analytics", "loinc", "snomed-ct"],
        roles: &[], certs: &["CHDA"] },
    Course { slug: "peachtree-healthcare-cybersecurity-certificate", school: 0,
        name: "Graduate Certificate in Healthcare Cybersecurity", credential: C::GraduateCertificate,
        cip: "11.1003", soc: "15-1212", modality: M::Online, months: 12, status: S::Draft,
        start: Some(260), skills: &["cybersecurity", "networking", "hipaa"],
        roles: &[R::TechnicalSupport], certs: &["CHPS"] },
    Course { slug: "chattahoochee-aas-health-information-technology", school: 1,
        name: "A.A.S. in Health Information Technology", credential: C::Associate, cip: "51.0707",
        soc: "29-2072", modality: M::Hybrid, months: 24, status: S::Published, start: Some(133),
        skills: &["icd-10-cm-pcs", "cpt", "medical-coding", "hipaa", "meditech", "excel", "revenue-cycle"],
        roles: &[R::PracticeWorkflowRedesign], certs: &["RHIT", "CCA"] },
    Course { slug: "chattahoochee-medical-coding-certificate", school: 1,
        name: "Medical Coding Certificate", credential: C::Certificate, cip: "51.0713",
        soc: "29-2072", modality: M::Online, months: 9, status: S::Published, start: Some(42),
        skills: &["icd-10-cm-pcs", "cpt", "medical-coding", "hipaa"], roles: &[], certs: &["CCA", "CPC"] },
    Course { slug: "chattahoochee-medical-billing-certificate", school: 1,
        name: "Medical Billing Certificate", credential: C::Certificate, cip: "51.0714",
        soc: "43-6013", modality: M::InPerson, months: 6, status: S::Archived, start: None,
        skills: &["cpt", "revenue-cycle", "athenahealth", "customer-service"], roles: &[], certs: &["CPC"] },
    Course { slug: "chattahoochee-ehr-implementation-support-certificate", school: 1,
        name: "EHR Implementation Support Certificate", credential: C::Certificate, cip: "51.0709",
        soc: "15-1232", modality: M::Hybrid, months: 6, status: S::Published, start: Some(42),
        skills: &["epic", "ehr-configuration", "training", "help-desk", "clinical-workflow"],
        roles: &[R::ImplementationSupport, R::Trainer], certs: &["CHTS-IS", "CHTS-TR"] },
    Course { slug: "cumberland-aas-health-information-technology", school: 2,
        name: "A.A.S. in Health Information Technology", credential: C::Associate, cip: "51.0707",
        soc: "29-2072", modality: M::Online, months: 24, status: S::Published, start: Some(126),
        skills: &["icd-10-cm-pcs", "cpt", "medical-coding", "hipaa", "meditech", "vista", "excel"],
        roles: &[R::PracticeWorkflowRedesign], certs: &["RHIT", "CCA"] },
    Course { slug: "cumberland-rural-health-it-support-certificate", school: 2,
        name: "Rural Health IT Support Certificate", credential: C::Certificate, cip: "51.0709",
        soc: "15-1232", modality: M::Hybrid, months: 9, status: S::Published, start: Some(126),
        skills: &["help-desk", "networking", "meditech", "eclinicalworks", "hipaa", "customer-service"],
        roles: &[R::TechnicalSupport, R::ImplementationSupport], certs: &["CHTS-TS", "CHTS-IS"] },
    Course { slug: "cumberland-medical-office-specialist-certificate", school: 2,
        name: "Medical Office Specialist Certificate", credential: C::Certificate, cip: "51.0709",
        soc: "43-6013", modality: M::InPerson, months: 6, status: S::Published, start: Some(245),
        skills: &["athenahealth", "excel", "customer-service", "hipaa"], roles: &[], certs: &[] },
    Course { slug: "piedmont-triad-aas-health-informatics-technology", school: 3,
        name: "A.A.S. in Health Informatics Technology", credential: C::Associate, cip: "51.2799",
        soc: "15-1211.01", modality: M::Hybrid, months: 24, status: S::Published, start: Some(135),
        skills: &["sql", "hl7-v2", "fhir", "epic", "data-analytics", "clinical-workflow"],
        roles: &[R::ImplementationSupport, R::TechnicalSupport], certs: &["CHTS-IS", "CAHIMS"] },
    Course { slug: "piedmont-triad-aas-healthcare-cybersecurity", school: 3,
        name: "A.A.S. in Cybersecurity, Healthcare Track", credential: C::Associate, cip: "11.1003",
        soc: "15-1212", modality: M::InPerson, months: 24, status: S::Published, start: Some(135),
        skills: &["cybersecurity", "networking", "hipaa", "help-desk"],
        roles: &[R::TechnicalSupport], certs: &["CHPS", "CHTS-TS"] },
    Course { slug: "piedmont-triad-medical-coding-certificate", school: 3,
        name: "Medical Coding and Documentation Certificate", credential: C::Certificate,
        cip: "51.0713", soc: "29-2072", modality: M::Online, months: 12, status: S::Published,
        start: Some(50), skills: &["icd-10-cm-pcs", "cpt", "medical-coding", "cdi", "hipaa"],
        roles: &[], certs: &["CCA", "CCS", "CDIP"] },
    Course { slug: "black-belt-health-it-help-desk-certificate", school: 4,
        name: "Health IT Help Desk Certificate", credential: C::Certificate, cip: "51.0709",
        soc: "15-1232", modality: M::Hybrid, months: 6, status: S::Published, start: Some(35),
        skills: &["help-desk", "networking", "customer-service", "nextgen", "eclinicalworks"],
        roles: &[R::TechnicalSupport], certs: &["CHTS-TS"] },
    Course { slug: "black-belt-aas-health-information-technology", school: 4,
        name: "A.A.S. in Health Information Technology", credential: C::Associate, cip: "51.0707",
        soc: "29-2072", modality: M::Hybrid, months: 24, status: S::Published, start: Some(128),
        skills: &["icd-10-cm-pcs", "cpt", "medical-coding", "hipaa", "oracle-health", "revenue-cycle"],
        roles: &[R::PracticeWorkflowRedesign], certs: &["RHIT", "CCA", "CCS-P"] },
    Course { slug: "black-belt-medical-billing-specialist-certificate", school: 4,
        name: "Medical Billing Specialist Certificate", credential: C::Certificate, cip: "51.0714",
        soc: "43-6013", modality: M::Online, months: 9, status: S::Draft, start: Some(190),
        skills: &["cpt", "revenue-cycle", "athenahealth", "hipaa"], roles: &[], certs: &["CPC"] },
    Course { slug: "lowcountry-ehr-trainer-certificate", school: 5,
        name: "EHR Trainer Certificate", credential: C::Certificate, cip: "51.0709",
        soc: "15-1232", modality: M::Hybrid, months: 4, status: S::Published, start: Some(30),
        skills: &["epic", "training", "clinical-workflow", "customer-service"],
        roles: &[R::Trainer, R::ImplementationSupport], certs: &["CHTS-TR"] },
    Course { slug: "lowcountry-clinician-to-informatics-bridge", school: 5,
        name: "Clinician-to-Informatics Bridge", credential: C::Certificate, cip: "51.2706",
        soc: "15-1211.01", modality: M::Online, months: 6, status: S::Published, start: Some(61),
        skills: &["clinical-workflow", "epic", "oracle-health", "snomed-ct", "loinc", "hl7-v2"],
        roles: &[R::ClinicianConsultant, R::PracticeWorkflowRedesign], certs: &["CHTS-CP", "CHTS-PW"] },
    Course { slug: "lowcountry-health-it-for-it-professionals", school: 5,
        name: "Health IT for IT Professionals", credential: C::Certificate, cip: "51.2799",
        soc: "15-1244", modality: M::Online, months: 4, status: S::Published, start: Some(30),
        skills: &["hl7-v2", "fhir", "hipaa", "networking", "epic", "meditech"],
        roles: &[R::TechnicalSupport, R::ImplementationSupport], certs: &["CHTS-TS", "CAHIMS"] },
    Course { slug: "blue-ridge-bs-health-information-management", school: 6,
        name: "B.S. in Health Information Management", credential: C::Bachelor, cip: "51.0706",
        soc: "29-9021", modality: M::InPerson, months: 48, status: S::Published, start: Some(136),
        skills: &["icd-10-cm-pcs", "cpt", "sql", "hipaa", "data-analytics", "cdi", "oracle-health"],
        roles: &[R::PracticeWorkflowRedesign], certs: &["RHIA", "CDIP", "CHPS"] },
    Course { slug: "blue-ridge-bs-healthcare-administration", school: 6,
        name: "B.S. in Healthcare Administration", credential: C::Bachelor, cip: "51.0701",
        soc: "11-9111", modality: M::Hybrid, months: 48, status: S::Published, start: Some(136),
        skills: &["project-management", "revenue-cycle", "data-analytics", "hipaa", "excel"],
        roles: &[R::ImplementationManager], certs: &["CAHIMS"] },
    Course { slug: "blue-ridge-bs-information-science-health-systems", school: 6,
        name: "B.S. in Information Science, Health Systems Track", credential: C::Bachelor,
        cip: "11.0401", soc: "15-1244", modality: M::InPerson, months: 48, status: S::Published,
        start: Some(136), skills: &["sql", "networking", "cybersecurity", "hl7-v2", "fhir", "openemr"],
        roles: &[R::TechnicalSupport, R::ImplementationSupport], certs: &["CAHIMS"] },
    Course { slug: "blue-ridge-ms-health-it-project-management", school: 6,
        name: "M.S. in Health IT Project Management", credential: C::Master, cip: "51.2706",
        soc: "15-1299.09", modality: M::Online, months: 18, status: S::Published, start: Some(136),
        skills: &["project-management", "clinical-workflow", "training", "epic", "openmrs", "fhir"],
        roles: &[R::ImplementationManager, R::PracticeWorkflowRedesign], certs: &["CPHIMS", "CHTS-IM"] },
];

/// The id of the program with `slug`.
pub fn program_id(slug: &str) -> uuid::Uuid {
    stable_id("program", slug)
}

/// The program rows with their skill and HIT-role join rows.
#[derive(Default)]
pub struct ProgramRows {
    /// `program` rows.
    pub programs: Vec<program::Model>,
    /// `program_skill` rows (skills and EHR systems taught).
    pub skills: Vec<program_skill::Model>,
    /// `program_hit_role` rows.
    pub roles: Vec<program_hit_role::Model>,
}

/// Every program row and its join rows.
pub fn programs() -> ProgramRows {
    let mut rows = ProgramRows::default();
    for c in COURSES {
        // Indices are checked by the seed's tests; a bad one would only drop the row.
        let Some(school) = SCHOOLS.get(c.school) else {
            continue;
        };
        let id = program_id(c.slug);
        rows.programs.push(program::Model {
            id,
            slug: c.slug.to_owned(),
            institution_id: institution_id(school.slug),
            name: c.name.to_owned(),
            description: format!(
                "{} at {}. Prepares graduates for {} roles (SOC {}).",
                c.name,
                school.name,
                occupation_title(c.soc),
                c.soc
            ),
            credential: c.credential,
            cip_code: c.cip.to_owned(),
            soc_code: Some(c.soc.to_owned()),
            modality: c.modality,
            duration_months: c.months,
            status: c.status,
            next_start: c.start.map(day),
            created_at: at(-380, 12),
            updated_at: at(-30, 12),
            version: 1,
        });
        rows.skills
            .extend(c.skills.iter().map(|s| program_skill::Model {
                program_id: id,
                skill_id: skill_id(s),
            }));
        rows.roles
            .extend(c.roles.iter().map(|&hit_role| program_hit_role::Model {
                program_id: id,
                hit_role,
            }));
    }
    rows
}
