//! Program mutations: create, update (including publishing), archive.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use chrono::NaiveDate;

use super::Program;
use crate::domain::{
    CipCode, Label, LongText, Slug, SocCode, bounded, expected_version, plausible_date,
};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, idempotency_key, opt, parse_id, terms};
use crate::graphql::enums::{Credential, HitRole, Modality, ProgramStatus};
use crate::service::programs::write::{self, NewProgram, ProgramChanges};

fn skills(list: Vec<String>) -> ApiResult<Vec<Label>> {
    terms("input.skills", list)
}

fn months(value: i32) -> ApiResult<i32> {
    bounded("input.durationMonths", value, 1, 120)
}

fn start(value: NaiveDate) -> ApiResult<NaiveDate> {
    plausible_date("input.nextStart", value)
}

/// A new program.
#[derive(InputObject)]
pub struct CreateProgramInput {
    /// Slug of the institution offering it (you must administer it).
    pub institution: String,
    /// Stable URL-safe identifier (cannot change later).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What it teaches and who it is for.
    #[graphql(default)]
    pub description: String,
    /// The award it leads to.
    pub credential: Credential,
    /// CIP 2020 code, `NN.NNNN`.
    pub cip_code: String,
    /// SOC code of the main occupation it prepares for.
    pub soc_code: Option<String>,
    /// Delivery mode.
    pub modality: Modality,
    /// Typical length in months (1–120).
    pub duration_months: i32,
    /// DRAFT (default) until it is ready for the public catalog.
    #[graphql(default_with = "ProgramStatus::Draft")]
    pub status: ProgramStatus,
    /// When the next cohort starts.
    pub next_start: Option<NaiveDate>,
    /// Skills and EHR systems taught, each by slug, name or alias (see `skills`).
    #[graphql(default)]
    pub skills: Vec<String>,
    /// HIT roles it prepares for.
    #[graphql(default)]
    pub hit_roles: Vec<HitRole>,
}

impl CreateProgramInput {
    fn parse(self) -> ApiResult<NewProgram> {
        Ok(NewProgram {
            institution: Slug::parse("input.institution", &self.institution)?,
            slug: Slug::parse("input.slug", &self.slug)?,
            name: Label::parse("input.name", &self.name)?,
            description: LongText::parse("input.description", &self.description)?,
            credential: self.credential.into(),
            cip_code: CipCode::parse("input.cipCode", &self.cip_code)?,
            soc_code: opt("socCode", self.soc_code, SocCode::parse)?,
            modality: self.modality.into(),
            duration_months: months(self.duration_months)?,
            status: self.status.into(),
            next_start: self.next_start.map(start).transpose()?,
            skills: skills(self.skills)?,
            hit_roles: self.hit_roles.into_iter().map(Into::into).collect(),
        })
    }
}

/// Changes to a program: fields left out stay as they are; lists replace the whole list.
#[derive(InputObject)]
pub struct UpdateProgramInput {
    /// Display name.
    pub name: Option<String>,
    /// What it teaches and who it is for.
    pub description: Option<String>,
    /// The award it leads to.
    pub credential: Option<Credential>,
    /// CIP 2020 code.
    pub cip_code: Option<String>,
    /// SOC code; null removes it.
    pub soc_code: MaybeUndefined<String>,
    /// Delivery mode.
    pub modality: Option<Modality>,
    /// Typical length in months.
    pub duration_months: Option<i32>,
    /// PUBLISHED puts it in the public catalog.
    pub status: Option<ProgramStatus>,
    /// Next cohort start; null removes it.
    pub next_start: MaybeUndefined<NaiveDate>,
    /// Skills and EHR systems by slug, name or alias (replaces the list).
    pub skills: Option<Vec<String>>,
    /// HIT roles (replaces the list).
    pub hit_roles: Option<Vec<HitRole>>,
}

impl UpdateProgramInput {
    fn parse(self) -> ApiResult<ProgramChanges> {
        Ok(ProgramChanges {
            name: opt("name", self.name, Label::parse)?,
            description: opt("description", self.description, LongText::parse)?,
            credential: self.credential.map(Into::into),
            cip_code: opt("cipCode", self.cip_code, CipCode::parse)?,
            soc_code: crate::graphql::context::maybe("socCode", self.soc_code, SocCode::parse)?,
            modality: self.modality.map(Into::into),
            duration_months: self.duration_months.map(months).transpose()?,
            status: self.status.map(Into::into),
            next_start: match self.next_start {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(date) => Some(Some(start(date)?)),
            },
            skills: self.skills.map(skills).transpose()?,
            hit_roles: self
                .hit_roles
                .map(|r| r.into_iter().map(Into::into).collect()),
        })
    }
}

/// Program mutations.
#[derive(Default)]
pub struct ProgramMutation;

#[Object]
impl ProgramMutation {
    /// Adds a program to an institution you administer. A retry with the same
    /// `idempotencyKey` returns the first result and creates nothing.
    async fn create_program(
        &self,
        ctx: &Context<'_>,
        input: CreateProgramInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<Program> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let created = write::create(db(ctx), caller(ctx)?, input.parse()?, key.as_ref()).await?;
        Ok(created.into())
    }

    /// Updates a program of an institution you administer. A stale `expectedVersion` is a
    /// CONFLICT and writes nothing.
    async fn update_program(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: UpdateProgramInput,
    ) -> GqlResult<Program> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let updated = write::update(db(ctx), caller(ctx)?, id, version, input.parse()?).await?;
        Ok(updated.into())
    }

    /// Archives a program: it leaves the public catalog.
    async fn archive_program(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> GqlResult<Program> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        Ok(write::archive(db(ctx), caller(ctx)?, id, version)
            .await?
            .into())
    }
}
