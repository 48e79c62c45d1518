//! The pool's order: score first, then merit, then the stable last resort. Equal scores are
//! common (few criteria take few values), so ties are broken by what a recruiter would look at
//! next, never by id first:
//!
//! 1. more of what was named held: each distinct skill, EHR system or certification named
//!    (required or preferred) counts 1 when held, or `1/n` when it is named only in an ANY list
//!    of `n` (any one of seven systems is less telling than the one skill asked for, and three
//!    of the seven more than one);
//! 2. more years of experience, then the more recent graduation; when the request prefers
//!    recent graduates (`graduatedAfter`), recency comes first;
//! 3. the graduate's id, so the order is total and pages are stable.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};

use super::Criteria;
use super::criteria::{Match, Required};
use super::preference::Preference;
use super::subject::Subject;
use crate::service::page::{KeyKind, Ordering};

/// Named items: (certification?, tag) → what holding it counts.
type Named = BTreeMap<(bool, i32), f64>;

/// Records a named list: each item counts 1 (ALL) or `1/n` (ANY of n), the most it is named at.
fn name(named: &mut Named, certification: bool, tags: &[i32], mode: Match) {
    let worth = match mode {
        Match::All => 1.0,
        Match::Any => 1.0 / tags.len().max(1) as f64,
    };
    for tag in tags {
        let at = named.entry((certification, *tag)).or_insert(0.0);
        *at = at.max(worth);
    }
}

fn name_required(named: &mut Named, required: &Required) {
    name(named, false, &required.skills, required.skills_match);
    name(named, false, &required.ehr_systems, required.ehr_match);
    let certifications = &required.certifications;
    name(named, true, certifications, required.certifications_match);
    for group in &required.any_of {
        name_required(named, group);
    }
}

/// What a row of `s` holds of the named items (see the module doc), or `None` if nothing is
/// named.
fn held(criteria: &Criteria, s: &Subject) -> Option<SimpleExpr> {
    let mut named = Named::new();
    name_required(&mut named, &criteria.required);
    for p in &criteria.scoring.preferences {
        let certification = matches!(p.preference, Preference::Certifications(_));
        name(&mut named, certification, &p.tags, p.mode);
    }
    named
        .into_iter()
        .map(|((certification, tag), worth)| {
            let counts: SimpleExpr = Expr::case(s.holds(certification, tag), worth)
                .finally(0.0)
                .into();
            counts
        })
        .reduce(|sum, one| sum.add(one))
}

/// The order of a pool request over the rows of `s` (see the module doc).
pub fn ordering(criteria: &Criteria, s: &Subject) -> Ordering {
    let mut order = Ordering::new("pool").desc(criteria.scoring.score(s), KeyKind::Float);
    if let Some(held) = held(criteria, s) {
        order = order.desc(held, KeyKind::Float);
    }
    let years = s.years_experience.clone();
    let recency = criteria
        .scoring
        .preferences
        .iter()
        .any(|p| matches!(p.preference, Preference::GraduatedAfter(_)));
    order = if recency {
        order
            .desc(s.graduation_day(), KeyKind::Int)
            .desc(years, KeyKind::Int)
    } else {
        order
            .desc(years, KeyKind::Int)
            .desc(s.graduation_day(), KeyKind::Int)
    };
    order.asc(s.id.clone(), KeyKind::Uuid)
}
