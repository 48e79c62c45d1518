//! The shared vocabularies: skills (technical skills, standards, professional skills and EHR
//! systems) and certifications, plus the SOC occupations that placements are recorded under.

use entity::enums::SkillKind;
use entity::{certification, skill};

use super::ids::stable_id;

/// Skills as `(slug, name, kind)`; EHR systems are skills of kind `ehr_system`.
pub const SKILLS: &[(&str, &str, SkillKind)] = &[
    ("sql", "SQL", SkillKind::Technical),
    ("python", "Python", SkillKind::Technical),
    ("excel", "Microsoft Excel", SkillKind::Technical),
    ("data-analytics", "Data analytics", SkillKind::Technical),
    ("tableau", "Tableau dashboards", SkillKind::Technical),
    ("networking", "Networking", SkillKind::Technical),
    ("help-desk", "Help desk support", SkillKind::Technical),
    ("cybersecurity", "Cybersecurity", SkillKind::Technical),
    (
        "revenue-cycle",
        "Revenue cycle management",
        SkillKind::Technical,
    ),
    ("medical-coding", "Medical coding", SkillKind::Technical),
    (
        "ehr-configuration",
        "EHR build and configuration",
        SkillKind::Technical,
    ),
    (
        "cdi",
        "Clinical documentation improvement",
        SkillKind::Technical,
    ),
    ("hl7-v2", "HL7 v2", SkillKind::Standard),
    ("fhir", "FHIR", SkillKind::Standard),
    ("icd-10-cm-pcs", "ICD-10-CM/PCS", SkillKind::Standard),
    ("cpt", "CPT", SkillKind::Standard),
    ("snomed-ct", "SNOMED CT", SkillKind::Standard),
    ("loinc", "LOINC", SkillKind::Standard),
    ("hipaa", "HIPAA privacy and security", SkillKind::Standard),
    (
        "project-management",
        "Project management",
        SkillKind::Professional,
    ),
    (
        "clinical-workflow",
        "Clinical workflow",
        SkillKind::Professional,
    ),
    ("training", "End-user training", SkillKind::Professional),
    (
        "customer-service",
        "Customer service",
        SkillKind::Professional,
    ),
    ("epic", "Epic", SkillKind::EhrSystem),
    (
        "oracle-health",
        "Oracle Health (formerly Cerner)",
        SkillKind::EhrSystem,
    ),
    ("meditech", "MEDITECH", SkillKind::EhrSystem),
    (
        "veradigm",
        "Veradigm (formerly Allscripts)",
        SkillKind::EhrSystem,
    ),
    ("eclinicalworks", "eClinicalWorks", SkillKind::EhrSystem),
    ("athenahealth", "athenahealth", SkillKind::EhrSystem),
    ("nextgen", "NextGen", SkillKind::EhrSystem),
    ("vista", "VistA", SkillKind::EhrSystem),
    ("openemr", "OpenEMR", SkillKind::EhrSystem),
    ("openmrs", "OpenMRS", SkillKind::EhrSystem),
];

/// Certifications as `(code, name, issuer)`.
pub const CERTIFICATIONS: &[(&str, &str, &str)] = &[
    ("RHIT", "Registered Health Information Technician", "AHIMA"),
    (
        "RHIA",
        "Registered Health Information Administrator",
        "AHIMA",
    ),
    ("CCA", "Certified Coding Associate", "AHIMA"),
    ("CCS", "Certified Coding Specialist", "AHIMA"),
    (
        "CCS-P",
        "Certified Coding Specialist – Physician-based",
        "AHIMA",
    ),
    (
        "CDIP",
        "Certified Documentation Integrity Practitioner",
        "AHIMA",
    ),
    (
        "CPHI",
        "Certified Professional in Health Informatics",
        "AHIMA",
    ),
    ("CHDA", "Certified Health Data Analyst", "AHIMA"),
    (
        "CHPS",
        "Certified in Healthcare Privacy and Security",
        "AHIMA",
    ),
    ("CPC", "Certified Professional Coder", "AAPC"),
    (
        "CPHIMS",
        "Certified Professional in Healthcare Information and Management Systems",
        "HIMSS",
    ),
    (
        "CAHIMS",
        "Certified Associate in Healthcare Information and Management Systems",
        "HIMSS",
    ),
    (
        "CHTS-PW",
        "Certified Healthcare Technology Specialist – Practice Workflow and Information Management Redesign",
        "AHIMA",
    ),
    (
        "CHTS-CP",
        "Certified Healthcare Technology Specialist – Clinician/Practitioner Consultant",
        "AHIMA",
    ),
    (
        "CHTS-IS",
        "Certified Healthcare Technology Specialist – Implementation Support",
        "AHIMA",
    ),
    (
        "CHTS-IM",
        "Certified Healthcare Technology Specialist – Implementation Manager",
        "AHIMA",
    ),
    (
        "CHTS-TS",
        "Certified Healthcare Technology Specialist – Technical/Software Support",
        "AHIMA",
    ),
    (
        "CHTS-TR",
        "Certified Healthcare Technology Specialist – Trainer",
        "AHIMA",
    ),
];

/// Target occupations as `(SOC code, job title used for placements)`.
pub const OCCUPATIONS: &[(&str, &str)] = &[
    ("29-9021", "Health Information Technologist"),
    ("29-2072", "Medical Records Specialist"),
    ("15-1211.01", "Health Informatics Specialist"),
    ("11-9111", "Health Services Manager"),
    ("15-1232", "EHR Support Specialist"),
    ("15-1244", "Clinical Systems Administrator"),
    ("15-2051", "Clinical Data Analyst"),
    ("15-1212", "Information Security Analyst"),
    ("15-1299.09", "Health IT Project Manager"),
    ("43-6013", "Medical Office Specialist"),
];

/// The id of the skill with `slug`.
pub fn skill_id(slug: &str) -> uuid::Uuid {
    stable_id("skill", slug)
}

/// The id of the certification with `code`.
pub fn certification_id(code: &str) -> uuid::Uuid {
    stable_id("certification", code)
}

/// The job title for a SOC code (a generic one for unknown codes).
pub fn occupation_title(soc: &str) -> &'static str {
    OCCUPATIONS
        .iter()
        .find(|(code, _)| *code == soc)
        .map_or("Health IT Specialist", |(_, title)| title)
}

/// Every skill row.
pub fn skills() -> Vec<skill::Model> {
    SKILLS
        .iter()
        .map(|&(slug, name, kind)| skill::Model {
            id: skill_id(slug),
            slug: slug.to_owned(),
            name: name.to_owned(),
            kind,
            tag: None,
        })
        .collect()
}

/// Every certification row.
pub fn certifications() -> Vec<certification::Model> {
    CERTIFICATIONS
        .iter()
        .map(|&(code, name, issuer)| certification::Model {
            id: certification_id(code),
            code: code.to_owned(),
            name: name.to_owned(),
            issuer: issuer.to_owned(),
            tag: None,
        })
        .collect()
}

/// True when `slug` names a skill in the vocabulary.
#[cfg(test)]
pub fn is_skill(slug: &str) -> bool {
    SKILLS.iter().any(|(s, _, _)| *s == slug)
}

/// True when `code` names a certification in the vocabulary.
#[cfg(test)]
pub fn is_certification(code: &str) -> bool {
    CERTIFICATIONS.iter().any(|(c, _, _)| *c == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn vocabularies_are_unique_and_kebab_case() {
        let slugs: HashSet<_> = SKILLS.iter().map(|s| s.0).collect();
        assert_eq!(slugs.len(), SKILLS.len());
        assert!(slugs.iter().all(|s| super::super::tests::is_kebab(s)));
        let codes: HashSet<_> = CERTIFICATIONS.iter().map(|c| c.0).collect();
        assert_eq!(codes.len(), CERTIFICATIONS.len());
        let ehr = SKILLS
            .iter()
            .filter(|s| s.2 == SkillKind::EhrSystem)
            .count();
        assert_eq!(ehr, 10);
    }
}
