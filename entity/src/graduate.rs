//! `graduate` table: a graduate (or graduating student) of a program, with job-search preferences and consent.

use crate::enums::{Background, ConsentLevel, GraduateStatus, GraduationTerm};
use sea_orm::entity::prelude::*;

/// A graduate (or graduating student) of a program, with job-search preferences and consent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "graduate")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The institution the graduate studied at.
    pub institution_id: Uuid,
    /// The program completed.
    pub program_id: Uuid,
    /// Given (first) name.
    pub given_name: String,
    /// Family (last) name.
    pub family_name: String,
    /// Contact email address.
    pub email: String,
    /// Contact phone number.
    pub phone: Option<String>,
    /// Calendar year of graduation.
    pub graduation_year: i32,
    /// Term of graduation within the year.
    pub graduation_term: GraduationTerm,
    /// Prior experience brought to health IT.
    pub background: Background,
    /// Industry worked in before, for career changers.
    pub prior_industry: Option<String>,
    /// Years of relevant work experience.
    pub years_experience: i32,
    /// City of residence.
    pub city: String,
    /// Two-letter US state code.
    #[sea_orm(column_type = "String(StringLen::N(2))")]
    pub state: String,
    /// Consortium region used for filtering.
    pub region: String,
    /// Willing to work in a rural setting.
    pub open_to_rural: bool,
    /// Willing to relocate.
    pub open_to_relocation: bool,
    /// Looking for an internship.
    pub seeking_internship: bool,
    /// Looking for a full-time position.
    pub seeking_full_time: bool,
    /// Looking for a part-time position.
    pub seeking_part_time: bool,
    /// Earliest start date.
    pub available_from: Option<Date>,
    /// How much of the record employers may see.
    pub consent: ConsentLevel,
    /// When the consent level last changed.
    pub consent_updated_at: DateTimeUtc,
    /// Job-search state.
    pub status: GraduateStatus,
    /// One-line profile headline.
    pub headline: Option<String>,
    /// JSON array of portfolio URL strings.
    pub portfolio_links: Json,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; starts at 1 and grows by one per update.
    pub version: i32,
    /// The tags of the graduate's skills and EHR systems as `",3,17,"` (derived from
    /// `graduate_skill`, rewritten with it; the pool matches on it without a join; not part of
    /// the record's history).
    #[sea_orm(column_type = "Text")]
    #[serde(skip_serializing)]
    pub skill_tags: String,
    /// The tags of the graduate's certifications, the same way (from `graduate_certification`).
    #[sea_orm(column_type = "Text")]
    #[serde(skip_serializing)]
    pub certification_tags: String,
}

/// Foreign keys of `graduate` and the tables that point at it.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `graduate.institution_id` references `institution.id`.
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::InstitutionId",
        to = "super::institution::Column::Id",
        on_delete = "Restrict"
    )]
    Institution,
    /// `graduate.program_id` references `program.id`.
    #[sea_orm(
        belongs_to = "super::program::Entity",
        from = "Column::ProgramId",
        to = "super::program::Column::Id",
        on_delete = "Restrict"
    )]
    Program,
    /// Rows of `graduate_skill` that reference this graduate.
    #[sea_orm(has_many = "super::graduate_skill::Entity")]
    GraduateSkill,
    /// Rows of `graduate_certification` that reference this graduate.
    #[sea_orm(has_many = "super::graduate_certification::Entity")]
    GraduateCertification,
    /// Rows of `application` that reference this graduate.
    #[sea_orm(has_many = "super::application::Entity")]
    Application,
    /// Rows of `placement` that reference this graduate.
    #[sea_orm(has_many = "super::placement::Entity")]
    Placement,
    /// Rows of `disclosure` that reference this graduate.
    #[sea_orm(has_many = "super::disclosure::Entity")]
    Disclosure,
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Institution.def()
    }
}

impl Related<super::program::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Program.def()
    }
}

impl Related<super::graduate_skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GraduateSkill.def()
    }
}

impl Related<super::graduate_certification::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GraduateCertification.def()
    }
}

impl Related<super::application::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Application.def()
    }
}

impl Related<super::placement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Placement.def()
    }
}

impl Related<super::disclosure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Disclosure.def()
    }
}

/// Many-to-many through `graduate_skill`.
impl Related<super::skill::Entity> for Entity {
    fn to() -> RelationDef {
        super::graduate_skill::Relation::Skill.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::graduate_skill::Relation::Graduate.def().rev())
    }
}

/// Many-to-many through `graduate_certification`.
impl Related<super::certification::Entity> for Entity {
    fn to() -> RelationDef {
        super::graduate_certification::Relation::Certification.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::graduate_certification::Relation::Graduate
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
