//! The candidate pool: who may search it, and whose graduates it holds for them.
//!
//! Employers and consortium admins only. An employer's pool holds the consenting graduates of the
//! schools that have an active partnership with it (per-school vetting); a suspended employer has
//! none and is refused. Consortium admins see every active school's consenting graduates.
//! Which fields of each candidate go out is the graduate tier (`graduate_access`).

use entity::enums::{ConsentLevel, GraduateStatus};
use uuid::Uuid;

use super::scope::{Scope, institutions};
use crate::auth::{EmployerStanding, Viewer};
use crate::error::ApiError;

/// The consent level that keeps a graduate out of every pool.
pub const UNPOOLED_CONSENT: ConsentLevel = ConsentLevel::Private;

/// The status that keeps a graduate out of every pool (and every default list).
pub const UNPOOLED_STATUS: GraduateStatus = GraduateStatus::Archived;

/// Whether a graduate record can be in any pool at all (which schools' pools is the vetting).
pub fn poolable(consent: ConsentLevel, status: GraduateStatus) -> bool {
    consent != UNPOOLED_CONSENT && status != UNPOOLED_STATUS
}

/// The pool a viewer may search, as the schools whose graduates it holds (`All`: every active
/// school, for consortium admins; an employer: the schools that approve it, possibly none), or
/// the refusal: UNAUTHENTICATED without a token, FORBIDDEN for other roles and for a suspended or
/// archived employer.
pub fn pool_scope(viewer: &Viewer, standing: Option<&EmployerStanding>) -> Result<Scope, ApiError> {
    if viewer.is_consortium_admin() {
        return Ok(Scope::All);
    }
    match standing {
        Some(s) if viewer.employers().any(|e| e == s.employer) => {
            if s.active {
                Ok(Scope::owned(institutions(s.approved_by.iter().copied())))
            } else {
                Err(ApiError::Forbidden)
            }
        }
        _ => Err(super::list_refusal(viewer)),
    }
}

/// The schools whose graduates a sync may look at for tombstones: those of the pool now and those
/// that approved the employer at some time since the caller's token (`approved_since`, read
/// from the change feed). A coarse bound, narrowed per graduate by [`may_tombstone`].
pub fn tombstone_scope(pool: &Scope, approved_since: &[Uuid]) -> Scope {
    match pool {
        Scope::Rows { owners, .. } => {
            let now = owners.institutions.iter();
            let mut schools: Vec<Uuid> = now.chain(approved_since).copied().collect();
            schools.sort_unstable();
            schools.dedup();
            Scope::owned(institutions(schools.into_iter()))
        }
        other => other.clone(),
    }
}

/// A stretch of the change feed, by position: from `.0` up to (not including) `.1`; `None`: up
/// to now.
pub type Span = (i64, Option<i64>);

/// When something held since feed position `from`: `changes` are the positions (in order) where
/// it may have changed, each with whether it held just before; `now`, whether it holds now.
pub fn held(from: i64, changes: &[(i64, bool)], now: bool) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = from;
    for &(at, before) in changes {
        if before && at > start {
            spans.push((start, Some(at)));
        }
        start = start.max(at);
    }
    if now {
        spans.push((start, None));
    }
    spans
}

/// The stretches when both held.
pub fn both(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let start = a0.max(b0);
            let end = match (a1, b1) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, None) => x,
                (None, y) => y,
            };
            if end.is_none_or(|end| start < end) {
                out.push((start, end));
            }
        }
    }
    out
}

/// The rule of a sync's tombstones: an employer is told a graduate left its pool only if it
/// could have received them as an upsert since its token, that is, if at some time since then
/// the graduate was poolable (consenting, not archived: `graduate`) while their school approved
/// the employer (the partnership active, `partnership`, and the school active, `school`). So an
/// employer no school approved hears of no one, and a school's graduates who left before it
/// approved the employer (or joined after it stopped) are never named.
pub fn may_tombstone(graduate: &[Span], partnership: &[Span], school: &[Span]) -> bool {
    !both(graduate, &both(partnership, school)).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_the_changes_since_the_token() {
        // Held at the token, lost at 10, back at 20, held now.
        assert_eq!(
            held(5, &[(10, true), (20, false)], true),
            vec![(5, Some(10)), (20, None)]
        );
        // Never held: no change, not now.
        assert!(held(5, &[], false).is_empty());
        assert_eq!(both(&[(5, Some(10))], &[(8, None)]), vec![(8, Some(10))]);
        assert!(both(&[(5, Some(10))], &[(10, None)]).is_empty());
    }

    #[test]
    fn a_tombstone_needs_a_time_when_the_graduate_could_have_been_received() {
        let always = held(0, &[], true);
        // The school approved the employer only from 12; the graduate left at 10.
        let left_at_10 = held(0, &[(10, true)], false);
        let approved_from_12 = held(0, &[(12, false)], true);
        assert!(!may_tombstone(&left_at_10, &approved_from_12, &always));
        // Approved until 8; the graduate joined at 9 and left at 15.
        let joined_9_left_15 = held(0, &[(9, false), (15, true)], false);
        let approved_until_8 = held(0, &[(8, true)], false);
        assert!(!may_tombstone(
            &joined_9_left_15,
            &approved_until_8,
            &always
        ));
        // Approved at the token and until 8, the graduate poolable all along, still is: told.
        assert!(may_tombstone(&always, &approved_until_8, &always));
        // The school was archived at 3, before the graduate's only poolable stretch from 4.
        let school_until_3 = held(0, &[(3, true)], false);
        let from_4 = held(0, &[(4, false)], true);
        assert!(!may_tombstone(&from_4, &always, &school_until_3));
    }
}
