//! The `EmployerPartner` type (public fields) and its relation fields.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use uuid::Uuid;

use crate::error::GqlResult;
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{load_list, load_one, to_id};
use crate::graphql::enums::{EmployerKind, EmployerStatus};
use crate::graphql::internships::Internship;
use crate::graphql::loaders::{EhrSystemsOfEmployer, InternshipsOfEmployer};
use crate::graphql::vocab::{Skill, pick};
use crate::service::Page;
use crate::service::employers::EmployerView;
use crate::service::related::SkillSet;

/// An organisation that hires the consortium's graduates.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct EmployerPartner {
    /// Stable UUID.
    pub id: ID,
    #[graphql(skip)]
    pub uuid: Uuid,
    /// Stable URL-safe identifier, e.g. `grady-health`.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What kind of organisation it is.
    pub kind: EmployerKind,
    /// City.
    pub city: String,
    /// Two-letter US state.
    pub state: String,
    /// Region within the consortium.
    pub region: String,
    /// Whether it serves a rural area (critical-access hospitals, rural clinics).
    pub rural: bool,
    /// Public website.
    pub website: Option<String>,
    /// What it does and whom it hires.
    pub description: String,
    /// Recruiting contact: shown to the employer itself and to consortium admins, null otherwise.
    pub contact_email: Option<String>,
    /// ACTIVE; SUSPENDED and ARCHIVED partners are visible only to themselves and to consortium
    /// admins, and their internships leave public view.
    pub status: EmployerStatus,
    /// Version for optimistic concurrency: pass it as `expectedVersion` when updating.
    pub version: i32,
}

impl From<EmployerView> for EmployerPartner {
    fn from(view: EmployerView) -> Self {
        let (m, contact) = view.into_parts();
        Self {
            id: to_id(m.id),
            uuid: m.id,
            slug: m.slug,
            name: m.name,
            kind: m.kind.into(),
            city: m.city,
            state: m.state,
            region: m.region,
            rural: m.rural,
            website: m.website,
            description: m.description,
            contact_email: contact.and_then(|c| c.email),
            status: m.status.into(),
            version: m.version,
        }
    }
}

#[ComplexObject]
impl EmployerPartner {
    /// EHR systems it runs.
    async fn ehr_systems(&self, ctx: &Context<'_>) -> GqlResult<Vec<Skill>> {
        let all = load_list(ctx, EhrSystemsOfEmployer(self.uuid)).await?;
        Ok(pick(all, SkillSet::EhrSystems))
    }

    /// Its internships that you may see (open ones, unless you are this employer), soonest first.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn internships(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
    ) -> GqlResult<Conn<Internship>> {
        let request = page_request(ctx, first, after)?;
        let page = load_one(ctx, InternshipsOfEmployer(self.uuid, request.clone())).await?;
        let page = page.unwrap_or_else(|| Page::empty(&request));
        connection(ctx, page, Internship::from)
    }
}
