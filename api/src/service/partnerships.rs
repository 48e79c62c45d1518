//! Partnerships: a school's approval of an employer. A school's graduates reach an employer's
//! candidate pools only while their partnership is active (reads; writes in `write`).

pub mod write;

use entity::enums::{EmployerStatus, PartnershipStatus};
use entity::{employer_partner as employer, institution, partnership};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest};
use crate::auth::{Caller, EmployerStanding, Viewer};
use crate::authz::{self, Action, Resource};
use crate::error::ApiResult;

/// Filters for the partnership list.
#[derive(Debug, Clone, Default)]
pub struct PartnershipFilter {
    /// Institution slug.
    pub institution: Option<String>,
    /// Employer slug.
    pub employer: Option<String>,
    pub status: Option<PartnershipStatus>,
}

fn visible(viewer: &Viewer) -> Condition {
    super::scope::condition(
        &authz::partnership_scope(viewer),
        super::scope::Rows::default()
            .institution_column(partnership::Column::InstitutionId)
            .employer_column(partnership::Column::EmployerId),
    )
}

/// The standing of the employer the caller acts for, loaded at most once per operation: whether
/// it is active, and which active schools have an active partnership with it. `None` when the
/// caller acts for no employer.
/// The active schools that approve `employer` (an active partnership), by id.
pub async fn approving_schools<C: ConnectionTrait>(db: &C, employer: Uuid) -> ApiResult<Vec<Uuid>> {
    Ok(partnership::Entity::find()
        .select_only()
        .column(partnership::Column::InstitutionId)
        .filter(partnership::Column::EmployerId.eq(employer))
        .filter(partnership::Column::Status.eq(PartnershipStatus::Active))
        .filter(partnership::Column::InstitutionId.in_subquery(super::active_institutions()))
        .order_by_asc(partnership::Column::InstitutionId)
        .into_tuple()
        .all(db)
        .await?)
}

pub async fn employer_standing<'c>(
    db: &DatabaseConnection,
    caller: &'c Caller,
) -> ApiResult<Option<&'c EmployerStanding>> {
    caller
        .employer_standing(|id| async move {
            let status: Option<EmployerStatus> = employer::Entity::find_by_id(id)
                .select_only()
                .column(employer::Column::Status)
                .into_tuple()
                .one(db)
                .await?;
            let approved_by = approving_schools(db, id).await?;
            Ok(EmployerStanding {
                employer: id,
                active: status == Some(EmployerStatus::Active),
                approved_by,
            })
        })
        .await
}

/// The partnerships the viewer may see (those of their school or employer; all for consortium
/// admins), newest first.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: PartnershipFilter,
    page: PageRequest,
) -> ApiResult<Page<partnership::Model>> {
    let viewer = caller.viewer();
    let shape = format!("{filter:?}");
    let mut cond = visible(viewer);
    if let Some(slug) = filter.institution {
        cond = cond.add(
            partnership::Column::InstitutionId.in_subquery(super::institution_ids(
                Condition::all().add(institution::Column::Slug.eq(slug)),
            )),
        );
    }
    if let Some(slug) = filter.employer {
        cond = cond.add(
            partnership::Column::EmployerId.in_subquery(super::employer_ids(
                Condition::all().add(employer::Column::Slug.eq(slug)),
            )),
        );
    }
    if let Some(status) = filter.status {
        cond = cond.add(partnership::Column::Status.eq(status));
    }
    let order = Ordering::new("newest")
        .desc(
            Expr::col((partnership::Entity, partnership::Column::CreatedAt)),
            KeyKind::Timestamp,
        )
        .asc(
            Expr::col((partnership::Entity, partnership::Column::Id)),
            KeyKind::Uuid,
        );
    let select = partnership::Entity::find().filter(cond);
    super::page::fetch(db, select, &order, &shape, &page).await
}

/// One partnership; `NotFound` unless the viewer is party to it (or a consortium admin).
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<partnership::Model> {
    let viewer = caller.viewer();
    let found = partnership::Entity::find_by_id(id).one(db).await?;
    let found = found.ok_or(crate::error::ApiError::NotFound)?;
    authz::authorize(
        viewer,
        Action::Read,
        &Resource::Partnership {
            institution: found.institution_id,
            employer: found.employer_id,
        },
    )?;
    Ok(found)
}
