//! The admin audit trail: the `AuditEntry` type and the `auditLog` query.

use async_graphql::{ComplexObject, Context, ID, InputObject, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::audit_entry;
use uuid::Uuid;

use crate::error::GqlResult;
use crate::graphql::connection::{Conn, connection, page_request};
use crate::graphql::context::{caller, db, load_one, parse_id, to_id};
use crate::graphql::institutions::Institution;
use crate::graphql::loaders::InstitutionById;
use crate::service::audit_trail::{self as trail, TrailFilter};
use crate::service::{Lookup, institutions};

/// One admin write: who did what to which record, and what changed.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct AuditEntry {
    /// Stable UUID.
    pub id: ID,
    /// The `sub` of the token that made the change.
    pub actor: String,
    /// What was done, e.g. `program.update`.
    pub action: String,
    /// Kind of record changed, e.g. `program`.
    pub entity_type: String,
    /// Id of the record changed.
    pub entity_id: ID,
    #[graphql(skip)]
    pub institution_id: Option<Uuid>,
    /// The changed fields: `{ field: { from, to } }`.
    pub changes: Json<serde_json::Value>,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl From<audit_entry::Model> for AuditEntry {
    fn from(m: audit_entry::Model) -> Self {
        Self {
            id: to_id(m.id),
            actor: m.actor_sub,
            action: m.action,
            entity_type: m.entity_type,
            entity_id: to_id(m.entity_id),
            institution_id: m.institution_id,
            changes: Json(m.summary),
            created_at: m.created_at,
        }
    }
}

#[ComplexObject]
impl AuditEntry {
    /// The institution the record belongs to, if any.
    async fn institution(&self, ctx: &Context<'_>) -> GqlResult<Option<Institution>> {
        let Some(id) = self.institution_id else {
            return Ok(None);
        };
        Ok(load_one(ctx, InstitutionById(id))
            .await?
            .map(Institution::from))
    }
}

/// Filters for `auditLog`.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// Only entries about this institution (slug).
    pub institution: Option<String>,
    /// Only entries about this kind of record, e.g. `program`.
    pub entity_type: Option<String>,
    /// Only entries about this record.
    pub entity_id: Option<ID>,
}

/// Audit root fields.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The admin audit trail, newest first: everything for consortium admins, their own
    /// institutions' entries for school admins; FORBIDDEN for everyone else.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity + 1")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        filter: Option<AuditFilter>,
    ) -> GqlResult<Conn<AuditEntry>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let institution = match f.institution {
            Some(slug) => Some(
                institutions::get(db(ctx), caller(ctx)?, Lookup::Slug(slug))
                    .await?
                    .id,
            ),
            None => None,
        };
        let filter = TrailFilter {
            institution,
            entity_type: f.entity_type,
            entity_id: f
                .entity_id
                .as_ref()
                .map(|id| parse_id("filter.entityId", id))
                .transpose()?,
        };
        let page = trail::list(db(ctx), caller(ctx)?, filter, request).await?;
        connection(ctx, page, AuditEntry::from)
    }
}
