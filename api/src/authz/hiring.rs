//! Hiring: applications and placements. Who reads them, who moves an application to which
//! status, who records a placement, what an employer receives of an applicant, and which
//! internships a school or a graduate reads through applications.
//!
//! The graduate makes the moves that are theirs to make (apply, accept or decline an offer,
//! withdraw), the employer the hiring steps (screening, interview, offer, rejection, completion);
//! consortium admins may make any; the graduate's school reads but does not move them. A
//! placement is recorded by the graduate's school, by the employer that hired them (when it
//! knows the graduate: an applicant to it, or in its pool), or by consortium admins.

use entity::enums::{ApplicationStatus, GraduateStatus};
use uuid::Uuid;

use super::graduates::{GraduateAccess, GraduateFacts, GraduateTier};
use super::scope::{Owners, Scope};
use super::{Action, Resource, acts_for};
use crate::auth::{EmployerStanding, Viewer};

/// Whether the viewer is a party to an application or placement (or a consortium admin).
pub(super) fn reads(viewer: &Viewer, graduate: Uuid, institution: Uuid, employer: Uuid) -> bool {
    viewer.is_consortium_admin()
        || viewer.graduates().any(|g| g == graduate)
        || viewer.staff_institutions().any(|i| i == institution)
        || acts_for(viewer, employer)
}

/// The statuses the graduate moves an application to; the employer moves it to the others.
const GRADUATE_MOVES: [ApplicationStatus; 3] = [
    ApplicationStatus::Accepted,
    ApplicationStatus::Declined,
    ApplicationStatus::Withdrawn,
];

/// Whether the viewer may make the write to an application or placement (read access already
/// checked for updates).
pub(super) fn can_write(viewer: &Viewer, action: Action, resource: &Resource) -> bool {
    let admin = viewer.is_consortium_admin();
    match (*resource, action) {
        (
            Resource::Application {
                graduate,
                employer,
                to,
                ..
            },
            _,
        ) => {
            let own = viewer.graduates().any(|g| g == graduate);
            match action {
                Action::Create => own && to == ApplicationStatus::Applied,
                Action::Update if GRADUATE_MOVES.contains(&to) => own || admin,
                Action::Update => acts_for(viewer, employer) || admin,
                Action::Read | Action::Archive => false,
            }
        }
        (
            Resource::Placement {
                institution,
                employer,
                known_to_employer,
                ..
            },
            Action::Create,
        ) => {
            admin
                || viewer.staff_institutions().any(|i| i == institution)
                || (known_to_employer && acts_for(viewer, employer))
        }
        _ => false,
    }
}

/// Applications that no longer share the applicant with the employer: the graduate withdrew
/// or declined the offer, or the employer rejected them.
const ENDED: [ApplicationStatus; 3] = [
    ApplicationStatus::Withdrawn,
    ApplicationStatus::Declined,
    ApplicationStatus::Rejected,
];

/// What a viewer receives of an applicant to an internship of `employer`: what they receive of
/// the graduate anyway (for an employer, the tier their pool consent gives), and, for the
/// employer applied to, the profile and contact tiers while the application shares them:
/// applying is the graduate's consent to share them with that employer while the graduate is
/// not archived, the graduate's school approves the (active) employer, and the application has
/// not ended (withdrawn, declined or rejected). The employer is outside the school, so what it receives is
/// logged.
pub fn applicant_access(
    viewer: &Viewer,
    standing: Option<&EmployerStanding>,
    graduate: &GraduateFacts,
    employer: Uuid,
    status: ApplicationStatus,
) -> Option<GraduateAccess> {
    let anyway = super::graduate_access(viewer, standing, graduate);
    let applied_to = standing.is_some_and(|s| {
        s.active
            && s.employer == employer
            && acts_for(viewer, employer)
            && s.approved_by.contains(&graduate.institution)
    });
    let shares =
        applied_to && graduate.status != GraduateStatus::Archived && !ENDED.contains(&status);
    let as_applicant = shares.then_some(GraduateAccess {
        tier: GraduateTier::Contact,
        outside: true,
    });
    match (anyway, as_applicant) {
        (Some(a), Some(b)) if b.tier > a.tier => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// Beyond `internship_read_scope`: the internships that the applications of these graduates
/// (their own) and of these institutions' graduates (their school's staff) point at, open or
/// not.
pub fn internships_applied_from(viewer: &Viewer) -> Scope {
    Scope::owned(Owners {
        graduates: viewer.graduates().collect(),
        institutions: viewer.staff_institutions().collect(),
        ..Owners::default()
    })
}

/// Whether the viewer sees who (which token subject) moved an application or recorded a
/// placement: consortium admins only; a subject can be a person's e-mail address.
pub fn sees_actors(viewer: &Viewer) -> bool {
    viewer.is_consortium_admin()
}
