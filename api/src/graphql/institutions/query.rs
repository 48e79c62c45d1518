//! Institution queries: list, one by id or slug, and the federation entity resolver.

use async_graphql::{Context, ID, InputObject, Object};

use super::Institution;
use crate::domain::SearchText;
use crate::error::{ApiError, GqlResult};
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, load_entity, lookup, parse_id};
use crate::graphql::enums::InstitutionKind;
use crate::graphql::loaders::InstitutionById;
use crate::service::institutions;

/// Filters for `institutions`; every one given must match.
#[derive(InputObject, Default)]
pub struct InstitutionFilter {
    /// Two-letter US state.
    pub state: Option<String>,
    /// Kind of school.
    pub kind: Option<InstitutionKind>,
    /// Only rural (true) or non-rural (false) institutions.
    pub rural: Option<bool>,
    /// Words to find in the name or description (case-insensitive).
    pub search: Option<String>,
}

impl TryFrom<InstitutionFilter> for institutions::InstitutionFilter {
    type Error = ApiError;

    fn try_from(f: InstitutionFilter) -> Result<Self, ApiError> {
        Ok(Self {
            state: f.state,
            kind: f.kind.map(Into::into),
            rural: f.rural,
            search: f
                .search
                .map(|s| SearchText::parse("filter.search", &s))
                .transpose()?,
        })
    }
}

/// Institution root fields.
#[derive(Default)]
pub struct InstitutionQuery;

#[Object]
impl InstitutionQuery {
    /// Institutions of the consortium, in name order.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn institutions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<InstitutionFilter>,
    ) -> GqlResult<Conn<Institution>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default().try_into()?;
        let page = institutions::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, Institution::from)
    }

    /// One institution, by `id` or by `slug` (give exactly one).
    async fn institution(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> GqlResult<Option<Institution>> {
        let found = institutions::get(db(ctx), caller(ctx)?, lookup(id, slug)?).await?;
        Ok(Some(found.into()))
    }

    /// Federation: resolves an `Institution` reference by id.
    #[graphql(entity)]
    async fn find_institution_by_id(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> GqlResult<Option<Institution>> {
        load_entity(ctx, InstitutionById(parse_id("id", &id)?)).await
    }
}
