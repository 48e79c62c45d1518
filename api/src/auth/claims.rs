//! The JWT claims we accept, and the `hitbridge.roles` claim that carries grants.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Most role grants one token may carry.
pub const MAX_ROLES: usize = 32;

/// The registered claims we require plus our namespaced one.
#[derive(Debug, Deserialize)]
pub struct Claims {
    /// The subject: who the token speaks for.
    pub sub: String,
    /// Our namespaced claim; absent means no grants.
    #[serde(default)]
    pub hitbridge: Option<HitbridgeClaim>,
}

/// The `hitbridge` claim.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitbridgeClaim {
    /// The role grants, each scoped to one record.
    pub roles: Vec<RoleClaim>,
}

/// One role grant as written in a token: scoped by slug (institution, employer) or id (graduate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawRole", into = "RawRole")]
pub enum RoleClaim {
    /// `consortium_admin`.
    ConsortiumAdmin {},
    /// `school_admin` of an institution slug.
    SchoolAdmin { institution: String },
    /// `school_staff` of an institution slug.
    SchoolStaff { institution: String },
    /// `employer` for an employer slug.
    Employer { employer: String },
    /// `graduate` with the graduate's id.
    Graduate { graduate: Uuid },
}

/// The wire form of a role: `role` plus exactly the one scope that role needs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    institution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    employer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    graduate: Option<Uuid>,
}

impl TryFrom<RawRole> for RoleClaim {
    type Error = String;

    fn try_from(raw: RawRole) -> Result<Self, Self::Error> {
        let role = match (
            raw.role.as_str(),
            raw.institution,
            raw.employer,
            raw.graduate,
        ) {
            ("consortium_admin", None, None, None) => Self::ConsortiumAdmin {},
            ("school_admin", Some(institution), None, None) => Self::SchoolAdmin { institution },
            ("school_staff", Some(institution), None, None) => Self::SchoolStaff { institution },
            ("employer", None, Some(employer), None) => Self::Employer { employer },
            ("graduate", None, None, Some(graduate)) => Self::Graduate { graduate },
            (role, ..) => return Err(format!("role {role:?} with the wrong or an unknown scope")),
        };
        Ok(role)
    }
}

impl From<RoleClaim> for RawRole {
    fn from(role: RoleClaim) -> Self {
        let (name, institution, employer, graduate) = match role {
            RoleClaim::ConsortiumAdmin {} => ("consortium_admin", None, None, None),
            RoleClaim::SchoolAdmin { institution } => {
                ("school_admin", Some(institution), None, None)
            }
            RoleClaim::SchoolStaff { institution } => {
                ("school_staff", Some(institution), None, None)
            }
            RoleClaim::Employer { employer } => ("employer", None, Some(employer), None),
            RoleClaim::Graduate { graduate } => ("graduate", None, None, Some(graduate)),
        };
        Self {
            role: name.into(),
            institution,
            employer,
            graduate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: serde_json::Value) -> Result<HitbridgeClaim, serde_json::Error> {
        serde_json::from_value(value)
    }

    #[test]
    fn every_role_of_the_contract_parses() {
        let claim = parse(json!({ "roles": [
            { "role": "consortium_admin" },
            { "role": "school_admin", "institution": "georgia-tech" },
            { "role": "school_staff", "institution": "perimeter-college" },
            { "role": "employer", "employer": "grady-health" },
            { "role": "graduate", "graduate": "0193f0a2-0000-7000-8000-000000000000" },
        ] }))
        .expect("the contract's example parses");
        assert_eq!(claim.roles.len(), 5);
    }

    #[test]
    fn unknown_roles_missing_scopes_and_stray_fields_are_malformed() {
        assert!(parse(json!({ "roles": [{ "role": "superuser" }] })).is_err());
        assert!(parse(json!({ "roles": [{ "role": "school_admin" }] })).is_err());
        assert!(
            parse(
                json!({ "roles": [{ "role": "employer", "employer": "x", "institution": "y" }] })
            )
            .is_err()
        );
        assert!(
            parse(json!({ "roles": [{ "role": "graduate", "graduate": "not-a-uuid" }] })).is_err()
        );
        assert!(parse(json!({ "roles": "consortium_admin" })).is_err());
    }
}
