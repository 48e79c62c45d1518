//! An internship as a schema.org `JobPosting` of employment type INTERN.

use chrono::NaiveDate;
use entity::enums::{Pay, WorkMode};
use serde_json::{Map, Value, json};

use super::{Organization, address};

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
    use crate::jsonld::tests::org;

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
}
