//! Incremental sync of a candidate pool from the change feed: what changed since a token —
//! upserts (entries as they are now) and tombstones (ids to delete) — and the next token.
//!
//! A token is a position in the feed: the last (seq, graduate) handed out, for one set of
//! criteria. The graduates a page covers are those touched by feed rows after the position (a
//! graduate's own rows, and every consenting graduate of a school or program whose change
//! concerns this pool), in the order of their latest row; each is an upsert if it is in the pool
//! now, a tombstone if it is not and may have been before. Replaying every page from a token
//! taken before a full pull ends with exactly the pool a full pull gives.

use std::collections::HashMap;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use entity::{graduate, pool_change};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement, UnionType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Candidate, CriteriaInput, Request};
use crate::auth::Caller;
use crate::authz;
use crate::error::{ApiError, ApiResult};
use crate::service::PageRequest;

/// One sync answer.
#[derive(Debug)]
pub struct Changes {
    pub upserts: Vec<Candidate>,
    pub tombstones: Vec<Uuid>,
    /// Where the next sync starts.
    pub next: String,
    /// Whether more changes wait behind `next` (ask again at once).
    pub has_more: bool,
}

/// A position in the feed for one set of criteria.
#[derive(Debug, Serialize, Deserialize)]
struct Token {
    /// Fingerprint of the criteria.
    f: String,
    /// The last feed position handed out: seq, and the last graduate at that seq (none: all).
    s: i64,
    g: Option<Uuid>,
    /// When the token was issued (seconds since the epoch).
    t: i64,
}

fn fingerprint(request: &Request<'_>) -> String {
    let digest = Sha256::digest(format!("{:?}", request.criteria).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn encode(token: &Token) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(token).unwrap_or_default())
}

fn decode(text: &str, fingerprint: &str, retention: Duration) -> ApiResult<Token> {
    let malformed = || ApiError::invalid("since", "malformed sync token");
    if text.len() > 512 {
        return Err(malformed());
    }
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| malformed())?;
    let token: Token = serde_json::from_slice(&bytes).map_err(|_| malformed())?;
    if token.f != fingerprint {
        return Err(ApiError::invalid(
            "since",
            "this sync token belongs to other criteria",
        ));
    }
    if Utc::now().timestamp() - token.t > retention.as_secs() as i64 {
        return Err(ApiError::invalid(
            "since",
            format!(
                "this sync token is older than the change feed keeps ({} days): pull the whole pool \
                 with candidatePool, then sync from a new token (candidatePoolChanges without since)",
                retention.as_secs() / 86_400
            ),
        ));
    }
    Ok(token)
}

/// The feed's head: the last seq written (0 when empty).
async fn head(db: &DatabaseConnection) -> ApiResult<i64> {
    let last: Option<Option<i64>> = pool_change::Entity::find()
        .select_only()
        .expr(Func::max(Expr::col(pool_change::Column::Seq)))
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().unwrap_or(0))
}

fn pc(column: pool_change::Column) -> Expr {
    Expr::col((pool_change::Entity, column))
}

/// Consenting graduates who are not archived: the only ones a school- or program-wide change
/// may name (the others never were in a pool).
fn consenting() -> Condition {
    Condition::all()
        .add(Expr::col((graduate::Entity, graduate::Column::Consent)).ne(authz::UNPOOLED_CONSENT))
        .add(Expr::col((graduate::Entity, graduate::Column::Status)).ne(authz::UNPOOLED_STATUS))
}

/// Rows of (graduate `g`, feed seq `s`, was pooled `w`) for feed rows at or after `from`.
fn touched(from: i64, employer: Option<Uuid>) -> SelectStatement {
    let after = |q: &mut SelectStatement| {
        q.and_where(pc(pool_change::Column::Seq).gte(from));
    };
    let was = Expr::case(pc(pool_change::Column::WasPooled).eq(true), 1).finally(0);
    let mut own = Query::select();
    own.expr_as(pc(pool_change::Column::GraduateId), Alias::new("g"))
        .expr_as(pc(pool_change::Column::Seq), Alias::new("s"))
        .expr_as(was.clone(), Alias::new("w"))
        .from(pool_change::Entity)
        .and_where(pc(pool_change::Column::GraduateId).is_not_null());
    after(&mut own);
    let wide = |join_on: graduate::Column, by: pool_change::Column| {
        let mut q = Query::select();
        q.expr_as(
            Expr::col((graduate::Entity, graduate::Column::Id)),
            Alias::new("g"),
        )
        .expr_as(pc(pool_change::Column::Seq), Alias::new("s"))
        .expr_as(Expr::val(1), Alias::new("w"))
        .from(pool_change::Entity)
        .inner_join(
            graduate::Entity,
            Expr::col((graduate::Entity, join_on)).equals((pool_change::Entity, by)),
        )
        .and_where(pc(pool_change::Column::GraduateId).is_null())
        .cond_where(consenting());
        after(&mut q);
        q
    };
    let mut school = wide(
        graduate::Column::InstitutionId,
        pool_change::Column::InstitutionId,
    );
    school.and_where(pc(pool_change::Column::ProgramId).is_null());
    if let Some(employer) = employer {
        school.cond_where(
            Condition::any()
                .add(pc(pool_change::Column::EmployerId).is_null())
                .add(pc(pool_change::Column::EmployerId).eq(employer)),
        );
    }
    let program = wide(graduate::Column::ProgramId, pool_change::Column::ProgramId);
    own.union(UnionType::All, school)
        .union(UnionType::All, program)
        .to_owned()
}

/// What changed in the caller's pool since `since` (none: a fresh token at the feed's head,
/// to take before a full pull), at most `first` graduates per answer.
pub async fn changes(
    db: &DatabaseConnection,
    caller: &Caller,
    input: CriteriaInput,
    since: Option<String>,
    first: u64,
    retention: Duration,
) -> ApiResult<Changes> {
    let request = Request::open(db, caller, input).await?;
    let print = fingerprint(&request);
    let now = Utc::now().timestamp();
    let Some(since) = since else {
        let token = Token {
            f: print,
            s: head(db).await?,
            g: None,
            t: now,
        };
        return Ok(Changes {
            upserts: Vec::new(),
            tombstones: Vec::new(),
            next: encode(&token),
            has_more: false,
        });
    };
    let position = decode(&since, &print, retention)?;
    let grouped = Query::select()
        .column(Alias::new("g"))
        .expr_as(Func::max(Expr::col(Alias::new("s"))), Alias::new("last"))
        .expr_as(Func::max(Expr::col(Alias::new("w"))), Alias::new("was"))
        .from_subquery(
            touched(position.s, request.employer()),
            Alias::new("touched"),
        )
        .group_by_col(Alias::new("g"))
        .to_owned();
    let last = Expr::col(Alias::new("last"));
    let past = match position.g {
        None => Condition::all().add(last.clone().gt(position.s)),
        Some(g) => Condition::any().add(last.clone().gt(position.s)).add(
            Condition::all()
                .add(last.clone().eq(position.s))
                .add(Expr::col(Alias::new("g")).gt(g)),
        ),
    };
    let page = Query::select()
        .columns([Alias::new("g"), Alias::new("last"), Alias::new("was")])
        .from_subquery(grouped, Alias::new("grouped"))
        .cond_where(past)
        .order_by(Alias::new("last"), Order::Asc)
        .order_by(Alias::new("g"), Order::Asc)
        .limit(first + 1)
        .to_owned();
    let rows = db.query_all(&page).await?;
    let mut touched: Vec<(Uuid, i64, bool)> = Vec::with_capacity(rows.len());
    for row in &rows {
        let g: Uuid = row.try_get("", "g")?;
        let last: i64 = row.try_get("", "last")?;
        let was: i32 = row.try_get::<Option<i32>>("", "was")?.unwrap_or(0);
        touched.push((g, last, was > 0));
    }
    let has_more = touched.len() as u64 > first;
    touched.truncate(first as usize);
    let ids: Vec<Uuid> = touched.iter().map(|(g, _, _)| *g).collect();
    let in_pool = if ids.is_empty() {
        Vec::new()
    } else {
        let all = PageRequest {
            first: ids.len() as u64,
            after: None,
            with_total: false,
        };
        let extra = Condition::all().add(graduate::Column::Id.is_in(ids.iter().copied()));
        request.ranked(db, caller, extra, &all).await?.items
    };
    let present: HashMap<Uuid, ()> = in_pool.iter().map(|c| (c.graduate.id(), ())).collect();
    let tombstones = touched
        .iter()
        .filter(|(g, _, was)| *was && !present.contains_key(g))
        .map(|(g, _, _)| *g)
        .collect();
    let next = match touched.last() {
        Some((g, last, _)) => Token {
            f: print,
            s: *last,
            g: Some(*g),
            t: now,
        },
        None => Token {
            f: print,
            s: Ord::max(head(db).await?, position.s),
            g: None,
            t: now,
        },
    };
    Ok(Changes {
        upserts: in_pool,
        tombstones,
        next: encode(&next),
        has_more,
    })
}

/// Deletes feed rows older than the retention (and a day of margin), so the feed stays bounded.
pub async fn prune(db: &DatabaseConnection, retention: Duration) -> ApiResult<u64> {
    let margin = chrono::Duration::from_std(retention + Duration::from_secs(86_400))
        .map_err(ApiError::internal)?;
    let cutoff = Utc::now() - margin;
    let done = pool_change::Entity::delete_many()
        .filter(pool_change::Column::ChangedAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
