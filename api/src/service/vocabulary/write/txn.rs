//! One write to the vocabulary: its transaction, the checks that keep every word naming one term,
//! the alias rewrite, and the audited commit.

use std::collections::BTreeMap;

use entity::{certification_alias, skill_alias};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityName, QueryFilter,
};
use uuid::Uuid;

use super::term::{Book, Term};
use super::{AliasChanges, MAX_ALIASES, snapshot};
use crate::auth::Caller;
use crate::authz::{self, Action, Resource};
use crate::cache::Domain;
use crate::domain::Label;
use crate::error::{ApiError, ApiResult};
use crate::service::vocabulary::{Vocabulary, tags};
use crate::service::write;

/// One write to the vocabulary: its transaction and the vocabulary as the transaction reads it.
pub struct TermWrite<'c> {
    pub txn: DatabaseTransaction,
    caller: &'c Caller,
    book: Book,
    pub vocabulary: Vocabulary,
}

impl<'c> TermWrite<'c> {
    pub async fn begin(
        db: &sea_orm::DatabaseConnection,
        caller: &'c Caller,
        action: Action,
        book: Book,
    ) -> ApiResult<Self> {
        authz::authorize(caller.viewer(), action, &Resource::Vocabulary)?;
        let txn = write::begin(db).await?;
        let vocabulary = Vocabulary::read(&txn).await?;
        Ok(Self {
            txn,
            caller,
            book,
            vocabulary,
        })
    }

    /// Refuses a word that already names another term of this vocabulary.
    pub fn check(&self, id: Uuid, field: &str, word: &str) -> ApiResult<()> {
        let named = match self.book {
            Book::Skills => self.vocabulary.skill_named(word),
            Book::Certifications => self.vocabulary.certification_named(word),
        };
        match named {
            Some(other) if other != id => Err(ApiError::invalid(
                field,
                format!("{word:?} already names {}", self.vocabulary.slug(other)),
            )),
            _ => Ok(()),
        }
    }

    /// Rewrites a term's aliases: its current ones, plus `changes.add`, less `changes.remove`,
    /// leaving out words that are its own slug, code or name (`own`). Returns the new list.
    pub async fn set_aliases(
        &self,
        id: Uuid,
        own: &[&str],
        changes: AliasChanges,
    ) -> ApiResult<Vec<String>> {
        for word in &changes.add {
            if word.as_str().chars().count() > 100 {
                return Err(ApiError::invalid(
                    "input.aliases",
                    "an alias is at most 100 characters",
                ));
            }
            self.check(id, "input.aliases", word.as_str())?;
        }
        let mut kept: BTreeMap<String, String> = BTreeMap::new();
        let current = self.vocabulary.aliases(id).iter().cloned();
        for word in current.chain(changes.add.into_iter().map(Label::into_inner)) {
            kept.entry(word.to_lowercase()).or_insert(word);
        }
        for word in own.iter().map(|w| w.to_lowercase()) {
            kept.remove(&word);
        }
        for word in &changes.remove {
            kept.remove(&word.as_str().to_lowercase());
        }
        if kept.len() > MAX_ALIASES {
            let why = format!("a term has at most {MAX_ALIASES} aliases");
            return Err(ApiError::invalid("input.aliases", why));
        }
        let aliases: Vec<String> = kept.into_values().collect();
        self.replace_aliases(id, &aliases).await?;
        Ok(aliases)
    }

    async fn replace_aliases(&self, id: Uuid, aliases: &[String]) -> ApiResult<()> {
        let (table, term) = match self.book {
            Book::Skills => (skill_alias::Entity.table_name(), "skill_id"),
            Book::Certifications => (certification_alias::Entity.table_name(), "certification_id"),
        };
        let delete = Query::delete()
            .from_table(Alias::new(table))
            .and_where(Expr::col(Alias::new(term)).eq(id))
            .to_owned();
        self.txn.execute(&delete).await?;
        if aliases.is_empty() {
            return Ok(());
        }
        let mut insert = Query::insert()
            .into_table(Alias::new(table))
            .columns([Alias::new("alias"), Alias::new(term)])
            .to_owned();
        for alias in aliases {
            insert.values_panic([alias.clone().into(), id.into()]);
        }
        self.txn.execute(&insert).await?;
        Ok(())
    }

    /// Numbers a new term, audits the write and commits it; returns the term as written.
    pub async fn finish<E: Term>(
        self,
        id: Uuid,
        verb: &str,
        before: Option<serde_json::Value>,
        aliases: &[String],
    ) -> ApiResult<E::Model>
    where
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    {
        tags::assign(&self.txn).await?;
        let after = E::find()
            .filter(E::id_column().eq(id))
            .one(&self.txn)
            .await?;
        let after = after.ok_or(ApiError::NotFound)?;
        let change = crate::audit::trail::Change {
            action: &format!("{}.{verb}", E::NAME),
            entity_type: E::NAME,
            entity_id: id,
            institution: None,
            employer: None,
            before,
            after: snapshot(&after, aliases)?,
        };
        crate::audit::trail::record(&self.txn, self.caller.viewer(), change).await?;
        self.caller.effects().wrote(&[Domain::Vocabulary]);
        self.txn.commit().await?;
        Ok(after)
    }
}
