//! A program as a schema.org `EducationalOccupationalProgram`.

use chrono::NaiveDate;
use entity::enums::{Credential, Modality};
use serde_json::{Map, Value, json};

use super::Organization;

/// What a program's JSON-LD says.
pub struct ProgramFacts<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub credential: Credential,
    /// CIP 2020 code.
    pub cip_code: &'a str,
    /// SOC 2018 code of the occupation it prepares for.
    pub soc_code: Option<&'a str>,
    pub modality: Modality,
    pub duration_months: i32,
    pub next_start: Option<NaiveDate>,
    pub provider: Organization<'a>,
}

/// schema.org's words for a credential category (as in its credentialCategory examples).
fn credential_category(credential: Credential) -> &'static str {
    match credential {
        Credential::Certificate | Credential::GraduateCertificate => "certificate",
        Credential::Associate => "associate degree",
        Credential::Bachelor => "bachelor degree",
        Credential::Master => "master degree",
    }
}

/// An `EducationalOccupationalProgram`.
pub fn program(f: &ProgramFacts<'_>) -> Value {
    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org"));
    out.insert("@type".into(), json!("EducationalOccupationalProgram"));
    out.insert("name".into(), json!(f.name));
    if !f.description.is_empty() {
        out.insert("description".into(), json!(f.description));
    }
    out.insert("provider".into(), f.provider.to_json());
    out.insert(
        "identifier".into(),
        json!({ "@type": "PropertyValue", "propertyID": "CIP 2020", "value": f.cip_code }),
    );
    out.insert(
        "educationalCredentialAwarded".into(),
        json!({
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": credential_category(f.credential),
        }),
    );
    out.insert(
        "timeToComplete".into(),
        json!(format!("P{}M", f.duration_months)),
    );
    out.insert(
        "educationalProgramMode".into(),
        json!(match f.modality {
            Modality::InPerson => "onsite",
            Modality::Online => "online",
            Modality::Hybrid => "blended",
        }),
    );
    if let Some(soc) = f.soc_code {
        out.insert(
            "occupationalCategory".into(),
            json!({
                "@type": "CategoryCode",
                "codeValue": soc,
                "inCodeSet": "https://www.bls.gov/soc/2018/",
            }),
        );
    }
    if let Some(start) = f.next_start {
        out.insert("startDate".into(), json!(start.to_string()));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonld::tests::org;

    #[test]
    fn a_program_gives_its_length_as_an_iso_8601_duration() {
        let value = program(&ProgramFacts {
            name: "Health IT Certificate",
            description: "",
            credential: Credential::Certificate,
            cip_code: "51.0709",
            soc_code: Some("15-1211"),
            modality: Modality::Hybrid,
            duration_months: 9,
            next_start: None,
            provider: org(),
        });
        assert_eq!(value["timeToComplete"], "P9M");
        assert_eq!(value["occupationalCategory"]["codeValue"], "15-1211");
        assert!(value.get("description").is_none() && value.get("startDate").is_none());
    }
}
