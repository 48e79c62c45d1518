//! Employer partner mutations: create, update the profile, archive, change status.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};

use super::EmployerPartner;
use crate::domain::{Email, Label, LongText, Slug, StateCode, WebUrl, expected_version};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, idempotency_key, maybe, opt, parse_id};
use crate::graphql::enums::{EmployerKind, EmployerStatus};
use crate::service::employers::write::{self, EmployerChanges, NewEmployer};

/// A new employer partner.
#[derive(InputObject)]
pub struct CreateEmployerPartnerInput {
    /// Stable URL-safe identifier, e.g. `grady-health` (cannot change later).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Kind of organisation.
    pub kind: EmployerKind,
    /// City.
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
    /// What it does and whom it hires.
    #[graphql(default)]
    pub description: String,
    /// Where schools reach its recruiters (seen by the employer and consortium admins only).
    pub contact_email: Option<String>,
}

impl CreateEmployerPartnerInput {
    fn parse(self) -> ApiResult<NewEmployer> {
        Ok(NewEmployer {
            slug: Slug::parse("input.slug", &self.slug)?,
            name: Label::parse("input.name", &self.name)?,
            kind: self.kind.into(),
            city: Label::parse("input.city", &self.city)?,
            state: StateCode::parse("input.state", &self.state)?,
            region: Label::parse("input.region", &self.region)?,
            rural: self.rural,
            website: opt("website", self.website, WebUrl::parse)?,
            description: LongText::parse("input.description", &self.description)?,
            contact_email: opt("contactEmail", self.contact_email, Email::parse)?,
        })
    }
}

/// Changes to an employer's profile: fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateEmployerPartnerInput {
    /// Display name.
    pub name: Option<String>,
    /// Kind of organisation.
    pub kind: Option<EmployerKind>,
    /// City.
    pub city: Option<String>,
    /// Two-letter US state.
    pub state: Option<String>,
    /// Region within the consortium.
    pub region: Option<String>,
    /// Whether it serves a rural area.
    pub rural: Option<bool>,
    /// Public website; null removes it.
    pub website: MaybeUndefined<String>,
    /// What it does and whom it hires.
    pub description: Option<String>,
    /// Recruiting contact; null removes it.
    pub contact_email: MaybeUndefined<String>,
}

impl UpdateEmployerPartnerInput {
    fn parse(self) -> ApiResult<EmployerChanges> {
        Ok(EmployerChanges {
            name: opt("name", self.name, Label::parse)?,
            kind: self.kind.map(Into::into),
            city: opt("city", self.city, Label::parse)?,
            state: opt("state", self.state, StateCode::parse)?,
            region: opt("region", self.region, Label::parse)?,
            rural: self.rural,
            website: maybe("website", self.website, WebUrl::parse)?,
            description: opt("description", self.description, LongText::parse)?,
            contact_email: maybe("contactEmail", self.contact_email, Email::parse)?,
        })
    }
}

/// Employer partner mutations.
#[derive(Default)]
pub struct EmployerMutation;

#[Object]
impl EmployerMutation {
    /// Adds an employer partner (consortium admins). A retry with the same `idempotencyKey`
    /// returns the first result and creates nothing.
    async fn create_employer_partner(
        &self,
        ctx: &Context<'_>,
        input: CreateEmployerPartnerInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<EmployerPartner> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let created = write::create(db(ctx), caller(ctx)?, input.parse()?, key.as_ref()).await?;
        Ok(created.into())
    }

    /// Updates an employer's profile (the employer itself, consortium admins). A stale
    /// `expectedVersion` is a CONFLICT and writes nothing.
    async fn update_employer_partner(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: UpdateEmployerPartnerInput,
    ) -> GqlResult<EmployerPartner> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let updated = write::update(db(ctx), caller(ctx)?, id, version, input.parse()?).await?;
        Ok(updated.into())
    }

    /// Suspends (hidden everywhere at once), reinstates or archives an employer (consortium
    /// admins).
    async fn set_employer_partner_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        status: EmployerStatus,
    ) -> GqlResult<EmployerPartner> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let updated = write::set_status(db(ctx), caller(ctx)?, id, version, status.into()).await?;
        Ok(updated.into())
    }

    /// Archives an employer partner (consortium admins).
    async fn archive_employer_partner(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> GqlResult<EmployerPartner> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let status = entity::enums::EmployerStatus::Archived;
        Ok(
            write::set_status(db(ctx), caller(ctx)?, id, version, status)
                .await?
                .into(),
        )
    }
}
