//! A school's report cut coarser where suppression hides its finest figures.

use async_graphql::SimpleObject;

use super::OutcomeRow;
use crate::service::reports::outcomes::{Group, Pooled};

/// One school's figures pooled where its finest ones are hidden: each graduation year by
/// program family (CIP series), else by the year alone, and the years too small alone
/// together. The pooling is chosen from all the school's graduates, never from the range
/// asked, and a range that takes only part of a pooled block of cohorts leaves that block out
/// (`leftOut` says which), so no two reports can be differenced into a small count.
#[derive(SimpleObject)]
pub struct PooledReport {
    /// Cohorts left out, and why.
    pub left_out: Vec<String>,
    /// One row per group (`programFamily` and `graduationYear` standing for program and
    /// cohort, as `groupBy` asks), each saying in `pooled` what it pools; `institution` is the
    /// school.
    pub rows: Vec<OutcomeRow>,
    /// The school's graduates in the pooled cohorts taken.
    pub total: OutcomeRow,
}

impl From<Pooled> for PooledReport {
    fn from(p: Pooled) -> Self {
        let school = Group {
            institution: p.institution,
            ..Group::default()
        };
        Self {
            left_out: p.left_out,
            rows: p
                .rows
                .into_iter()
                .map(|(group, pooled, figures)| OutcomeRow {
                    group: Some(group),
                    pooled: Some(pooled),
                    figures,
                })
                .collect(),
            total: OutcomeRow {
                group: Some(school),
                pooled: Some("every cohort taken, every program".to_owned()),
                figures: p.total,
            },
        }
    }
}
