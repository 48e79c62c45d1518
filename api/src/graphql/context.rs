//! What a resolver takes from the context: the database, the request's `Caller`, the loaders,
//! and the helpers that turn client arguments into service inputs.

use std::hash::Hash;

use async_graphql::dataloader::Loader;
use async_graphql::{Context, ID};
use sea_orm::DatabaseConnection;
use sha2::Digest as _;
use uuid::Uuid;

use super::batch::Batcher;
use super::loaders::DbLoader;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, GqlResult};
use crate::service::Lookup;

/// The database connection (schema data).
pub fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// The key that seals sync tokens and cursors (schema data).
pub fn sealer<'a>(ctx: &Context<'a>) -> GqlResult<&'a std::sync::Arc<crate::sealed::Sealer>> {
    request_data(ctx, "sealing key")
}

/// Request data that the pipeline always attaches; its absence is an internal error (never a
/// silent fall-back), reported without naming the type.
fn request_data<'a, T: std::any::Any + Send + Sync>(
    ctx: &Context<'a>,
    what: &str,
) -> GqlResult<&'a T> {
    ctx.data::<T>().map_err(|_| {
        ApiError::internal(std::io::Error::other(format!("request has no {what}"))).into()
    })
}

/// The caller of this operation.
pub fn caller<'a>(ctx: &Context<'a>) -> GqlResult<&'a Caller> {
    request_data::<std::sync::Arc<Caller>>(ctx, "Caller").map(|c| c.as_ref())
}

fn loaders<'a>(ctx: &Context<'a>) -> GqlResult<&'a Batcher> {
    request_data::<std::sync::Arc<Batcher>>(ctx, "batcher").map(|b| b.as_ref())
}

/// Loads one related record through the request's batcher.
pub async fn load_one<K>(
    ctx: &Context<'_>,
    key: K,
) -> GqlResult<Option<<DbLoader as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    DbLoader: Loader<K, Error = async_graphql::Error>,
{
    let mut found = loaders(ctx)?.load_many(vec![key.clone()]).await?;
    Ok(found.remove(&key))
}

/// Resolves a federation reference through the request's batcher (so `_entities` costs one
/// statement per type). A record that does not exist or that the viewer may not see resolves to
/// null with a NOT_FOUND error beside it: returned as an error, it would fail the whole
/// `_entities` list (async-graphql joins the representations' resolvers), and a gateway that
/// batched one hidden reference with visible ones would lose them all. The error's path is
/// `["_entities"]`, without the index: async-graphql gives every representation the same
/// context, so the null entries say which ones were not found.
pub async fn load_entity<K, N>(ctx: &Context<'_>, key: K) -> GqlResult<Option<N>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    DbLoader: Loader<K, Error = async_graphql::Error>,
    N: From<<DbLoader as Loader<K>>::Value>,
{
    let found = load_one(ctx, key).await?;
    if found.is_none() {
        let err = async_graphql::Error::from(ApiError::NotFound).into_server_error(ctx.item.pos);
        ctx.add_error(ctx.set_error_path(err));
    }
    Ok(found.map(N::from))
}

/// Loads several related records through the request's batcher, in the order of `keys`
/// (keys that load nothing, e.g. hidden records, are left out).
pub async fn load_many<K>(
    ctx: &Context<'_>,
    keys: Vec<K>,
) -> GqlResult<Vec<<DbLoader as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    DbLoader: Loader<K, Error = async_graphql::Error>,
{
    let mut found = loaders(ctx)?.load_many(keys.clone()).await?;
    Ok(keys.iter().filter_map(|k| found.remove(k)).collect())
}

/// Loads a related list through the request's batcher (empty when there is none).
pub async fn load_list<K, T>(ctx: &Context<'_>, key: K) -> GqlResult<Vec<T>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    DbLoader: Loader<K, Value = Vec<T>, Error = async_graphql::Error>,
    T: Send + Sync + Clone + 'static,
{
    Ok(load_one(ctx, key).await?.unwrap_or_default())
}

/// Parses a client-supplied ID as a UUID.
pub fn parse_id(field: &str, id: &ID) -> ApiResult<Uuid> {
    Uuid::parse_str(id.as_str()).map_err(|_| ApiError::invalid(field, "not a valid ID"))
}

/// Turns the `id` / `slug` argument pair into a lookup; exactly one must be given.
pub fn lookup(id: Option<ID>, slug: Option<String>) -> ApiResult<Lookup> {
    match (id, slug) {
        (Some(id), None) => Ok(Lookup::Id(parse_id("id", &id)?)),
        (None, Some(slug)) => Ok(Lookup::Slug(slug)),
        _ => Err(ApiError::invalid("id", "give exactly one of id or slug")),
    }
}

/// The ID form of a UUID.
pub fn to_id(id: Uuid) -> ID {
    ID(id.to_string())
}

/// Parses an optional `idempotencyKey` argument, with the fingerprint of the field's other
/// arguments (the request a retry must repeat).
pub fn idempotency_key(
    ctx: &Context<'_>,
    key: Option<String>,
) -> ApiResult<Option<crate::domain::IdempotencyKey>> {
    let Some(key) = key else { return Ok(None) };
    let arguments = ctx.field().arguments().map_err(|e| {
        ApiError::internal(std::io::Error::other(format!("arguments: {}", e.message)))
    })?;
    let mut text = String::new();
    let mut sorted: Vec<_> = arguments
        .iter()
        .filter(|(name, _)| name.as_str() != "idempotencyKey")
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, value) in sorted {
        text.push_str(name.as_str());
        text.push('=');
        canonical(value, &mut text);
        text.push(';');
    }
    let digest = sha2::Sha256::digest(text.as_bytes());
    let request = digest.iter().map(|b| format!("{b:02x}")).collect();
    crate::domain::IdempotencyKey::parse("idempotencyKey", &key, request).map(Some)
}

/// A value written with object keys in order, so that two requests that differ only in the
/// order of an input's fields have one fingerprint.
fn canonical(value: &async_graphql::Value, out: &mut String) {
    use async_graphql::Value;
    match value {
        Value::Object(map) => {
            let mut fields: Vec<_> = map.iter().collect();
            fields.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (name, value) in fields {
                out.push_str(name.as_str());
                out.push(':');
                canonical(value, out);
                out.push(',');
            }
            out.push('}');
        }
        Value::List(items) => {
            out.push('[');
            for item in items {
                canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Parses an optional input field with `parse`, naming it `input.<name>` in errors.
pub fn opt<T>(
    name: &str,
    value: Option<String>,
    parse: impl Fn(&str, &str) -> ApiResult<T>,
) -> ApiResult<Option<T>> {
    value
        .map(|v| parse(&format!("input.{name}"), &v))
        .transpose()
}

/// Parses a nullable input field that may also be left out: absent = keep, null = clear.
pub fn maybe<T>(
    name: &str,
    value: async_graphql::MaybeUndefined<String>,
    parse: impl Fn(&str, &str) -> ApiResult<T>,
) -> ApiResult<Option<Option<T>>> {
    Ok(match value {
        async_graphql::MaybeUndefined::Undefined => None,
        async_graphql::MaybeUndefined::Null => Some(None),
        async_graphql::MaybeUndefined::Value(v) => Some(Some(parse(&format!("input.{name}"), &v)?)),
    })
}

/// Vocabulary terms as a client names them: a slug, a name or an alias, in any case (the
/// vocabulary resolves them; see `service::vocabulary`).
pub fn terms(field: &str, list: Vec<String>) -> ApiResult<Vec<crate::domain::Label>> {
    crate::service::graduates::relations::bounded_list(field, list)?
        .iter()
        .map(|s| crate::domain::Label::parse(field, s))
        .collect()
}

/// Parses a bounded list of slugs, naming `field` in errors.
pub fn slugs(field: &str, list: Vec<String>) -> ApiResult<Vec<crate::domain::Slug>> {
    crate::service::graduates::relations::bounded_list(field, list)?
        .iter()
        .map(|s| crate::domain::Slug::parse(field, s))
        .collect()
}
