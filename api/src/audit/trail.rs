//! The admin audit trail: who changed what, with a before/after summary of the changed fields.

use chrono::Utc;
use entity::audit_entry;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, sea_query::Expr,
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::authz::{self, Action, Resource};
use crate::error::{ApiError, ApiResult};
use crate::service::page::{KeyKind, Ordering};
use crate::service::write::authorize;
use crate::service::{Page, PageRequest};

/// One change to record.
pub struct Change<'a> {
    /// `<entity>.<verb>`, e.g. `program.update`.
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Uuid,
    /// The institution the record belongs to, if any (school admins read their own trail).
    pub institution: Option<Uuid>,
    /// The employer the record belongs to, if any.
    pub employer: Option<Uuid>,
    /// The record before (None for creates).
    pub before: Option<Value>,
    /// The record after.
    pub after: Value,
}

/// Fields that change on every write and say nothing about it.
const NOISE: [&str; 3] = ["updated_at", "created_at", "version"];

/// `{ field: { "from": old, "to": new } }` for every field that differs.
fn summary(before: Option<&Value>, after: &Value) -> Value {
    let empty = Map::new();
    let old = before.and_then(Value::as_object).unwrap_or(&empty);
    let new = after.as_object().unwrap_or(&empty);
    let changed: Map<String, Value> = new
        .iter()
        .filter(|(field, _)| !NOISE.contains(&field.as_str()))
        .filter(|(field, value)| old.get(*field) != Some(value))
        .map(|(field, value)| {
            let from = old.get(field).cloned().unwrap_or(Value::Null);
            (field.clone(), json!({ "from": from, "to": value }))
        })
        .collect();
    Value::Object(changed)
}

/// Writes one audit entry through `txn` (the write's own transaction).
pub async fn record<C: ConnectionTrait>(
    txn: &C,
    viewer: &Viewer,
    change: Change<'_>,
) -> ApiResult<()> {
    audit_entry::Entity::insert(audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        actor_sub: Set(viewer.subject.clone().unwrap_or_else(|| "anonymous".into())),
        action: Set(change.action.to_owned()),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        institution_id: Set(change.institution),
        employer_id: Set(change.employer),
        summary: Set(summary(change.before.as_ref(), &change.after)),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Filters for reading the trail.
#[derive(Debug, Clone, Default)]
pub struct TrailFilter {
    /// Only entries about this institution.
    pub institution: Option<Uuid>,
    /// Only entries about this kind of record, e.g. `program`.
    pub entity_type: Option<String>,
    /// Only entries about this record.
    pub entity_id: Option<Uuid>,
}

/// The trail the viewer may read, newest first: all of it for consortium admins, their own
/// institutions' entries for school admins. Anyone else is refused.
pub async fn list(
    db: &DatabaseConnection,
    viewer: &Viewer,
    filter: TrailFilter,
    page: PageRequest,
) -> ApiResult<Page<audit_entry::Model>> {
    let shape = format!("{filter:?}");
    let mut cond = Condition::all();
    match filter.institution {
        Some(institution) => {
            authorize(
                viewer,
                Action::Read,
                &Resource::AuditTrail {
                    institution: Some(institution),
                },
            )?;
            cond = cond.add(audit_entry::Column::InstitutionId.eq(institution));
        }
        None => match authz::audit_trail_scope(viewer) {
            None => {}
            Some(own) if own.is_empty() => return Err(ApiError::Forbidden),
            Some(own) => cond = cond.add(audit_entry::Column::InstitutionId.is_in(own)),
        },
    }
    if let Some(kind) = filter.entity_type {
        cond = cond.add(audit_entry::Column::EntityType.eq(kind));
    }
    if let Some(id) = filter.entity_id {
        cond = cond.add(audit_entry::Column::EntityId.eq(id));
    }
    let order = Ordering::new("newest")
        .desc(
            Expr::col((audit_entry::Entity, audit_entry::Column::CreatedAt)),
            KeyKind::Timestamp,
        )
        .desc(
            Expr::col((audit_entry::Entity, audit_entry::Column::Id)),
            KeyKind::Uuid,
        );
    let select = audit_entry::Entity::find().filter(cond);
    crate::service::page::fetch(db, select, &order, &shape, &page).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_holds_only_changed_fields() {
        let before = json!({ "name": "A", "state": "GA", "version": 1 });
        let after = json!({ "name": "B", "state": "GA", "version": 2 });
        assert_eq!(
            summary(Some(&before), &after),
            json!({ "name": { "from": "A", "to": "B" } })
        );
        let created = summary(None, &json!({ "name": "A" }));
        assert_eq!(created, json!({ "name": { "from": null, "to": "A" } }));
    }
}
