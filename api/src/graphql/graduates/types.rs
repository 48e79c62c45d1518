//! The `Graduate` type: every field reads the viewer's masked view, so a field outside the
//! viewer's tier is null however it is reached (alias, fragment, batch, `_entities`).

use async_graphql::{ComplexObject, Context, ID, Object, SimpleObject};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entity::consent_change;

use crate::error::GqlResult;
use crate::graphql::context::{caller, load_list, load_one, to_id};
use crate::graphql::enums::{
    Background, ConsentLevel, ConsentSetter, GraduateStatus, GraduateTier, GraduationTerm, Seeking,
};
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::{
    CertificationsOfGraduate, ConsentHistoryOfGraduate, InstitutionById, ProgramById,
    SkillsOfGraduate,
};
use crate::graphql::programs::Program;
use crate::graphql::vocab::{Skill, pick};
use crate::service::graduates::{GraduateView, HeldCertification};
use crate::service::related::SkillSet;

/// A graduate (or graduating student) of a consortium program. What a viewer receives depends
/// on who they are and on the graduate's consent: fields outside the viewer's tier are null.
/// Identifying fields (names, e-mail, phone, city, portfolio links) that reach a viewer outside
/// the graduate's school are recorded in the disclosure log.
pub struct Graduate(pub GraduateView);

impl From<GraduateView> for Graduate {
    fn from(view: GraduateView) -> Self {
        Self(view)
    }
}

/// A certification a graduate holds.
#[derive(SimpleObject, Clone)]
pub struct HeldCertificationNode {
    /// The vocabulary code, e.g. `CHTS-IS` or `RHIT`.
    pub code: String,
    /// Full name.
    pub name: String,
    /// The body that awards it.
    pub issuer: String,
    /// The year it was earned, when known.
    pub year_earned: Option<i32>,
}

impl From<HeldCertification> for HeldCertificationNode {
    fn from(h: HeldCertification) -> Self {
        Self {
            code: h.certification.code,
            name: h.certification.name,
            issuer: h.certification.issuer,
            year_earned: h.earned_on.map(|d| d.year()),
        }
    }
}

/// One change of a graduate's consent level: who made it is told as a capacity and an
/// organisation; the token subject only to consortium admins (it can be a person's e-mail).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ConsentChange {
    /// The level before.
    pub from: ConsentLevel,
    /// The level after.
    pub to: ConsentLevel,
    /// The token subject of whoever changed it (consortium admins only).
    pub changed_by: Option<String>,
    /// In which capacity.
    pub changed_as: ConsentSetter,
    /// When.
    pub changed_at: DateTime<Utc>,
    /// The graduate's school: the organisation of a school admin's change.
    #[graphql(skip)]
    pub school: uuid::Uuid,
}

impl ConsentChange {
    /// A change of a graduate of `school`, with the subject when the viewer `sees_actors`.
    fn new(m: consent_change::Model, school: uuid::Uuid, sees_actors: bool) -> Self {
        Self {
            from: m.from_level.into(),
            to: m.to_level.into(),
            changed_by: sees_actors.then_some(m.changed_by),
            changed_as: m.changed_as.into(),
            changed_at: m.changed_at,
            school,
        }
    }
}

#[ComplexObject]
impl ConsentChange {
    /// The school whose admin made the change (none for the graduate or a consortium admin).
    async fn changed_by_institution(&self, ctx: &Context<'_>) -> GqlResult<Option<Institution>> {
        if self.changed_as != ConsentSetter::SchoolAdmin {
            return Ok(None);
        }
        let found = load_one(ctx, InstitutionById(self.school)).await?;
        Ok(found.map(Institution::from))
    }
}

#[Object]
impl Graduate {
    /// Stable UUID.
    async fn id(&self) -> ID {
        to_id(self.0.id())
    }

    /// How much of this record you receive.
    async fn visible_tier(&self) -> GraduateTier {
        self.0.tier().into()
    }

    /// The institution the graduate studied at.
    async fn institution(&self, ctx: &Context<'_>) -> GqlResult<Option<Institution>> {
        let found = load_one(ctx, InstitutionById(self.0.pool().institution_id)).await?;
        Ok(found.map(Institution::from))
    }

    /// The program completed.
    async fn program(&self, ctx: &Context<'_>) -> GqlResult<Option<Program>> {
        let found = load_one(ctx, ProgramById(self.0.pool().program_id)).await?;
        Ok(found.map(Program::from))
    }

    /// Year of graduation (or expected graduation).
    async fn graduation_year(&self) -> i32 {
        self.0.pool().graduation_year
    }

    /// Term of graduation.
    async fn graduation_term(&self) -> GraduationTerm {
        self.0.pool().graduation_term.into()
    }

    /// What they bring to health IT.
    async fn background(&self) -> Background {
        self.0.pool().background.into()
    }

    /// Years of relevant work experience.
    async fn years_of_experience(&self) -> i32 {
        self.0.pool().years_experience
    }

    /// Two-letter US state of residence.
    async fn state(&self) -> &str {
        &self.0.pool().state
    }

    /// Region within the consortium.
    async fn region(&self) -> &str {
        &self.0.pool().region
    }

    /// Open to work in a rural setting.
    async fn open_to_rural(&self) -> bool {
        self.0.pool().open_to_rural
    }

    /// Open to relocating.
    async fn open_to_relocation(&self) -> bool {
        self.0.pool().open_to_relocation
    }

    /// The kinds of position they are looking for.
    async fn seeking(&self) -> Vec<Seeking> {
        let p = self.0.pool();
        [
            (p.seeking_internship, Seeking::Internship),
            (p.seeking_full_time, Seeking::FullTime),
            (p.seeking_part_time, Seeking::PartTime),
        ]
        .into_iter()
        .filter_map(|(wanted, kind)| wanted.then_some(kind))
        .collect()
    }

    /// Earliest start date.
    async fn available_from(&self) -> Option<NaiveDate> {
        self.0.pool().available_from
    }

    /// Skills and standards (EHR systems are in `ehrSystems`).
    async fn skills(&self, ctx: &Context<'_>) -> GqlResult<Vec<Skill>> {
        let all = load_list(ctx, SkillsOfGraduate(self.0.id())).await?;
        Ok(pick(all, SkillSet::Skills))
    }

    /// EHR systems they have worked with.
    async fn ehr_systems(&self, ctx: &Context<'_>) -> GqlResult<Vec<Skill>> {
        let all = load_list(ctx, SkillsOfGraduate(self.0.id())).await?;
        Ok(pick(all, SkillSet::EhrSystems))
    }

    /// Certifications held.
    async fn certifications(&self, ctx: &Context<'_>) -> GqlResult<Vec<HeldCertificationNode>> {
        let held = load_list(ctx, CertificationsOfGraduate(self.0.id())).await?;
        Ok(held.into_iter().map(Into::into).collect())
    }

    /// Given name (PROFILE tier and up).
    async fn given_name<'a>(&'a self, ctx: &Context<'_>) -> GqlResult<Option<&'a str>> {
        Ok(self.0.given_name(caller(ctx)?))
    }

    /// Family name (PROFILE tier and up).
    async fn family_name<'a>(&'a self, ctx: &Context<'_>) -> GqlResult<Option<&'a str>> {
        Ok(self.0.family_name(caller(ctx)?))
    }

    /// A one-line headline (PROFILE tier and up).
    async fn headline(&self) -> Option<&str> {
        self.0.headline()
    }

    /// City of residence (PROFILE tier and up).
    async fn city<'a>(&'a self, ctx: &Context<'_>) -> GqlResult<Option<&'a str>> {
        Ok(self.0.city(caller(ctx)?))
    }

    /// The industry a career changer comes from (PROFILE tier and up).
    async fn prior_industry(&self) -> Option<&str> {
        self.0.prior_industry()
    }

    /// Portfolio links, e.g. open-source contributions (PROFILE tier and up).
    async fn portfolio_links<'a>(&'a self, ctx: &Context<'_>) -> GqlResult<Option<&'a [String]>> {
        Ok(self.0.portfolio_links(caller(ctx)?))
    }

    /// E-mail (CONTACT tier and up).
    async fn email<'a>(&'a self, ctx: &Context<'_>) -> GqlResult<Option<&'a str>> {
        Ok(self.0.email(caller(ctx)?))
    }

    /// Phone (CONTACT tier and up).
    async fn phone<'a>(&'a self, ctx: &Context<'_>) -> GqlResult<Option<&'a str>> {
        Ok(self.0.phone(caller(ctx)?))
    }

    /// The consent level (the whole record only: the graduate, their school, consortium admins).
    async fn consent(&self) -> Option<ConsentLevel> {
        self.0.record().map(|r| r.consent.into())
    }

    /// When the consent level last changed (the whole record only).
    async fn consent_updated_at(&self) -> Option<DateTime<Utc>> {
        self.0.record().map(|r| r.consent_updated_at)
    }

    /// Every change of the consent level, oldest first (the whole record only).
    async fn consent_history(&self, ctx: &Context<'_>) -> GqlResult<Option<Vec<ConsentChange>>> {
        if self.0.record().is_none() {
            return Ok(None);
        }
        let changes = load_list(ctx, ConsentHistoryOfGraduate(self.0.id())).await?;
        let sees = crate::authz::sees_actors(caller(ctx)?.viewer());
        let school = self.0.pool().institution_id;
        Ok(Some(
            changes
                .into_iter()
                .map(|m| ConsentChange::new(m, school, sees))
                .collect(),
        ))
    }

    /// Job-search status (the whole record only).
    async fn status(&self) -> Option<GraduateStatus> {
        self.0.record().map(|r| r.status.into())
    }

    /// When the record was created (the whole record only).
    async fn created_at(&self) -> Option<DateTime<Utc>> {
        self.0.record().map(|r| r.created_at)
    }

    /// When the record last changed (the whole record only).
    async fn updated_at(&self) -> Option<DateTime<Utc>> {
        self.0.record().map(|r| r.updated_at)
    }

    /// Version for optimistic concurrency: pass it as `expectedVersion` (the whole record only).
    async fn version(&self) -> Option<i32> {
        self.0.record().map(|r| r.version)
    }
}
