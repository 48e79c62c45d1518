//! schema.org JSON-LD for partner websites, so search engines find the programs and internships:
//! a program as an `EducationalOccupationalProgram`, an internship as a `JobPosting` (with the
//! properties Google's job search requires). Pure functions over what the records say.

use chrono::NaiveDate;
use entity::enums::{Credential, InstitutionKind, Modality, Pay, WorkMode};
use serde_json::{Map, Value, json};

/// The organisation behind a program or a posting.
pub struct Organization<'a> {
    /// `CollegeOrUniversity`, `EducationalOrganization` or `Organization`.
    pub kind: &'static str,
    pub name: &'a str,
    pub city: &'a str,
    /// Two-letter US state.
    pub state: &'a str,
    pub website: Option<&'a str>,
}

impl Organization<'_> {
    /// The schema.org type of a school of this kind.
    pub fn school_type(kind: InstitutionKind) -> &'static str {
        match kind {
            InstitutionKind::ResearchUniversity
            | InstitutionKind::University
            | InstitutionKind::CommunityCollege
            | InstitutionKind::TechnicalCollege => "CollegeOrUniversity",
            InstitutionKind::WorkforceProgram => "EducationalOrganization",
        }
    }

    fn to_json(&self) -> Value {
        let mut org = json!({
            "@type": self.kind,
            "name": self.name,
            "address": address(self.city, self.state),
        });
        if let Some(url) = self.website {
            org["url"] = json!(url);
        }
        org
    }
}

fn address(city: &str, state: &str) -> Value {
    json!({
        "@type": "PostalAddress",
        "addressLocality": city,
        "addressRegion": state,
        "addressCountry": "US",
    })
}

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

/// What an internship's JSON-LD says.
pub struct InternshipFacts<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub date_posted: NaiveDate,
    /// The last day to apply (or the last day of the internship).
    pub valid_through: NaiveDate,
    pub starts_on: NaiveDate,
    pub work_mode: WorkMode,
    pub pay: Pay,
    pub pay_cents: Option<i32>,
    pub city: &'a str,
    pub state: &'a str,
    pub slots: i32,
    /// Names of the skills and EHR systems wanted.
    pub skills: Vec<&'a str>,
    pub hiring: Organization<'a>,
}

/// A `JobPosting` of employment type INTERN.
pub fn internship(f: &InternshipFacts<'_>) -> Value {
    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org"));
    out.insert("@type".into(), json!("JobPosting"));
    out.insert("title".into(), json!(f.title));
    out.insert("description".into(), json!(f.description));
    out.insert("datePosted".into(), json!(f.date_posted.to_string()));
    out.insert(
        "validThrough".into(),
        json!(format!("{}T23:59:59Z", f.valid_through)),
    );
    out.insert("employmentType".into(), json!("INTERN"));
    out.insert("jobStartDate".into(), json!(f.starts_on.to_string()));
    out.insert("totalJobOpenings".into(), json!(f.slots));
    out.insert("hiringOrganization".into(), f.hiring.to_json());
    if f.work_mode == WorkMode::Remote {
        out.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        out.insert(
            "applicantLocationRequirements".into(),
            json!({ "@type": "Country", "name": "US" }),
        );
    } else {
        out.insert(
            "jobLocation".into(),
            json!({ "@type": "Place", "address": address(f.city, f.state) }),
        );
    }
    if let (Pay::Hourly | Pay::Stipend, Some(cents)) = (f.pay, f.pay_cents) {
        let mut value = json!({ "@type": "QuantitativeValue", "value": f64::from(cents) / 100.0 });
        if f.pay == Pay::Hourly {
            value["unitText"] = json!("HOUR");
        }
        out.insert(
            "baseSalary".into(),
            json!({ "@type": "MonetaryAmount", "currency": "USD", "value": value }),
        );
    }
    if !f.skills.is_empty() {
        out.insert("skills".into(), json!(f.skills.join(", ")));
    }
    out.insert("industry".into(), json!("Health information technology"));
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Organization<'static> {
        Organization {
            kind: "Organization",
            name: "Sequatchie Valley Hospital",
            city: "Dunlap",
            state: "TN",
            website: None,
        }
    }

    fn posting(work_mode: WorkMode, pay: Pay, pay_cents: Option<i32>) -> InternshipFacts<'static> {
        let day = |d| NaiveDate::from_ymd_opt(2027, 1, d).unwrap_or_default();
        InternshipFacts {
            title: "IT Generalist Intern",
            description: "Keep a rural hospital's systems running.",
            date_posted: day(2),
            valid_through: day(20),
            starts_on: day(25),
            work_mode,
            pay,
            pay_cents,
            city: "Dunlap",
            state: "TN",
            slots: 1,
            skills: vec!["Help desk", "MEDITECH Expanse"],
            hiring: org(),
        }
    }

    #[test]
    fn a_remote_posting_says_telecommute_and_an_on_site_one_says_where() {
        let remote = internship(&posting(WorkMode::Remote, Pay::Unpaid, None));
        assert_eq!(remote["jobLocationType"], "TELECOMMUTE");
        assert!(remote.get("jobLocation").is_none() && remote.get("baseSalary").is_none());
        let on_site = internship(&posting(WorkMode::Hybrid, Pay::Hourly, Some(1650)));
        assert_eq!(
            on_site["jobLocation"]["address"]["addressLocality"],
            "Dunlap"
        );
        assert_eq!(on_site["baseSalary"]["value"]["value"], 16.5);
        assert_eq!(on_site["baseSalary"]["value"]["unitText"], "HOUR");
        assert_eq!(on_site["validThrough"], "2027-01-20T23:59:59Z");
    }

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
