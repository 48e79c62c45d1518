//! Incremental sync of a candidate pool from the change feed: what changed since a token —
//! upserts (entries as they are now) and tombstones (ids to delete) — and the next token.
//!
//! A token is a sealed position in the feed (`sync_token`): the last (seq, graduate) handed out,
//! for one caller and one set of criteria. The graduates a page covers are those touched by feed
//! rows after the position (a graduate's own rows, and every consenting graduate of a school or
//! program whose change concerns this pool) at schools that approved the caller at some time
//! since the token (`authz::tombstone_scope`), in the order of their latest row; each is an
//! upsert if it is in the pool now, a tombstone if it is not and the caller could have received
//! it since the token (`sync_scope`, `authz::may_tombstone`). Replaying every page from a token
//! taken before a full pull ends with exactly the pool a full pull gives.

use std::collections::HashSet;
use std::time::Duration;

use chrono::Utc;
use entity::enums::PartnershipStatus;
use entity::{graduate, partnership, pool_change};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement, UnionType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::sync_scope;
use super::sync_token::Token;
use super::{Candidate, CriteriaInput, Request};
use crate::auth::Caller;
use crate::authz::{self, Scope};
use crate::error::{ApiError, ApiResult};
use crate::sealed::Sealer;
use crate::service::PageRequest;
use crate::service::scope::Rows;

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

/// Rows of (graduate `g`, their school `i`, feed seq `s`, may have been pooled `w`) for feed rows
/// at or after `from`.
fn touched(from: i64, employer: Option<Uuid>) -> SelectStatement {
    let after = |q: &mut SelectStatement| {
        q.and_where(pc(pool_change::Column::Seq).gte(from));
    };
    let was = Expr::case(pc(pool_change::Column::WasPooled).eq(true), 1).finally(0);
    let mut own = Query::select();
    own.expr_as(pc(pool_change::Column::GraduateId), Alias::new("g"))
        .expr_as(pc(pool_change::Column::InstitutionId), Alias::new("i"))
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
        .expr_as(
            Expr::col((graduate::Entity, graduate::Column::InstitutionId)),
            Alias::new("i"),
        )
        .expr_as(pc(pool_change::Column::Seq), Alias::new("s"))
        .expr_as(was.clone(), Alias::new("w"))
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

/// The schools that approved `employer` at some time since feed position `from`, as far as the
/// feed tells: a partnership change whose partnership was active before it, or a school-wide
/// change of a school that was active before it while the partnership is active now. (With the
/// schools that approve it now, these are all the schools it could have received graduates from.)
async fn approved_since(
    db: &DatabaseConnection,
    employer: Uuid,
    from: i64,
) -> ApiResult<Vec<Uuid>> {
    let partnered = Query::select()
        .column(partnership::Column::InstitutionId)
        .from(partnership::Entity)
        .and_where(Expr::col(partnership::Column::EmployerId).eq(employer))
        .and_where(Expr::col(partnership::Column::Status).eq(PartnershipStatus::Active))
        .to_owned();
    let rows: Vec<Option<Uuid>> = pool_change::Entity::find()
        .select_only()
        .column(pool_change::Column::InstitutionId)
        .distinct()
        .filter(pool_change::Column::Seq.gte(from))
        .filter(pool_change::Column::GraduateId.is_null())
        .filter(pool_change::Column::ProgramId.is_null())
        .filter(pool_change::Column::WasPooled.eq(true))
        .filter(
            Condition::any()
                .add(pool_change::Column::EmployerId.eq(employer))
                .add(
                    Condition::all()
                        .add(pool_change::Column::EmployerId.is_null())
                        .add(pool_change::Column::InstitutionId.in_subquery(partnered)),
                ),
        )
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().flatten().collect())
}

/// What changed in the caller's pool since `since` (none: a fresh token at the feed's head,
/// to take before a full pull), at most `first` graduates per answer.
pub async fn changes(
    db: &DatabaseConnection,
    caller: &Caller,
    sealer: &Sealer,
    input: CriteriaInput,
    since: Option<String>,
    first: u64,
    retention: Duration,
) -> ApiResult<Changes> {
    let request = Request::open(db, caller, input).await?;
    let Some(since) = since else {
        return Ok(Changes {
            upserts: Vec::new(),
            tombstones: Vec::new(),
            next: Token::at(&request, head(db).await?, None).seal(sealer),
            has_more: false,
        });
    };
    let position = Token::open(&since, sealer, &request, retention)?;
    let scope = match request.employer() {
        None => Scope::All,
        Some(employer) => authz::tombstone_scope(
            request.scope(),
            &approved_since(db, employer, position.s).await?,
        ),
    };
    let mut grouped = Query::select()
        .column(Alias::new("g"))
        .expr_as(Func::max(Expr::col(Alias::new("s"))), Alias::new("last"))
        .expr_as(Func::max(Expr::col(Alias::new("w"))), Alias::new("was"))
        .from_subquery(
            touched(position.s, request.employer()),
            Alias::new("touched"),
        )
        .group_by_col(Alias::new("g"))
        .to_owned();
    let schools =
        Rows::default().institution(|ids| Expr::col(Alias::new("i")).is_in(ids.iter().copied()));
    grouped.cond_where(crate::service::scope::condition(&scope, schools));
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
    let present: HashSet<Uuid> = in_pool.iter().map(|c| c.graduate.id()).collect();
    let gone: Vec<Uuid> = touched
        .iter()
        .filter(|(g, _, was)| *was && !present.contains(g))
        .map(|(g, _, _)| *g)
        .collect();
    let tombstones = match request.employer() {
        None => gone,
        Some(employer) => {
            // A token inside a feed row (more of its graduates to come) starts the window just
            // before that row, whose changes are still being handed out.
            let since = position.s - i64::from(position.g.is_some());
            let told = sync_scope::tombstonable(db, employer, since, &gone).await?;
            gone.into_iter().filter(|g| told.contains(g)).collect()
        }
    };
    let next = match touched.last() {
        Some((g, last, _)) => Token::at(&request, *last, Some(*g)),
        None => Token::at(&request, Ord::max(head(db).await?, position.s), None),
    };
    Ok(Changes {
        upserts: in_pool,
        tombstones,
        next: next.seal(sealer),
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
