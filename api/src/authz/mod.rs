//! The ONE place that decides access: pure functions over (viewer, action, resource).
//!
//! Services ask these functions and apply the answer (as a row filter for lists, or as a yes/no
//! for a single record); no resolver or service decides access by itself. Read scopes are
//! returned as data so that lists, single reads, nested fields and federation `_entities` all
//! filter the same way.

use entity::enums::{InternshipStatus, ProgramStatus};
use uuid::Uuid;

use crate::auth::Viewer;

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

/// The one program status everybody may read.
pub const PUBLIC_PROGRAM_STATUS: ProgramStatus = ProgramStatus::Published;

/// Internships: anyone reads open ones; employer Y reads all of Y's; consortium admins read all.
pub fn internship_read_scope(viewer: &Viewer) -> ReadScope {
    ReadScope::from_owned(viewer, viewer.employers().collect())
}

/// The one internship status everybody may read.
pub const PUBLIC_INTERNSHIP_STATUS: InternshipStatus = InternshipStatus::Open;

/// Archived institutions and suspended or archived employers are hidden from everyone but
/// consortium admins.
pub fn sees_inactive_records(viewer: &Viewer) -> bool {
    viewer.is_consortium_admin()
}

/// Whether a response for this viewer may be served from, and stored in, the shared cache:
/// only anonymous responses, which by construction hold no personal data.
pub fn may_use_shared_cache(viewer: &Viewer) -> bool {
    viewer.subject.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Grant;

    #[test]
    fn anonymous_sees_only_public_programs() {
        let scope = program_read_scope(&Viewer::anonymous());
        let school = Uuid::from_u128(1);
        assert!(scope.allows(true, school));
        assert!(!scope.allows(false, school));
    }

    #[test]
    fn staff_see_their_own_drafts_only() {
        let (mine, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let staff = Viewer::new("s", vec![Grant::SchoolStaff { institution: mine }]);
        let scope = program_read_scope(&staff);
        assert!(scope.allows(false, mine));
        assert!(!scope.allows(false, other));
    }

    #[test]
    fn consortium_admin_sees_everything() {
        let admin = Viewer::new("a", vec![Grant::ConsortiumAdmin]);
        assert_eq!(program_read_scope(&admin), ReadScope::All);
        assert_eq!(internship_read_scope(&admin), ReadScope::All);
    }
}
