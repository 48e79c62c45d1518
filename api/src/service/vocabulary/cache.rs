//! Each database's vocabulary, kept in memory between requests: a pool request or a write asks
//! for the vocabulary's version (one small statement) and rereads the terms, aliases and tags
//! (four statements, thousands of rows) only when it moved. Every change to the vocabulary goes
//! through `tags::assign`, which bumps the version.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use entity::vocabulary_version;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use super::Vocabulary;
use crate::error::ApiResult;

/// Vocabularies by their database's token, with the version they were read at.
type Kept = HashMap<String, (i64, Arc<Vocabulary>)>;

static KEPT: LazyLock<Mutex<Kept>> = LazyLock::new(Mutex::default);

/// Most databases kept at once (a server has one; a test process many, one after another).
const MOST: usize = 8;

/// The vocabulary as it is now.
pub async fn current<C: ConnectionTrait>(db: &C) -> ApiResult<Arc<Vocabulary>> {
    let Some(row) = vocabulary_version::Entity::find_by_id(1).one(db).await? else {
        return Ok(Arc::new(Vocabulary::read(db).await?));
    };
    let kept = |kept: &Kept| {
        kept.get(&row.token)
            .filter(|(version, _)| *version == row.version)
            .map(|(_, v)| v.clone())
    };
    if let Some(found) = KEPT.lock().ok().and_then(|k| kept(&k)) {
        return Ok(found);
    }
    let fresh = Arc::new(Vocabulary::read(db).await?);
    if let Ok(mut k) = KEPT.lock() {
        if k.len() >= MOST && !k.contains_key(&row.token) {
            k.clear();
        }
        k.insert(row.token, (row.version, fresh.clone()));
    }
    Ok(fresh)
}

/// Marks the vocabulary changed.
pub async fn bump<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let version = Expr::col(vocabulary_version::Column::Version).add(1);
    vocabulary_version::Entity::update_many()
        .col_expr(vocabulary_version::Column::Version, version)
        .exec(db)
        .await?;
    Ok(())
}
