//! What every write shares: optimistic concurrency, idempotent creates, and the audit entry in
//! the write's own transaction.

use chrono::Utc;
use entity::idempotency_record;
use sea_orm::sea_query::IntoCondition;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use uuid::Uuid;

use crate::auth::{Caller, Viewer};
use crate::authz::{self, Action, Resource};
use crate::cache::Domain;
use crate::domain::IdempotencyKey;
use crate::error::{ApiError, ApiResult};
use crate::service::candidates::feed::{self, FeedEntry};

/// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so
/// two concurrent writers queue instead of failing to upgrade a read lock; PostgreSQL ignores it.
pub async fn begin(db: &sea_orm::DatabaseConnection) -> ApiResult<sea_orm::DatabaseTransaction> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    Ok(db.begin_with_options(options).await?)
}

/// For a record named in a create's input: one the viewer cannot see (or that does not exist)
/// is bad input in that field.
pub fn not_found_as_input(field: &'static str) -> impl Fn(ApiError) -> ApiError {
    move |e| match e {
        ApiError::NotFound => ApiError::invalid(field, "no such record"),
        other => other,
    }
}

/// The stale-write answer.
fn stale() -> ApiError {
    ApiError::Conflict(
        "the record was changed by someone else since you read it; read it again and retry".into(),
    )
}

/// Checks `expectedVersion` against the version read in this transaction.
fn check_version(expected: i32, current: i32) -> ApiResult<()> {
    if expected == current {
        Ok(())
    } else {
        Err(stale())
    }
}

/// Writes `changes` only if the row still has `expected` as its version (so a concurrent write
/// that slipped in between our read and this update is not lost): `CONFLICT` otherwise.
async fn update_if_version<E, C>(
    txn: &C,
    changes: E::ActiveModel,
    key: impl IntoCondition,
    version_column: E::Column,
    expected: i32,
) -> ApiResult<()>
where
    E: EntityTrait,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let result = E::update_many()
        .set(changes)
        .filter(key.into_condition())
        .filter(version_column.eq(expected))
        .exec(txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(stale());
    }
    Ok(())
}

/// The id a previous create with this key made, if any. A key reused for another operation, or
/// with other arguments, is a `CONFLICT`.
async fn replayed<C: ConnectionTrait>(
    txn: &C,
    viewer: &Viewer,
    key: Option<&IdempotencyKey>,
    operation: &str,
) -> ApiResult<Option<Uuid>> {
    let (Some(key), Some(subject)) = (key, viewer.subject.as_deref()) else {
        return Ok(None);
    };
    let found = idempotency_record::Entity::find()
        .filter(idempotency_record::Column::ActorSub.eq(subject))
        .filter(idempotency_record::Column::IdempotencyKey.eq(key.as_str()))
        .one(txn)
        .await?;
    match found {
        Some(record) if record.operation != operation => Err(ApiError::Conflict(
            "this idempotencyKey was already used for another operation".into(),
        )),
        // Records from before fingerprints were kept (none) replay as they always did.
        Some(record)
            if record
                .request_fingerprint
                .as_deref()
                .is_some_and(|f| f != key.request()) =>
        {
            Err(ApiError::Conflict(
                "this idempotencyKey was already used for a different request: a retry must \
                 repeat the request exactly; use a new key for a new create"
                    .into(),
            ))
        }
        Some(record) => Ok(Some(record.entity_id)),
        None => Ok(None),
    }
}

/// Remembers which record a create with this key made (in the create's transaction).
async fn remember<C: ConnectionTrait>(
    txn: &C,
    viewer: &Viewer,
    key: Option<&IdempotencyKey>,
    operation: &str,
    entity_id: Uuid,
) -> ApiResult<()> {
    let (Some(key), Some(subject)) = (key, viewer.subject.as_deref()) else {
        return Ok(());
    };
    idempotency_record::Entity::insert(idempotency_record::ActiveModel {
        actor_sub: Set(subject.to_owned()),
        idempotency_key: Set(key.as_str().to_owned()),
        operation: Set(operation.to_owned()),
        request_fingerprint: Set(Some(key.request().to_owned())),
        entity_id: Set(entity_id),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Runs a create idempotently: a retry with the same key returns the first result. `create`
/// runs in the transaction it is given and commits it; when it fails because a concurrent retry
/// with the same key won the race, the winner's record is returned instead.
pub async fn idempotent_create<T, Fut, LoadFut>(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    key: Option<&IdempotencyKey>,
    operation: &str,
    create: impl FnOnce(sea_orm::DatabaseTransaction) -> Fut,
    load: impl FnOnce(Uuid) -> LoadFut,
) -> ApiResult<T>
where
    Fut: Future<Output = ApiResult<Uuid>>,
    LoadFut: Future<Output = ApiResult<T>>,
{
    let viewer = caller.viewer();
    if let Some(id) = replayed(db, viewer, key, operation).await? {
        return load(id).await;
    }
    let txn = begin(db).await?;
    let id = match create(txn).await {
        Ok(id) => id,
        // A concurrent retry with the same key may have won the race (our insert then failed on
        // a unique constraint): its record is the answer.
        Err(err) => match replayed(db, viewer, key, operation).await? {
            Some(id) => id,
            None => return Err(err),
        },
    };
    load(id).await
}

/// The members of [`Versioned`] that are the same for every table with `id`, `version` and
/// `updated_at` columns: `versioned_row!(program)` inside the `impl`.
macro_rules! versioned_row {
    ($table:ident) => {
        fn id_column() -> $table::Column {
            $table::Column::Id
        }
        fn version_column() -> $table::Column {
            $table::Column::Version
        }
        fn id(m: &$table::Model) -> uuid::Uuid {
            m.id
        }
        fn version(m: &$table::Model) -> i32 {
            m.version
        }
        fn bump(m: &mut $table::Model) {
            m.version += 1;
            m.updated_at = chrono::Utc::now();
        }
    };
}
pub(crate) use versioned_row;

/// A table whose rows carry `id`, `version` and `updated_at`, and that the audit trail and
/// authz know how to describe.
pub trait Versioned: EntityTrait
where
    Self::Model: serde::Serialize + Clone + IntoActiveModel<Self::ActiveModel>,
    Self::ActiveModel: ActiveModelTrait<Entity = Self> + Send,
{
    /// The name in audit entries, e.g. `program`.
    const NAME: &'static str;
    /// The cached domains a write to this table can change (whose cached responses go stale):
    /// none for tables no anonymous response shows.
    const INVALIDATES: &'static [Domain] = &[];
    fn id_column() -> Self::Column;
    fn version_column() -> Self::Column;
    fn id(model: &Self::Model) -> Uuid;
    fn version(model: &Self::Model) -> i32;
    /// Sets the next version and `updated_at`.
    fn bump(model: &mut Self::Model);
    /// The record as authz sees it (reading, in `txn`, the owner's status where access depends
    /// on it).
    async fn resource(
        txn: &sea_orm::DatabaseTransaction,
        model: &Self::Model,
    ) -> ApiResult<Resource>;
    /// The candidate pools' feed entry of a write (`before` is none for a create), when the
    /// write can move graduates in or out of pools.
    fn pool_change(_before: Option<&Self::Model>, _after: &Self::Model) -> Option<FeedEntry> {
        None
    }
}

/// [`change`] in a transaction of its own, committed when it succeeds.
pub async fn apply<E>(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    action: Action,
    verb: &str,
    edit: impl FnOnce(&mut E::Model),
) -> ApiResult<E::Model>
where
    E: Versioned,
    E::Model: serde::Serialize + Clone + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let txn = begin(db).await?;
    let after = change::<E>(&txn, caller, id, expected, action, verb, edit).await?;
    txn.commit().await?;
    Ok(after)
}

/// Reads a row in `txn`, checks access and `expected` version, applies `edit`, writes it only if
/// nobody else did meanwhile, and records the change in the audit trail — all in `txn`.
/// Returns the row as written.
pub async fn change<E>(
    txn: &sea_orm::DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    action: Action,
    verb: &str,
    edit: impl FnOnce(&mut E::Model),
) -> ApiResult<E::Model>
where
    E: Versioned,
    E::Model: serde::Serialize + Clone + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    change_as::<E>(txn, caller, id, expected, (action, |r| r), verb, edit).await
}

/// [`change`], with authz asked about a narrower resource than the record itself (a graduate's
/// own profile, their consent): `ask` is the action and how the record's resource becomes the
/// one asked about.
pub async fn change_as<E>(
    txn: &sea_orm::DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    ask: (Action, impl FnOnce(Resource) -> Resource),
    verb: &str,
    edit: impl FnOnce(&mut E::Model),
) -> ApiResult<E::Model>
where
    E: Versioned,
    E::Model: serde::Serialize + Clone + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let viewer = caller.viewer();
    let before = E::find()
        .filter(E::id_column().eq(id))
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (action, narrow) = ask;
    let record = E::resource(txn, &before).await?;
    authz::authorize(viewer, action, &narrow(record))?;
    check_version(expected, E::version(&before))?;
    let mut after = before.clone();
    edit(&mut after);
    E::bump(&mut after);
    let changes = after.clone().into_active_model().reset_all();
    update_if_version::<E, _>(
        txn,
        changes,
        E::id_column().eq(id),
        E::version_column(),
        expected,
    )
    .await?;
    caller.effects().wrote(E::INVALIDATES);
    let feed: Vec<FeedEntry> = E::pool_change(Some(&before), &after).into_iter().collect();
    feed::record(txn, &feed).await?;
    // The record's own owners, not those of what the write was authorized as (a placement
    // authorizes the graduate's update, which stays the school's).
    let (institution, employer) = record.owners();
    crate::audit::trail::record(
        txn,
        viewer,
        crate::audit::trail::Change {
            action: &format!("{}.{verb}", E::NAME),
            entity_type: E::NAME,
            entity_id: id,
            institution,
            employer,
            before: Some(serde_json::to_value(&before).map_err(ApiError::internal)?),
            after: serde_json::to_value(&after).map_err(ApiError::internal)?,
        },
    )
    .await?;
    Ok(after)
}

/// Records a create in the audit trail (in the create's transaction).
async fn audit_create<E>(
    txn: &sea_orm::DatabaseTransaction,
    viewer: &Viewer,
    model: &E::Model,
) -> ApiResult<()>
where
    E: Versioned,
    E::Model: serde::Serialize + Clone + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let (institution, employer) = E::resource(txn, model).await?.owners();
    let after = serde_json::to_value(model).map_err(ApiError::internal)?;
    let id = E::id(model);
    crate::audit::trail::record(
        txn,
        viewer,
        crate::audit::trail::Change {
            action: &format!("{}.create", E::NAME),
            entity_type: E::NAME,
            entity_id: id,
            institution,
            employer,
            before: None,
            after,
        },
    )
    .await
}

/// Inserts a new row in a create's transaction, with its audit entry and idempotency record.
/// A unique-constraint violation becomes a `BAD_USER_INPUT` on its field (see `error`).
pub async fn insert_created<E>(
    txn: &sea_orm::DatabaseTransaction,
    caller: &Caller,
    key: Option<&IdempotencyKey>,
    operation: &str,
    model: &E::Model,
) -> ApiResult<()>
where
    E: Versioned,
    E::Model: serde::Serialize + Clone + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let viewer = caller.viewer();
    E::insert(model.clone().into_active_model())
        .exec_without_returning(txn)
        .await?;
    audit_create::<E>(txn, viewer, model).await?;
    caller.effects().wrote(E::INVALIDATES);
    let feed: Vec<FeedEntry> = E::pool_change(None, model).into_iter().collect();
    feed::record(txn, &feed).await?;
    remember(txn, viewer, key, operation, E::id(model)).await
}
