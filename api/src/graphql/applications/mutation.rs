//! Application mutations: apply, and move along the workflow.

use async_graphql::{Context, ID, Object};

use super::types::Application;
use crate::domain::{LongText, expected_version};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, idempotency_key, parse_id};
use crate::graphql::enums::ApplicationStatus;
use crate::service::applications::write;

fn note(field: &str, value: Option<String>) -> ApiResult<Option<LongText>> {
    value.map(|v| LongText::parse(field, &v)).transpose()
}

/// Application mutations.
#[derive(Default)]
pub struct ApplicationMutation;

#[Object]
impl ApplicationMutation {
    /// Applies to an open internship your school is eligible for (as the graduate), once: a
    /// second application is a CONFLICT; a closed, full or ineligible internship is
    /// BAD_USER_INPUT saying why.
    async fn apply_to_internship(
        &self,
        ctx: &Context<'_>,
        internship_id: ID,
        #[graphql(desc = "A note to the employer.")] note: Option<String>,
        idempotency_key: Option<String>,
    ) -> GqlResult<Application> {
        let internship = parse_id("internshipId", &internship_id)?;
        let note = self::note("note", note)?;
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let created = write::apply(db(ctx), caller(ctx)?, internship, note, key.as_ref()).await?;
        Ok(created.into())
    }

    /// Moves an application along the workflow. The employer screens, interviews, offers,
    /// rejects and marks it completed; the graduate accepts or declines an offer and may
    /// withdraw. A move the workflow does not allow is BAD_USER_INPUT naming the allowed ones;
    /// a stale `expectedVersion` is a CONFLICT.
    async fn update_application_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        status: ApplicationStatus,
        #[graphql(desc = "Why, for the record.")] note: Option<String>,
    ) -> GqlResult<Application> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let note = self::note("note", note)?;
        let moved = write::move_to(db(ctx), caller(ctx)?, id, version, status.into(), note).await?;
        Ok(moved.into())
    }
}
