//! The shared vocabularies: skills (technical skills, standards, professional skills and EHR
//! systems) and certifications, with their aliases, plus the SOC occupations that placements are
//! recorded under. The vocabularies are a curated health-IT taxonomy kept as CSV files in
//! `seed/vocabulary/` (see its README for sources and attribution), compiled in and parsed once.

use std::sync::LazyLock;

use entity::enums::SkillKind;
use entity::{certification, certification_alias, skill, skill_alias};

use super::ids::stable_id;

/// The skill files (`slug,name,kind,aliases`; aliases `;`-separated).
const SKILL_FILES: [&str; 2] = [
    include_str!("vocabulary/skills-technical.csv"),
    include_str!("vocabulary/skills-health.csv"),
];
/// The certification file (`code,name,issuer,aliases`).
const CERTIFICATION_FILE: &str = include_str!("vocabulary/certifications.csv");

/// One vocabulary term as its file gives it.
pub struct Term {
    /// The slug (a skill) or code (a certification).
    pub key: String,
    pub name: String,
    /// A skill's kind, or a certification's issuer.
    pub kind: String,
    pub aliases: Vec<String>,
}

fn read(file: &str) -> Vec<Term> {
    csv::Reader::from_reader(file.as_bytes())
        .records()
        .map(|record| {
            let record = record.expect("the shipped vocabulary is well-formed CSV");
            let field = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
            Term {
                key: field(0),
                name: field(1),
                kind: field(2),
                aliases: field(3)
                    .split(';')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect(),
            }
        })
        .collect()
}

/// Every skill term, in file order.
pub static SKILLS: LazyLock<Vec<Term>> =
    LazyLock::new(|| SKILL_FILES.iter().flat_map(|f| read(f)).collect());
/// Every certification term, in file order.
pub static CERTIFICATIONS: LazyLock<Vec<Term>> = LazyLock::new(|| read(CERTIFICATION_FILE));

/// A skill kind as the files name it.
fn kind(name: &str) -> SkillKind {
    match name {
        "ehr_system" => SkillKind::EhrSystem,
        "standard" => SkillKind::Standard,
        "professional" => SkillKind::Professional,
        _ => SkillKind::Technical,
    }
}

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
        .map(|t| skill::Model {
            id: skill_id(&t.key),
            slug: t.key.clone(),
            name: t.name.clone(),
            kind: kind(&t.kind),
            tag: None,
        })
        .collect()
}

/// Every skill alias row.
pub fn skill_aliases() -> Vec<skill_alias::Model> {
    SKILLS
        .iter()
        .flat_map(|t| {
            t.aliases.iter().map(|alias| skill_alias::Model {
                alias: alias.clone(),
                skill_id: skill_id(&t.key),
            })
        })
        .collect()
}

/// Every certification row.
pub fn certifications() -> Vec<certification::Model> {
    CERTIFICATIONS
        .iter()
        .map(|t| certification::Model {
            id: certification_id(&t.key),
            code: t.key.clone(),
            name: t.name.clone(),
            issuer: t.kind.clone(),
            tag: None,
        })
        .collect()
}

/// Every certification alias row.
pub fn certification_aliases() -> Vec<certification_alias::Model> {
    CERTIFICATIONS
        .iter()
        .flat_map(|t| {
            t.aliases.iter().map(|alias| certification_alias::Model {
                alias: alias.clone(),
                certification_id: certification_id(&t.key),
            })
        })
        .collect()
}

/// The display name of the skill with `slug`.
pub fn skill_name(slug: &str) -> Option<&'static str> {
    SKILLS
        .iter()
        .find(|t| t.key == slug)
        .map(|t| t.name.as_str())
}

/// True when `slug` names a skill in the vocabulary.
#[cfg(test)]
pub fn is_skill(slug: &str) -> bool {
    SKILLS.iter().any(|t| t.key == slug)
}

/// True when `code` names a certification in the vocabulary.
#[cfg(test)]
pub fn is_certification(code: &str) -> bool {
    CERTIFICATIONS.iter().any(|t| t.key == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    /// Keys unique and well-formed, every name and alias naming one term only (ignoring case),
    /// and the sizes issue 19 asks for: 2,000 skills, 100 EHR systems, 300 certifications.
    #[test]
    fn the_curated_vocabulary_is_unambiguous_and_large_enough() {
        for (terms, skills) in [(&*SKILLS, true), (&*CERTIFICATIONS, false)] {
            let keys: HashSet<&str> = terms.iter().map(|t| t.key.as_str()).collect();
            assert_eq!(keys.len(), terms.len(), "keys are unique");
            let mut owner: HashMap<String, &str> = HashMap::new();
            for t in terms.iter() {
                if skills {
                    assert!(super::super::tests::is_kebab(&t.key), "{}", t.key);
                    assert!(t.key.len() <= 64, "{}", t.key);
                } else {
                    let code = crate::service::graduates::relations::certification_code("", &t.key);
                    assert_eq!(code.ok().as_deref(), Some(t.key.as_str()));
                }
                assert!(
                    !t.name.is_empty() && t.name.chars().count() <= 100,
                    "{}",
                    t.key
                );
                for word in [&t.key, &t.name].into_iter().chain(&t.aliases) {
                    assert!(word.chars().count() <= 100, "{word}");
                    let word = word.to_lowercase();
                    if let Some(other) = owner.insert(word.clone(), t.key.as_str()) {
                        assert_eq!(other, t.key, "{word:?} names two terms");
                    }
                }
            }
        }
        let ehr = SKILLS
            .iter()
            .filter(|t| kind(&t.kind) == SkillKind::EhrSystem)
            .count();
        assert!(SKILLS.len() >= 2000 && ehr >= 100 && CERTIFICATIONS.len() >= 300);
        let kinds = ["technical", "standard", "professional", "ehr_system"];
        assert!(SKILLS.iter().all(|t| kinds.contains(&t.kind.as_str())));
    }
}
