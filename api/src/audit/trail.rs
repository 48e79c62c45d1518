//! Recording the admin audit trail: who changed what, with a before/after summary of the
//! changed fields (reading it is `service::audit_trail`).

use chrono::Utc;
use entity::audit_entry;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::ApiResult;

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

/// The audit row of one change (for writes that record many changes in one statement).
pub fn entry(viewer: &Viewer, change: Change<'_>) -> audit_entry::ActiveModel {
    audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        actor_sub: Set(viewer.subject.clone().unwrap_or_else(|| "anonymous".into())),
        action: Set(change.action.to_owned()),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        institution_id: Set(change.institution),
        employer_id: Set(change.employer),
        summary: Set(summary(change.before.as_ref(), &change.after)),
        created_at: Set(Utc::now()),
    }
}

/// Writes one audit entry through `txn` (the write's own transaction).
pub async fn record<C: ConnectionTrait>(
    txn: &C,
    viewer: &Viewer,
    change: Change<'_>,
) -> ApiResult<()> {
    audit_entry::Entity::insert(entry(viewer, change))
        .exec_without_returning(txn)
        .await?;
    Ok(())
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
