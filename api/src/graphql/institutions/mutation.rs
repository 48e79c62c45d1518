//! Institution mutations: create, update, archive.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};

use super::Institution;
use crate::domain::{Label, LongText, Slug, StateCode, WebUrl, expected_version};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, idempotency_key, maybe, opt, parse_id};
use crate::graphql::enums::InstitutionKind;
use crate::service::institutions::write::{self, InstitutionChanges, NewInstitution};

/// A new institution.
#[derive(InputObject)]
pub struct CreateInstitutionInput {
    /// Stable URL-safe identifier, e.g. `peachtree-state-university` (cannot change later).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Kind of school.
    pub kind: InstitutionKind,
    /// City of the main campus.
    pub city: String,
    /// Two-letter US state.
    pub state: String,
    /// Region within the consortium.
    pub region: String,
    /// Whether it serves a rural area.
    #[graphql(default)]
    pub rural: bool,
    /// Public website (http or https).
    pub website: Option<String>,
    /// What it offers in health IT.
    #[graphql(default)]
    pub description: String,
}

impl CreateInstitutionInput {
    fn parse(self) -> ApiResult<NewInstitution> {
        Ok(NewInstitution {
            slug: Slug::parse("input.slug", &self.slug)?,
            name: Label::parse("input.name", &self.name)?,
            kind: self.kind.into(),
            city: Label::parse("input.city", &self.city)?,
            state: StateCode::parse("input.state", &self.state)?,
            region: Label::parse("input.region", &self.region)?,
            rural: self.rural,
            website: opt("website", self.website, WebUrl::parse)?,
            description: LongText::parse("input.description", &self.description)?,
        })
    }
}

/// Changes to an institution: fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateInstitutionInput {
    /// Display name.
    pub name: Option<String>,
    /// Kind of school.
    pub kind: Option<InstitutionKind>,
    /// City of the main campus.
    pub city: Option<String>,
    /// Two-letter US state.
    pub state: Option<String>,
    /// Region within the consortium.
    pub region: Option<String>,
    /// Whether it serves a rural area.
    pub rural: Option<bool>,
    /// Public website; null removes it.
    pub website: MaybeUndefined<String>,
    /// What it offers in health IT.
    pub description: Option<String>,
}

impl UpdateInstitutionInput {
    fn parse(self) -> ApiResult<InstitutionChanges> {
        Ok(InstitutionChanges {
            name: opt("name", self.name, Label::parse)?,
            kind: self.kind.map(Into::into),
            city: opt("city", self.city, Label::parse)?,
            state: opt("state", self.state, StateCode::parse)?,
            region: opt("region", self.region, Label::parse)?,
            rural: self.rural,
            website: maybe("website", self.website, WebUrl::parse)?,
            description: opt("description", self.description, LongText::parse)?,
        })
    }
}

/// Institution mutations.
#[derive(Default)]
pub struct InstitutionMutation;

#[Object]
impl InstitutionMutation {
    /// Adds an institution to the consortium (consortium admins). A retry with the same
    /// `idempotencyKey` returns the first result and creates nothing.
    async fn create_institution(
        &self,
        ctx: &Context<'_>,
        input: CreateInstitutionInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<Institution> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let created = write::create(db(ctx), caller(ctx)?, input.parse()?, key.as_ref()).await?;
        Ok(created.into())
    }

    /// Updates an institution's profile (its school admins, consortium admins). A stale
    /// `expectedVersion` is a CONFLICT and writes nothing.
    async fn update_institution(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: UpdateInstitutionInput,
    ) -> GqlResult<Institution> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let updated = write::update(db(ctx), caller(ctx)?, id, version, input.parse()?).await?;
        Ok(updated.into())
    }

    /// Archives an institution (consortium admins).
    async fn archive_institution(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> GqlResult<Institution> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        Ok(write::archive(db(ctx), caller(ctx)?, id, version)
            .await?
            .into())
    }
}
