//! Graduate records: which tier of a record a viewer receives, and which lists and disclosure
//! records they reach.
//!
//! Tiers, each including the ones before it: the pool fields (ANONYMOUS consent), the profile
//! (PROFILE), the contact details (CONTACT), and the whole record with its consent and status.
//! The graduate and their school's staff read the whole record; consortium admins too, but as
//! viewers outside the school (what they receive is logged as a disclosure); an employer reads a
//! graduate only as a pool candidate: consenting, of a school that has approved it, at the tier
//! the graduate consented to.

use entity::enums::{ConsentLevel, GraduateStatus};
use uuid::Uuid;

use super::administers;
use super::scope::{Owners, Scope, institutions, schools_only};
use crate::auth::{EmployerStanding, Viewer};

/// The facts about a graduate record that access to it depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraduateFacts {
    pub id: Uuid,
    pub institution: Uuid,
    pub consent: ConsentLevel,
    pub status: GraduateStatus,
}

impl GraduateFacts {
    /// The facts of a stored record.
    pub fn of(m: &entity::graduate::Model) -> Self {
        Self {
            id: m.id,
            institution: m.institution_id,
            consent: m.consent,
            status: m.status,
        }
    }
}

/// How much of a graduate's record a viewer receives; each tier includes those before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GraduateTier {
    /// The pool fields: program, graduation, background, experience, skills, region, wishes.
    Anonymous,
    /// Plus name, headline, city, prior industry and portfolio links.
    Profile,
    /// Plus e-mail and phone.
    Contact,
    /// Everything, including consent, status and their history.
    Record,
}

/// What one viewer gets of one graduate record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraduateAccess {
    pub tier: GraduateTier,
    /// The viewer is outside the graduate's school: identifying fields that reach them are
    /// disclosures (logged, and the response carries the redisclosure notice).
    pub outside: bool,
}

/// Whether the viewer is the graduate or works at the graduate's school.
fn inside(viewer: &Viewer, graduate: Uuid, institution: Uuid) -> bool {
    viewer.graduates().any(|g| g == graduate)
        || viewer.staff_institutions().any(|i| i == institution)
}

/// Whether the viewer reads the whole record (the matrix's "graduates of X, full record").
pub(super) fn reads_record(viewer: &Viewer, graduate: Uuid, institution: Uuid) -> bool {
    viewer.is_consortium_admin() || inside(viewer, graduate, institution)
}

/// The tier a consent level opens to employers; none for PRIVATE.
pub fn consented_tier(consent: ConsentLevel) -> Option<GraduateTier> {
    match consent {
        ConsentLevel::Private => None,
        ConsentLevel::Anonymous => Some(GraduateTier::Anonymous),
        ConsentLevel::Profile => Some(GraduateTier::Profile),
        ConsentLevel::Contact => Some(GraduateTier::Contact),
    }
}

/// What `viewer` receives of a graduate record (`None`: nothing, not even that it exists).
/// `standing` is the standing of the employer the viewer acts for, if any.
pub fn graduate_access(
    viewer: &Viewer,
    standing: Option<&EmployerStanding>,
    graduate: &GraduateFacts,
) -> Option<GraduateAccess> {
    if inside(viewer, graduate.id, graduate.institution) {
        return Some(GraduateAccess {
            tier: GraduateTier::Record,
            outside: false,
        });
    }
    if viewer.is_consortium_admin() {
        return Some(GraduateAccess {
            tier: GraduateTier::Record,
            outside: true,
        });
    }
    let vetted = standing.is_some_and(|s| {
        s.active
            && viewer.employers().any(|e| e == s.employer)
            && s.approved_by.contains(&graduate.institution)
    });
    if !vetted || !super::poolable(graduate.consent, graduate.status) {
        return None;
    }
    consented_tier(graduate.consent).map(|tier| GraduateAccess {
        tier,
        outside: true,
    })
}

/// The graduates a viewer may list: consortium admins all, school staff and admins their
/// institutions'. Employers reach graduates through the candidate pool only; graduates through
/// `me`.
pub fn graduate_list_scope(viewer: &Viewer) -> Scope {
    schools_only(viewer, institutions(viewer.staff_institutions()))
}

/// The disclosure log and applications (the matrix gives both the same row): a graduate reads
/// their own, a school its graduates', an employer what it received and the applications to
/// its internships, consortium admins all.
pub fn party_scope(viewer: &Viewer) -> Scope {
    let owners = Owners {
        graduates: viewer.graduates().collect(),
        institutions: viewer.staff_institutions().collect(),
        employers: viewer.employers().collect(),
    };
    Scope::rows(viewer, false, owners)
}

/// Whether the viewer may make the write to a graduate resource (read access already checked).
pub(super) fn can_write(
    viewer: &Viewer,
    action: super::Action,
    resource: &super::Resource,
) -> bool {
    use super::{Action, Resource};
    let admin = viewer.is_consortium_admin();
    match (*resource, action) {
        (Resource::Graduate { institution, .. }, Action::Create | Action::Update) => {
            admin || viewer.staff_institutions().any(|i| i == institution)
        }
        (Resource::Graduate { institution, .. }, Action::Archive) => {
            admin || administers(viewer, institution)
        }
        (Resource::OwnProfile { graduate, .. }, Action::Update) => {
            viewer.graduates().any(|g| g == graduate)
        }
        // The graduate sets any level; their school's admins and consortium admins may only
        // take it down to PRIVATE on the graduate's behalf, never raise it.
        (
            Resource::Consent {
                graduate,
                institution,
                to,
            },
            Action::Update,
        ) => {
            viewer.graduates().any(|g| g == graduate)
                || (to == ConsentLevel::Private && (admin || administers(viewer, institution)))
        }
        _ => false,
    }
}
