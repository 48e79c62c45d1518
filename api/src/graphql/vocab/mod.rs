//! The shared vocabulary: its types (used by several domains), the public root fields that
//! list it (`skills`, `certifications`) and consortium admins' changes to it (`mutation`).

mod mutation;

pub use mutation::VocabularyMutation;

use async_graphql::{ComplexObject, Context, InputObject, Object, SimpleObject};
use entity::{certification, skill};
use uuid::Uuid;

use super::connection::{Conn, connection, page_request};
use super::context::{caller, db, load_list};
use super::enums::SkillKind;
use super::loaders::AliasesOfTerm;
use crate::domain::SearchText;
use crate::error::{ApiResult, GqlResult};
use crate::service::vocabulary;

/// A skill, standard or EHR system from the consortium's shared vocabulary.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Skill {
    #[graphql(skip)]
    pub id: Uuid,
    /// Stable identifier used in filters, e.g. `fhir` or `epic`.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Which vocabulary it belongs to.
    pub kind: SkillKind,
}

impl From<skill::Model> for Skill {
    fn from(m: skill::Model) -> Self {
        Self {
            id: m.id,
            slug: m.slug,
            name: m.name,
            kind: m.kind.into(),
        }
    }
}

#[ComplexObject]
impl Skill {
    /// Other names it goes by, matched ignoring case wherever a skill is named (criteria,
    /// imports, filters), in alphabetical order: `Cerner` for `oracle-health`.
    async fn aliases(&self, ctx: &Context<'_>) -> GqlResult<Vec<String>> {
        aliases_of(ctx, self.id).await
    }
}

/// A term's aliases, read in one batch for every term of the response.
async fn aliases_of(ctx: &Context<'_>, id: Uuid) -> GqlResult<Vec<String>> {
    load_list(ctx, AliasesOfTerm(id)).await
}

/// Splits a loaded vocabulary list into the part a field shows.
pub fn pick(skills: Vec<skill::Model>, set: crate::service::related::SkillSet) -> Vec<Skill> {
    skills
        .into_iter()
        .filter(|s| set.includes(s.kind))
        .map(Skill::from)
        .collect()
}

/// A certification from the shared vocabulary.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Certification {
    #[graphql(skip)]
    pub id: Uuid,
    /// The code used in criteria and imports, e.g. `CHTS-IS` or `RHIT`.
    pub code: String,
    /// Full name.
    pub name: String,
    /// The body that awards it.
    pub issuer: String,
}

impl From<certification::Model> for Certification {
    fn from(m: certification::Model) -> Self {
        Self {
            id: m.id,
            code: m.code,
            name: m.name,
            issuer: m.issuer,
        }
    }
}

#[ComplexObject]
impl Certification {
    /// Other names it goes by (matched ignoring case), in alphabetical order.
    async fn aliases(&self, ctx: &Context<'_>) -> GqlResult<Vec<String>> {
        aliases_of(ctx, self.id).await
    }
}

/// Which skills to list.
#[derive(InputObject, Default)]
pub struct SkillFilter {
    /// Only this kind (for example `EHR_SYSTEM`).
    pub kind: Option<SkillKind>,
    /// Words in the slug, the name or an alias (case-insensitive): `cerner millennium` finds
    /// `oracle-health`.
    pub search: Option<String>,
}

/// Which certifications to list.
#[derive(InputObject, Default)]
pub struct CertificationFilter {
    /// Words in the code, the name, the issuer or an alias (case-insensitive).
    pub search: Option<String>,
}

fn search(text: Option<String>) -> ApiResult<Option<SearchText>> {
    text.map(|t| SearchText::parse("filter.search", &t))
        .transpose()
}

/// The vocabulary's root fields.
#[derive(Default)]
pub struct VocabularyQuery;

#[Object]
impl VocabularyQuery {
    /// The shared vocabulary of skills, EHR systems and standards, by slug: the slugs that
    /// criteria, filters and CSV imports take. Public.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn skills(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<SkillFilter>,
    ) -> GqlResult<Conn<Skill>> {
        let request = page_request(ctx, first, after)?;
        let filter = filter.unwrap_or_default();
        let filter = vocabulary::SkillFilter {
            kind: filter.kind.map(Into::into),
            search: search(filter.search)?,
        };
        let page = vocabulary::skills(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, Skill::from)
    }

    /// The shared vocabulary of certifications, by code: the codes that criteria and CSV
    /// imports take. Public.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn certifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<CertificationFilter>,
    ) -> GqlResult<Conn<Certification>> {
        let request = page_request(ctx, first, after)?;
        let search = search(filter.unwrap_or_default().search)?;
        let page = vocabulary::certifications(db(ctx), caller(ctx)?, search, request).await?;
        connection(ctx, page, Certification::from)
    }
}
