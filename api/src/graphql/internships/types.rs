//! The `Internship` type and its relation fields.

use async_graphql::{ComplexObject, Context, ID, Json, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use entity::internship;
use uuid::Uuid;

use crate::error::GqlResult;
use crate::graphql::context::{load_list, load_many, load_one, to_id};
use crate::graphql::employers::EmployerPartner;
use crate::graphql::enums::{HitRole, InternshipStatus, Pay, WorkMode};
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::{
    EligibleInstitutionsOfInternship, EmployerById, InstitutionById, SkillsOfInternship,
};
use crate::graphql::vocab::{Skill, pick};
use crate::jsonld;
use crate::service::related::SkillSet;

/// A first-experience placement an employer offers to graduates.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Internship {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub uuid: Uuid,
    #[graphql(skip)]
    pub employer_id: Uuid,
    /// Title of the position.
    pub title: String,
    /// What the intern will do and learn.
    pub description: String,
    /// The HIT role it trains for, if one.
    pub hit_role: Option<HitRole>,
    /// How the intern is paid.
    pub pay: Pay,
    /// Whether it is paid at all (an hourly wage or a stipend).
    pub paid: bool,
    /// The amount in US cents, when published: per hour for HOURLY, in all for STIPEND.
    pub pay_cents: Option<i32>,
    /// City of the work site.
    pub city: String,
    /// Two-letter US state of the work site.
    pub state: String,
    /// On site, hybrid or remote.
    pub work_mode: WorkMode,
    /// Whether the work site is rural.
    pub rural: bool,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Last day to apply, if any.
    pub application_deadline: Option<NaiveDate>,
    /// How many interns it takes.
    pub slots: i32,
    /// OPEN internships are public; others are visible to the employer and admins.
    pub status: InternshipStatus,
    /// When it first opened for applications (none while a draft).
    pub posted_at: Option<DateTime<Utc>>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// Version for optimistic concurrency: pass it as `expectedVersion` when updating.
    pub version: i32,
}

impl From<internship::Model> for Internship {
    fn from(m: internship::Model) -> Self {
        Self {
            id: to_id(m.id),
            uuid: m.id,
            employer_id: m.employer_id,
            title: m.title,
            description: m.description,
            hit_role: m.hit_role.map(Into::into),
            pay: m.pay.into(),
            paid: m.pay != entity::enums::Pay::Unpaid,
            pay_cents: m.pay_cents,
            city: m.city,
            state: m.state,
            work_mode: m.work_mode.into(),
            rural: m.rural,
            starts_on: m.starts_on,
            ends_on: m.ends_on,
            application_deadline: m.application_deadline,
            slots: m.slots,
            status: m.status.into(),
            posted_at: m.posted_at,
            created_at: m.created_at,
            version: m.version,
        }
    }
}

impl Internship {
    /// This record's schema.org JSON-LD (None when its organisation is gone).
    async fn linked_data(&self, ctx: &Context<'_>) -> GqlResult<Option<serde_json::Value>> {
        let Some(employer) = load_one(ctx, EmployerById(self.employer_id)).await? else {
            return Ok(None);
        };
        let wanted = load_list(ctx, SkillsOfInternship(self.uuid)).await?;
        let org = employer.core();
        let posted = self.posted_at.unwrap_or(self.created_at).date_naive();
        let facts = jsonld::InternshipFacts {
            title: &self.title,
            description: &self.description,
            date_posted: posted,
            valid_through: self.application_deadline.unwrap_or(self.ends_on),
            starts_on: self.starts_on,
            work_mode: self.work_mode.into(),
            pay: self.pay.into(),
            pay_cents: self.pay_cents,
            city: &self.city,
            state: &self.state,
            slots: self.slots,
            skills: wanted.iter().map(|s| s.name.as_str()).collect(),
            hiring: jsonld::Organization {
                kind: "Organization",
                name: &org.name,
                city: &org.city,
                state: &org.state,
                website: org.website.as_deref(),
            },
        };
        Ok(Some(jsonld::internship(&facts)))
    }
}

#[ComplexObject]
impl Internship {
    /// The employer offering it.
    async fn employer(&self, ctx: &Context<'_>) -> GqlResult<Option<EmployerPartner>> {
        let found = load_one(ctx, EmployerById(self.employer_id)).await?;
        Ok(found.map(EmployerPartner::from))
    }

    /// Skills and standards wanted (EHR systems are listed in `ehrSystems`).
    async fn skills(&self, ctx: &Context<'_>) -> GqlResult<Vec<Skill>> {
        let all = load_list(ctx, SkillsOfInternship(self.uuid)).await?;
        Ok(pick(all, SkillSet::Skills))
    }

    /// EHR systems wanted.
    async fn ehr_systems(&self, ctx: &Context<'_>) -> GqlResult<Vec<Skill>> {
        let all = load_list(ctx, SkillsOfInternship(self.uuid)).await?;
        Ok(pick(all, SkillSet::EhrSystems))
    }

    /// schema.org JSON-LD (`JobPosting`, employment type INTERN) for a partner website to embed
    /// in a `<script type="application/ld+json">` tag.
    async fn json_ld(&self, ctx: &Context<'_>) -> GqlResult<Option<Json<serde_json::Value>>> {
        Ok(self.linked_data(ctx).await?.map(Json))
    }

    /// `jsonLd` as text to put, as it is, between `<script type="application/ld+json">` and
    /// `</script>`: `<`, `>` and `&` are escaped, so no text in the record can end the element.
    async fn json_ld_script(&self, ctx: &Context<'_>) -> GqlResult<Option<String>> {
        Ok(self
            .linked_data(ctx)
            .await?
            .map(|v| jsonld::script_text(&v)))
    }

    /// Institutions whose graduates may apply (by default every school that approved the
    /// employer when it was posted).
    async fn eligible_institutions(&self, ctx: &Context<'_>) -> GqlResult<Vec<Institution>> {
        let ids = load_list(ctx, EligibleInstitutionsOfInternship(self.uuid)).await?;
        let keys = ids.into_iter().map(InstitutionById).collect();
        let found = load_many(ctx, keys).await?;
        Ok(found.into_iter().map(Institution::from).collect())
    }
}
