//! Graduates: the records schools keep and graduates keep up themselves, masked for each viewer
//! by consent tier (reads here; writes in `write`, the CSV import in `import`).

pub mod csv_rows;
pub mod import;
pub mod relations;
mod view;
pub mod write;

pub use view::{GraduateView, PoolFields, RecordFields};

use std::collections::HashMap;

use entity::enums::{Background, ConsentLevel, GraduateStatus, SkillKind};
use entity::{
    certification, consent_change, graduate, graduate_certification, graduate_skill, program, skill,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest, partnerships, text};
use crate::auth::Caller;
use crate::authz::{self, Action, Resource, Scope};
use crate::domain::SearchText;
use crate::error::{ApiError, ApiResult};

/// Filters for the graduate list; every one given must match.
#[derive(Debug, Clone, Default)]
pub struct GraduateFilter {
    /// Institution slug.
    pub institution: Option<String>,
    /// Program slug.
    pub program: Option<String>,
    pub graduation_year: Option<i32>,
    pub background: Option<Background>,
    /// Skill slug the graduate has.
    pub skill: Option<String>,
    /// EHR system slug the graduate has.
    pub ehr_system: Option<String>,
    /// Certification code the graduate holds.
    pub certification: Option<String>,
    /// Status; without it, archived graduates are left out.
    pub status: Option<GraduateStatus>,
    pub consent: Option<ConsentLevel>,
    /// Words to find in the name.
    pub search: Option<SearchText>,
}

/// Orders for the graduate list; each ends with the id as a stable tie-break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GraduateOrder {
    /// Family name, then given name.
    #[default]
    Name,
    /// Most recently added first.
    Newest,
}

/// `graduate.id IN (SELECT graduate_id FROM graduate_skill JOIN skill … WHERE skill.slug = ?)`.
fn has_skill(slug: String, kind: Option<SkillKind>) -> Condition {
    let mut inner = Query::select()
        .column((graduate_skill::Entity, graduate_skill::Column::GraduateId))
        .from(graduate_skill::Entity)
        .inner_join(
            skill::Entity,
            Expr::col((skill::Entity, skill::Column::Id))
                .equals((graduate_skill::Entity, graduate_skill::Column::SkillId)),
        )
        .and_where(Expr::col((skill::Entity, skill::Column::Slug)).eq(slug))
        .to_owned();
    if let Some(kind) = kind {
        inner.and_where(Expr::col((skill::Entity, skill::Column::Kind)).eq(kind));
    }
    Condition::all().add(graduate::Column::Id.in_subquery(inner))
}

fn has_certification(code: String) -> SelectStatement {
    Query::select()
        .column((
            graduate_certification::Entity,
            graduate_certification::Column::GraduateId,
        ))
        .from(graduate_certification::Entity)
        .inner_join(
            certification::Entity,
            Expr::col((certification::Entity, certification::Column::Id)).equals((
                graduate_certification::Entity,
                graduate_certification::Column::CertificationId,
            )),
        )
        .and_where(Expr::col((certification::Entity, certification::Column::Code)).eq(code))
        .to_owned()
}

fn filter_condition(filter: GraduateFilter) -> Condition {
    let mut cond = Condition::all();
    if let Some(slug) = filter.institution {
        cond = cond.add(
            graduate::Column::InstitutionId.in_subquery(super::institution_ids(
                Condition::all().add(entity::institution::Column::Slug.eq(slug)),
            )),
        );
    }
    if let Some(slug) = filter.program {
        cond = cond.add(
            graduate::Column::ProgramId.in_subquery(
                Query::select()
                    .column(program::Column::Id)
                    .from(program::Entity)
                    .and_where(program::Column::Slug.eq(slug))
                    .to_owned(),
            ),
        );
    }
    if let Some(year) = filter.graduation_year {
        cond = cond.add(graduate::Column::GraduationYear.eq(year));
    }
    if let Some(background) = filter.background {
        cond = cond.add(graduate::Column::Background.eq(background));
    }
    if let Some(slug) = filter.skill {
        cond = cond.add(has_skill(slug, None));
    }
    if let Some(slug) = filter.ehr_system {
        cond = cond.add(has_skill(slug, Some(SkillKind::EhrSystem)));
    }
    if let Some(code) = filter.certification {
        cond = cond.add(graduate::Column::Id.in_subquery(has_certification(code)));
    }
    cond = cond.add(match filter.status {
        Some(status) => graduate::Column::Status.eq(status),
        None => graduate::Column::Status.ne(GraduateStatus::Archived),
    });
    if let Some(consent) = filter.consent {
        cond = cond.add(graduate::Column::Consent.eq(consent));
    }
    if let Some(term) = filter.search.as_ref().map(|s| s.as_str()) {
        cond = cond.add(text::contains_any(
            &[graduate::Column::GivenName, graduate::Column::FamilyName],
            term,
        ));
    }
    cond
}

fn col(column: graduate::Column) -> Expr {
    Expr::col((graduate::Entity, column))
}

fn ordering(order: GraduateOrder) -> Ordering {
    use graduate::Column::{CreatedAt, FamilyName, GivenName, Id};
    let keys = match order {
        GraduateOrder::Name => Ordering::new("name")
            .asc(col(FamilyName), KeyKind::Text)
            .asc(col(GivenName), KeyKind::Text),
        GraduateOrder::Newest => Ordering::new("newest").desc(col(CreatedAt), KeyKind::Timestamp),
    };
    keys.asc(col(Id), KeyKind::Uuid)
}

/// The graduates the viewer may list (their school's; all for consortium admins), filtered and
/// ordered, each masked for the viewer.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: GraduateFilter,
    order: GraduateOrder,
    page: PageRequest,
) -> ApiResult<Page<GraduateView>> {
    let viewer = caller.viewer();
    let scope = authz::graduate_list_scope(viewer);
    if scope == Scope::Denied {
        return Err(authz::list_refusal(viewer));
    }
    let shape = format!("{filter:?}");
    let cond = super::scope::condition(
        &scope,
        super::scope::Rows::default().institution_column(graduate::Column::InstitutionId),
    )
    .add(filter_condition(filter));
    let select = graduate::Entity::find().filter(cond);
    let page = super::page::fetch(db, select, &ordering(order), &shape, &page).await?;
    masked_page(viewer, page)
}

/// Masks every row of a page the scope already admitted; a row the view refuses (which the scope
/// should have kept out) is an internal error rather than a silent gap in the page.
fn masked_page(
    viewer: &crate::auth::Viewer,
    page: Page<graduate::Model>,
) -> ApiResult<Page<GraduateView>> {
    page.try_map(|model| {
        GraduateView::for_viewer(viewer, None, model).ok_or_else(|| {
            ApiError::internal(std::io::Error::other(
                "the graduate list scope admitted a row the view refuses",
            ))
        })
    })
}

/// Graduates by id, each masked for the viewer; the ones the viewer may not see are absent (for
/// `graduate(id)`, `me` and federation `_entities`, through the DataLoader).
pub async fn by_ids(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, GraduateView>> {
    let viewer = caller.viewer();
    let standing = partnerships::employer_standing(db, caller).await?;
    let rows = graduate::Entity::find()
        .filter(graduate::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| GraduateView::for_viewer(viewer, standing, m))
        .map(|v| (v.id(), v))
        .collect())
}

/// The graduate record of the caller (role `graduate`).
pub fn own_id(caller: &Caller) -> ApiResult<Uuid> {
    let viewer = caller.viewer();
    match viewer.graduates().next() {
        Some(id) => Ok(id),
        None => Err(authz::list_refusal(viewer)),
    }
}

/// Those of `ids` whose whole record the viewer reads (the graduate, their school, consortium
/// admins).
async fn readable_records(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<Vec<Uuid>> {
    let owners: Vec<(Uuid, Uuid)> = graduate::Entity::find()
        .select_only()
        .column(graduate::Column::Id)
        .column(graduate::Column::InstitutionId)
        .filter(graduate::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(owners
        .into_iter()
        .filter(|(graduate, institution)| {
            let resource = Resource::Graduate {
                graduate: *graduate,
                institution: *institution,
            };
            authz::decide(caller.viewer(), Action::Read, &resource) == authz::Decision::Allow
        })
        .map(|(graduate, _)| graduate)
        .collect())
}

/// Each graduate's consent history, oldest first, for the viewers who read the whole record.
pub async fn consent_history(
    db: &DatabaseConnection,
    caller: &Caller,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<consent_change::Model>>> {
    let readable = readable_records(db, caller, ids).await?;
    let rows = consent_change::Entity::find()
        .filter(consent_change::Column::GraduateId.is_in(readable))
        .order_by_asc(consent_change::Column::ChangedAt)
        .order_by_asc(consent_change::Column::Id)
        .all(db)
        .await?;
    Ok(super::related::group_by(rows, |r| r.graduate_id))
}

/// Skills (including EHR systems) each graduate has, in name order. Reached only through a view
/// of the graduate, so the viewer already may see these pool fields.
pub async fn skills(
    db: &DatabaseConnection,
    graduates: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<skill::Model>>> {
    let pairs = graduate_skill::Entity::find()
        .filter(graduate_skill::Column::GraduateId.is_in(graduates.iter().copied()))
        .find_also_related(skill::Entity)
        .order_by_asc(skill::Column::Name)
        .all(db)
        .await?;
    Ok(super::related::group_pairs(pairs, |j| j.graduate_id))
}

/// A certification a graduate holds.
#[derive(Debug, Clone)]
pub struct HeldCertification {
    pub certification: certification::Model,
    pub earned_on: Option<chrono::NaiveDate>,
}

/// Certifications each graduate holds, by code. Reached only through a view of the graduate.
pub async fn certifications(
    db: &DatabaseConnection,
    graduates: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<HeldCertification>>> {
    let pairs = graduate_certification::Entity::find()
        .filter(graduate_certification::Column::GraduateId.is_in(graduates.iter().copied()))
        .find_also_related(certification::Entity)
        .order_by_asc(certification::Column::Code)
        .all(db)
        .await?;
    let held = pairs
        .into_iter()
        .map(|(join, cert)| {
            let held = cert.map(|certification| HeldCertification {
                certification,
                earned_on: join.earned_on,
            });
            (join, held)
        })
        .collect();
    Ok(super::related::group_pairs(held, |j| j.graduate_id))
}
