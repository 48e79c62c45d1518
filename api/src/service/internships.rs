//! Internships: the first experience employers offer, and who may see them (reads; writes in
//! `write`).

pub mod write;

use std::collections::HashMap;

use entity::enums::{HitRole, Pay, WorkMode};
use entity::{application, employer_partner as employer, internship, internship_skill, skill};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest};
use crate::cache::Domain;
use crate::{auth::Caller, authz, error::ApiError, error::ApiResult};

/// Filters for the internship list; every one given must match.
#[derive(Debug, Clone, Default)]
pub struct InternshipFilter {
    /// Employer slug.
    pub employer: Option<String>,
    /// Skill or EHR system slug wanted.
    pub skill: Option<String>,
    /// Paid at all (hourly or stipend).
    pub paid: Option<bool>,
    pub work_mode: Option<WorkMode>,
    /// At a rural work site.
    pub rural: Option<bool>,
    pub state: Option<String>,
    pub hit_role: Option<HitRole>,
}

/// Orders for the internship list; each ends with the id as a stable tie-break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InternshipOrder {
    #[default]
    StartsOn,
    Title,
    Newest,
}

fn visible(caller: &Caller) -> Condition {
    caller.effects().read(Domain::Internships);
    let viewer = caller.viewer();
    let public = Condition::all()
        .add(internship::Column::Status.eq(authz::PUBLIC_INTERNSHIP_STATUS))
        .add(internship::Column::EmployerId.in_subquery(super::active_employers()));
    let scope = super::scope::condition(
        &authz::internship_read_scope(viewer),
        super::scope::Rows::default()
            .public(public)
            .employer_column(internship::Column::EmployerId),
    );
    let applied = authz::internships_applied_from(viewer);
    if applied.is_denied() {
        return scope;
    }
    let applications = super::applications::scope_condition(&applied);
    let applied_to = Query::select()
        .column(application::Column::InternshipId)
        .from(application::Entity)
        .cond_where(applications)
        .to_owned();
    Condition::all().add(
        Condition::any()
            .add(scope)
            .add(internship::Column::Id.in_subquery(applied_to)),
    )
}

fn filter_condition(filter: InternshipFilter) -> Condition {
    let mut cond = Condition::all();
    if let Some(slug) = filter.employer {
        cond = cond.add(
            internship::Column::EmployerId.in_subquery(super::employer_ids(
                Condition::all().add(employer::Column::Slug.eq(slug)),
            )),
        );
    }
    if let Some(rural) = filter.rural {
        cond = cond.add(internship::Column::Rural.eq(rural));
    }
    if let Some(slug) = filter.skill {
        cond = cond.add(
            internship::Column::Id.in_subquery(
                Query::select()
                    .column((
                        internship_skill::Entity,
                        internship_skill::Column::InternshipId,
                    ))
                    .from(internship_skill::Entity)
                    .inner_join(
                        skill::Entity,
                        Expr::col((skill::Entity, skill::Column::Id))
                            .equals((internship_skill::Entity, internship_skill::Column::SkillId)),
                    )
                    .and_where(Expr::col((skill::Entity, skill::Column::Slug)).eq(slug))
                    .to_owned(),
            ),
        );
    }
    if let Some(paid) = filter.paid {
        let unpaid = internship::Column::Pay.eq(Pay::Unpaid);
        cond = cond.add(if paid { unpaid.not() } else { unpaid });
    }
    if let Some(mode) = filter.work_mode {
        cond = cond.add(internship::Column::WorkMode.eq(mode));
    }
    if let Some(state) = filter.state {
        cond = cond.add(internship::Column::State.eq(state.to_uppercase()));
    }
    if let Some(role) = filter.hit_role {
        cond = cond.add(internship::Column::HitRole.eq(role));
    }
    cond
}

/// Internships the viewer may see, filtered and ordered.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: InternshipFilter,
    order: InternshipOrder,
    page: PageRequest,
) -> ApiResult<Page<internship::Model>> {
    let shape = format!("{filter:?}");
    let select = internship::Entity::find().filter(visible(caller).add(filter_condition(filter)));
    super::page::fetch(db, select, &ordering(order), &shape, &page).await
}

fn col(column: internship::Column) -> Expr {
    Expr::col((internship::Entity, column))
}

/// Each order ends with the id, so it is total and stable.
fn ordering(order: InternshipOrder) -> Ordering {
    use internship::Column::{CreatedAt, Id, StartsOn, Title};
    let keys = match order {
        InternshipOrder::StartsOn => Ordering::new("starts_on")
            .asc(col(StartsOn), KeyKind::Date)
            .asc(col(Title), KeyKind::Text),
        InternshipOrder::Title => Ordering::new("title").asc(col(Title), KeyKind::Text),
        InternshipOrder::Newest => Ordering::new("newest").desc(col(CreatedAt), KeyKind::Timestamp),
    };
    keys.asc(col(Id), KeyKind::Uuid)
}

/// One internship; `NotFound` when it does not exist or the viewer may not see it.
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<internship::Model> {
    internship::Entity::find()
        .filter(visible(caller).add(internship::Column::Id.eq(id)))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Visible internships by id, for DataLoaders (federation `_entities`).
pub async fn by_ids(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, internship::Model>> {
    let rows = internship::Entity::find()
        .filter(visible(caller).add(internship::Column::Id.is_in(ids.iter().copied())))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.id, r)).collect())
}

/// A page of the visible internships of each employer, soonest first (for
/// `EmployerPartner.internships`), in one statement for all of them.
pub async fn page_by_employers(
    db: &DatabaseConnection,
    caller: &Caller,
    employers: &[Uuid],
    page: &PageRequest,
) -> ApiResult<HashMap<Uuid, Page<internship::Model>>> {
    let select = internship::Entity::find().filter(visible(caller));
    let order = ordering(InternshipOrder::StartsOn);
    super::page::fetch_per_parent(
        db,
        select,
        internship::Column::EmployerId,
        employers,
        &order,
        page,
    )
    .await
}
