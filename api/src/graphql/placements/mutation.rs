//! `recordPlacement`.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;

use super::types::Placement;
use crate::domain::{Label, Slug, SocCode, plausible_date};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, idempotency_key, opt, parse_id};
use crate::graphql::enums::EmploymentType;
use crate::service::placements::write::{self, NewPlacement};

/// A placement to record.
#[derive(InputObject)]
pub struct RecordPlacementInput {
    /// The graduate placed.
    pub graduate: ID,
    /// Slug of the employer.
    pub employer: String,
    /// Job title.
    pub title: String,
    /// SOC code of the occupation, e.g. `29-2072`.
    pub soc_code: Option<String>,
    /// FULL_TIME, PART_TIME or INTERNSHIP.
    pub employment_type: EmploymentType,
    /// First day of work.
    pub start_date: NaiveDate,
    /// The employer's internship it came through (the graduate's application to it must be
    /// accepted or completed).
    pub internship: Option<ID>,
}

impl RecordPlacementInput {
    fn parse(self) -> ApiResult<NewPlacement> {
        Ok(NewPlacement {
            graduate: parse_id("input.graduate", &self.graduate)?,
            employer: Slug::parse("input.employer", &self.employer)?,
            title: Label::parse("input.title", &self.title)?,
            soc_code: opt("socCode", self.soc_code, SocCode::parse)?,
            employment_type: self.employment_type.into(),
            start_date: plausible_date("input.startDate", self.start_date)?,
            internship: self
                .internship
                .map(|id| parse_id("input.internship", &id))
                .transpose()?,
        })
    }
}

/// Placement mutations.
#[derive(Default)]
pub struct PlacementMutation;

#[Object]
impl PlacementMutation {
    /// Records a placement (as the graduate's school, the employer that hired them, or a
    /// consortium admin). The graduate becomes PLACED: they leave the seekers-only candidate
    /// pools and show as a tombstone in the next sync. A retry with the same `idempotencyKey`
    /// returns the first result.
    async fn record_placement(
        &self,
        ctx: &Context<'_>,
        input: RecordPlacementInput,
        idempotency_key: Option<String>,
    ) -> GqlResult<Placement> {
        let key = self::idempotency_key(ctx, idempotency_key)?;
        let recorded = write::record(db(ctx), caller(ctx)?, input.parse()?, key.as_ref()).await?;
        Ok(recorded.into())
    }
}
