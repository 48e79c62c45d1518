//! The demo consortium: fictional schools, employers and graduates with real CIP/SOC codes,
//! credential names and EHR systems, for `hitbridge seed --demo` and `serve --demo`.
//!
//! Deterministic and idempotent: every id is a hash of a stable name ([`ids::stable_id`]),
//! every date an offset from a fixed anchor ([`ids::ANCHOR`], 2026-09-01), random choices come
//! from a fixed-seed PRNG, and rows are inserted in one transaction with
//! `ON CONFLICT DO NOTHING`, so a second run inserts nothing and changes nothing.

mod activity;
mod employers;
mod events;
pub mod ids;
mod institutions;
mod internships;
mod names;
mod people;
pub mod personas;
mod programs;
mod rng;
mod stories;
mod vocab;

#[cfg(test)]
mod tests;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, Iterable, ModelTrait,
    TransactionTrait,
};

/// The PRNG seed of the demo data; changing it changes every generated person.
const SEED: u64 = 0x4849_5442_7269_6467;

/// Most bind parameters one INSERT may use (SQLite's historic limit is 999).
const MAX_BINDS: usize = 900;

/// Most rows per INSERT statement.
const MAX_ROWS: usize = 50;

/// How many rows of each kind one run of [`seed_demo`] newly inserted.
///
/// Counts are rows actually inserted by this run (rows already present are skipped), so a
/// second run reports all zeros.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SeedReport {
    /// Skill vocabulary (skills, standards, EHR systems).
    pub skills: u64,
    /// Certification vocabulary.
    pub certifications: u64,
    /// Other names of skills and certifications.
    pub aliases: u64,
    /// Institutions.
    pub institutions: u64,
    /// Programs.
    pub programs: u64,
    /// Program skills and EHR systems taught.
    pub program_skills: u64,
    /// Program HIT roles.
    pub program_hit_roles: u64,
    /// Employer partners.
    pub employers: u64,
    /// Employer EHR systems.
    pub employer_ehr_systems: u64,
    /// Institution–employer partnerships.
    pub partnerships: u64,
    /// Internships.
    pub internships: u64,
    /// Internship skills wanted.
    pub internship_skills: u64,
    /// Internship eligible institutions.
    pub internship_eligible_institutions: u64,
    /// Events.
    pub events: u64,
    /// Employers attending events.
    pub event_attendances: u64,
    /// Graduates.
    pub graduates: u64,
    /// Graduate skills.
    pub graduate_skills: u64,
    /// Graduate certifications.
    pub graduate_certifications: u64,
    /// Consent changes (each consenting graduate's move up from PRIVATE).
    pub consent_changes: u64,
    /// Applications.
    pub applications: u64,
    /// Application status changes.
    pub application_status_changes: u64,
    /// Placements.
    pub placements: u64,
    /// Recorded disclosures (the persona graduates').
    pub disclosures: u64,
}

impl SeedReport {
    /// All rows inserted, over every kind.
    pub fn total(&self) -> u64 {
        [
            self.skills,
            self.certifications,
            self.aliases,
            self.institutions,
            self.programs,
            self.program_skills,
            self.program_hit_roles,
            self.employers,
            self.employer_ehr_systems,
            self.partnerships,
            self.internships,
            self.internship_skills,
            self.internship_eligible_institutions,
            self.events,
            self.event_attendances,
            self.graduates,
            self.graduate_skills,
            self.graduate_certifications,
            self.consent_changes,
            self.applications,
            self.application_status_changes,
            self.placements,
            self.disclosures,
        ]
        .iter()
        .sum()
    }
}

impl std::fmt::Display for SeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} rows: {} institutions, {} programs, {} employers, {} internships, {} events, \
             {} graduates, {} applications, {} placements",
            self.total(),
            self.institutions,
            self.programs,
            self.employers,
            self.internships,
            self.events,
            self.graduates,
            self.applications,
            self.placements
        )
    }
}

/// Loads the demo consortium into `db` in one transaction; rows already present are left as
/// they are. Returns how many rows were newly inserted.
pub async fn seed_demo(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    let data = DemoData::generate();
    let txn = db.begin().await?;
    let report = data.insert(&txn).await?;
    // The vocabularies' tags and every graduate's tags, derived from the rows above.
    crate::service::vocabulary::tags::assign(&txn).await?;
    crate::service::vocabulary::tags::refresh(&txn, None).await?;
    txn.commit().await?;
    Ok(report)
}

/// Loads only the curated vocabulary (skills, EHR systems, certifications and their aliases):
/// what a consortium starts from without the demo. Idempotent. Returns (terms, aliases) newly
/// inserted.
pub async fn seed_vocabulary(db: &DatabaseConnection) -> Result<(u64, u64), DbErr> {
    let txn = db.begin().await?;
    let terms = insert_new(&txn, vocab::skills()).await?
        + insert_new(&txn, vocab::certifications()).await?;
    let aliases = insert_new(&txn, vocab::skill_aliases()).await?
        + insert_new(&txn, vocab::certification_aliases()).await?;
    crate::service::vocabulary::tags::assign(&txn).await?;
    txn.commit().await?;
    Ok((terms, aliases))
}

/// Every generated row, grouped by the module that generated it.
struct DemoData {
    skills: Vec<entity::skill::Model>,
    certifications: Vec<entity::certification::Model>,
    skill_aliases: Vec<entity::skill_alias::Model>,
    certification_aliases: Vec<entity::certification_alias::Model>,
    institutions: Vec<entity::institution::Model>,
    programs: programs::ProgramRows,
    employers: employers::EmployerRows,
    internships: internships::InternshipRows,
    events: events::EventRows,
    people: people::PeopleRows,
    activity: activity::ActivityRows,
    disclosures: Vec<entity::disclosure::Model>,
}

impl DemoData {
    /// Builds the rows; pure and deterministic.
    fn generate() -> Self {
        let mut rng = rng::SplitMix64::new(SEED);
        let mut people = people::graduates(&mut rng);
        let mut activity = activity::activity(&mut rng, &people.roster);
        let disclosures = stories::tell(&mut people, &mut activity);
        Self {
            skills: vocab::skills(),
            certifications: vocab::certifications(),
            skill_aliases: vocab::skill_aliases(),
            certification_aliases: vocab::certification_aliases(),
            institutions: institutions::institutions(),
            programs: programs::programs(),
            employers: employers::employers(),
            internships: internships::internships(),
            events: events::events(),
            people,
            activity,
            disclosures,
        }
    }

    /// Inserts every row, parents before children (fields are evaluated in source order).
    async fn insert<C: ConnectionTrait>(self, db: &C) -> Result<SeedReport, DbErr> {
        let Self {
            skills,
            certifications,
            skill_aliases,
            certification_aliases,
            institutions,
            programs,
            employers,
            internships,
            events,
            people,
            activity,
            disclosures,
        } = self;
        Ok(SeedReport {
            skills: insert_new(db, skills).await?,
            certifications: insert_new(db, certifications).await?,
            aliases: insert_new(db, skill_aliases).await?
                + insert_new(db, certification_aliases).await?,
            institutions: insert_new(db, institutions).await?,
            programs: insert_new(db, programs.programs).await?,
            program_skills: insert_new(db, programs.skills).await?,
            program_hit_roles: insert_new(db, programs.roles).await?,
            employers: insert_new(db, employers.employers).await?,
            employer_ehr_systems: insert_new(db, employers.ehr_systems).await?,
            partnerships: insert_new(db, employers.partnerships).await?,
            internships: insert_new(db, internships.internships).await?,
            internship_skills: insert_new(db, internships.skills).await?,
            internship_eligible_institutions: insert_new(db, internships.eligible).await?,
            events: insert_new(db, events.events).await?,
            event_attendances: insert_new(db, events.attendance).await?,
            graduates: insert_new(db, people.graduates).await?,
            graduate_skills: insert_new(db, people.skills).await?,
            graduate_certifications: insert_new(db, people.certifications).await?,
            consent_changes: insert_new(db, people.consent_changes).await?,
            applications: insert_new(db, activity.applications).await?,
            application_status_changes: insert_new(db, activity.status_changes).await?,
            placements: insert_new(db, activity.placements).await?,
            disclosures: insert_new(db, disclosures).await?,
        })
    }
}

/// Inserts `rows` in chunks with `ON CONFLICT DO NOTHING` (any unique key: id, slug, composite
/// key) and returns how many were actually inserted.
async fn insert_new<M, C>(db: &C, rows: Vec<M>) -> Result<u64, DbErr>
where
    M: ModelTrait + IntoActiveModel<<M::Entity as EntityTrait>::ActiveModel>,
    C: ConnectionTrait,
{
    let columns = <M::Entity as EntityTrait>::Column::iter().count().max(1);
    let per_chunk = (MAX_BINDS / columns).clamp(1, MAX_ROWS);
    let mut inserted = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk = rows
            .by_ref()
            .take(per_chunk)
            .map(IntoActiveModel::into_active_model);
        inserted += <M::Entity as EntityTrait>::insert_many(chunk)
            .on_conflict(OnConflict::new().do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(inserted)
}
