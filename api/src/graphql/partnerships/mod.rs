//! Partnerships: the `Partnership` type, its queries and mutations.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::partnership;
use uuid::Uuid;

use crate::domain::{Slug, expected_version};
use crate::error::GqlResult;
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, idempotency_key, load_one, parse_id, to_id};
use crate::graphql::employers::EmployerPartner;
use crate::graphql::enums::PartnershipStatus;
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::{EmployerById, InstitutionById};
use crate::service::partnerships::{self, PartnershipFilter as Filter, write};

/// A school's approval of an employer partner.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Partnership {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub institution_id: Uuid,
    #[graphql(skip)]
    pub employer_id: Uuid,
    /// Where it stands.
    pub status: PartnershipStatus,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Version for optimistic concurrency: pass it as `expectedVersion` when updating.
    pub version: i32,
}

impl From<partnership::Model> for Partnership {
    fn from(m: partnership::Model) -> Self {
        Self {
            id: to_id(m.id),
            institution_id: m.institution_id,
            employer_id: m.employer_id,
            status: m.status.into(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

#[ComplexObject]
impl Partnership {
    /// The school.
    async fn institution(&self, ctx: &Context<'_>) -> GqlResult<Option<Institution>> {
        Ok(load_one(ctx, InstitutionById(self.institution_id))
            .await?
            .map(Institution::from))
    }

    /// The employer.
    async fn employer(&self, ctx: &Context<'_>) -> GqlResult<Option<EmployerPartner>> {
        Ok(load_one(ctx, EmployerById(self.employer_id))
            .await?
            .map(EmployerPartner::from))
    }
}

/// Filters for `partnerships`.
#[derive(InputObject, Default)]
pub struct PartnershipFilter {
    /// Institution slug.
    pub institution: Option<String>,
    /// Employer slug.
    pub employer: Option<String>,
    /// Status.
    pub status: Option<PartnershipStatus>,
}

/// Partnership root fields.
#[derive(Default)]
pub struct PartnershipQuery;

#[Object]
impl PartnershipQuery {
    /// Partnerships you are party to (your school's or your employer's; all for consortium
    /// admins), newest first. Empty for everyone else.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn partnerships(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<PartnershipFilter>,
    ) -> GqlResult<Conn<Partnership>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = Filter {
            institution: f.institution,
            employer: f.employer,
            status: f.status.map(Into::into),
        };
        let page = partnerships::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, Partnership::from)
    }
}

/// A new partnership.
#[derive(InputObject)]
pub struct CreatePartnershipInput {
    /// Slug of the school (you must administer it).
    pub institution: String,
    /// Slug of the employer.
    pub employer: String,
    /// ACTIVE (default) or PENDING.
    #[graphql(default_with = "PartnershipStatus::Active")]
    pub status: PartnershipStatus,
}

/// Which way to move a partnership.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum PartnershipChange {
    /// Approve it.
    Activate,
    /// Put it back on hold.
    Hold,
}

/// Partnership mutations.
#[derive(Default)]
pub struct PartnershipMutation;

#[Object]
impl PartnershipMutation {
    /// Approves an employer for a school you administer. A retry with the same
    /// `idempotencyKey` returns the first result and creates nothing.
    async fn create_partnership(
        &self,
        ctx: &Context<'_>,
        input: CreatePartnershipInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<Partnership> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let institution = Slug::parse("input.institution", &input.institution)?;
        let employer = Slug::parse("input.employer", &input.employer)?;
        let created = write::create(
            db(ctx),
            caller(ctx)?,
            institution,
            employer,
            input.status.into(),
            key.as_ref(),
        )
        .await?;
        Ok(created.into())
    }

    /// Activates or holds a partnership of a school you administer.
    async fn update_partnership(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        change: PartnershipChange,
    ) -> GqlResult<Partnership> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let status = match change {
            PartnershipChange::Activate => entity::enums::PartnershipStatus::Active,
            PartnershipChange::Hold => entity::enums::PartnershipStatus::Pending,
        };
        Ok(
            write::set_status(db(ctx), caller(ctx)?, id, version, status)
                .await?
                .into(),
        )
    }

    /// Ends a partnership: the school's graduates leave the employer's pools.
    async fn archive_partnership(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> GqlResult<Partnership> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let status = entity::enums::PartnershipStatus::Ended;
        Ok(
            write::set_status(db(ctx), caller(ctx)?, id, version, status)
                .await?
                .into(),
        )
    }
}
