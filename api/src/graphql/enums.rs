//! GraphQL mirrors of the storage enums (API types are not entities: a renamed variant in
//! storage must not silently rename a public enum value).

use async_graphql::Enum;

/// What kind of school an institution is.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::InstitutionKind")]
pub enum InstitutionKind {
    /// Research university.
    ResearchUniversity,
    /// University.
    University,
    /// Community college.
    CommunityCollege,
    /// Technical college.
    TechnicalCollege,
    /// Workforce program.
    WorkforceProgram,
}

/// Whether a record is in use or kept only for history.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::RecordStatus")]
pub enum RecordStatus {
    /// Active.
    Active,
    /// Archived.
    Archived,
}

/// The award a program leads to.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Credential")]
pub enum Credential {
    /// Certificate.
    Certificate,
    /// Associate.
    Associate,
    /// Bachelor.
    Bachelor,
    /// Master.
    Master,
    /// Graduate certificate.
    GraduateCertificate,
}

/// How a program is delivered.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Modality")]
pub enum Modality {
    /// In person.
    InPerson,
    /// Online.
    Online,
    /// Hybrid.
    Hybrid,
}

/// Publication state of a program; only PUBLISHED programs are public.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ProgramStatus")]
pub enum ProgramStatus {
    /// Draft.
    Draft,
    /// Published.
    Published,
    /// Archived.
    Archived,
}

/// The six HITECH-era health IT workforce roles (the CHTS credentials).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::HitRole")]
pub enum HitRole {
    /// Practice workflow redesign.
    PracticeWorkflowRedesign,
    /// Clinician consultant.
    ClinicianConsultant,
    /// Implementation support.
    ImplementationSupport,
    /// Implementation manager.
    ImplementationManager,
    /// Technical support.
    TechnicalSupport,
    /// Trainer.
    Trainer,
}

/// Which vocabulary a skill belongs to.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::SkillKind")]
pub enum SkillKind {
    /// Technical.
    Technical,
    /// An EHR system (Epic, MEDITECH, ...).
    EhrSystem,
    /// Standard.
    Standard,
    /// Professional.
    Professional,
}

/// What kind of organisation an employer partner is.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EmployerKind")]
pub enum EmployerKind {
    /// Hospital.
    Hospital,
    /// Critical access hospital.
    CriticalAccessHospital,
    /// Clinic.
    Clinic,
    /// Physician practice.
    PhysicianPractice,
    /// Vendor.
    Vendor,
    /// Payer.
    Payer,
    /// Public health.
    PublicHealth,
}

/// Whether an employer partner is active; suspended employers are hidden everywhere.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EmployerStatus")]
pub enum EmployerStatus {
    /// Active.
    Active,
    /// Suspended.
    Suspended,
    /// Archived.
    Archived,
}

/// Lifecycle of an internship; only OPEN internships are public.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::InternshipStatus")]
pub enum InternshipStatus {
    /// Draft.
    Draft,
    /// Open.
    Open,
    /// Closed.
    Closed,
    /// Archived.
    Archived,
}

/// Where an internship's work is done.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::WorkMode")]
pub enum WorkMode {
    /// At the work site.
    OnSite,
    /// Partly at the site, partly remote.
    Hybrid,
    /// Entirely remote.
    Remote,
}

/// How an intern is paid.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Pay")]
pub enum Pay {
    /// Not paid (for example for academic credit).
    Unpaid,
    /// An hourly wage (`payCents` is the rate per hour).
    Hourly,
    /// A fixed stipend (`payCents` is the whole amount).
    Stipend,
}

/// Where an application stands. APPLIED → SCREENING → INTERVIEW → OFFERED → ACCEPTED or
/// DECLINED; REJECTED or WITHDRAWN from any open state; COMPLETED after ACCEPTED.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ApplicationStatus")]
pub enum ApplicationStatus {
    /// Sent by the graduate.
    Applied,
    /// The employer is reviewing it.
    Screening,
    /// In the interview stage.
    Interview,
    /// The employer made an offer.
    Offered,
    /// The graduate accepted the offer.
    Accepted,
    /// The graduate declined the offer.
    Declined,
    /// The employer turned it down.
    Rejected,
    /// The graduate withdrew it.
    Withdrawn,
    /// The internship was done.
    Completed,
}

/// The kind of engagement a placement is.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EmploymentType")]
pub enum EmploymentType {
    /// An internship.
    Internship,
    /// A full-time position.
    FullTime,
    /// A part-time position.
    PartTime,
}

/// Whether an event still takes place.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EventStatus")]
pub enum EventStatus {
    /// It takes place as announced.
    Scheduled,
    /// Its host cancelled it.
    Cancelled,
}

/// What kind of event it is.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EventKind")]
pub enum EventKind {
    /// Job fair.
    JobFair,
    /// Info session.
    InfoSession,
    /// Workshop.
    Workshop,
    /// Networking.
    Networking,
}

/// Where a school's approval of an employer stands; only ACTIVE partnerships open pools.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::PartnershipStatus")]
pub enum PartnershipStatus {
    /// Asked for, not yet approved.
    Pending,
    /// Approved: the school's consenting graduates reach this employer.
    Active,
    /// Ended.
    Ended,
}

/// The term in which a graduate completes.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::GraduationTerm")]
pub enum GraduationTerm {
    /// Spring.
    Spring,
    /// Summer.
    Summer,
    /// Fall.
    Fall,
}

/// What a graduate brings to health IT: the routes in differ, and so do the employers' needs.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Background")]
pub enum Background {
    /// Clinical (nurses, medical assistants, technologists).
    Clinical,
    /// Information technology.
    It,
    /// Both clinical and IT.
    ClinicalAndIt,
    /// From another industry.
    CareerChanger,
    /// No prior professional experience.
    NewGraduate,
}

/// How much of their record a graduate lets employers see.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ConsentLevel")]
pub enum ConsentLevel {
    /// In no candidate pool (the default for every new or imported record).
    Private,
    /// In pools with the pool fields only: program, graduation, background, experience, skills,
    /// EHR systems, certifications, region, rural, relocation, seeking, available from.
    Anonymous,
    /// Plus name, headline, city, prior industry and portfolio links.
    Profile,
    /// Plus e-mail and phone.
    Contact,
}

/// Where a graduate's job search stands.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::GraduateStatus")]
pub enum GraduateStatus {
    /// Looking for an internship or position.
    Seeking,
    /// Placed.
    Placed,
    /// Archived by the school: in no list or pool.
    Archived,
}

/// In which capacity someone changed a graduate's consent.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ConsentSetter")]
pub enum ConsentSetter {
    /// The graduate.
    Graduate,
    /// A school admin of the graduate's institution (only ever to PRIVATE).
    SchoolAdmin,
    /// A consortium admin (only ever to PRIVATE).
    ConsortiumAdmin,
}

/// A kind of position a graduate is looking for.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Seeking {
    /// An internship: a first experience.
    Internship,
    /// A full-time position.
    FullTime,
    /// A part-time position.
    PartTime,
}

/// How much of a graduate's record the viewer receives.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::authz::GraduateTier")]
pub enum GraduateTier {
    /// The pool fields only.
    Anonymous,
    /// Plus the profile.
    Profile,
    /// Plus e-mail and phone.
    Contact,
    /// The whole record (the graduate, their school, consortium admins).
    Record,
}
