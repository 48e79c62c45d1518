//! Program queries: list with filters and order, one by id or slug, federation entity.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use chrono::NaiveDate;

use super::Program;
use crate::domain::SearchText;
use crate::error::{ApiError, GqlResult};
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, load_entity, lookup, parse_id};
use crate::graphql::enums::{Credential, HitRole, Modality};
use crate::graphql::loaders::ProgramById;

use crate::service::programs::{self, ProgramOrder};

/// Filters for `programs`; every one given must match.
#[derive(InputObject, Default)]
pub struct ProgramFilter {
    /// Slug of the institution offering it.
    pub institution: Option<String>,
    /// Award level.
    pub credential: Option<Credential>,
    /// Delivery mode.
    pub modality: Option<Modality>,
    /// CIP code, `NN.NNNN`.
    pub cip_code: Option<String>,
    /// Slug of a skill or EHR system taught, e.g. `fhir` or `epic`.
    pub skill: Option<String>,
    /// A HIT role it prepares for.
    pub hit_role: Option<HitRole>,
    /// Two-letter state of the institution.
    pub state: Option<String>,
    /// Only programs whose next cohort starts on or after this date.
    pub starting_after: Option<NaiveDate>,
    /// Words to find in the name or description (case-insensitive).
    pub search: Option<String>,
}

impl TryFrom<ProgramFilter> for programs::ProgramFilter {
    type Error = ApiError;

    fn try_from(f: ProgramFilter) -> Result<Self, ApiError> {
        Ok(Self {
            institution: f.institution,
            credential: f.credential.map(Into::into),
            modality: f.modality.map(Into::into),
            cip_code: f.cip_code,
            skill: f.skill,
            hit_role: f.hit_role.map(Into::into),
            state: f.state,
            starting_after: f.starting_after,
            search: f
                .search
                .map(|s| SearchText::parse("filter.search", &s))
                .transpose()?,
        })
    }
}

/// Orders for `programs`.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
#[graphql(remote = "crate::service::programs::ProgramOrder")]
pub enum ProgramOrderBy {
    /// By name, A to Z.
    #[default]
    Name,
    /// Soonest next start first; programs without a date last.
    NextStart,
    /// Most recently added first.
    Newest,
}

/// Program root fields.
#[derive(Default)]
pub struct ProgramQuery;

#[Object]
impl ProgramQuery {
    /// Programs you may see (published ones; staff also see their institution's drafts).
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn programs(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<ProgramFilter>,
        #[graphql(default)] order_by: ProgramOrderBy,
    ) -> GqlResult<Conn<Program>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default().try_into()?;
        let order: ProgramOrder = order_by.into();
        let (db, caller) = (db(ctx), caller(ctx)?);
        // A page that shows each program's institution reads it in the same statement.
        if ctx
            .look_ahead()
            .field("edges")
            .field("node")
            .field("institution")
            .exists()
        {
            let page = programs::list_with_institutions(db, caller, filter, order, request).await?;
            return connection(ctx, page, Program::with_institution);
        }
        let page = programs::list(db, caller, filter, order, request).await?;
        connection(ctx, page, Program::from)
    }

    /// One program, by `id` or by `slug` (give exactly one).
    async fn program(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> GqlResult<Option<Program>> {
        let found = programs::get(db(ctx), caller(ctx)?, lookup(id, slug)?).await?;
        Ok(Some(found.into()))
    }

    /// Federation: resolves a `Program` reference by id.
    #[graphql(entity)]
    async fn find_program_by_id(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Option<Program>> {
        load_entity(ctx, ProgramById(parse_id("id", &id)?)).await
    }
}
