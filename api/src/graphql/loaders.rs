//! The batched reads: every relation field goes through one (see `batch`), so a nested query
//! costs one statement per level, not one per row.
//!
//! One [`DbLoader`] per operation holds the database and the operation's [`Caller`], so batched
//! reads apply the same authorization as root queries. Each key type below is one relation.

use async_graphql::dataloader::Loader;
use entity::enums::HitRole;
use entity::{event, institution, internship, program, skill};
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

use crate::auth::Caller;
use crate::service::{self, Page, PageRequest};

/// Batches the reads of one request.
pub struct DbLoader {
    pub db: DatabaseConnection,
    pub caller: Arc<Caller>,
}

/// Creates the batcher for one request (run its execution with `batch::run`).
pub fn for_request(db: DatabaseConnection, caller: Arc<Caller>) -> super::batch::Batcher {
    super::batch::Batcher::new(DbLoader { db, caller })
}

/// Declares a key type and its `Loader` impl: `key_type => value, |loader, ids| batch call`.
macro_rules! relation {
    ($(#[$doc:meta])* $key:ident => $value:ty, |$loader:ident, $ids:ident| $load:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid);

        impl Loader<$key> for DbLoader {
            type Value = $value;
            type Error = async_graphql::Error;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, Self::Error> {
                let $loader = self;
                let $ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
                let found: HashMap<Uuid, $value> = $load.await?;
                Ok(found.into_iter().map(|(k, v)| ($key(k), v)).collect())
            }
        }
    };
}

/// Declares a nested connection's key type and its `Loader` impl: the key is a parent id and the
/// page asked for; the parents that ask for the same page are paged in one statement.
macro_rules! paged_relation {
    ($(#[$doc:meta])* $key:ident => $model:ty, |$loader:ident, $ids:ident, $page:ident| $load:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid, pub PageRequest);

        impl Loader<$key> for DbLoader {
            type Value = Page<$model>;
            type Error = async_graphql::Error;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Page<$model>>, Self::Error> {
                let $loader = self;
                let mut by_page: HashMap<&PageRequest, Vec<Uuid>> = HashMap::new();
                for key in keys {
                    by_page.entry(&key.1).or_default().push(key.0);
                }
                let mut pages = HashMap::new();
                for ($page, $ids) in by_page {
                    let found: HashMap<Uuid, Page<$model>> = $load.await?;
                    pages.extend(found.into_iter().map(|(id, page)| ($key(id, $page.clone()), page)));
                }
                Ok(pages)
            }
        }
    };
}

relation!(
    /// An institution by id (hidden institutions are absent).
    InstitutionById => institution::Model,
    |l, ids| service::institutions::by_ids(&l.db, &l.caller, &ids)
);
relation!(
    /// An employer partner by id (hidden employers are absent).
    EmployerById => service::employers::EmployerView,
    |l, ids| service::employers::by_ids(&l.db, &l.caller, &ids)
);
relation!(
    /// A program by id (hidden programs are absent).
    ProgramById => program::Model,
    |l, ids| service::programs::by_ids(&l.db, &l.caller, &ids)
);
relation!(
    /// An internship by id (hidden internships are absent).
    InternshipById => internship::Model,
    |l, ids| service::internships::by_ids(&l.db, &l.caller, &ids)
);
paged_relation!(
    /// A page of the programs of an institution that the viewer may see.
    ProgramsOfInstitution => program::Model,
    |l, ids, page| service::programs::page_by_institutions(&l.db, &l.caller, &ids, page)
);
relation!(
    /// The HIT roles a program prepares for.
    HitRolesOfProgram => Vec<HitRole>,
    |l, ids| service::programs::hit_roles(&l.db, &ids)
);
relation!(
    /// The skills and EHR systems a program teaches.
    SkillsOfProgram => Vec<skill::Model>,
    |l, ids| service::related::program_skills(&l.db, &l.caller, &ids)
);
paged_relation!(
    /// A page of the internships of an employer that the viewer may see.
    InternshipsOfEmployer => internship::Model,
    |l, ids, page| service::internships::page_by_employers(&l.db, &l.caller, &ids, page)
);
relation!(
    /// The skills and EHR systems an internship asks for.
    SkillsOfInternship => Vec<skill::Model>,
    |l, ids| service::related::internship_skills(&l.db, &l.caller, &ids)
);
relation!(
    /// The institutions whose graduates may apply to an internship.
    EligibleInstitutionsOfInternship => Vec<Uuid>,
    |l, ids| service::related::internship_eligible_institutions(&l.db, &ids)
);
relation!(
    /// The EHR systems an employer uses.
    EhrSystemsOfEmployer => Vec<skill::Model>,
    |l, ids| service::related::employer_ehr_systems(&l.db, &l.caller, &ids)
);
relation!(
    /// The employers attending an event.
    AttendeesOfEvent => Vec<service::employers::EmployerView>,
    |l, ids| service::related::event_attendees(&l.db, &l.caller, &ids)
);
relation!(
    /// The upcoming events an institution hosts.
    EventsOfInstitution => Vec<event::Model>,
    |l, ids| service::events::by_hosts(&l.db, &l.caller, &ids, chrono::Utc::now())
);
relation!(
    /// A graduate by id, masked for the viewer (graduates the viewer may not see are absent).
    GraduateById => service::graduates::GraduateView,
    |l, ids| service::graduates::by_ids(&l.db, &l.caller, &ids)
);
relation!(
    /// The skills and EHR systems a graduate has.
    SkillsOfGraduate => Vec<skill::Model>,
    |l, ids| service::graduates::skills(&l.db, &ids)
);
relation!(
    /// The certifications a graduate holds.
    CertificationsOfGraduate => Vec<service::graduates::HeldCertification>,
    |l, ids| service::graduates::certifications(&l.db, &ids)
);
relation!(
    /// A graduate's consent changes, oldest first (for viewers of the whole record).
    ConsentHistoryOfGraduate => Vec<entity::consent_change::Model>,
    |l, ids| service::graduates::consent_history(&l.db, &l.caller, &ids)
);
relation!(
    /// The applicant of an application, masked for the viewer as an applicant.
    ApplicantOfApplication => service::graduates::GraduateView,
    |l, ids| service::applications::applicants(&l.db, &l.caller, &ids)
);
relation!(
    /// An application's moves, oldest first.
    HistoryOfApplication => Vec<entity::application_status_change::Model>,
    |l, ids| service::applications::history(&l.db, &l.caller, &ids)
);
relation!(
    /// Graduates' interest in an event: how many, and whether the caller is one.
    InterestInEvent => (i64, bool),
    |l, ids| service::events::interest(&l.db, &l.caller, &ids)
);
relation!(
    /// The aliases of a skill or a certification.
    AliasesOfTerm => Vec<String>,
    |l, ids| service::vocabulary::aliases(&l.db, &ids)
);
