//! Tags: how a graduate's lists are kept on their own row. Each skill and certification has a
//! tag number (unique, unbounded); a graduate's `skill_tags` / `certification_tags` hold theirs as
//! `",3,17,2054,"`, rewritten with the lists in the same transaction. The pool matches a tag with
//! `LIKE '%,17,%'`, on the row (and the covering index) it already reads: no join, no cap on the
//! vocabulary's size. The lists (`graduate_skill`, `graduate_certification`) stay the truth.

use entity::{certification, graduate, skill};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Rows per `IN (…)` list: well under the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK: usize = 1000;

/// Whether `tags` (a tags text) holds `tag`.
pub fn tagged(tags: Expr, tag: i32) -> SimpleExpr {
    tags.like(format!("%,{tag},%"))
}

/// The tags of a tags text, in its order.
pub fn parse(tags: &str) -> impl Iterator<Item = i32> + '_ {
    tags.split(',').filter_map(|t| t.parse().ok())
}

/// SQL for a graduate's tags of one list, from the list's rows (the order does not matter to
/// matching, so each database's own string aggregate will do).
fn tags_of(backend: DbBackend, list: &str, vocabulary: &str, key: &str) -> String {
    let aggregate = match backend {
        DbBackend::Postgres => format!("string_agg(CAST(\"{vocabulary}\".\"tag\" AS TEXT), ',')"),
        _ => format!("group_concat(\"{vocabulary}\".\"tag\", ',')"),
    };
    format!(
        "',' || COALESCE((SELECT {aggregate} FROM \"{list}\" JOIN \"{vocabulary}\" \
         ON \"{vocabulary}\".\"id\" = \"{list}\".\"{key}\" \
         WHERE \"{list}\".\"graduate_id\" = \"graduate\".\"id\" \
         AND \"{vocabulary}\".\"tag\" IS NOT NULL), '') || ','"
    )
}

/// Rewrites the tags of these graduates (all of them when `None`) from their lists.
pub async fn refresh<C: ConnectionTrait>(db: &C, graduates: Option<&[Uuid]>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let update = || {
        let skills = tags_of(backend, "graduate_skill", "skill", "skill_id");
        let certifications = tags_of(
            backend,
            "graduate_certification",
            "certification",
            "certification_id",
        );
        Query::update()
            .table(graduate::Entity)
            .value(graduate::Column::SkillTags, Expr::cust(skills))
            .value(
                graduate::Column::CertificationTags,
                Expr::cust(certifications),
            )
            .to_owned()
    };
    match graduates {
        None => {
            db.execute(&update()).await?;
        }
        Some(ids) => {
            for chunk in ids.chunks(CHUNK) {
                let mut stmt = update();
                stmt.and_where(graduate::Column::Id.is_in(chunk.iter().copied()));
                db.execute(&stmt).await?;
            }
        }
    }
    Ok(())
}

/// Gives every skill and certification without a tag the next free numbers, in slug (or code)
/// order, and marks the vocabulary changed: every change to terms or aliases ends with this.
pub async fn assign<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    super::cache::bump(db).await?;
    let skills = skill::Entity::find().all(db).await?;
    let skills = skills.into_iter().map(|s| (s.id, s.slug, s.tag));
    for (id, tag) in new_tags(skills) {
        skill::Entity::update_many()
            .col_expr(skill::Column::Tag, Expr::value(tag))
            .filter(skill::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    let certifications = certification::Entity::find().all(db).await?;
    let certifications = certifications.into_iter().map(|c| (c.id, c.code, c.tag));
    for (id, tag) in new_tags(certifications) {
        certification::Entity::update_many()
            .col_expr(certification::Column::Tag, Expr::value(tag))
            .filter(certification::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The tags to give the entries (id, key, tag) that have none: the next free ones, in key order.
fn new_tags(entries: impl Iterator<Item = (Uuid, String, Option<i32>)>) -> Vec<(Uuid, i32)> {
    let entries: Vec<_> = entries.collect();
    let top = entries.iter().filter_map(|e| e.2).max().unwrap_or(-1);
    let mut unset: Vec<_> = entries.into_iter().filter(|e| e.2.is_none()).collect();
    unset.sort_by(|a, b| a.1.cmp(&b.1));
    (top + 1..)
        .zip(unset)
        .map(|(tag, (id, _, _))| (id, tag))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_entries_get_the_next_free_tags_in_key_order_without_a_cap() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let entries = vec![
            (a, "sql".to_owned(), None),
            (b, "epic".to_owned(), Some(4000)),
            (c, "fhir".to_owned(), None),
        ];
        assert_eq!(new_tags(entries.into_iter()), vec![(c, 4001), (a, 4002)]);
        assert_eq!(parse(",3,17,2054,").collect::<Vec<_>>(), vec![3, 17, 2054]);
        assert_eq!(parse(",").count(), 0);
    }
}
