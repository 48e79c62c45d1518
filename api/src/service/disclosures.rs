//! Reading the FERPA record of disclosures (recording it is `audit::disclosure`): a graduate
//! reads their own, a school its graduates', an employer what it received, consortium admins all.

use chrono::{DateTime, Utc};
use entity::{disclosure, employer_partner};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::scope::Rows;
use super::{Page, PageRequest};
use crate::auth::Caller;
use crate::authz::{self, Scope};
use crate::error::ApiResult;

/// Filters for the disclosure log.
#[derive(Debug, Clone, Default)]
pub struct DisclosureFilter {
    /// Only disclosures of this graduate.
    pub graduate: Option<Uuid>,
    /// Only disclosures to this employer (slug).
    pub employer: Option<String>,
    /// Only disclosures at or after this time.
    pub since: Option<DateTime<Utc>>,
}

fn scope_condition(scope: &Scope) -> Condition {
    let rows = Rows::default()
        .about_graduate(disclosure::Column::GraduateId)
        .employer(|employers| {
            let slugs = Query::select()
                .column(employer_partner::Column::Slug)
                .from(employer_partner::Entity)
                .and_where(employer_partner::Column::Id.is_in(employers.iter().copied()))
                .to_owned();
            disclosure::Column::RecipientOrg.in_subquery(slugs)
        });
    super::scope::condition(scope, rows)
}

/// The disclosures the viewer may read, newest first.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: DisclosureFilter,
    page: PageRequest,
) -> ApiResult<Page<disclosure::Model>> {
    let viewer = caller.viewer();
    let scope = authz::party_scope(viewer);
    if scope.is_denied() {
        return Err(authz::list_refusal(viewer));
    }
    let shape = format!("{filter:?}");
    let mut cond = scope_condition(&scope);
    if let Some(graduate) = filter.graduate {
        cond = cond.add(disclosure::Column::GraduateId.eq(graduate));
    }
    if let Some(employer) = filter.employer {
        cond = cond.add(disclosure::Column::RecipientOrg.eq(employer));
    }
    if let Some(since) = filter.since {
        cond = cond.add(disclosure::Column::DisclosedAt.gte(since));
    }
    let order = Ordering::new("newest")
        .desc(
            Expr::col((disclosure::Entity, disclosure::Column::DisclosedAt)),
            KeyKind::Timestamp,
        )
        .desc(
            Expr::col((disclosure::Entity, disclosure::Column::Id)),
            KeyKind::Uuid,
        );
    let select = disclosure::Entity::find().filter(cond);
    super::page::fetch(db, select, &order, &shape, &page).await
}
