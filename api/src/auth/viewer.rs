//! Who is asking: the verified subject and the grants their token carries.

use uuid::Uuid;

/// One role grant, already resolved to the record it is scoped to.
///
/// Grants naming an unknown institution or employer never become a `Grant`: they confer nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// Manages the whole consortium.
    ConsortiumAdmin,
    /// Manages one institution.
    SchoolAdmin { institution: Uuid },
    /// Works at one institution (reads its non-public records).
    SchoolStaff { institution: Uuid },
    /// Acts for one employer partner.
    Employer { employer: Uuid },
    /// Is one graduate.
    Graduate { graduate: Uuid },
}

/// The organisation a subject acts for, as records of what they did name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Organisation {
    Institution { id: Uuid, slug: String },
    Employer { id: Uuid, slug: String },
}

/// The caller of one request. Anonymous when no token was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    /// The token's `sub`; `None` for anonymous callers.
    pub subject: Option<String>,
    /// The grants that resolved to existing records.
    pub grants: Vec<Grant>,
    /// The subject's organisation: the employer it acts for if any (disclosures are about
    /// employers), else the first school it works at; none for graduates, admins, anonymous.
    pub organisation: Option<Organisation>,
}

impl Viewer {
    /// A caller without a token.
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// A verified caller with the grants that resolved.
    pub fn new(subject: impl Into<String>, grants: Vec<Grant>) -> Self {
        Self {
            subject: Some(subject.into()),
            grants,
            organisation: None,
        }
    }

    /// The same viewer, naming its organisation.
    pub fn with_organisation(mut self, organisation: Option<Organisation>) -> Self {
        self.organisation = organisation;
        self
    }

    /// True for consortium admins.
    pub fn is_consortium_admin(&self) -> bool {
        self.grants.contains(&Grant::ConsortiumAdmin)
    }

    /// Institutions this viewer administers (school admin grants).
    pub fn admin_institutions(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.grants.iter().filter_map(|g| match g {
            Grant::SchoolAdmin { institution } => Some(*institution),
            _ => None,
        })
    }

    /// Institutions this viewer works for, as staff or admin.
    pub fn staff_institutions(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.grants.iter().filter_map(|g| match g {
            Grant::SchoolAdmin { institution } | Grant::SchoolStaff { institution } => {
                Some(*institution)
            }
            _ => None,
        })
    }

    /// Employers this viewer acts for.
    pub fn employers(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.grants.iter().filter_map(|g| match g {
            Grant::Employer { employer } => Some(*employer),
            _ => None,
        })
    }

    /// The graduate records this viewer is.
    pub fn graduates(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.grants.iter().filter_map(|g| match g {
            Grant::Graduate { graduate } => Some(*graduate),
            _ => None,
        })
    }
}
