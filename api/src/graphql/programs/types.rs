//! The `Program` type and its relation fields.

use async_graphql::{ComplexObject, Context, ID, Json, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{institution, program};
use uuid::Uuid;

use crate::error::GqlResult;
use crate::graphql::context::{load_list, load_one, to_id};
use crate::graphql::enums::{Credential, HitRole, Modality, ProgramStatus};
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::{HitRolesOfProgram, InstitutionById, SkillsOfProgram};
use crate::graphql::vocab::{Skill, pick};
use crate::jsonld;
use crate::service::programs::WithInstitution;
use crate::service::related::SkillSet;

/// A health IT program offered by an institution.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Program {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub uuid: Uuid,
    #[graphql(skip)]
    pub institution_id: Uuid,
    /// Stable URL-safe identifier.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What the program teaches and who it is for.
    pub description: String,
    /// The award it leads to.
    pub credential: Credential,
    /// CIP 2020 code, `NN.NNNN` (e.g. 51.0707 Health Information/Medical Records Technology).
    pub cip_code: String,
    /// SOC 2018 code of the main occupation it prepares for (e.g. 29-2072).
    pub soc_code: Option<String>,
    /// How it is delivered.
    pub modality: Modality,
    /// Typical length in months.
    pub duration_months: i32,
    /// DRAFT and ARCHIVED programs are visible only to the institution's staff and to admins.
    pub status: ProgramStatus,
    /// When the next cohort starts.
    pub next_start: Option<NaiveDate>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When the record last changed.
    pub updated_at: DateTime<Utc>,
    /// Version for optimistic concurrency: pass it as `expectedVersion` when updating.
    pub version: i32,
    /// The institution when the list read it in its own statement (`Some(None)`: hidden).
    #[graphql(skip)]
    pub preloaded_institution: Option<Option<institution::Model>>,
}

impl Program {
    /// A program whose institution was read with it.
    pub fn with_institution((m, institution): WithInstitution) -> Self {
        Self {
            preloaded_institution: Some(institution),
            ..Self::from(m)
        }
    }
}

impl Program {
    /// The institution offering it, as the viewer may see it.
    async fn provider(&self, ctx: &Context<'_>) -> GqlResult<Option<institution::Model>> {
        if let Some(preloaded) = &self.preloaded_institution {
            return Ok(preloaded.clone());
        }
        load_one(ctx, InstitutionById(self.institution_id)).await
    }
}

impl From<program::Model> for Program {
    fn from(m: program::Model) -> Self {
        Self {
            id: to_id(m.id),
            uuid: m.id,
            institution_id: m.institution_id,
            slug: m.slug,
            name: m.name,
            description: m.description,
            credential: m.credential.into(),
            cip_code: m.cip_code,
            soc_code: m.soc_code,
            modality: m.modality.into(),
            duration_months: m.duration_months,
            status: m.status.into(),
            next_start: m.next_start,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
            preloaded_institution: None,
        }
    }
}

impl Program {
    /// This record's schema.org JSON-LD (None when its organisation is gone).
    async fn linked_data(&self, ctx: &Context<'_>) -> GqlResult<Option<serde_json::Value>> {
        let Some(school) = self.provider(ctx).await? else {
            return Ok(None);
        };
        let facts = jsonld::ProgramFacts {
            name: &self.name,
            description: &self.description,
            credential: self.credential.into(),
            cip_code: &self.cip_code,
            soc_code: self.soc_code.as_deref(),
            modality: self.modality.into(),
            duration_months: self.duration_months,
            next_start: self.next_start,
            provider: jsonld::Organization {
                kind: jsonld::Organization::school_type(school.kind),
                name: &school.name,
                city: &school.city,
                state: &school.state,
                website: school.website.as_deref(),
            },
        };
        Ok(Some(jsonld::program(&facts)))
    }
}

#[ComplexObject]
impl Program {
    /// The institution that offers it.
    async fn institution(&self, ctx: &Context<'_>) -> GqlResult<Option<Institution>> {
        Ok(self.provider(ctx).await?.map(Institution::from))
    }

    /// schema.org JSON-LD (`EducationalOccupationalProgram`) for a partner website to embed in
    /// a `<script type="application/ld+json">` tag.
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

    /// Skills and standards taught (EHR systems are listed in `ehrSystems`).
    async fn skills(&self, ctx: &Context<'_>) -> GqlResult<Vec<Skill>> {
        let all = load_list(ctx, SkillsOfProgram(self.uuid)).await?;
        Ok(pick(all, SkillSet::Skills))
    }

    /// EHR systems students train on.
    async fn ehr_systems(&self, ctx: &Context<'_>) -> GqlResult<Vec<Skill>> {
        let all = load_list(ctx, SkillsOfProgram(self.uuid)).await?;
        Ok(pick(all, SkillSet::EhrSystems))
    }

    /// HIT workforce roles it prepares for.
    async fn hit_roles(&self, ctx: &Context<'_>) -> GqlResult<Vec<HitRole>> {
        let roles = load_list(ctx, HitRolesOfProgram(self.uuid)).await?;
        Ok(roles.into_iter().map(HitRole::from).collect())
    }
}
