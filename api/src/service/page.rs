//! Keyset pages over a stable order: the storage side of Relay connections.
//!
//! A cursor is the encoded sort key of the last row returned plus a fingerprint of the order and
//! filter it belongs to. The next page is "rows after that key" in SQL, so pages stay correct
//! while rows are added or removed between them (an offset would skip or repeat rows). Sort keys
//! are read back from the statement itself (`__k0`, `__k1`, …), so an order on a computed
//! expression (a match score) pages like one on a column. Nested connections page for all
//! parents in one statement (`ROW_NUMBER() OVER (PARTITION BY parent …)`).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{
    Alias, Asterisk, Condition, Expr, ExprTrait, Func, Order, Query, SelectStatement,
    WindowStatement,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, QueryFilter,
    QueryResult, QuerySelect, QueryTrait, Select, Value,
};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

/// The column a first page's total comes back in.
const TOTAL: &str = "__total";

/// How a sort key's value is read from a row and written into a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Text,
    Uuid,
    Date,
    Timestamp,
    Int,
    Float,
}

#[derive(Debug, Clone)]
struct SortKey {
    expr: Expr,
    kind: KeyKind,
    order: Order,
}

/// A stable order for keyset paging: sort keys in order, ending with a unique one (the id).
/// Its `name` goes into cursors' fingerprints.
#[derive(Debug, Clone)]
pub struct Ordering {
    name: &'static str,
    keys: Vec<SortKey>,
}

impl Ordering {
    /// An order with no keys yet.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            keys: Vec::new(),
        }
    }

    /// Then by `expr`, ascending.
    pub fn asc(self, expr: impl Into<Expr>, kind: KeyKind) -> Self {
        self.key(expr.into(), kind, Order::Asc)
    }

    /// Then by `expr`, descending.
    pub fn desc(self, expr: impl Into<Expr>, kind: KeyKind) -> Self {
        self.key(expr.into(), kind, Order::Desc)
    }

    /// Then by a nullable `expr`, ascending, rows without a value last (the same on every
    /// database: an is-null key first, so no comparison ever meets a NULL).
    pub fn asc_nulls_last(self, expr: impl Into<Expr>, kind: KeyKind) -> Self {
        let expr = expr.into();
        let missing = Expr::case(expr.clone().is_null(), 1).finally(0);
        self.key(missing.into(), KeyKind::Int, Order::Asc)
            .key(expr, kind, Order::Asc)
    }

    /// `ORDER BY` the selected key columns of a ranked derived table `table` (for the
    /// statement that wraps a [`fetch_wrapped`] page).
    pub fn reorder(&self, stmt: &mut SelectStatement, table: &str) {
        for (i, key) in self.keys.iter().enumerate() {
            stmt.order_by((Alias::new(table), key_alias(i)), key.order.clone());
        }
    }

    fn key(mut self, expr: Expr, kind: KeyKind, order: Order) -> Self {
        self.keys.push(SortKey { expr, kind, order });
        self
    }

    /// The fingerprint of this order with a filter: a cursor only continues the list it came
    /// from.
    fn fingerprint(&self, filter: &str) -> String {
        let digest = Sha256::digest(format!("{}|{filter}", self.name).as_bytes());
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Adds the ORDER BY and the selected key columns to a statement.
    fn apply(&self, stmt: &mut SelectStatement) {
        self.select_keys(stmt);
        for key in &self.keys {
            stmt.order_by_expr(key.expr.clone(), key.order.clone());
        }
    }

    /// Adds the key columns (`__k0`, `__k1`, …) to a statement.
    fn select_keys(&self, stmt: &mut SelectStatement) {
        for (i, key) in self.keys.iter().enumerate() {
            stmt.expr_as(key.expr.clone(), key_alias(i));
        }
    }

    /// Rows strictly after `values` in this order:
    /// `k0 > v0 OR (k0 = v0 AND k1 > v1) OR …` (with `<` for descending keys).
    fn after(&self, values: &[Option<Value>]) -> Condition {
        let mut any = Condition::any();
        for (i, key) in self.keys.iter().enumerate() {
            let mut all = Condition::all();
            for (earlier, value) in self.keys.iter().zip(values).take(i) {
                all = all.add(equals(&earlier.expr, value.as_ref()));
            }
            let Some(value) = values.get(i) else { break };
            let Some(value) = value else {
                // Rows with no value sort together behind their is-null key: none is "after".
                continue;
            };
            let beyond = match key.order {
                Order::Desc => key.expr.clone().lt(value.clone()),
                _ => key.expr.clone().gt(value.clone()),
            };
            any = any.add(all.add(beyond));
        }
        any
    }

    /// The cursor of a row: its sort key, read now, encoded only if a client asks for it.
    fn cursor(&self, fingerprint: &Arc<str>, row: &QueryResult) -> ApiResult<Cursor> {
        let keys = (0..self.keys.len())
            .map(|i| read_key(row, i, self.keys[i].kind))
            .collect::<ApiResult<Vec<Json>>>()?;
        Ok(Cursor {
            fingerprint: fingerprint.clone(),
            keys,
        })
    }

    fn decode(&self, fingerprint: &str, cursor: &str) -> ApiResult<Vec<Option<Value>>> {
        let malformed = || ApiError::invalid("after", "malformed cursor");
        let parsed: Json = serde_json::from_str(cursor).map_err(|_| malformed())?;
        if parsed["f"].as_str() != Some(fingerprint) {
            return Err(ApiError::invalid(
                "after",
                "this cursor belongs to another order or filter",
            ));
        }
        let keys = parsed["k"].as_array().ok_or_else(malformed)?;
        if keys.len() != self.keys.len() {
            return Err(malformed());
        }
        keys.iter()
            .zip(&self.keys)
            .map(|(json, key)| to_value(json, key.kind).ok_or_else(malformed))
            .collect()
    }
}

fn key_alias(i: usize) -> Alias {
    Alias::new(format!("__k{i}"))
}

fn equals(expr: &Expr, value: Option<&Value>) -> Expr {
    match value {
        None => expr.clone().is_null(),
        Some(value) => expr.clone().eq(value.clone()),
    }
}

fn read_key(row: &QueryResult, i: usize, kind: KeyKind) -> ApiResult<Json> {
    let col = format!("__k{i}");
    let col = col.as_str();
    let json = match kind {
        KeyKind::Text => row.try_get::<Option<String>>("", col)?.map(Json::from),
        KeyKind::Uuid => row
            .try_get::<Option<Uuid>>("", col)?
            .map(|u| Json::from(u.to_string())),
        KeyKind::Date => row
            .try_get::<Option<NaiveDate>>("", col)?
            .map(|d| Json::from(d.to_string())),
        KeyKind::Timestamp => row
            .try_get::<Option<DateTime<Utc>>>("", col)?
            .map(|t| Json::from(t.to_rfc3339())),
        KeyKind::Int => row.try_get::<Option<i32>>("", col)?.map(Json::from),
        KeyKind::Float => row.try_get::<Option<f64>>("", col)?.map(Json::from),
    };
    Ok(json.unwrap_or(Json::Null))
}

/// The bound value of one cursor key: `Some(None)` for a JSON null, `None` when malformed.
fn to_value(json: &Json, kind: KeyKind) -> Option<Option<Value>> {
    if json.is_null() {
        return Some(None);
    }
    Some(Some(match kind {
        KeyKind::Text => Value::from(json.as_str()?.to_owned()),
        KeyKind::Uuid => Value::from(Uuid::parse_str(json.as_str()?).ok()?),
        KeyKind::Date => Value::from(json.as_str()?.parse::<NaiveDate>().ok()?),
        KeyKind::Timestamp => Value::from(
            DateTime::parse_from_rfc3339(json.as_str()?)
                .ok()?
                .with_timezone(&Utc),
        ),
        KeyKind::Int => Value::from(i32::try_from(json.as_i64()?).ok()?),
        KeyKind::Float => Value::from(json.as_f64()?),
    }))
}

/// The cursor of one row. Encoding it (JSON, which the GraphQL layer seals) is left until a
/// client selects it: most pages are read without asking for every row's cursor.
#[derive(Debug, Clone)]
pub struct Cursor {
    fingerprint: Arc<str>,
    keys: Vec<Json>,
}

impl Cursor {
    /// The cursor as JSON text: what `after` holds once opened (`graphql::connection` seals it
    /// for the client).
    pub fn encode(&self) -> String {
        serde_json::json!({ "f": &*self.fingerprint, "k": self.keys }).to_string()
    }
}

/// A validated page request: at most `first` rows after the `after` cursor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageRequest {
    /// Most rows to return.
    pub first: u64,
    /// The cursor of the last row of the previous page, as the client sent it.
    pub after: Option<String>,
    /// Whether the caller asked for the total count (it costs one more statement).
    pub with_total: bool,
}

/// One page of rows, each with its cursor.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The rows, in order.
    pub items: Vec<T>,
    /// The cursor of each row, in the same order.
    pub cursors: Vec<Cursor>,
    /// Whether rows follow this page.
    pub has_next: bool,
    /// Whether this page was asked for after a cursor (rows came before it).
    pub has_previous: bool,
    /// All matching rows, when asked for.
    pub total: Option<u64>,
}

impl<T> Page<T> {
    /// An empty page (a parent with no rows).
    pub fn empty(request: &PageRequest) -> Self {
        Self {
            items: Vec::new(),
            cursors: Vec::new(),
            has_next: false,
            has_previous: request.after.is_some(),
            total: request.with_total.then_some(0),
        }
    }

    /// Converts every item, or fails with the first conversion that fails.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(f).collect::<Result<_, E>>()?,
            cursors: self.cursors,
            has_next: self.has_next,
            has_previous: self.has_previous,
            total: self.total,
        })
    }

    /// Converts every item.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            cursors: self.cursors,
            has_next: self.has_next,
            has_previous: self.has_previous,
            total: self.total,
        }
    }
}

/// Runs a filtered select as one page in `order`: one statement for the rows (one extra row
/// tells whether another page follows) and, when asked, one for the count. `filter` describes
/// what the list was filtered by (its `Debug` form will do), for the cursor's fingerprint.
pub async fn fetch<E, C>(
    db: &C,
    select: Select<E>,
    order: &Ordering,
    filter: &str,
    request: &PageRequest,
) -> ApiResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Sync,
    C: ConnectionTrait,
{
    fetch_rows(db, select, order, filter, request, |row| {
        Ok(E::Model::from_query_result(row, "")?)
    })
    .await
}

/// [`fetch`] for any select (a join, say), each row decoded by `decode`.
pub async fn fetch_rows<Q, T, C>(
    db: &C,
    select: Q,
    order: &Ordering,
    filter: &str,
    request: &PageRequest,
    decode: impl Fn(&QueryResult) -> ApiResult<T>,
) -> ApiResult<Page<T>>
where
    Q: QueryTrait<QueryStatement = SelectStatement>,
    C: ConnectionTrait,
{
    fetch_statement(db, select.into_query(), order, filter, request, decode).await
}

/// [`fetch`] for a statement built with sea-query (joins on derived tables, computed orders).
pub async fn fetch_statement<T, C>(
    db: &C,
    stmt: SelectStatement,
    order: &Ordering,
    filter: &str,
    request: &PageRequest,
    decode: impl Fn(&QueryResult) -> ApiResult<T>,
) -> ApiResult<Page<T>>
where
    C: ConnectionTrait,
{
    let flat: Option<fn(SelectStatement) -> SelectStatement> = None;
    fetch_shaped(db, stmt, order, filter, request, flat, decode).await
}

/// [`fetch_statement`] in phases, for orders computed over many rows. `stmt` is the filtered
/// rows; their sort keys (and, on a first page, the total) are computed over all of them, and
/// only then ordered and cut to the page in a derived table (`keyed`), so the database can keep
/// just the best rows as it goes rather than sort them all. `wrap` turns that page of keys into
/// the rows decoded (e.g. by joining back to the table for just the page's rows); it must keep
/// the keyed columns and order by them again ([`Ordering::reorder`]).
pub async fn fetch_wrapped<T, C>(
    db: &C,
    stmt: SelectStatement,
    order: &Ordering,
    filter: &str,
    request: &PageRequest,
    wrap: impl FnOnce(SelectStatement) -> SelectStatement,
    decode: impl Fn(&QueryResult) -> ApiResult<T>,
) -> ApiResult<Page<T>>
where
    C: ConnectionTrait,
{
    fetch_shaped(db, stmt, order, filter, request, Some(wrap), decode).await
}

/// The derived table of a wrapped page's keys.
pub const KEYED: &str = "keyed";

async fn fetch_shaped<T, C>(
    db: &C,
    mut stmt: SelectStatement,
    order: &Ordering,
    filter: &str,
    request: &PageRequest,
    wrap: Option<impl FnOnce(SelectStatement) -> SelectStatement>,
    decode: impl Fn(&QueryResult) -> ApiResult<T>,
) -> ApiResult<Page<T>>
where
    C: ConnectionTrait,
{
    let fingerprint: Arc<str> = order.fingerprint(filter).into();
    let after = request
        .after
        .as_deref()
        .map(|cursor| order.decode(&fingerprint, cursor))
        .transpose()?;
    // On a first page the total comes with the rows (a window over the filtered rows, before
    // the limit); after a cursor the rows are only those past it, so it is counted apart.
    let total_in_rows = request.with_total && after.is_none();
    let total = if request.with_total && !total_in_rows {
        let count = Query::select()
            .expr_as(Expr::col(Asterisk).count(), Alias::new(TOTAL))
            .from_subquery(stmt.clone(), Alias::new("counted"))
            .to_owned();
        let row = db.query_one(&count).await?;
        Some(row.map_or(Ok(0), |r| r.try_get::<i64>("", TOTAL))? as u64)
    } else {
        None
    };
    if let Some(values) = &after {
        stmt.cond_where(order.after(values));
    }
    let window = |stmt: &mut SelectStatement| {
        if total_in_rows {
            stmt.expr_as(Expr::cust("COUNT(*) OVER ()"), Alias::new(TOTAL));
        }
    };
    let stmt = match wrap {
        None => {
            stmt.limit(request.first + 1);
            order.apply(&mut stmt);
            window(&mut stmt);
            stmt
        }
        Some(wrap) => {
            order.select_keys(&mut stmt);
            window(&mut stmt);
            let mut keyed = Query::select()
                .column(Asterisk)
                .from_subquery(stmt, Alias::new(KEYED))
                .limit(request.first + 1)
                .to_owned();
            order.reorder(&mut keyed, KEYED);
            wrap(keyed)
        }
    };
    let rows = db.query_all(&stmt).await?;
    let mut page = Page::empty(request);
    page.total = if total_in_rows {
        let counted = rows
            .first()
            .map(|row| row.try_get::<i64>("", TOTAL))
            .transpose()?;
        Some(counted.unwrap_or(0) as u64)
    } else {
        total
    };
    page.has_next = rows.len() as u64 > request.first;
    for row in rows.iter().take(request.first as usize) {
        page.items.push(decode(row)?);
        page.cursors.push(order.cursor(&fingerprint, row)?);
    }
    Ok(page)
}

/// Pages the children of many parents at once (a nested connection): one statement ranks each
/// parent's rows in `order` and keeps the first `first + 1` of each; when asked, one more counts
/// each parent's rows. Every parent gets a page, empty when it has no rows.
pub async fn fetch_per_parent<E, C>(
    db: &C,
    select: Select<E>,
    parent: E::Column,
    parents: &[Uuid],
    order: &Ordering,
    request: &PageRequest,
) -> ApiResult<HashMap<Uuid, Page<E::Model>>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Sync,
    C: ConnectionTrait,
{
    let fingerprint: Arc<str> = order.fingerprint(parent.as_str()).into();
    let after = request
        .after
        .as_deref()
        .map(|cursor| order.decode(&fingerprint, cursor))
        .transpose()?;
    let select = select.filter(parent.is_in(parents.iter().copied()));
    let totals: HashMap<Uuid, i64> = if request.with_total {
        select
            .clone()
            .select_only()
            .column(parent)
            .column_as(Expr::col(Asterisk).count(), "n")
            .group_by(parent)
            .into_tuple::<(Uuid, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    } else {
        HashMap::new()
    };
    let mut inner = match &after {
        Some(values) => select.filter(order.after(values)),
        None => select,
    }
    .into_query();
    for (i, key) in order.keys.iter().enumerate() {
        inner.expr_as(key.expr.clone(), key_alias(i));
    }
    let mut window = WindowStatement::partition_by(parent);
    for key in &order.keys {
        window.order_by_expr(key.expr.clone(), key.order.clone());
    }
    inner.expr_window_as(Func::cust("ROW_NUMBER"), window, Alias::new("__rn"));
    let ranked = Query::select()
        .column(Asterisk)
        .from_subquery(inner, Alias::new("ranked"))
        .and_where(Expr::col(Alias::new("__rn")).lte(request.first as i64 + 1))
        .order_by(Alias::new("__rn"), Order::Asc)
        .to_owned();
    let rows = db.query_all(&ranked).await?;
    let mut pages: HashMap<Uuid, Page<E::Model>> = parents
        .iter()
        .map(|id| {
            let mut page = Page::empty(request);
            page.total = request
                .with_total
                .then(|| totals.get(id).copied().unwrap_or(0) as u64);
            (*id, page)
        })
        .collect();
    for row in &rows {
        let owner: Uuid = row.try_get("", parent.as_str())?;
        let Some(page) = pages.get_mut(&owner) else {
            continue;
        };
        if page.items.len() as u64 == request.first {
            page.has_next = true;
            continue;
        }
        page.items.push(E::Model::from_query_result(row, "")?);
        page.cursors.push(order.cursor(&fingerprint, row)?);
    }
    Ok(pages)
}
