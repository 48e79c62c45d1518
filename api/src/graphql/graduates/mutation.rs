//! Graduate mutations: the school's create, update and archive; the graduate's `updateMe`;
//! `setConsent`.

use async_graphql::{Context, ID, Object};

use super::Graduate;
use super::input::{CreateGraduateInput, UpdateGraduateInput, UpdateMeInput};
use crate::domain::expected_version;
use crate::error::GqlResult;
use crate::graphql::context::{caller, db, idempotency_key, parse_id};
use crate::graphql::enums::ConsentLevel;
use crate::service::graduates::write;

/// Graduate mutations.
#[derive(Default)]
pub struct GraduateMutation;

#[Object]
impl GraduateMutation {
    /// Records a graduate of an institution you work at (staff or admin). The record starts
    /// PRIVATE: in no candidate pool until the graduate consents. A retry with the same
    /// `idempotencyKey` returns the first result and creates nothing; an e-mail already recorded
    /// at the institution is BAD_USER_INPUT on `input.email`.
    async fn create_graduate(
        &self,
        ctx: &Context<'_>,
        input: CreateGraduateInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<Graduate> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let (institution, record) = input.parse()?;
        let created =
            write::create(db(ctx), caller(ctx)?, institution, record, key.as_ref()).await?;
        Ok(created.into())
    }

    /// Updates a graduate of your institution (staff or admin). A stale `expectedVersion` is a
    /// CONFLICT and writes nothing.
    async fn update_graduate(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: UpdateGraduateInput,
    ) -> GqlResult<Graduate> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let updated = write::update(db(ctx), caller(ctx)?, id, version, input.parse()?).await?;
        Ok(updated.into())
    }

    /// Archives a graduate of your institution (school admins): out of every list and pool.
    async fn archive_graduate(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> GqlResult<Graduate> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        Ok(write::archive(db(ctx), caller(ctx)?, id, version)
            .await?
            .into())
    }

    /// Updates your own profile and preferences (role `graduate`); institution, program,
    /// names, e-mail and status are your school's to change.
    async fn update_me(
        &self,
        ctx: &Context<'_>,
        expected_version: i32,
        input: UpdateMeInput,
    ) -> GqlResult<Graduate> {
        let version = self::expected_version(expected_version)?;
        let updated = write::update_me(db(ctx), caller(ctx)?, version, input.parse()?).await?;
        Ok(updated.into())
    }

    /// Sets a consent level: your own (role `graduate`, any level), or, as a school admin of
    /// the graduate's institution or a consortium admin, PRIVATE on a graduate's behalf (never
    /// higher). Every change is kept in the graduate's `consentHistory`.
    async fn set_consent(
        &self,
        ctx: &Context<'_>,
        level: ConsentLevel,
        #[graphql(desc = "Whose consent (default: your own graduate record).")] graduate: Option<
            ID,
        >,
    ) -> GqlResult<Graduate> {
        let graduate = graduate
            .as_ref()
            .map(|id| parse_id("graduate", id))
            .transpose()?;
        let updated = write::set_consent(db(ctx), caller(ctx)?, graduate, level.into()).await?;
        Ok(updated.into())
    }
}
