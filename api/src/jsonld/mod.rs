//! schema.org JSON-LD for partner websites, so search engines find the programs, internships
//! and events: a program as an `EducationalOccupationalProgram`, an internship as a `JobPosting`
//! (with the properties Google's job search requires), an event as an `Event`. Pure functions
//! over what the records say; [`script_text`] makes any of them safe inside a `<script>` tag.

mod event;
mod internship;
mod program;

pub use event::{EventFacts, event};
pub use internship::{InternshipFacts, internship};
pub use program::{ProgramFacts, program};

use entity::enums::InstitutionKind;
use serde_json::{Value, json};

/// `value` as JSON text safe inside an HTML `<script>` element: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e` and `\u0026` (the same JSON value), so no text in a record can close the
/// element or open a comment in it.
pub fn script_text(value: &Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

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

pub(crate) fn address(city: &str, state: &str) -> Value {
    json!({
        "@type": "PostalAddress",
        "addressLocality": city,
        "addressRegion": state,
        "addressCountry": "US",
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Organization;

    /// A hiring or hosting organisation for the tests.
    pub fn org() -> Organization<'static> {
        Organization {
            kind: "Organization",
            name: "Sequatchie Valley Hospital",
            city: "Dunlap",
            state: "TN",
            website: None,
        }
    }

    #[test]
    fn script_text_cannot_close_its_element() {
        let value = serde_json::json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let text = super::script_text(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).ok(),
            Some(value)
        );
    }
}
