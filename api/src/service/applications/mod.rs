//! Applications: a graduate's application to an internship, its status history, and what each
//! party reads of it (reads; writes in `write`, the status rules in `workflow`).

pub mod workflow;
pub mod write;

use std::collections::HashMap;

use entity::enums::ApplicationStatus;
use entity::{application, application_status_change, graduate, internship};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::graduates::GraduateView;
use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest, partnerships};
use crate::auth::Caller;
use crate::authz::{self, GraduateFacts, Scope};
use crate::error::{ApiError, ApiResult};

/// Filters for the application list; every one given must match.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    pub internship: Option<Uuid>,
    pub graduate: Option<Uuid>,
    pub status: Option<ApplicationStatus>,
}

/// The applications of the parties in `scope`, as a row filter on `application` (also used
/// for the internships that school staff and graduates read through applications).
pub(crate) fn scope_condition(scope: &Scope) -> Condition {
    let rows = super::scope::Rows::default()
        .about_graduate(application::Column::GraduateId)
        .employer(|employers| {
            let theirs = super::internship_ids_of(employers.iter().copied());
            application::Column::InternshipId.in_subquery(theirs)
        });
    super::scope::condition(scope, rows)
}

fn visible(caller: &Caller) -> ApiResult<Condition> {
    let viewer = caller.viewer();
    let scope = authz::party_scope(viewer);
    if scope.is_denied() {
        return Err(authz::list_refusal(viewer));
    }
    Ok(scope_condition(&scope))
}

fn col(column: application::Column) -> Expr {
    Expr::col((application::Entity, column))
}

/// Newest first, then by id.
fn ordering() -> Ordering {
    Ordering::new("newest")
        .desc(col(application::Column::CreatedAt), KeyKind::Timestamp)
        .asc(col(application::Column::Id), KeyKind::Uuid)
}

/// The applications the viewer may read (a graduate's own, a school's graduates', those to an
/// employer's internships, all for consortium admins), newest first.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: ApplicationFilter,
    page: PageRequest,
) -> ApiResult<Page<application::Model>> {
    let shape = format!("{filter:?}");
    let mut cond = visible(caller)?;
    if let Some(id) = filter.internship {
        cond = cond.add(application::Column::InternshipId.eq(id));
    }
    if let Some(id) = filter.graduate {
        cond = cond.add(application::Column::GraduateId.eq(id));
    }
    if let Some(status) = filter.status {
        cond = cond.add(application::Column::Status.eq(status));
    }
    let select = application::Entity::find().filter(cond);
    super::page::fetch(db, select, &ordering(), &shape, &page).await
}

/// One application; `NotFound` when it does not exist or the viewer is no party to it.
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<application::Model> {
    let cond = visible(caller).map_err(|_| ApiError::NotFound)?;
    application::Entity::find()
        .filter(cond.add(application::Column::Id.eq(id)))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Each application's status history, oldest first, for the applications the viewer may read.
pub async fn history(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<application_status_change::Model>>> {
    let Ok(cond) = visible(caller) else {
        return Ok(HashMap::new());
    };
    let readable = sea_orm::sea_query::Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .cond_where(cond.add(application::Column::Id.is_in(ids.iter().copied())))
        .to_owned();
    let rows = application_status_change::Entity::find()
        .filter(application_status_change::Column::ApplicationId.in_subquery(readable))
        .order_by_asc(application_status_change::Column::ChangedAt)
        .order_by_asc(application_status_change::Column::Id)
        .all(db)
        .await?;
    Ok(super::related::group_by(rows, |r| r.application_id))
}

/// The applicant of each application the viewer may read, masked for the viewer as an
/// applicant (the employer applied to receives the profile and contact tiers; see
/// `authz::applicant_access`).
pub async fn applicants(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, GraduateView>> {
    let viewer = caller.viewer();
    let Ok(cond) = visible(caller) else {
        return Ok(HashMap::new());
    };
    let standing = partnerships::employer_standing(db, caller).await?;
    let rows: Vec<(application::Model, Option<graduate::Model>)> = application::Entity::find()
        .filter(cond.add(application::Column::Id.is_in(ids.iter().copied())))
        .find_also_related(graduate::Entity)
        .all(db)
        .await?;
    let internships: Vec<Uuid> = rows.iter().map(|(a, _)| a.internship_id).collect();
    let employers: HashMap<Uuid, Uuid> = internship::Entity::find()
        .filter(internship::Column::Id.is_in(internships))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.employer_id))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(application, graduate)| {
            let graduate = graduate?;
            let employer = *employers.get(&application.internship_id)?;
            let facts = GraduateFacts::of(&graduate);
            let access =
                authz::applicant_access(viewer, standing, &facts, employer, application.status)?;
            Some((application.id, GraduateView::with_access(access, graduate)))
        })
        .collect())
}
