//! Outcome reports: placement outcomes per institution and program (`outcomes`) and the skills
//! employers ask for against those seeking graduates have (`skills_gap`), as SQL aggregates on
//! both databases. Outside the consortium admins, small cells are suppressed (`suppress`).

pub mod outcomes;
pub mod skills_gap;
pub mod suppress;

use sea_orm::{DatabaseConnection, DbBackend};
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{self, Scope};
use crate::error::{ApiError, ApiResult};
use crate::service::{Lookup, institutions};

/// Which institutions a report covers, and whether its small cells are suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// `None`: every institution.
    pub institutions: Option<Vec<Uuid>>,
    /// Counts below the threshold are hidden (everyone but consortium admins).
    pub suppressed: bool,
}

/// The coverage of a report for the caller, narrowed to one institution (slug) when asked: one
/// the caller may not report on is FORBIDDEN; employers, graduates and anonymous callers get
/// none at all.
pub async fn coverage(
    db: &DatabaseConnection,
    caller: &Caller,
    institution: Option<String>,
) -> ApiResult<Coverage> {
    let viewer = caller.viewer();
    let scope = authz::report_scope(viewer);
    let (mut covered, suppressed) = match &scope {
        Scope::Denied => return Err(authz::list_refusal(viewer)),
        Scope::All => (None, false),
        Scope::Rows { owners, .. } => (Some(owners.institutions.clone()), true),
    };
    if let Some(slug) = institution {
        let school = institutions::get(db, caller, Lookup::Slug(slug))
            .await
            .map_err(crate::service::write::not_found_as_input("institution"))?;
        if !scope.allows(false, Some(school.id), None) {
            return Err(ApiError::Forbidden);
        }
        covered = Some(vec![school.id]);
    }
    Ok(Coverage {
        institutions: covered,
        suppressed,
    })
}

/// A placeholder for the `n`th bound value (1-based) in hand-written SQL.
fn placeholder(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    }
}

/// `column IN (…)` over the covered institutions, binding their ids after the `bound` values
/// already placed; empty when every institution is covered.
fn institutions_in(
    backend: DbBackend,
    column: &str,
    coverage: &Coverage,
    values: &mut Vec<sea_orm::Value>,
) -> String {
    let Some(ids) = &coverage.institutions else {
        return String::new();
    };
    if ids.is_empty() {
        return " AND 1 = 0".to_owned();
    }
    let marks: Vec<String> = ids
        .iter()
        .map(|id| {
            values.push((*id).into());
            placeholder(backend, values.len())
        })
        .collect();
    format!(" AND {column} IN ({})", marks.join(", "))
}
