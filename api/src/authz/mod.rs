//! The ONE place that decides access: pure functions over (viewer, action, resource).
//!
//! Services describe the record at hand as a [`Resource`] and ask [`decide`]; lists ask for a
//! [`Scope`] and turn it into a row filter (`service::scope`, the one translator). Both follow the contract's matrix, so lists, single
//! reads, nested fields, federation `_entities` and mutations all get the same answer. Nothing else
//! decides access.
//!
//! Answers: a viewer who may not read a record gets `NotFound` (whether it exists is not
//! revealed); one who may read it but not change it gets `Forbidden`.

use entity::enums::{ApplicationStatus, ConsentLevel, InternshipStatus, ProgramStatus};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::config::Secret;
use crate::error::{ApiError, ApiResult};

mod graduates;
mod hiring;
mod pool;
mod scope;
#[cfg(test)]
mod tests;

pub use graduates::{
    GraduateAccess, GraduateFacts, GraduateTier, consented_tier, graduate_access,
    graduate_list_scope, party_scope,
};
pub use hiring::{applicant_access, internships_applied_from, sees_actors};
pub use pool::{
    Span, UNPOOLED_CONSENT, UNPOOLED_STATUS, held, may_tombstone, pool_scope, poolable,
    tombstone_scope,
};
pub use scope::{
    Owners, PUBLIC_INTERNSHIP_STATUS, PUBLIC_PROGRAM_STATUS, Scope, audit_trail_scope,
    employer_read_scope, institution_read_scope, internship_read_scope, partnership_scope,
    program_read_scope, report_scope,
};

/// What a viewer wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See it.
    Read,
    /// Make it (the resource describes the record to be).
    Create,
    /// Change it.
    Update,
    /// Archive, suspend or end: lifecycle changes.
    Archive,
}

/// The record acted on, with the facts access depends on. For `Create`, the record to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// An institution; `active` is false once archived.
    Institution { id: Uuid, active: bool },
    /// An employer partner's profile; `active` is false when suspended or archived.
    Employer { id: Uuid, active: bool },
    /// A program of `institution` (whose own status is `institution_active`).
    Program {
        institution: Uuid,
        status: ProgramStatus,
        institution_active: bool,
    },
    /// An internship of `employer` (whose own status is `employer_active`).
    Internship {
        employer: Uuid,
        status: InternshipStatus,
        employer_active: bool,
    },
    /// The partnership between a school and an employer.
    Partnership { institution: Uuid, employer: Uuid },
    /// Audit entries about one institution, or about no institution (consortium-wide).
    AuditTrail { institution: Option<Uuid> },
    /// A graduate's whole record (`graduate` is its id), kept by `institution`.
    Graduate { graduate: Uuid, institution: Uuid },
    /// The profile and preferences a graduate keeps themselves (`updateMe`).
    OwnProfile { graduate: Uuid, institution: Uuid },
    /// A graduate's consent level, to be set to `to`.
    Consent {
        graduate: Uuid,
        institution: Uuid,
        to: ConsentLevel,
    },
    /// An application by `graduate` (of `institution`) to an internship of `employer`, moved to
    /// status `to` (for `Create`, `APPLIED`).
    Application {
        graduate: Uuid,
        institution: Uuid,
        employer: Uuid,
        to: ApplicationStatus,
    },
    /// An event hosted by `host` (whose own status is `host_active`).
    Event { host: Uuid, host_active: bool },
    /// `employer` attending an event hosted by `host`.
    EventAttendance { host: Uuid, employer: Uuid },
    /// A graduate's interest in an event.
    EventInterest { graduate: Uuid },
    /// A placement of `graduate` (of `institution`) with `employer`; `known_to_employer` when
    /// the employer knows the graduate (an applicant to it, or in its pool).
    Placement {
        graduate: Uuid,
        institution: Uuid,
        employer: Uuid,
        known_to_employer: bool,
    },
    /// The shared vocabulary (skills, EHR systems, certifications and their aliases): everyone
    /// reads it; consortium admins change it.
    Vocabulary,
}

impl Resource {
    /// The institution and the employer the record belongs to, where it has them: the audit
    /// trail files a change under them (a school admin reads the entries about their school).
    pub fn owners(&self) -> (Option<Uuid>, Option<Uuid>) {
        match *self {
            Self::Institution { id, .. } => (Some(id), None),
            Self::Employer { id, .. } => (None, Some(id)),
            Self::Internship { employer, .. } => (None, Some(employer)),
            Self::Program { institution, .. }
            | Self::Graduate { institution, .. }
            | Self::OwnProfile { institution, .. }
            | Self::Consent { institution, .. }
            | Self::Event {
                host: institution, ..
            } => (Some(institution), None),
            Self::Partnership {
                institution,
                employer,
            }
            | Self::Application {
                institution,
                employer,
                ..
            }
            | Self::Placement {
                institution,
                employer,
                ..
            }
            | Self::EventAttendance {
                host: institution,
                employer,
            } => (Some(institution), Some(employer)),
            Self::AuditTrail { institution } => (institution, None),
            Self::EventInterest { .. } | Self::Vocabulary => (None, None),
        }
    }
}

/// The refusal of a list the viewer may not read at all: without a token, sign in first
/// (`UNAUTHENTICATED`); with one, `FORBIDDEN`.
pub fn list_refusal(viewer: &Viewer) -> ApiError {
    if viewer.subject.is_none() {
        ApiError::Unauthenticated("this needs a token".into())
    } else {
        ApiError::Forbidden
    }
}

/// [`decide`] as a result: a refusal becomes the contract's error.
pub fn authorize(viewer: &Viewer, action: Action, resource: &Resource) -> ApiResult<()> {
    match decide(viewer, action, resource) {
        Decision::Allow => Ok(()),
        Decision::NotFound => Err(ApiError::NotFound),
        Decision::Forbidden => Err(ApiError::Forbidden),
    }
}

/// The answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// The viewer may not see it: answered as if it did not exist.
    NotFound,
    /// The viewer may see it but not do this.
    Forbidden,
}

/// The one-stop question: may `viewer` do `action` to `resource`?
pub fn decide(viewer: &Viewer, action: Action, resource: &Resource) -> Decision {
    if action != Action::Create && !can_read(viewer, resource) {
        return Decision::NotFound;
    }
    let allowed = match action {
        Action::Read => true,
        Action::Create | Action::Update | Action::Archive => can_write(viewer, action, resource),
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

fn is_admin(viewer: &Viewer) -> bool {
    viewer.is_consortium_admin()
}

fn administers(viewer: &Viewer, institution: Uuid) -> bool {
    viewer.admin_institutions().any(|i| i == institution)
}

fn acts_for(viewer: &Viewer, employer: Uuid) -> bool {
    viewer.employers().any(|e| e == employer)
}

fn can_read(viewer: &Viewer, resource: &Resource) -> bool {
    match *resource {
        Resource::Institution { id, active } => {
            institution_read_scope(viewer).allows(active, Some(id), None)
        }
        Resource::Employer { id, active } => {
            employer_read_scope(viewer).allows(active, None, Some(id))
        }
        Resource::Program {
            institution,
            status,
            institution_active,
        } => program_read_scope(viewer).allows(
            status == PUBLIC_PROGRAM_STATUS && institution_active,
            Some(institution),
            None,
        ),
        Resource::Internship {
            employer,
            status,
            employer_active,
        } => internship_read_scope(viewer).allows(
            status == PUBLIC_INTERNSHIP_STATUS && employer_active,
            None,
            Some(employer),
        ),
        Resource::Partnership {
            institution,
            employer,
        } => partnership_scope(viewer).allows(false, Some(institution), Some(employer)),
        Resource::Event { host, host_active } => {
            institution_read_scope(viewer).allows(host_active, Some(host), None)
        }
        // Who attends is public; the interest is the graduate's own.
        Resource::EventAttendance { .. } | Resource::Vocabulary => true,
        Resource::EventInterest { graduate } => {
            viewer.is_consortium_admin() || viewer.graduates().any(|g| g == graduate)
        }
        Resource::AuditTrail { institution } => {
            audit_trail_scope(viewer).allows(false, institution, None)
        }
        Resource::Graduate {
            graduate,
            institution,
        }
        | Resource::OwnProfile {
            graduate,
            institution,
        }
        | Resource::Consent {
            graduate,
            institution,
            ..
        } => graduates::reads_record(viewer, graduate, institution),
        Resource::Application {
            graduate,
            institution,
            employer,
            ..
        }
        | Resource::Placement {
            graduate,
            institution,
            employer,
            ..
        } => hiring::reads(viewer, graduate, institution, employer),
    }
}

fn can_write(viewer: &Viewer, action: Action, resource: &Resource) -> bool {
    if matches!(
        resource,
        Resource::Graduate { .. } | Resource::OwnProfile { .. } | Resource::Consent { .. }
    ) {
        return graduates::can_write(viewer, action, resource);
    }
    if matches!(
        resource,
        Resource::Application { .. } | Resource::Placement { .. }
    ) {
        return hiring::can_write(viewer, action, resource);
    }
    if let Resource::EventInterest { graduate } = *resource {
        return viewer.graduates().any(|g| g == graduate);
    }
    if is_admin(viewer) {
        return !matches!(resource, Resource::AuditTrail { .. });
    }
    match (*resource, action) {
        (Resource::Institution { id, .. }, Action::Update) => administers(viewer, id),
        (Resource::Employer { id, .. }, Action::Update) => acts_for(viewer, id),
        (Resource::Program { institution, .. }, _) => administers(viewer, institution),
        (Resource::Internship { employer, .. }, _) => acts_for(viewer, employer),
        (Resource::Partnership { institution, .. }, _) => administers(viewer, institution),
        (Resource::Event { host, .. }, _) => administers(viewer, host),
        (Resource::EventAttendance { host, employer }, _) => {
            acts_for(viewer, employer) || administers(viewer, host)
        }
        _ => false,
    }
}

/// The tiers of an employer's record a viewer may see beyond its public core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmployerTiers {
    /// The recruiting contact (e-mail): the employer itself, and consortium admins.
    pub contact: bool,
}

/// Which tiers of employer `employer`'s record the viewer sees.
pub fn employer_tiers(viewer: &Viewer, employer: Uuid) -> EmployerTiers {
    EmployerTiers {
        contact: viewer.is_consortium_admin() || acts_for(viewer, employer),
    }
}

/// The visibility scope under which a response for this viewer may be served from, and stored
/// in, the shared cache (part of the cache key), or `None` when it may not: only anonymous
/// responses, which by construction hold no personal data, are shared.
pub fn shared_cache_scope(viewer: &Viewer) -> Option<&'static str> {
    viewer.subject.is_none().then_some("public")
}

/// Whether a request may read the subgraph SDL (`_service { sdl }`): anyone while introspection
/// is on; with it off, only a request presenting the configured gateway secret (no one when none
/// is configured). Digests are compared, so the time taken tells nothing of the secret.
pub fn may_read_sdl(
    introspection: bool,
    secret: Option<&Secret>,
    presented: Option<&[u8]>,
) -> bool {
    if introspection {
        return true;
    }
    match (secret, presented) {
        (Some(secret), Some(presented)) => {
            Sha256::digest(secret.expose().as_bytes()) == Sha256::digest(presented)
        }
        _ => false,
    }
}
