//! Graduate root fields: the school's list, one record, the graduate's own, the federation
//! entity, and the disclosure log.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use chrono::{DateTime, Utc};

use super::{Disclosure, Graduate};
use crate::domain::SearchText;
use crate::error::{ApiError, GqlResult};
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, load_entity, parse_id};
use crate::graphql::enums::{Background, ConsentLevel, GraduateStatus};
use crate::graphql::loaders::GraduateById;
use crate::service::disclosures::{self, DisclosureFilter as ServiceDisclosureFilter};
use crate::service::graduates;

/// Filters for `graduates`; every one given must match.
#[derive(InputObject, Default)]
pub struct GraduateFilter {
    /// Slug of the institution.
    pub institution: Option<String>,
    /// Slug of the program completed.
    pub program: Option<String>,
    /// Year of graduation.
    pub graduation_year: Option<i32>,
    /// Background.
    pub background: Option<Background>,
    /// Slug of a skill they have, e.g. `fhir`.
    pub skill: Option<String>,
    /// Slug of an EHR system they have worked with, e.g. `epic`.
    pub ehr_system: Option<String>,
    /// Code of a certification they hold, e.g. `RHIT`.
    pub certification: Option<String>,
    /// Status; without it, archived graduates are left out.
    pub status: Option<GraduateStatus>,
    /// Consent level.
    pub consent: Option<ConsentLevel>,
    /// Words to find in the name (case-insensitive).
    pub search: Option<String>,
}

impl TryFrom<GraduateFilter> for graduates::GraduateFilter {
    type Error = ApiError;

    fn try_from(f: GraduateFilter) -> Result<Self, ApiError> {
        Ok(Self {
            institution: f.institution,
            program: f.program,
            graduation_year: f.graduation_year,
            background: f.background.map(Into::into),
            skill: f.skill,
            ehr_system: f.ehr_system,
            certification: f.certification.map(|c| c.trim().to_ascii_uppercase()),
            status: f.status.map(Into::into),
            consent: f.consent.map(Into::into),
            search: f
                .search
                .map(|s| SearchText::parse("filter.search", &s))
                .transpose()?,
        })
    }
}

/// Orders for `graduates`.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
#[graphql(remote = "crate::service::graduates::GraduateOrder")]
pub enum GraduateOrderBy {
    /// By family name, then given name.
    #[default]
    Name,
    /// Most recently added first.
    Newest,
}

/// Filters for `disclosures`.
#[derive(InputObject, Default)]
pub struct DisclosureFilter {
    /// Only disclosures of this graduate.
    pub graduate: Option<ID>,
    /// Only disclosures to this employer (slug).
    pub employer: Option<String>,
    /// Only disclosures at or after this time.
    pub since: Option<DateTime<Utc>>,
}

/// Graduate root fields.
#[derive(Default)]
pub struct GraduateQuery;

#[Object]
impl GraduateQuery {
    /// Graduates of your institution (all of them for consortium admins), with their whole
    /// records. UNAUTHENTICATED without a token; FORBIDDEN for other roles (employers use the
    /// candidate pool, graduates `me`).
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn graduates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<GraduateFilter>,
        #[graphql(default)] order_by: GraduateOrderBy,
    ) -> GqlResult<Conn<Graduate>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default().try_into()?;
        let page = graduates::list(db(ctx), caller(ctx)?, filter, order_by.into(), request).await?;
        connection(ctx, page, Graduate::from)
    }

    /// One graduate, masked for you; NOT_FOUND when you may not see them.
    async fn graduate(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Option<Graduate>> {
        load_entity(ctx, GraduateById(parse_id("id", &id)?)).await
    }

    /// Your own graduate record (role `graduate`).
    async fn me(&self, ctx: &Context<'_>) -> GqlResult<Option<Graduate>> {
        let id = graduates::own_id(caller(ctx)?)?;
        load_entity(ctx, GraduateById(id)).await
    }

    /// Federation: resolves a `Graduate` reference by id, masked as `graduate(id)` is.
    #[graphql(entity)]
    async fn find_graduate_by_id(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Option<Graduate>> {
        load_entity(ctx, GraduateById(parse_id("id", &id)?)).await
    }

    /// The FERPA record of disclosures, newest first: a graduate reads their own, a school its
    /// graduates', an employer what it received, consortium admins all.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn disclosures(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<DisclosureFilter>,
    ) -> GqlResult<Conn<Disclosure>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = ServiceDisclosureFilter {
            graduate: f
                .graduate
                .as_ref()
                .map(|id| parse_id("filter.graduate", id))
                .transpose()?,
            employer: f.employer,
            since: f.since,
        };
        let page = disclosures::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, Disclosure::from)
    }
}
