//! The `Placement` type.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use entity::placement;
use uuid::Uuid;

use crate::authz;
use crate::error::GqlResult;
use crate::graphql::context::{caller, load_one, to_id};
use crate::graphql::employers::EmployerPartner;
use crate::graphql::enums::EmploymentType;
use crate::graphql::graduates::Graduate;
use crate::graphql::internships::Internship;
use crate::graphql::loaders::{EmployerById, GraduateById, InternshipById};

/// A graduate's job or internship outcome.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Placement {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub graduate_id: Uuid,
    #[graphql(skip)]
    pub employer_id: Uuid,
    #[graphql(skip)]
    pub internship_id: Option<Uuid>,
    /// Job title.
    pub title: String,
    /// Occupation as a SOC code, when known.
    pub soc_code: Option<String>,
    /// Full time, part time or an internship.
    pub employment_type: EmploymentType,
    /// First day of work.
    pub start_date: NaiveDate,
    #[graphql(skip)]
    pub recorder: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

impl From<placement::Model> for Placement {
    fn from(m: placement::Model) -> Self {
        Self {
            id: to_id(m.id),
            graduate_id: m.graduate_id,
            employer_id: m.employer_id,
            internship_id: m.internship_id,
            title: m.title,
            soc_code: m.soc_code,
            employment_type: m.employment_type.into(),
            start_date: m.start_date,
            recorder: m.recorded_by,
            created_at: m.created_at,
        }
    }
}

#[ComplexObject]
impl Placement {
    /// Token subject of whoever recorded it (consortium admins only).
    async fn recorded_by(&self, ctx: &Context<'_>) -> GqlResult<Option<String>> {
        let sees = authz::sees_actors(caller(ctx)?.viewer());
        Ok(sees.then(|| self.recorder.clone()))
    }

    /// The graduate placed, as you may see them.
    async fn graduate(&self, ctx: &Context<'_>) -> GqlResult<Option<Graduate>> {
        let found = load_one(ctx, GraduateById(self.graduate_id)).await?;
        Ok(found.map(Graduate::from))
    }

    /// The employer.
    async fn employer(&self, ctx: &Context<'_>) -> GqlResult<Option<EmployerPartner>> {
        let found = load_one(ctx, EmployerById(self.employer_id)).await?;
        Ok(found.map(EmployerPartner::from))
    }

    /// The internship it came through, if any (when you may see it).
    async fn internship(&self, ctx: &Context<'_>) -> GqlResult<Option<Internship>> {
        let Some(id) = self.internship_id else {
            return Ok(None);
        };
        let found = load_one(ctx, InternshipById(id)).await?;
        Ok(found.map(Internship::from))
    }
}
