//! Application root fields: the list the viewer is a party to, and one by id.

use async_graphql::{Context, ID, InputObject, Object};

use super::types::Application;
use crate::error::{ApiResult, GqlResult};
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, parse_id};
use crate::graphql::enums::ApplicationStatus;
use crate::service::applications;

/// Filters for `applications`; every one given must match.
#[derive(InputObject, Default)]
pub struct ApplicationFilter {
    /// Only applications to this internship.
    pub internship: Option<ID>,
    /// Only this graduate's applications.
    pub graduate: Option<ID>,
    /// Only applications in this status.
    pub status: Option<ApplicationStatus>,
}

impl ApplicationFilter {
    fn parse(self) -> ApiResult<applications::ApplicationFilter> {
        Ok(applications::ApplicationFilter {
            internship: self
                .internship
                .map(|id| parse_id("filter.internship", &id))
                .transpose()?,
            graduate: self
                .graduate
                .map(|id| parse_id("filter.graduate", &id))
                .transpose()?,
            status: self.status.map(Into::into),
        })
    }
}

/// Application root fields.
#[derive(Default)]
pub struct ApplicationQuery;

#[Object]
impl ApplicationQuery {
    /// Applications you are a party to, newest first: a graduate's own, a school's graduates',
    /// those to an employer's internships; consortium admins see all.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn applications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<ApplicationFilter>,
    ) -> GqlResult<Conn<Application>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default().parse()?;
        let page = applications::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, Application::from)
    }

    /// One application you are a party to.
    async fn application(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Option<Application>> {
        let id = parse_id("id", &id)?;
        Ok(Some(
            applications::get(db(ctx), caller(ctx)?, id).await?.into(),
        ))
    }
}
