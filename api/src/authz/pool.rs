//! The candidate pool: who may search it, and whose graduates it holds for them.
//!
//! Employers and consortium admins only. An employer's pool holds the consenting graduates of the
//! schools that have an active partnership with it (per-school vetting); a suspended employer has
//! none and is refused. Consortium admins see every active school's consenting graduates.
//! Which fields of each candidate go out is the graduate tier (`graduate_access`).

use entity::enums::{ConsentLevel, GraduateStatus};
use uuid::Uuid;

use crate::auth::{EmployerStanding, Viewer};

/// The consent level that keeps a graduate out of every pool.
pub const UNPOOLED_CONSENT: ConsentLevel = ConsentLevel::Private;

/// The status that keeps a graduate out of every pool (and every default list).
pub const UNPOOLED_STATUS: GraduateStatus = GraduateStatus::Archived;

/// Whether a graduate record can be in any pool at all (which schools' pools is the vetting).
pub fn poolable(consent: ConsentLevel, status: GraduateStatus) -> bool {
    consent != UNPOOLED_CONSENT && status != UNPOOLED_STATUS
}
use crate::error::ApiError;

/// The schools whose consenting graduates a viewer's pool holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolScope {
    /// Every active school (consortium admins).
    AllSchools,
    /// These schools (an employer's approvals; possibly none).
    Schools(Vec<Uuid>),
}

/// The pool a viewer may search, or the refusal: UNAUTHENTICATED without a token, FORBIDDEN for
/// other roles and for a suspended or archived employer.
pub fn pool_scope(
    viewer: &Viewer,
    standing: Option<&EmployerStanding>,
) -> Result<PoolScope, ApiError> {
    if viewer.is_consortium_admin() {
        return Ok(PoolScope::AllSchools);
    }
    match standing {
        Some(s) if viewer.employers().any(|e| e == s.employer) => {
            if s.active {
                Ok(PoolScope::Schools(s.approved_by.clone()))
            } else {
                Err(ApiError::Forbidden)
            }
        }
        _ => Err(super::list_refusal(viewer)),
    }
}

/// The schools whose graduates a sync may name as tombstones: those of the pool now and those
/// that approved the employer at some time since the caller's token (`approved_since`, read
/// from the change feed). A caller is never told of a graduate it could not have received as an
/// upsert since its token; an employer no school ever approved hears of no one.
pub fn tombstone_scope(pool: &PoolScope, approved_since: &[Uuid]) -> PoolScope {
    match pool {
        PoolScope::AllSchools => PoolScope::AllSchools,
        PoolScope::Schools(now) => {
            let mut schools: Vec<Uuid> = now.iter().chain(approved_since).copied().collect();
            schools.sort_unstable();
            schools.dedup();
            PoolScope::Schools(schools)
        }
    }
}
