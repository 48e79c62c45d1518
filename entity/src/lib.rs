//! sea-orm entities for HIT Bridge: one module per table, plus the shared [`enums`].
//!
//! The schema itself is owned by the `migration` crate; these types must match it column for column.

pub mod application;
pub mod application_status_change;
pub mod audit_entry;
pub mod certification;
pub mod certification_alias;
pub mod consent_change;
pub mod disclosure;
pub mod employer_ehr_system;
pub mod employer_partner;
pub mod enums;
pub mod event;
pub mod event_attendance;
pub mod event_interest;
pub mod graduate;
pub mod graduate_certification;
pub mod graduate_skill;
pub mod idempotency_record;
pub mod institution;
pub mod internship;
pub mod internship_eligible_institution;
pub mod internship_skill;
pub mod partnership;
pub mod placement;
pub mod pool_change;
pub mod program;
pub mod program_hit_role;
pub mod program_skill;
pub mod server_key;
pub mod skill;
pub mod skill_alias;
pub mod vocabulary_version;

/// Every entity under a table-style name (`Program`, `GraduateSkill`, ...), for glob import.
pub mod prelude {
    pub use super::application::Entity as Application;
    pub use super::application_status_change::Entity as ApplicationStatusChange;
    pub use super::audit_entry::Entity as AuditEntry;
    pub use super::certification::Entity as Certification;
    pub use super::certification_alias::Entity as CertificationAlias;
    pub use super::consent_change::Entity as ConsentChange;
    pub use super::disclosure::Entity as Disclosure;
    pub use super::employer_ehr_system::Entity as EmployerEhrSystem;
    pub use super::employer_partner::Entity as EmployerPartner;
    pub use super::event::Entity as Event;
    pub use super::event_attendance::Entity as EventAttendance;
    pub use super::event_interest::Entity as EventInterest;
    pub use super::graduate::Entity as Graduate;
    pub use super::graduate_certification::Entity as GraduateCertification;
    pub use super::graduate_skill::Entity as GraduateSkill;
    pub use super::idempotency_record::Entity as IdempotencyRecord;
    pub use super::institution::Entity as Institution;
    pub use super::internship::Entity as Internship;
    pub use super::internship_eligible_institution::Entity as InternshipEligibleInstitution;
    pub use super::internship_skill::Entity as InternshipSkill;
    pub use super::partnership::Entity as Partnership;
    pub use super::placement::Entity as Placement;
    pub use super::pool_change::Entity as PoolChange;
    pub use super::program::Entity as Program;
    pub use super::program_hit_role::Entity as ProgramHitRole;
    pub use super::program_skill::Entity as ProgramSkill;
    pub use super::server_key::Entity as ServerKey;
    pub use super::skill::Entity as Skill;
    pub use super::skill_alias::Entity as SkillAlias;
    pub use super::vocabulary_version::Entity as VocabularyVersion;
}
