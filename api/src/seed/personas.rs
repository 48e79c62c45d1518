//! The demo's people: one persona per kind of user, each a token away
//! (`hitbridge token --persona NAME`), each chosen for what it shows. README's persona table is
//! this table; a test keeps them equal.

use crate::auth::RoleClaim;

use super::employers::SUSPENDED;
use super::stories::{ARCHIVED, CHANGER, WITHDRAWN, graduate_id};

/// Who a persona is when it signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum As {
    /// A consortium admin.
    ConsortiumAdmin,
    /// A school admin of the institution with this slug.
    SchoolAdmin(&'static str),
    /// School staff of the institution with this slug.
    SchoolStaff(&'static str),
    /// A recruiter of the employer with this slug.
    Employer(&'static str),
    /// The demo graduate with this story key.
    Graduate(&'static str),
}

/// One demo persona.
#[derive(Debug, Clone, Copy)]
pub struct Persona {
    /// Name to mint a token by; also the token's subject.
    pub name: &'static str,
    /// Role and scope.
    pub role: As,
    /// What signing in as them shows.
    pub shows: &'static str,
}

/// The school whose staff and graduates tell most of the stories.
pub const STORY_SCHOOL: &str = "chattahoochee-valley-community-college";

/// Every persona, in the order README lists them.
#[rustfmt::skip]
pub const PERSONAS: &[Persona] = &[
    Persona { name: "consortium-admin", role: As::ConsortiumAdmin,
        shows: "everything: every school's report unsuppressed, the audit trail, Oak Hollow Orthopedic Associates suspended everywhere" },
    Persona { name: "psu-admin", role: As::SchoolAdmin("peachtree-state-university"),
        shows: "Peachtree State: draft programs, its graduates, its outcome report, a pending partnership with Kestrel Clinical Systems" },
    Persona { name: "cvcc-staff", role: As::SchoolStaff(STORY_SCHOOL),
        shows: "Chattahoochee Valley: Maya (in pools), Devon (withdrew consent), Ellis (archived), who received their identifying fields, an ended partnership with the suspended employer" },
    Persona { name: "magnolia-recruiter", role: As::Employer("magnolia-regional-medical-center"),
        shows: "an approved employer: candidate pools of two schools, its internships and their applicants (screening, withdrawn, rejected), a pending partnership with the Lowcountry program" },
    Persona { name: "oak-hollow-recruiter", role: As::Employer(SUSPENDED),
        shows: "a suspended employer: its own profile, but no pool, no applicants, no posting" },
    Persona { name: "maya", role: As::Graduate(CHANGER),
        shows: "a retail manager retrained in EHR support: consent CONTACT, applications in screening, offered and withdrawn, and the disclosures to Magnolia" },
    Persona { name: "devon", role: As::Graduate(WITHDRAWN),
        shows: "a graduate who withdrew consent: PRIVATE now, in no pool, a rejected application, and the disclosure made before withdrawing" },
    Persona { name: "ellis", role: As::Graduate(ARCHIVED),
        shows: "an archived graduate: still reads their own record and its disclosure log, in no list or pool" },
];

/// The persona called `name`.
pub fn persona(name: &str) -> Option<&'static Persona> {
    PERSONAS.iter().find(|p| p.name == name)
}

impl Persona {
    /// The role claim a token for this persona carries.
    pub fn claim(&self) -> RoleClaim {
        match self.role {
            As::ConsortiumAdmin => RoleClaim::ConsortiumAdmin {},
            As::SchoolAdmin(slug) => RoleClaim::SchoolAdmin {
                institution: slug.to_owned(),
            },
            As::SchoolStaff(slug) => RoleClaim::SchoolStaff {
                institution: slug.to_owned(),
            },
            As::Employer(slug) => RoleClaim::Employer {
                employer: slug.to_owned(),
            },
            As::Graduate(key) => RoleClaim::Graduate {
                graduate: graduate_id(key),
            },
        }
    }

    /// The role as README's table shows it, e.g. `employer of magnolia-regional-medical-center`.
    pub fn role_text(&self) -> String {
        match self.role {
            As::ConsortiumAdmin => "consortium_admin".to_owned(),
            As::SchoolAdmin(slug) => format!("school_admin of {slug}"),
            As::SchoolStaff(slug) => format!("school_staff of {slug}"),
            As::Employer(slug) => format!("employer of {slug}"),
            As::Graduate(key) => format!("graduate {}", graduate_id(key)),
        }
    }
}

/// The persona table as README shows it (Markdown), also what `hitbridge personas` prints.
pub fn table() -> String {
    let mut out = String::from("| persona | role | shows |\n|---|---|---|\n");
    for p in PERSONAS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            p.name,
            p.role_text(),
            p.shows
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn readme_lists_the_personas() {
        let readme = include_str!("../../../README.md");
        let table = super::table();
        assert!(
            readme.contains(&table),
            "README's persona table differs; it should read:\n{table}"
        );
    }
}
