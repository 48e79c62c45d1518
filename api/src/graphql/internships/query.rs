//! Internship queries: list with filters and order, one by id, federation entity.

use async_graphql::{Context, Enum, ID, InputObject, Object};

use super::Internship;
use crate::error::GqlResult;
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, load_entity, parse_id};
use crate::graphql::enums::{HitRole, WorkMode};
use crate::graphql::loaders::InternshipById;
use crate::service::internships::{self, InternshipOrder};

/// Filters for `internships`; every one given must match.
#[derive(InputObject, Default)]
pub struct InternshipFilter {
    /// Slug of the employer offering it.
    pub employer: Option<String>,
    /// Slug of a skill or EHR system wanted, e.g. `epic`.
    pub skill: Option<String>,
    /// Only paid (true: hourly or stipend) or unpaid (false) internships.
    pub paid: Option<bool>,
    /// Only internships done this way.
    pub work_mode: Option<WorkMode>,
    /// Only internships at rural (true) or non-rural (false) work sites.
    pub rural: Option<bool>,
    /// Two-letter state of the work site.
    pub state: Option<String>,
    /// The HIT role it trains for.
    pub hit_role: Option<HitRole>,
}

impl From<InternshipFilter> for internships::InternshipFilter {
    fn from(f: InternshipFilter) -> Self {
        Self {
            employer: f.employer,
            skill: f.skill,
            paid: f.paid,
            work_mode: f.work_mode.map(Into::into),
            rural: f.rural,
            state: f.state,
            hit_role: f.hit_role.map(Into::into),
        }
    }
}

/// Orders for `internships`.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
#[graphql(remote = "crate::service::internships::InternshipOrder")]
pub enum InternshipOrderBy {
    /// Soonest start first.
    #[default]
    StartsOn,
    /// By title, A to Z.
    Title,
    /// Most recently posted first.
    Newest,
}

/// Internship root fields.
#[derive(Default)]
pub struct InternshipQuery;

#[Object]
impl InternshipQuery {
    /// Internships you may see (open ones; an employer also sees its own drafts and closed ones).
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn internships(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<InternshipFilter>,
        #[graphql(default)] order_by: InternshipOrderBy,
    ) -> GqlResult<Conn<Internship>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default().into();
        let order: InternshipOrder = order_by.into();
        let page = internships::list(db(ctx), caller(ctx)?, filter, order, request).await?;
        connection(ctx, page, Internship::from)
    }

    /// One internship by id.
    async fn internship(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Option<Internship>> {
        let id = parse_id("id", &id)?;
        Ok(Some(
            internships::get(db(ctx), caller(ctx)?, id).await?.into(),
        ))
    }

    /// Federation: resolves an `Internship` reference by id.
    #[graphql(entity)]
    async fn find_internship_by_id(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> GqlResult<Option<Internship>> {
        load_entity(ctx, InternshipById(parse_id("id", &id)?)).await
    }
}
