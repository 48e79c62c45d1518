//! The ONE place that decides access: pure functions over (viewer, action, resource).
//!
//! Services describe the record at hand as a [`Resource`] and ask [`decide`]; lists ask for a
//! [`ReadScope`] and turn it into a row filter. Both follow the contract's matrix, so lists, single
//! reads, nested fields, federation `_entities` and mutations all get the same answer. Nothing else
//! decides access.
//!
//! Answers: a viewer who may not read a record gets `NotFound` (whether it exists is not
//! revealed); one who may read it but not change it gets `Forbidden`.

use entity::enums::{InternshipStatus, ProgramStatus};
use uuid::Uuid;

use crate::auth::Viewer;

#[cfg(test)]
mod tests;

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

fn works_at(viewer: &Viewer, institution: Uuid) -> bool {
    viewer.staff_institutions().any(|i| i == institution)
}

fn administers(viewer: &Viewer, institution: Uuid) -> bool {
    viewer.admin_institutions().any(|i| i == institution)
}

fn acts_for(viewer: &Viewer, employer: Uuid) -> bool {
    viewer.employers().any(|e| e == employer)
}

fn can_read(viewer: &Viewer, resource: &Resource) -> bool {
    match *resource {
        Resource::Institution { id, active } => institution_read_scope(viewer).allows(active, id),
        Resource::Employer { id, active } => employer_read_scope(viewer).allows(active, id),
        Resource::Program {
            institution,
            status,
            institution_active,
        } => program_read_scope(viewer).allows(
            status == PUBLIC_PROGRAM_STATUS && institution_active,
            institution,
        ),
        Resource::Internship {
            employer,
            status,
            employer_active,
        } => internship_read_scope(viewer).allows(
            status == PUBLIC_INTERNSHIP_STATUS && employer_active,
            employer,
        ),
        Resource::Partnership {
            institution,
            employer,
        } => is_admin(viewer) || works_at(viewer, institution) || acts_for(viewer, employer),
        Resource::AuditTrail { institution } => {
            is_admin(viewer) || institution.is_some_and(|i| administers(viewer, i))
        }
    }
}

fn can_write(viewer: &Viewer, action: Action, resource: &Resource) -> bool {
    if is_admin(viewer) {
        return !matches!(resource, Resource::AuditTrail { .. });
    }
    match (*resource, action) {
        (Resource::Institution { id, .. }, Action::Update) => administers(viewer, id),
        (Resource::Employer { id, .. }, Action::Update) => acts_for(viewer, id),
        (Resource::Program { institution, .. }, _) => administers(viewer, institution),
        (Resource::Internship { employer, .. }, _) => acts_for(viewer, employer),
        (Resource::Partnership { institution, .. }, _) => administers(viewer, institution),
        _ => false,
    }
}

/// Which rows of a catalog table a viewer may read beyond the public ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadScope {
    /// Only the public rows (published programs, open internships).
    PublicOnly,
    /// Public rows, plus every row owned by one of these institutions or employers.
    PublicAndOwned(Vec<Uuid>),
    /// Every row.
    All,
}

impl ReadScope {
    fn from_owned(viewer: &Viewer, owned: Vec<Uuid>) -> Self {
        if viewer.is_consortium_admin() {
            Self::All
        } else if owned.is_empty() {
            Self::PublicOnly
        } else {
            Self::PublicAndOwned(owned)
        }
    }

    /// Whether a row with this public flag and owner is inside the scope.
    pub fn allows(&self, public: bool, owner: Uuid) -> bool {
        match self {
            Self::All => true,
            Self::PublicOnly => public,
            Self::PublicAndOwned(owners) => public || owners.contains(&owner),
        }
    }
}

/// Programs: anyone reads published ones; staff and admins of X read X's drafts and archived
/// programs; consortium admins read all.
pub fn program_read_scope(viewer: &Viewer) -> ReadScope {
    ReadScope::from_owned(viewer, viewer.staff_institutions().collect())
}

/// The one program status everybody may read (while its institution is active).
pub const PUBLIC_PROGRAM_STATUS: ProgramStatus = ProgramStatus::Published;

/// Internships: anyone reads open ones; employer Y reads all of Y's; consortium admins read all.
pub fn internship_read_scope(viewer: &Viewer) -> ReadScope {
    ReadScope::from_owned(viewer, viewer.employers().collect())
}

/// The one internship status everybody may read (while its employer is active: suspending an
/// employer takes its internships out of public view at once).
pub const PUBLIC_INTERNSHIP_STATUS: InternshipStatus = InternshipStatus::Open;

/// Institutions: anyone reads active ones; an archived one stays visible to its own staff and
/// to consortium admins.
pub fn institution_read_scope(viewer: &Viewer) -> ReadScope {
    ReadScope::from_owned(viewer, viewer.staff_institutions().collect())
}

/// Employer partners: anyone reads active ones; a suspended or archived one stays visible to
/// itself and to consortium admins.
pub fn employer_read_scope(viewer: &Viewer) -> ReadScope {
    ReadScope::from_owned(viewer, viewer.employers().collect())
}

/// Audit entries a viewer may list: `None` = all (consortium admins); otherwise those about
/// these institutions (school admins' own; empty = none, answered FORBIDDEN).
pub fn audit_trail_scope(viewer: &Viewer) -> Option<Vec<Uuid>> {
    (!viewer.is_consortium_admin()).then(|| viewer.admin_institutions().collect())
}

/// Partnerships a viewer may list: `None` = all; otherwise those of these institutions or
/// employers (empty = none).
pub fn partnership_scope(viewer: &Viewer) -> Option<(Vec<Uuid>, Vec<Uuid>)> {
    (!viewer.is_consortium_admin()).then(|| {
        (
            viewer.staff_institutions().collect(),
            viewer.employers().collect(),
        )
    })
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
