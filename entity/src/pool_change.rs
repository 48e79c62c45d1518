//! `pool_change` table: the candidate pools' change feed (one row per write that can move
//! graduates in or out of a pool; `seq` orders them as they committed).

use sea_orm::entity::prelude::*;

/// One change that can move graduates in or out of candidate pools.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "pool_change")]
pub struct Model {
    /// Position in the feed, in commit order.
    #[sea_orm(primary_key)]
    pub seq: i64,
    /// The graduate whose record changed, if it is one graduate.
    pub graduate_id: Option<Uuid>,
    /// The program whose graduates may have moved (its HIT roles or status changed).
    pub program_id: Option<Uuid>,
    /// The institution whose graduates may have moved (with `employer_id`: their partnership).
    pub institution_id: Option<Uuid>,
    /// The employer of a partnership change; none when the change concerns every employer.
    pub employer_id: Option<Uuid>,
    /// Whether the graduate was in pools before (consent above PRIVATE, not archived): only
    /// then may a tombstone for them go out.
    pub was_pooled: bool,
    /// When it committed.
    pub changed_at: DateTimeUtc,
}

/// No foreign keys: the feed outlives what it describes.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
