//! Consortium admins' changes to the vocabulary: `createSkill`, `updateSkill`,
//! `createCertification`, `updateCertification` (audited; see `service::vocabulary::write`).

use async_graphql::{Context, InputObject, Object};

use super::{Certification, Skill};
use crate::domain::{Label, Slug};
use crate::error::{ApiResult, GqlResult};
use crate::graphql::context::{caller, db, opt};
use crate::graphql::enums::SkillKind;
use crate::service::graduates::relations::{bounded_list, certification_code};
use crate::service::vocabulary::write::{
    self, AliasChanges, CertificationChanges, NewCertification, NewSkill, SkillChanges,
};

/// A new skill, EHR system or standard.
#[derive(InputObject)]
pub struct CreateSkillInput {
    /// Stable identifier, e.g. `oracle-health` (cannot change later).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Which vocabulary it belongs to.
    pub kind: SkillKind,
    /// Other names it goes by (at most 50 here, 100 in all; each at most 100 characters).
    #[graphql(default)]
    pub aliases: Vec<String>,
}

/// Changes to a skill: fields left out stay as they are. A new name keeps the old one as an
/// alias unless `removeAliases` names it.
#[derive(InputObject)]
pub struct UpdateSkillInput {
    pub name: Option<String>,
    pub kind: Option<SkillKind>,
    /// Aliases to add (one it has already changes nothing).
    #[graphql(default)]
    pub add_aliases: Vec<String>,
    /// Aliases to remove, ignoring case (one it lacks changes nothing).
    #[graphql(default)]
    pub remove_aliases: Vec<String>,
}

/// A new certification.
#[derive(InputObject)]
pub struct CreateCertificationInput {
    /// The code criteria and imports use, e.g. `CHDA` (stored in upper case; cannot change).
    pub code: String,
    /// Full name.
    pub name: String,
    /// The body that awards it.
    pub issuer: String,
    /// Other names it goes by.
    #[graphql(default)]
    pub aliases: Vec<String>,
}

/// Changes to a certification, as [`UpdateSkillInput`].
#[derive(InputObject)]
pub struct UpdateCertificationInput {
    pub name: Option<String>,
    pub issuer: Option<String>,
    #[graphql(default)]
    pub add_aliases: Vec<String>,
    #[graphql(default)]
    pub remove_aliases: Vec<String>,
}

fn words(field: &str, list: Vec<String>) -> ApiResult<Vec<Label>> {
    let field = format!("input.{field}");
    bounded_list(&field, list)?
        .iter()
        .map(|w| Label::parse(&field, w))
        .collect()
}

fn alias_changes(add: Vec<String>, remove: Vec<String>) -> ApiResult<AliasChanges> {
    Ok(AliasChanges {
        add: words("addAliases", add)?,
        remove: words("removeAliases", remove)?,
    })
}

#[derive(Default)]
pub struct VocabularyMutation;

#[Object]
impl VocabularyMutation {
    /// Adds a skill to the shared vocabulary. Consortium admins only; audited.
    async fn create_skill(&self, ctx: &Context<'_>, input: CreateSkillInput) -> GqlResult<Skill> {
        let new = NewSkill {
            slug: Slug::parse("input.slug", &input.slug)?,
            name: Label::parse("input.name", &input.name)?,
            kind: input.kind.into(),
            aliases: words("aliases", input.aliases)?,
        };
        Ok(write::create_skill(db(ctx), caller(ctx)?, new)
            .await?
            .into())
    }

    /// Renames a skill, moves it to another kind, or adds and removes aliases. Consortium
    /// admins only; audited.
    async fn update_skill(
        &self,
        ctx: &Context<'_>,
        slug: String,
        input: UpdateSkillInput,
    ) -> GqlResult<Skill> {
        let slug = Slug::parse("slug", &slug)?;
        let changes = SkillChanges {
            name: opt("name", input.name, Label::parse)?,
            kind: input.kind.map(Into::into),
            aliases: alias_changes(input.add_aliases, input.remove_aliases)?,
        };
        let skill = write::update_skill(db(ctx), caller(ctx)?, &slug, changes).await?;
        Ok(skill.into())
    }

    /// Adds a certification to the shared vocabulary. Consortium admins only; audited.
    async fn create_certification(
        &self,
        ctx: &Context<'_>,
        input: CreateCertificationInput,
    ) -> GqlResult<Certification> {
        let new = NewCertification {
            code: certification_code("input.code", &input.code)?,
            name: Label::parse("input.name", &input.name)?,
            issuer: Label::parse("input.issuer", &input.issuer)?,
            aliases: words("aliases", input.aliases)?,
        };
        let created = write::create_certification(db(ctx), caller(ctx)?, new).await?;
        Ok(created.into())
    }

    /// Renames a certification, changes its issuer, or adds and removes aliases. Consortium
    /// admins only; audited.
    async fn update_certification(
        &self,
        ctx: &Context<'_>,
        code: String,
        input: UpdateCertificationInput,
    ) -> GqlResult<Certification> {
        let code = certification_code("code", &code)?;
        let changes = CertificationChanges {
            name: opt("name", input.name, Label::parse)?,
            issuer: opt("issuer", input.issuer, Label::parse)?,
            aliases: alias_changes(input.add_aliases, input.remove_aliases)?,
        };
        let updated = write::update_certification(db(ctx), caller(ctx)?, &code, changes).await?;
        Ok(updated.into())
    }
}
