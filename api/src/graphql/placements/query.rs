//! Placement root fields.

use async_graphql::{Context, ID, InputObject, Object};

use super::types::Placement;
use crate::error::{ApiResult, GqlResult};
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, parse_id};
use crate::service::placements;

/// Filters for `placements`; every one given must match.
#[derive(InputObject, Default)]
pub struct PlacementFilter {
    /// Only this graduate's placements.
    pub graduate: Option<ID>,
    /// Only placements with this employer (slug).
    pub employer: Option<String>,
}

impl PlacementFilter {
    fn parse(self) -> ApiResult<placements::PlacementFilter> {
        Ok(placements::PlacementFilter {
            graduate: self
                .graduate
                .map(|id| parse_id("filter.graduate", &id))
                .transpose()?,
            employer: self.employer,
        })
    }
}

/// Placement root fields.
#[derive(Default)]
pub struct PlacementQuery;

#[Object]
impl PlacementQuery {
    /// Placements you are a party to, latest start first: a graduate's own, a school's
    /// graduates', an employer's hires; consortium admins see all.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn placements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<PlacementFilter>,
    ) -> GqlResult<Conn<Placement>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default().parse()?;
        let page = placements::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, Placement::from)
    }
}
