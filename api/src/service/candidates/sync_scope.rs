//! What a sync may tell an employer of a graduate who left its pool: the facts
//! `authz::may_tombstone` judges, read from the change feed for the graduates of one page (when
//! each was poolable, when their school's partnership with the employer and the school itself
//! were active, since the caller's token).

use std::collections::{HashMap, HashSet};

use entity::enums::{PartnershipStatus, RecordStatus};
use entity::{graduate, institution, partnership, pool_change};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::authz;
use crate::error::ApiResult;

/// Feed rows since `from` matching `filter`, as (seq, held before), grouped by `key`.
async fn changes_by(
    db: &DatabaseConnection,
    from: i64,
    filter: Condition,
    key: impl Fn(&pool_change::Model) -> Option<Uuid>,
) -> ApiResult<HashMap<Uuid, Vec<(i64, bool)>>> {
    let rows = pool_change::Entity::find()
        .filter(pool_change::Column::Seq.gte(from))
        .filter(filter)
        .order_by_asc(pool_change::Column::Seq)
        .all(db)
        .await?;
    let mut by: HashMap<Uuid, Vec<(i64, bool)>> = HashMap::new();
    for row in &rows {
        if let Some(k) = key(row) {
            by.entry(k).or_default().push((row.seq, row.was_pooled));
        }
    }
    Ok(by)
}

/// Of `candidates` (graduates touched since feed position `from` who are not in the pool now),
/// those `employer` may be told of as tombstones (`authz::may_tombstone`).
pub(super) async fn tombstonable(
    db: &DatabaseConnection,
    employer: Uuid,
    from: i64,
    candidates: &[Uuid],
) -> ApiResult<HashSet<Uuid>> {
    if candidates.is_empty() {
        return Ok(HashSet::new());
    }
    let graduates = graduate::Entity::find()
        .filter(graduate::Column::Id.is_in(candidates.iter().copied()))
        .all(db)
        .await?;
    let schools: Vec<Uuid> = graduates.iter().map(|g| g.institution_id).collect();
    let own = changes_by(
        db,
        from,
        Condition::all().add(pool_change::Column::GraduateId.is_in(candidates.iter().copied())),
        |r| r.graduate_id,
    )
    .await?;
    let school_wide = || {
        Condition::all()
            .add(pool_change::Column::GraduateId.is_null())
            .add(pool_change::Column::ProgramId.is_null())
            .add(pool_change::Column::InstitutionId.is_in(schools.iter().copied()))
    };
    let partnership_changes = changes_by(
        db,
        from,
        school_wide().add(pool_change::Column::EmployerId.eq(employer)),
        |r| r.institution_id,
    )
    .await?;
    let school_changes = changes_by(
        db,
        from,
        school_wide().add(pool_change::Column::EmployerId.is_null()),
        |r| r.institution_id,
    )
    .await?;
    let partnered_now: HashSet<Uuid> = partnership::Entity::find()
        .select_only()
        .column(partnership::Column::InstitutionId)
        .filter(partnership::Column::EmployerId.eq(employer))
        .filter(partnership::Column::Status.eq(PartnershipStatus::Active))
        .filter(partnership::Column::InstitutionId.is_in(schools.iter().copied()))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let active_now: HashSet<Uuid> = institution::Entity::find()
        .select_only()
        .column(institution::Column::Id)
        .filter(institution::Column::Id.is_in(schools.iter().copied()))
        .filter(institution::Column::Status.eq(RecordStatus::Active))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let none = Vec::new();
    let spans = |by: &HashMap<Uuid, Vec<(i64, bool)>>, key: Uuid, now: bool| {
        authz::held(from, by.get(&key).unwrap_or(&none), now)
    };
    Ok(graduates
        .iter()
        .filter(|g| {
            let school = g.institution_id;
            authz::may_tombstone(
                &spans(&own, g.id, authz::poolable(g.consent, g.status)),
                &spans(
                    &partnership_changes,
                    school,
                    partnered_now.contains(&school),
                ),
                &spans(&school_changes, school, active_now.contains(&school)),
            )
        })
        .map(|g| g.id)
        .collect())
}
