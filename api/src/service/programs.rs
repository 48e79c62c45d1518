//! Programs: what each school teaches, and to whom they are visible (reads; writes in `write`).

pub mod write;

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{Credential, HitRole, Modality, RecordStatus};
use entity::{institution, program, program_hit_role, program_skill, skill};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, FromQueryResult, IdenStatic, Iterable,
    JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Lookup, Page, PageRequest, text};
use crate::cache::Domain;
use crate::{auth::Caller, authz, error::ApiError, error::ApiResult};

/// Filters for the program list; every one given must match.
#[derive(Debug, Clone, Default)]
pub struct ProgramFilter {
    /// Institution slug.
    pub institution: Option<String>,
    pub credential: Option<Credential>,
    pub modality: Option<Modality>,
    pub cip_code: Option<String>,
    /// Skill or EHR system slug taught.
    pub skill: Option<String>,
    pub hit_role: Option<HitRole>,
    /// Two-letter state of the institution.
    pub state: Option<String>,
    /// Only programs whose next start is on or after this date.
    pub starting_after: Option<NaiveDate>,
    pub search: Option<crate::domain::SearchText>,
}

/// Orders for the program list; each ends with the id as a stable tie-break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProgramOrder {
    #[default]
    Name,
    NextStart,
    Newest,
}

fn visible(caller: &Caller) -> Condition {
    caller.effects().read(Domain::Programs);
    let viewer = caller.viewer();
    let public = Condition::all()
        .add(program::Column::Status.eq(authz::PUBLIC_PROGRAM_STATUS))
        .add(program::Column::InstitutionId.in_subquery(super::active_institutions()));
    super::scope::condition(
        &authz::program_read_scope(viewer),
        super::scope::Rows::default()
            .public(public)
            .institution_column(program::Column::InstitutionId),
    )
}

fn filter_condition(filter: ProgramFilter) -> Condition {
    let mut cond = Condition::all();
    if let Some(slug) = filter.institution {
        cond = cond.add(
            program::Column::InstitutionId.in_subquery(super::institution_ids(
                Condition::all().add(institution::Column::Slug.eq(slug)),
            )),
        );
    }
    if let Some(state) = filter.state {
        cond = cond.add(
            program::Column::InstitutionId.in_subquery(super::institution_ids(
                Condition::all().add(institution::Column::State.eq(state.to_uppercase())),
            )),
        );
    }
    if let Some(credential) = filter.credential {
        cond = cond.add(program::Column::Credential.eq(credential));
    }
    if let Some(modality) = filter.modality {
        cond = cond.add(program::Column::Modality.eq(modality));
    }
    if let Some(cip) = filter.cip_code {
        cond = cond.add(program::Column::CipCode.eq(cip));
    }
    if let Some(slug) = filter.skill {
        cond = cond.add(
            program::Column::Id.in_subquery(
                Query::select()
                    .column((program_skill::Entity, program_skill::Column::ProgramId))
                    .from(program_skill::Entity)
                    .inner_join(
                        skill::Entity,
                        Expr::col((skill::Entity, skill::Column::Id))
                            .equals((program_skill::Entity, program_skill::Column::SkillId)),
                    )
                    .and_where(Expr::col((skill::Entity, skill::Column::Slug)).eq(slug))
                    .to_owned(),
            ),
        );
    }
    if let Some(role) = filter.hit_role {
        cond = cond.add(
            program::Column::Id.in_subquery(
                Query::select()
                    .column(program_hit_role::Column::ProgramId)
                    .from(program_hit_role::Entity)
                    .and_where(program_hit_role::Column::HitRole.eq(role))
                    .to_owned(),
            ),
        );
    }
    if let Some(date) = filter.starting_after {
        cond = cond.add(program::Column::NextStart.gte(date));
    }
    if let Some(term) = filter.search.as_ref().map(|s| s.as_str()) {
        cond = cond.add(text::contains_any(
            &[program::Column::Name, program::Column::Description],
            term,
        ));
    }
    cond
}

/// Programs the viewer may see, filtered and ordered.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: ProgramFilter,
    order: ProgramOrder,
    page: PageRequest,
) -> ApiResult<Page<program::Model>> {
    let shape = format!("{filter:?}");
    let select = program::Entity::find().filter(visible(caller).add(filter_condition(filter)));
    super::page::fetch(db, select, &ordering(order), &shape, &page).await
}

/// A program with its institution read in the same statement (`None`: hidden from the viewer).
pub type WithInstitution = (program::Model, Option<institution::Model>);

/// Column-name prefix of the institution joined into a program page.
const JOINED_INSTITUTION: &str = "B_";

/// [`list`] with each program's institution joined into the page's own statement, for pages that
/// select it: one statement instead of a second one through the DataLoader. Cursors are the
/// same as `list`'s (same order and filter), so a client may switch between them.
///
/// Program columns keep their own names and only the institution's are prefixed: sea-orm
/// formats a string for every prefixed column of every row it decodes (measured: 7 % of an
/// uncached catalog page when both sides were prefixed).
pub async fn list_with_institutions(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: ProgramFilter,
    order: ProgramOrder,
    page: PageRequest,
) -> ApiResult<Page<WithInstitution>> {
    let viewer = caller.viewer();
    let shape = format!("{filter:?}");
    let mut select = program::Entity::find()
        .filter(visible(caller).add(filter_condition(filter)))
        .join(JoinType::LeftJoin, program::Relation::Institution.def());
    for column in institution::Column::iter() {
        select = select.column_as(
            column.select_as(Expr::col((institution::Entity, column))),
            format!("{JOINED_INSTITUTION}{}", column.as_str()),
        );
    }
    super::page::fetch_rows(db, select, &ordering(order), &shape, &page, |row| {
        let program = program::Model::from_query_result(row, "")?;
        let institution = institution::Model::from_query_result_optional(row, JOINED_INSTITUTION)?
            .filter(|i| {
                let resource = authz::Resource::Institution {
                    id: i.id,
                    active: i.status == RecordStatus::Active,
                };
                authz::decide(viewer, authz::Action::Read, &resource) == authz::Decision::Allow
            });
        Ok((program, institution))
    })
    .await
}

fn col(column: program::Column) -> Expr {
    Expr::col((program::Entity, column))
}

/// Each order ends with the id, so it is total and stable.
fn ordering(order: ProgramOrder) -> Ordering {
    use program::Column::{CreatedAt, Id, Name, NextStart};
    let keys = match order {
        ProgramOrder::Name => Ordering::new("name").asc(col(Name), KeyKind::Text),
        ProgramOrder::NextStart => Ordering::new("next_start")
            .asc_nulls_last(col(NextStart), KeyKind::Date)
            .asc(col(Name), KeyKind::Text),
        ProgramOrder::Newest => Ordering::new("newest").desc(col(CreatedAt), KeyKind::Timestamp),
    };
    keys.asc(col(Id), KeyKind::Uuid)
}

/// One program by id or slug; `NotFound` when it does not exist or the viewer may not see it.
pub async fn get(
    db: &DatabaseConnection,
    caller: &Caller,
    lookup: Lookup,
) -> ApiResult<program::Model> {
    let key = match lookup {
        Lookup::Id(id) => program::Column::Id.eq(id),
        Lookup::Slug(slug) => program::Column::Slug.eq(slug),
    };
    program::Entity::find()
        .filter(visible(caller).add(key))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Visible programs by id, for DataLoaders (federation `_entities`).
pub async fn by_ids(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, program::Model>> {
    let rows = program::Entity::find()
        .filter(visible(caller).add(program::Column::Id.is_in(ids.iter().copied())))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.id, r)).collect())
}

/// A page of the visible programs of each institution, in name order (for the nested
/// `Institution.programs`), in one statement for all of them.
pub async fn page_by_institutions(
    db: &DatabaseConnection,
    caller: &Caller,
    institutions: &[Uuid],
    page: &PageRequest,
) -> ApiResult<HashMap<Uuid, Page<program::Model>>> {
    let select = program::Entity::find().filter(visible(caller));
    let order = ordering(ProgramOrder::Name);
    super::page::fetch_per_parent(
        db,
        select,
        program::Column::InstitutionId,
        institutions,
        &order,
        page,
    )
    .await
}

/// HIT roles each program prepares for.
pub async fn hit_roles(
    db: &DatabaseConnection,
    programs: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<HitRole>>> {
    let rows = program_hit_role::Entity::find()
        .filter(program_hit_role::Column::ProgramId.is_in(programs.iter().copied()))
        .order_by_asc(program_hit_role::Column::HitRole)
        .all(db)
        .await?;
    let grouped = super::related::group_by(rows, |r| r.program_id);
    Ok(grouped
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().map(|r| r.hit_role).collect()))
        .collect())
}
