//! Consortium admins' changes to the vocabulary: new skills and certifications, renames and
//! aliases. Every write is audited, refuses a word (slug or code, name, alias) that already names
//! another term of its vocabulary, and ends with `tags::assign`, which numbers a new term and
//! tells every server to reread the vocabulary. Slugs and codes never change: criteria, saved
//! sync tokens and CSV files name terms by them.

mod term;
mod txn;

use entity::enums::SkillKind;
use entity::{certification, skill};
use sea_orm::{ActiveModelTrait, ColumnTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::Action;
use crate::domain::{Label, Slug};
use crate::error::{ApiError, ApiResult};
use term::Term;
use txn::TermWrite;

/// Most aliases one term may have.
pub const MAX_ALIASES: usize = 100;

/// The words a write adds to or takes from a term's aliases (compared ignoring case; adding
/// one it has, or removing one it lacks, changes nothing).
#[derive(Debug, Default)]
pub struct AliasChanges {
    pub add: Vec<Label>,
    pub remove: Vec<Label>,
}

/// A new skill, EHR system or standard.
pub struct NewSkill {
    pub slug: Slug,
    pub name: Label,
    pub kind: SkillKind,
    pub aliases: Vec<Label>,
}

/// Changes to a skill; `None` leaves a field as it is. A renamed term keeps its old name as an
/// alias unless the same write removes it.
#[derive(Default)]
pub struct SkillChanges {
    pub name: Option<Label>,
    pub kind: Option<SkillKind>,
    pub aliases: AliasChanges,
}

/// A new certification; `code` is already checked (see `graduates::relations::Held`).
pub struct NewCertification {
    pub code: String,
    pub name: Label,
    pub issuer: Label,
    pub aliases: Vec<Label>,
}

/// Changes to a certification, as [`SkillChanges`].
#[derive(Default)]
pub struct CertificationChanges {
    pub name: Option<Label>,
    pub issuer: Option<Label>,
    pub aliases: AliasChanges,
}

/// Adds a skill.
pub async fn create_skill(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    new: NewSkill,
) -> ApiResult<skill::Model> {
    let model = skill::Model {
        id: Uuid::now_v7(),
        slug: new.slug.into_inner(),
        name: new.name.into_inner(),
        kind: new.kind,
        tag: None,
    };
    create::<skill::Entity>(db, caller, model, new.aliases).await
}

/// Changes a skill, named by its slug.
pub async fn update_skill(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    slug: &Slug,
    changes: SkillChanges,
) -> ApiResult<skill::Model> {
    let renamed = (changes.name, changes.aliases);
    update::<skill::Entity>(db, caller, slug.as_str(), renamed, |m| {
        if let Some(kind) = changes.kind {
            m.kind = kind;
        }
    })
    .await
}

/// Adds a certification.
pub async fn create_certification(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    new: NewCertification,
) -> ApiResult<certification::Model> {
    let model = certification::Model {
        id: Uuid::now_v7(),
        code: new.code,
        name: new.name.into_inner(),
        issuer: new.issuer.into_inner(),
        tag: None,
    };
    create::<certification::Entity>(db, caller, model, new.aliases).await
}

/// Changes a certification, named by its code.
pub async fn update_certification(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    code: &str,
    changes: CertificationChanges,
) -> ApiResult<certification::Model> {
    let renamed = (changes.name, changes.aliases);
    update::<certification::Entity>(db, caller, code, renamed, |m| {
        if let Some(issuer) = changes.issuer {
            m.issuer = issuer.into_inner();
        }
    })
    .await
}

async fn create<E: Term>(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    model: E::Model,
    aliases: Vec<Label>,
) -> ApiResult<E::Model>
where
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let w = TermWrite::begin(db, caller, Action::Create, E::BOOK).await?;
    let id = E::id(&model);
    w.check(id, E::KEY_FIELD, E::key(&model))?;
    w.check(id, "input.name", E::name(&model))?;
    E::insert(model.clone().into_active_model())
        .exec_without_returning(&w.txn)
        .await?;
    let changes = AliasChanges {
        add: aliases,
        remove: vec![],
    };
    let own = [E::key(&model), E::name(&model)];
    let aliases = w.set_aliases(id, &own, changes).await?;
    w.finish::<E>(id, "create", None, &aliases).await
}

/// Changes the term whose key is `key`: `renamed` is the new name (if any) and the alias
/// changes, `edit` the rest.
async fn update<E: Term>(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    key: &str,
    renamed: (Option<Label>, AliasChanges),
    edit: impl FnOnce(&mut E::Model),
) -> ApiResult<E::Model>
where
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let w = TermWrite::begin(db, caller, Action::Update, E::BOOK).await?;
    let before = E::find()
        .filter(E::key_column().eq(key))
        .one(&w.txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let id = E::id(&before);
    let (name, mut aliases) = renamed;
    let mut after = before.clone();
    if let Some(name) = name {
        w.check(id, "input.name", name.as_str())?;
        keep_old_name(E::name(&before), name.as_str(), &mut aliases)?;
        E::rename(&mut after, name.into_inner());
    }
    edit(&mut after);
    E::update(after.clone().into_active_model().reset_all())
        .exec(&w.txn)
        .await?;
    let old = w.vocabulary.aliases(id).to_vec();
    let own = [E::key(&after), E::name(&after)];
    let aliases = w.set_aliases(id, &own, aliases).await?;
    let before = snapshot(&before, &old)?;
    w.finish::<E>(id, "update", Some(before), &aliases).await
}

/// A rename keeps the old name working (as an alias) unless the write removes it.
fn keep_old_name(old: &str, new: &str, aliases: &mut AliasChanges) -> ApiResult<()> {
    let removed = aliases
        .remove
        .iter()
        .any(|r| r.as_str().eq_ignore_ascii_case(old));
    if !removed && !old.eq_ignore_ascii_case(new) {
        aliases.add.push(Label::parse("input.name", old)?);
    }
    Ok(())
}

/// A term and its aliases as the audit trail records them.
fn snapshot(model: &impl serde::Serialize, aliases: &[String]) -> ApiResult<serde_json::Value> {
    let mut value = serde_json::to_value(model).map_err(ApiError::internal)?;
    value["aliases"] = serde_json::json!(aliases);
    Ok(value)
}
