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

use entity::graduate;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};

use super::Criteria;
use super::criteria::{Match, Required, graduation_day_number};
use super::preference::Preference;
use crate::service::page::{KeyKind, Ordering};

/// Named items: (certification?, bit) → what holding it counts.
type Named = BTreeMap<(bool, i64), f64>;

/// Records a named list: each item counts 1 (ALL) or `1/n` (ANY of n), the most it is named at.
fn name(named: &mut Named, certification: bool, masks: &[i64], mode: Match) {
    let masks: Vec<i64> = masks.iter().copied().filter(|m| *m != 0).collect();
    let worth = match mode {
        Match::All => 1.0,
        Match::Any => 1.0 / masks.len().max(1) as f64,
    };
    for mask in masks {
        let at = named.entry((certification, mask)).or_insert(0.0);
        *at = at.max(worth);
    }
}

/// Each set bit of a mask as a mask of its own.
fn bits(mask: i64) -> Vec<i64> {
    (0..63)
        .map(|b| 1_i64 << b)
        .filter(|bit| mask & bit != 0)
        .collect()
}

fn name_required(named: &mut Named, required: &Required) {
    name(named, false, &bits(required.skills), required.skills_match);
    name(
        named,
        false,
        &bits(required.ehr_systems),
        required.ehr_match,
    );
    let certifications = bits(required.certifications);
    name(named, true, &certifications, required.certifications_match);
    for group in &required.any_of {
        name_required(named, group);
    }
}

/// What a graduate row holds of the named items (see the module doc), or `None` if nothing is
/// named.
fn held(criteria: &Criteria) -> Option<SimpleExpr> {
    let mut named = Named::new();
    name_required(&mut named, &criteria.required);
    for p in &criteria.scoring.preferences {
        let certification = matches!(p.preference, Preference::Certifications(_));
        name(&mut named, certification, &p.masks, p.mode);
    }
    named
        .into_iter()
        .map(|((certification, mask), worth)| {
            let column = if certification {
                graduate::Column::CertificationBits
            } else {
                graduate::Column::SkillBits
            };
            let holds = Expr::col((graduate::Entity, column)).bit_and(mask).ne(0);
            let counts: SimpleExpr = Expr::case(holds, worth).finally(0.0).into();
            counts
        })
        .reduce(|sum, one| sum.add(one))
}

/// The order of a pool request (see the module doc).
pub fn ordering(criteria: &Criteria) -> Ordering {
    let mut order = Ordering::new("pool").desc(criteria.scoring.score(), KeyKind::Float);
    if let Some(held) = held(criteria) {
        order = order.desc(held, KeyKind::Float);
    }
    let years = Expr::col((graduate::Entity, graduate::Column::YearsExperience));
    let recency = criteria
        .scoring
        .preferences
        .iter()
        .any(|p| matches!(p.preference, Preference::GraduatedAfter(_)));
    order = if recency {
        order
            .desc(graduation_day_number(), KeyKind::Int)
            .desc(years, KeyKind::Int)
    } else {
        order
            .desc(years, KeyKind::Int)
            .desc(graduation_day_number(), KeyKind::Int)
    };
    order.asc(
        Expr::col((graduate::Entity, graduate::Column::Id)),
        KeyKind::Uuid,
    )
}
