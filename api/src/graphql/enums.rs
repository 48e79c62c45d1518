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
