//! Small helpers for free-text filters that behave the same on SQLite and PostgreSQL.

use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

/// A case-insensitive "contains" over several columns: `lower(col) LIKE '%term%'` for any of
/// them. `%`, `_` and `\` in the term match themselves.
pub fn contains_any<C: ColumnTrait>(columns: &[C], term: &str) -> Condition {
    let escaped: String = term
        .trim()
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let pattern = format!("%{escaped}%");
    columns.iter().fold(Condition::any(), |cond, col| {
        // Qualified by its table, so the filter stays unambiguous in a join.
        let lowered: SimpleExpr = Func::lower(Expr::col((col.entity_name(), *col))).into();
        cond.add(lowered.like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\')))
    })
}
