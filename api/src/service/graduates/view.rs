//! A graduate record as one viewer may see it: the pool fields every viewer of the record gets,
//! plus the profile, contact and record tiers only when authz grants them.
//!
//! The view is the only way to a graduate's identifying fields (name, e-mail, phone, portfolio
//! links, city), and each accessor notes the field as disclosed when the viewer is outside the
//! graduate's school: the disclosure log records exactly the fields that went out.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{Background, ConsentLevel, GraduateStatus, GraduationTerm};
use entity::graduate;
use uuid::Uuid;

use crate::auth::{Caller, EmployerStanding, Viewer};
use crate::authz::{self, GraduateAccess, GraduateFacts, GraduateTier};

/// The pool fields: what every viewer of the record gets, at any tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolFields {
    pub id: Uuid,
    pub institution_id: Uuid,
    pub program_id: Uuid,
    pub graduation_year: i32,
    pub graduation_term: GraduationTerm,
    pub background: Background,
    pub years_experience: i32,
    pub state: String,
    pub region: String,
    pub open_to_rural: bool,
    pub open_to_relocation: bool,
    pub seeking_internship: bool,
    pub seeking_full_time: bool,
    pub seeking_part_time: bool,
    pub available_from: Option<NaiveDate>,
}

/// The profile tier (PROFILE consent and up).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Profile {
    given_name: String,
    family_name: String,
    headline: Option<String>,
    city: String,
    prior_industry: Option<String>,
    portfolio_links: Vec<String>,
}

/// The contact tier (CONTACT consent and up).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Contact {
    email: String,
    phone: Option<String>,
}

/// The record tier: the graduate, their school, consortium admins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFields {
    pub consent: ConsentLevel,
    pub consent_updated_at: DateTime<Utc>,
    pub status: GraduateStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// A graduate record masked for one viewer.
#[derive(Debug, Clone)]
pub struct GraduateView {
    access: GraduateAccess,
    pool: PoolFields,
    profile: Option<Profile>,
    contact: Option<Contact>,
    record: Option<RecordFields>,
}

/// The portfolio links stored as a JSON array of strings.
fn links(json: serde_json::Value) -> Vec<String> {
    match json {
        serde_json::Value::Array(items) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

impl GraduateView {
    /// Masks a record for `viewer` (with the standing of the employer it acts for, if any), with
    /// one authz question for the record: `None` when the viewer may not see it at all.
    pub fn for_viewer(
        viewer: &Viewer,
        standing: Option<&EmployerStanding>,
        m: graduate::Model,
    ) -> Option<Self> {
        let access = authz::graduate_access(viewer, standing, &GraduateFacts::of(&m))?;
        Some(Self::with_access(access, m))
    }

    /// Masks a record for an access authz has granted.
    pub fn with_access(access: GraduateAccess, m: graduate::Model) -> Self {
        let tier = access.tier;
        Self {
            access,
            pool: PoolFields {
                id: m.id,
                institution_id: m.institution_id,
                program_id: m.program_id,
                graduation_year: m.graduation_year,
                graduation_term: m.graduation_term,
                background: m.background,
                years_experience: m.years_experience,
                state: m.state,
                region: m.region,
                open_to_rural: m.open_to_rural,
                open_to_relocation: m.open_to_relocation,
                seeking_internship: m.seeking_internship,
                seeking_full_time: m.seeking_full_time,
                seeking_part_time: m.seeking_part_time,
                available_from: m.available_from,
            },
            profile: (tier >= GraduateTier::Profile).then(|| Profile {
                given_name: m.given_name,
                family_name: m.family_name,
                headline: m.headline,
                city: m.city,
                prior_industry: m.prior_industry,
                portfolio_links: links(m.portfolio_links),
            }),
            contact: (tier >= GraduateTier::Contact).then_some(Contact {
                email: m.email,
                phone: m.phone,
            }),
            record: (tier >= GraduateTier::Record).then_some(RecordFields {
                consent: m.consent,
                consent_updated_at: m.consent_updated_at,
                status: m.status,
                created_at: m.created_at,
                updated_at: m.updated_at,
                version: m.version,
            }),
        }
    }

    /// The graduate's id.
    pub fn id(&self) -> Uuid {
        self.pool.id
    }

    /// The tier this viewer receives.
    pub fn tier(&self) -> GraduateTier {
        self.access.tier
    }

    /// The pool fields.
    pub fn pool(&self) -> &PoolFields {
        &self.pool
    }

    /// Consent, status, versions: the record tier.
    pub fn record(&self) -> Option<&RecordFields> {
        self.record.as_ref()
    }

    /// Notes an identifying field as disclosed when the viewer is outside the school.
    fn went_out<T>(&self, caller: &Caller, field: &'static str, value: Option<T>) -> Option<T> {
        if self.access.outside && value.is_some() {
            caller.effects().disclose(self.pool.id, field);
        }
        value
    }

    /// Given name (profile tier; identifying).
    pub fn given_name(&self, caller: &Caller) -> Option<&str> {
        let value = self.profile.as_ref().map(|p| p.given_name.as_str());
        self.went_out(caller, "givenName", value)
    }

    /// Family name (profile tier; identifying).
    pub fn family_name(&self, caller: &Caller) -> Option<&str> {
        let value = self.profile.as_ref().map(|p| p.family_name.as_str());
        self.went_out(caller, "familyName", value)
    }

    /// City of residence (profile tier; identifying).
    pub fn city(&self, caller: &Caller) -> Option<&str> {
        let value = self.profile.as_ref().map(|p| p.city.as_str());
        self.went_out(caller, "city", value)
    }

    /// Portfolio links (profile tier; identifying).
    pub fn portfolio_links(&self, caller: &Caller) -> Option<&[String]> {
        let value = self.profile.as_ref().map(|p| p.portfolio_links.as_slice());
        self.went_out(caller, "portfolioLinks", value)
    }

    /// E-mail (contact tier; identifying).
    pub fn email(&self, caller: &Caller) -> Option<&str> {
        let value = self.contact.as_ref().map(|c| c.email.as_str());
        self.went_out(caller, "email", value)
    }

    /// Phone (contact tier; identifying when there is one).
    pub fn phone(&self, caller: &Caller) -> Option<&str> {
        let value = self.contact.as_ref().and_then(|c| c.phone.as_deref());
        self.went_out(caller, "phone", value)
    }

    /// One-line headline (profile tier).
    pub fn headline(&self) -> Option<&str> {
        self.profile.as_ref().and_then(|p| p.headline.as_deref())
    }

    /// The industry a career changer comes from (profile tier).
    pub fn prior_industry(&self) -> Option<&str> {
        self.profile
            .as_ref()
            .and_then(|p| p.prior_industry.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Grant;

    fn record(consent: ConsentLevel) -> graduate::Model {
        let now = Utc::now();
        graduate::Model {
            id: Uuid::from_u128(1),
            institution_id: Uuid::from_u128(2),
            program_id: Uuid::from_u128(3),
            given_name: "Ana".into(),
            family_name: "Diaz".into(),
            email: "ana@example.org".into(),
            phone: Some("(404) 555-0101".into()),
            graduation_year: 2026,
            graduation_term: GraduationTerm::Spring,
            background: Background::CareerChanger,
            prior_industry: Some("Retail".into()),
            years_experience: 6,
            city: "Macon".into(),
            state: "GA".into(),
            region: "Central Georgia".into(),
            open_to_rural: true,
            open_to_relocation: false,
            seeking_internship: true,
            seeking_full_time: true,
            seeking_part_time: false,
            available_from: None,
            consent,
            consent_updated_at: now,
            status: GraduateStatus::Seeking,
            headline: None,
            portfolio_links: serde_json::json!(["https://github.com/ana"]),
            created_at: now,
            updated_at: now,
            version: 1,
            skill_tags: ",".into(),
            certification_tags: ",".into(),
        }
    }

    fn vetted_employer() -> (Viewer, EmployerStanding) {
        let employer = Uuid::from_u128(9);
        let viewer = Viewer::new("e", vec![Grant::Employer { employer }]);
        let standing = EmployerStanding {
            employer,
            active: true,
            approved_by: vec![Uuid::from_u128(2)],
        };
        (viewer, standing)
    }

    #[test]
    fn an_employer_gets_exactly_the_consented_tier_and_each_field_is_noted() {
        let (viewer, standing) = vetted_employer();
        let caller = Caller::new(viewer.clone().into(), "r", None);
        let anonymous =
            GraduateView::for_viewer(&viewer, Some(&standing), record(ConsentLevel::Anonymous))
                .expect("in the pool");
        assert_eq!(anonymous.given_name(&caller), None);
        assert_eq!(anonymous.email(&caller), None);
        assert!(anonymous.record().is_none());
        assert!(caller.effects().take_disclosures().is_empty());

        let profile =
            GraduateView::for_viewer(&viewer, Some(&standing), record(ConsentLevel::Profile))
                .expect("in the pool");
        assert_eq!(profile.family_name(&caller), Some("Diaz"));
        assert_eq!(profile.email(&caller), None, "contact is a higher tier");
        let noted = caller.effects().take_disclosures();
        assert_eq!(
            noted
                .get(&Uuid::from_u128(1))
                .map(|f| f.iter().copied().collect::<Vec<_>>()),
            Some(vec!["familyName"])
        );
        assert!(
            GraduateView::for_viewer(&viewer, Some(&standing), record(ConsentLevel::Private))
                .is_none()
        );
    }

    #[test]
    fn the_school_reads_the_whole_record_without_a_disclosure() {
        let staff = Viewer::new(
            "s",
            vec![Grant::SchoolStaff {
                institution: Uuid::from_u128(2),
            }],
        );
        let caller = Caller::new(staff.clone().into(), "r", None);
        let view = GraduateView::for_viewer(&staff, None, record(ConsentLevel::Private))
            .expect("the school sees its graduates");
        assert_eq!(view.email(&caller), Some("ana@example.org"));
        assert_eq!(
            view.record().map(|r| r.consent),
            Some(ConsentLevel::Private)
        );
        assert!(caller.effects().take_disclosures().is_empty());
    }
}
