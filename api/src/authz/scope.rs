//! Which rows a viewer may read, as one shape for every table: catalog rows, graduates, the
//! records between graduates and employers (disclosures, applications, placements) and the
//! candidate pool. `service::scope` is its one translator into a row filter.

use entity::enums::{InternshipStatus, ProgramStatus};
use uuid::Uuid;

use crate::auth::Viewer;

/// The parties whose rows a scope reaches: rows owned by (or about the graduates of) these
/// institutions, of these employers, about these graduates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owners {
    pub institutions: Vec<Uuid>,
    pub employers: Vec<Uuid>,
    pub graduates: Vec<Uuid>,
}

impl Owners {
    fn is_empty(&self) -> bool {
        self.institutions.is_empty() && self.employers.is_empty() && self.graduates.is_empty()
    }
}

/// Which rows of a table a viewer may read: the one shape every list, single read, nested
/// field, `_entities` lookup, party record and candidate pool turns into its row filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// None at all: a list of them is refused (FORBIDDEN), a single one is NOT_FOUND.
    Denied,
    /// The public rows (when `public`), plus the rows owned by one of `owners`.
    Rows { public: bool, owners: Owners },
    /// Every row.
    All,
}

impl Scope {
    /// Consortium admins read every row; everyone else the public ones (when `public`) and
    /// their own.
    pub(super) fn rows(viewer: &Viewer, public: bool, owners: Owners) -> Self {
        if viewer.is_consortium_admin() {
            Self::All
        } else {
            Self::Rows { public, owners }
        }
    }

    /// The rows owned by `owners` only (no public ones).
    pub(super) fn owned(owners: Owners) -> Self {
        Self::Rows {
            public: false,
            owners,
        }
    }

    /// True when the scope reaches no row at all.
    pub fn is_denied(&self) -> bool {
        match self {
            Self::Denied => true,
            Self::All => false,
            Self::Rows { public, owners } => !public && owners.is_empty(),
        }
    }

    /// Whether a row is inside the scope: `public` says whether it is a public row, and
    /// `institution` / `employer` who owns it.
    pub fn allows(&self, public: bool, institution: Option<Uuid>, employer: Option<Uuid>) -> bool {
        match self {
            Self::Denied => false,
            Self::All => true,
            Self::Rows {
                public: public_rows,
                owners,
            } => {
                (*public_rows && public)
                    || institution.is_some_and(|i| owners.institutions.contains(&i))
                    || employer.is_some_and(|e| owners.employers.contains(&e))
            }
        }
    }
}

pub(super) fn institutions(ids: impl Iterator<Item = Uuid>) -> Owners {
    Owners {
        institutions: ids.collect(),
        ..Owners::default()
    }
}

fn employers(ids: impl Iterator<Item = Uuid>) -> Owners {
    Owners {
        employers: ids.collect(),
        ..Owners::default()
    }
}

/// Programs: anyone reads published ones; staff and admins of X read X's drafts and archived
/// programs; consortium admins read all.
pub fn program_read_scope(viewer: &Viewer) -> Scope {
    Scope::rows(viewer, true, institutions(viewer.staff_institutions()))
}

/// The one program status everybody may read (while its institution is active).
pub const PUBLIC_PROGRAM_STATUS: ProgramStatus = ProgramStatus::Published;

/// Internships: anyone reads open ones; employer Y reads all of Y's; consortium admins read all.
pub fn internship_read_scope(viewer: &Viewer) -> Scope {
    Scope::rows(viewer, true, employers(viewer.employers()))
}

/// The one internship status everybody may read (while its employer is active: suspending an
/// employer takes its internships out of public view at once).
pub const PUBLIC_INTERNSHIP_STATUS: InternshipStatus = InternshipStatus::Open;

/// Institutions: anyone reads active ones; an archived one stays visible to its own staff and
/// to consortium admins.
pub fn institution_read_scope(viewer: &Viewer) -> Scope {
    Scope::rows(viewer, true, institutions(viewer.staff_institutions()))
}

/// Employer partners: anyone reads active ones; a suspended or archived one stays visible to
/// itself and to consortium admins.
pub fn employer_read_scope(viewer: &Viewer) -> Scope {
    Scope::rows(viewer, true, employers(viewer.employers()))
}

/// Audit entries: consortium admins read all; school admins those about their institutions;
/// anyone else is denied.
pub fn audit_trail_scope(viewer: &Viewer) -> Scope {
    schools_only(viewer, institutions(viewer.admin_institutions()))
}

/// Rows no one reads but consortium admins (all) and the schools in `own` (theirs): denied to
/// everyone else.
pub(super) fn schools_only(viewer: &Viewer, own: Owners) -> Scope {
    if !viewer.is_consortium_admin() && own.institutions.is_empty() {
        return Scope::Denied;
    }
    Scope::rows(viewer, false, own)
}

/// Partnerships: none is public; a school's staff and an employer read their own, consortium
/// admins all.
pub fn partnership_scope(viewer: &Viewer) -> Scope {
    let owners = Owners {
        institutions: viewer.staff_institutions().collect(),
        employers: viewer.employers().collect(),
        ..Owners::default()
    };
    Scope::rows(viewer, false, owners)
}

/// Outcome reports: school staff and admins read their institutions' figures, with small cells
/// suppressed; consortium admins read everything as it is; nobody else reads any.
pub fn report_scope(viewer: &Viewer) -> Scope {
    schools_only(viewer, institutions(viewer.staff_institutions()))
}
