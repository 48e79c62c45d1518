//! Internship mutations: create, update, close.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use chrono::NaiveDate;

use super::Internship;
use crate::domain::{Label, LongText, Slug, StateCode, bounded, expected_version, plausible_date};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, idempotency_key, opt, parse_id, slugs, terms};
use crate::graphql::enums::{HitRole, InternshipStatus, Pay, WorkMode};
use crate::service::internships::write::{self, Compensation, InternshipChanges, NewInternship};

/// Most interns one posting takes.
const MAX_SLOTS: i32 = 100;
/// Largest amount in cents ($100,000: a stipend; an hourly rate is far below).
const MAX_PAY_CENTS: i32 = 10_000_000;

fn date(field: &'static str) -> impl Fn(NaiveDate) -> ApiResult<NaiveDate> {
    move |value| plausible_date(field, value)
}

fn compensation(pay: Pay, cents: Option<i32>) -> ApiResult<Compensation> {
    let cents = cents
        .map(|c| bounded("input.payCents", c, 1, MAX_PAY_CENTS))
        .transpose()?;
    Ok(Compensation {
        pay: pay.into(),
        cents,
    })
}

fn slots(value: i32) -> ApiResult<i32> {
    bounded("input.slots", value, 1, MAX_SLOTS)
}

/// A new internship.
#[derive(InputObject)]
pub struct CreateInternshipInput {
    /// Slug of the employer posting it (one you act for).
    pub employer: String,
    /// Title of the position.
    pub title: String,
    /// What the intern will do and learn.
    #[graphql(default)]
    pub description: String,
    /// The HIT role it trains for, if one.
    pub hit_role: Option<HitRole>,
    /// How the intern is paid (UNPAID by default).
    #[graphql(default_with = "Pay::Unpaid")]
    pub pay: Pay,
    /// The amount in US cents, optional: per hour for HOURLY, in all for STIPEND.
    pub pay_cents: Option<i32>,
    /// ON_SITE (default), HYBRID or REMOTE.
    #[graphql(default_with = "WorkMode::OnSite")]
    pub work_mode: WorkMode,
    /// City of the work site.
    pub city: String,
    /// Two-letter US state of the work site.
    pub state: String,
    /// Whether the work site is rural (default: the employer's own flag).
    pub rural: Option<bool>,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day (on or after `startsOn`).
    pub ends_on: NaiveDate,
    /// Last day to apply (on or before `endsOn`).
    pub application_deadline: Option<NaiveDate>,
    /// How many interns it takes (1–100).
    pub slots: i32,
    /// DRAFT (default) until it should take applications, or OPEN.
    #[graphql(default_with = "InternshipStatus::Draft")]
    pub status: InternshipStatus,
    /// The skills wanted, each by slug, name or alias (see `skills`).
    #[graphql(default)]
    pub skills: Vec<String>,
    /// The EHR systems wanted, each by slug, name or alias.
    #[graphql(default)]
    pub ehr_systems: Vec<String>,
    /// Slugs of the schools whose graduates may apply; each must have approved the employer.
    /// Left out: every school that has.
    pub eligible_institutions: Option<Vec<String>>,
}

impl CreateInternshipInput {
    fn parse(self) -> ApiResult<NewInternship> {
        Ok(NewInternship {
            employer: Slug::parse("input.employer", &self.employer)?,
            title: Label::parse("input.title", &self.title)?,
            description: LongText::parse("input.description", &self.description)?,
            hit_role: self.hit_role.map(Into::into),
            compensation: compensation(self.pay, self.pay_cents)?,
            work_mode: self.work_mode.into(),
            city: Label::parse("input.city", &self.city)?,
            state: StateCode::parse("input.state", &self.state)?,
            rural: self.rural,
            starts_on: date("input.startsOn")(self.starts_on)?,
            ends_on: date("input.endsOn")(self.ends_on)?,
            application_deadline: self
                .application_deadline
                .map(date("input.applicationDeadline"))
                .transpose()?,
            slots: slots(self.slots)?,
            status: self.status.into(),
            skills: terms("input.skills", self.skills)?,
            ehr_systems: terms("input.ehrSystems", self.ehr_systems)?,
            eligible: self
                .eligible_institutions
                .map(|list| slugs("input.eligibleInstitutions", list))
                .transpose()?,
        })
    }
}

/// Changes to an internship: fields left out stay as they are; lists replace the whole list.
#[derive(InputObject)]
pub struct UpdateInternshipInput {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Null removes it.
    pub hit_role: MaybeUndefined<HitRole>,
    /// With `payCents` (left out: no amount).
    pub pay: Option<Pay>,
    /// Only together with `pay`.
    pub pay_cents: Option<i32>,
    pub work_mode: Option<WorkMode>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub rural: Option<bool>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Null removes it.
    pub application_deadline: MaybeUndefined<NaiveDate>,
    pub slots: Option<i32>,
    /// DRAFT, OPEN (takes applications) or CLOSED.
    pub status: Option<InternshipStatus>,
    pub skills: Option<Vec<String>>,
    pub ehr_systems: Option<Vec<String>>,
    /// Each must have approved the employer.
    pub eligible_institutions: Option<Vec<String>>,
}

impl UpdateInternshipInput {
    fn parse(self) -> ApiResult<InternshipChanges> {
        let compensation = match (self.pay, self.pay_cents) {
            (Some(pay), cents) => Some(compensation(pay, cents)?),
            (None, Some(_)) => {
                return Err(crate::error::ApiError::invalid(
                    "input.payCents",
                    "give pay with it",
                ));
            }
            (None, None) => None,
        };
        Ok(InternshipChanges {
            title: opt("title", self.title, Label::parse)?,
            description: opt("description", self.description, LongText::parse)?,
            hit_role: match self.hit_role {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(role) => Some(Some(role.into())),
            },
            compensation,
            work_mode: self.work_mode.map(Into::into),
            city: opt("city", self.city, Label::parse)?,
            state: opt("state", self.state, StateCode::parse)?,
            rural: self.rural,
            starts_on: self.starts_on.map(date("input.startsOn")).transpose()?,
            ends_on: self.ends_on.map(date("input.endsOn")).transpose()?,
            application_deadline: match self.application_deadline {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(d) => Some(Some(date("input.applicationDeadline")(d)?)),
            },
            slots: self.slots.map(slots).transpose()?,
            status: self.status.map(Into::into),
            skills: self.skills.map(|l| terms("input.skills", l)).transpose()?,
            ehr_systems: self
                .ehr_systems
                .map(|l| terms("input.ehrSystems", l))
                .transpose()?,
            eligible: self
                .eligible_institutions
                .map(|l| slugs("input.eligibleInstitutions", l))
                .transpose()?,
        })
    }
}

/// Internship mutations.
#[derive(Default)]
pub struct InternshipMutation;

#[Object]
impl InternshipMutation {
    /// Posts an internship for an employer you act for. A retry with the same
    /// `idempotencyKey` returns the first result and creates nothing.
    async fn create_internship(
        &self,
        ctx: &Context<'_>,
        input: CreateInternshipInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<Internship> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let created = write::create(db(ctx), caller(ctx)?, input.parse()?, key.as_ref()).await?;
        Ok(created.into())
    }

    /// Updates one of your internships. A stale `expectedVersion` is a CONFLICT and writes
    /// nothing.
    async fn update_internship(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: UpdateInternshipInput,
    ) -> GqlResult<Internship> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        let updated = write::update(db(ctx), caller(ctx)?, id, version, input.parse()?).await?;
        Ok(updated.into())
    }

    /// Closes one of your internships: it takes no more applications and leaves the public
    /// listing.
    async fn close_internship(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> GqlResult<Internship> {
        let id = parse_id("id", &id)?;
        let version = self::expected_version(expected_version)?;
        Ok(write::close(db(ctx), caller(ctx)?, id, version)
            .await?
            .into())
    }
}
