//! Employer partner queries: list, one by id or slug, federation entity.

use async_graphql::{Context, ID, InputObject, Object};

use super::EmployerPartner;
use crate::domain::SearchText;
use crate::error::{ApiError, GqlResult};
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, load_entity, lookup, parse_id};
use crate::graphql::enums::EmployerKind;
use crate::graphql::loaders::EmployerById;
use crate::service::employers;

/// Filters for `employerPartners`; every one given must match.
#[derive(InputObject, Default)]
pub struct EmployerFilter {
    /// Kind of organisation.
    pub kind: Option<EmployerKind>,
    /// Two-letter US state.
    pub state: Option<String>,
    /// Only rural (true) or non-rural (false) employers.
    pub rural: Option<bool>,
    /// Words to find in the name or description (case-insensitive).
    pub search: Option<String>,
}

impl TryFrom<EmployerFilter> for employers::EmployerFilter {
    type Error = ApiError;

    fn try_from(f: EmployerFilter) -> Result<Self, ApiError> {
        Ok(Self {
            kind: f.kind.map(Into::into),
            state: f.state,
            rural: f.rural,
            search: f
                .search
                .map(|s| SearchText::parse("filter.search", &s))
                .transpose()?,
        })
    }
}

/// Employer partner root fields.
#[derive(Default)]
pub struct EmployerQuery;

#[Object]
impl EmployerQuery {
    /// Employer partners, in name order.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn employer_partners(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<EmployerFilter>,
    ) -> GqlResult<Conn<EmployerPartner>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default().try_into()?;
        let page = employers::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, EmployerPartner::from)
    }

    /// One employer partner, by `id` or by `slug` (give exactly one).
    async fn employer_partner(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> GqlResult<Option<EmployerPartner>> {
        let found = employers::get(db(ctx), caller(ctx)?, lookup(id, slug)?).await?;
        Ok(Some(found.into()))
    }

    /// Federation: resolves an `EmployerPartner` reference by id.
    #[graphql(entity)]
    async fn find_employer_partner_by_id(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> GqlResult<Option<EmployerPartner>> {
        load_entity(ctx, EmployerById(parse_id("id", &id)?)).await
    }
}
