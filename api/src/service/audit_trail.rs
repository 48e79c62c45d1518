//! Reading the admin audit trail (recording it is `audit::trail`).

use entity::audit_entry;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::page::{KeyKind, Ordering};
use super::{Page, PageRequest};
use crate::auth::Caller;
use crate::authz::{self, Action, Resource, Scope};
use crate::error::{ApiError, ApiResult};

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
    caller: &Caller,
    filter: TrailFilter,
    page: PageRequest,
) -> ApiResult<Page<audit_entry::Model>> {
    let viewer = caller.viewer();
    let shape = format!("{filter:?}");
    // One institution's trail: as hidden as any record the viewer may not read.
    if let Some(institution) = filter.institution {
        authz::authorize(
            viewer,
            Action::Read,
            &Resource::AuditTrail {
                institution: Some(institution),
            },
        )?;
    }
    let scope = authz::audit_trail_scope(viewer);
    if scope == Scope::Denied {
        return Err(ApiError::Forbidden);
    }
    let mut cond = super::scope::condition(
        &scope,
        super::scope::Rows::default().institution_column(audit_entry::Column::InstitutionId),
    );
    if let Some(institution) = filter.institution {
        cond = cond.add(audit_entry::Column::InstitutionId.eq(institution));
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
    super::page::fetch(db, select, &order, &shape, &page).await
}
