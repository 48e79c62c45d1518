//! String-backed enums used by the entities.
//!
//! Every enum is stored as a `varchar(32)` holding its snake_case value, so the schema stays
//! portable between SQLite and PostgreSQL and a new variant needs no migration.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What kind of school or training provider an institution is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// A doctoral research university.
    #[sea_orm(string_value = "research_university")]
    ResearchUniversity,
    /// A four-year university or college.
    #[sea_orm(string_value = "university")]
    University,
    /// A two-year community college.
    #[sea_orm(string_value = "community_college")]
    CommunityCollege,
    /// A technical or vocational college.
    #[sea_orm(string_value = "technical_college")]
    TechnicalCollege,
    /// A non-degree workforce training program.
    #[sea_orm(string_value = "workforce_program")]
    WorkforceProgram,
}

/// Lifecycle of a reference record such as an institution.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Visible and in use.
    #[sea_orm(string_value = "active")]
    Active,
    /// Kept for history, hidden from listings.
    #[sea_orm(string_value = "archived")]
    Archived,
}

/// The award a program leads to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Credential {
    /// A certificate of completion.
    #[sea_orm(string_value = "certificate")]
    Certificate,
    /// An associate degree.
    #[sea_orm(string_value = "associate")]
    Associate,
    /// A bachelor's degree.
    #[sea_orm(string_value = "bachelor")]
    Bachelor,
    /// A master's degree.
    #[sea_orm(string_value = "master")]
    Master,
    /// A post-baccalaureate graduate certificate.
    #[sea_orm(string_value = "graduate_certificate")]
    GraduateCertificate,
}

/// How a program is delivered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Taught on campus.
    #[sea_orm(string_value = "in_person")]
    InPerson,
    /// Taught fully online.
    #[sea_orm(string_value = "online")]
    Online,
    /// A mix of on-campus and online teaching.
    #[sea_orm(string_value = "hybrid")]
    Hybrid,
}

/// Publication state of a program.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ProgramStatus {
    /// Being edited; visible only to its institution.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Publicly listed.
    #[sea_orm(string_value = "published")]
    Published,
    /// No longer offered.
    #[sea_orm(string_value = "archived")]
    Archived,
}

/// The health-IT workforce roles a program prepares for or an internship offers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum HitRole {
    /// Practice workflow and information management redesign specialist.
    #[sea_orm(string_value = "practice_workflow_redesign")]
    PracticeWorkflowRedesign,
    /// Clinician or practitioner consultant.
    #[sea_orm(string_value = "clinician_consultant")]
    ClinicianConsultant,
    /// Implementation support specialist.
    #[sea_orm(string_value = "implementation_support")]
    ImplementationSupport,
    /// Implementation manager.
    #[sea_orm(string_value = "implementation_manager")]
    ImplementationManager,
    /// Technical or software support staff.
    #[sea_orm(string_value = "technical_support")]
    TechnicalSupport,
    /// Trainer of health-IT systems.
    #[sea_orm(string_value = "trainer")]
    Trainer,
}

/// Category of a skill.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    /// A general technical skill.
    #[sea_orm(string_value = "technical")]
    Technical,
    /// Experience with a specific EHR system.
    #[sea_orm(string_value = "ehr_system")]
    EhrSystem,
    /// A health data standard (e.g. HL7 FHIR).
    #[sea_orm(string_value = "standard")]
    Standard,
    /// A professional or soft skill.
    #[sea_orm(string_value = "professional")]
    Professional,
}

/// Academic term in which a graduate completes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum GraduationTerm {
    /// Spring term.
    #[sea_orm(string_value = "spring")]
    Spring,
    /// Summer term.
    #[sea_orm(string_value = "summer")]
    Summer,
    /// Fall term.
    #[sea_orm(string_value = "fall")]
    Fall,
}

/// Prior experience a graduate brings to health IT.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Background {
    /// Clinical background.
    #[sea_orm(string_value = "clinical")]
    Clinical,
    /// Information-technology background.
    #[sea_orm(string_value = "it")]
    It,
    /// Both clinical and IT background.
    #[sea_orm(string_value = "clinical_and_it")]
    ClinicalAndIt,
    /// Coming from an unrelated industry.
    #[sea_orm(string_value = "career_changer")]
    CareerChanger,
    /// No prior professional experience.
    #[sea_orm(string_value = "new_graduate")]
    NewGraduate,
}

/// How much of a graduate's profile may be shown to employers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ConsentLevel {
    /// In no candidate pool (the default).
    #[sea_orm(string_value = "private")]
    Private,
    /// In pools with program, term, skills, certifications and region; no name or contact.
    #[sea_orm(string_value = "anonymous")]
    Anonymous,
    /// As anonymous, plus name and profile.
    #[sea_orm(string_value = "profile")]
    Profile,
    /// As profile, plus email and phone.
    #[sea_orm(string_value = "contact")]
    Contact,
}

/// Job-search state of a graduate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum GraduateStatus {
    /// Looking for an internship or position.
    #[sea_orm(string_value = "seeking")]
    Seeking,
    /// Has been placed.
    #[sea_orm(string_value = "placed")]
    Placed,
    /// Archived by the school: kept for its records and the disclosure log, in no list or pool.
    #[sea_orm(string_value = "archived")]
    Archived,
}

/// In which capacity someone changed a graduate's consent level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ConsentSetter {
    /// The graduate, for themselves.
    #[sea_orm(string_value = "graduate")]
    Graduate,
    /// A school admin of the graduate's institution, on the graduate's behalf (only ever lowers it).
    #[sea_orm(string_value = "school_admin")]
    SchoolAdmin,
    /// A consortium admin, on the graduate's behalf (only ever lowers it).
    #[sea_orm(string_value = "consortium_admin")]
    ConsortiumAdmin,
}

/// What kind of organisation an employer partner is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum EmployerKind {
    /// A hospital.
    #[sea_orm(string_value = "hospital")]
    Hospital,
    /// A critical access hospital.
    #[sea_orm(string_value = "critical_access_hospital")]
    CriticalAccessHospital,
    /// A clinic or health center.
    #[sea_orm(string_value = "clinic")]
    Clinic,
    /// A physician practice.
    #[sea_orm(string_value = "physician_practice")]
    PhysicianPractice,
    /// A health-IT vendor.
    #[sea_orm(string_value = "vendor")]
    Vendor,
    /// A health plan or payer.
    #[sea_orm(string_value = "payer")]
    Payer,
    /// A public-health agency.
    #[sea_orm(string_value = "public_health")]
    PublicHealth,
}

/// Lifecycle of an employer partner account.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum EmployerStatus {
    /// In good standing.
    #[sea_orm(string_value = "active")]
    Active,
    /// Temporarily blocked from acting.
    #[sea_orm(string_value = "suspended")]
    Suspended,
    /// Kept for history, hidden from listings.
    #[sea_orm(string_value = "archived")]
    Archived,
}

/// State of a partnership between an institution and an employer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum PartnershipStatus {
    /// Proposed, not yet confirmed.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// In force.
    #[sea_orm(string_value = "active")]
    Active,
    /// No longer in force.
    #[sea_orm(string_value = "ended")]
    Ended,
}

/// Where an internship's work is done.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum WorkMode {
    /// At the work site.
    #[sea_orm(string_value = "on_site")]
    OnSite,
    /// Partly at the site, partly remote.
    #[sea_orm(string_value = "hybrid")]
    Hybrid,
    /// Entirely remote.
    #[sea_orm(string_value = "remote")]
    Remote,
}

/// How an intern is paid.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum Pay {
    /// Not paid.
    #[sea_orm(string_value = "unpaid")]
    Unpaid,
    /// An hourly wage.
    #[sea_orm(string_value = "hourly")]
    Hourly,
    /// A fixed stipend for the whole internship.
    #[sea_orm(string_value = "stipend")]
    Stipend,
}

/// Publication state of an internship.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum InternshipStatus {
    /// Being edited; not yet visible.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Accepting applications.
    #[sea_orm(string_value = "open")]
    Open,
    /// No longer accepting applications.
    #[sea_orm(string_value = "closed")]
    Closed,
    /// Kept for history, hidden from listings.
    #[sea_orm(string_value = "archived")]
    Archived,
}

/// Where an internship application stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Sent by the graduate.
    #[sea_orm(string_value = "applied")]
    Applied,
    /// The employer is reviewing it.
    #[sea_orm(string_value = "screening")]
    Screening,
    /// In the interview stage.
    #[sea_orm(string_value = "interview")]
    Interview,
    /// An offer has been made.
    #[sea_orm(string_value = "offered")]
    Offered,
    /// The graduate accepted the offer.
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// The graduate declined the offer.
    #[sea_orm(string_value = "declined")]
    Declined,
    /// The employer turned it down.
    #[sea_orm(string_value = "rejected")]
    Rejected,
    /// The graduate withdrew it.
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    /// The internship was done.
    #[sea_orm(string_value = "completed")]
    Completed,
}

/// The kind of engagement a placement is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    /// An internship.
    #[sea_orm(string_value = "internship")]
    Internship,
    /// A full-time position.
    #[sea_orm(string_value = "full_time")]
    FullTime,
    /// A part-time position.
    #[sea_orm(string_value = "part_time")]
    PartTime,
}

/// Whether an event still takes place.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// It takes place as announced.
    #[sea_orm(string_value = "scheduled")]
    Scheduled,
    /// The host cancelled it.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

/// What kind of event an institution hosts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A job fair.
    #[sea_orm(string_value = "job_fair")]
    JobFair,
    /// An information session.
    #[sea_orm(string_value = "info_session")]
    InfoSession,
    /// A workshop.
    #[sea_orm(string_value = "workshop")]
    Workshop,
    /// A networking event.
    #[sea_orm(string_value = "networking")]
    Networking,
}
