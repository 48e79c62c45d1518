//! Offset pages over a stable order, the storage side of Relay connections.

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QuerySelect, Select};

use crate::error::ApiResult;

/// A validated page request: skip `offset` rows, return at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Rows to skip.
    pub offset: u64,
    /// Most rows to return.
    pub limit: u64,
    /// Whether the caller asked for the total count (it costs one more statement).
    pub with_total: bool,
}

/// One page of rows.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The rows, in order.
    pub items: Vec<T>,
    /// Position of the first item in the whole ordered list.
    pub offset: u64,
    /// Whether rows follow this page.
    pub has_next: bool,
    /// All matching rows, when asked for.
    pub total: Option<u64>,
}

impl<T> Page<T> {
    /// Cuts a page out of a list already held in memory (nested lists loaded by a DataLoader).
    pub fn from_vec(all: Vec<T>, request: PageRequest) -> Self {
        let total = all.len() as u64;
        let items: Vec<T> = all
            .into_iter()
            .skip(request.offset as usize)
            .take(request.limit as usize)
            .collect();
        Self {
            has_next: request.offset + (items.len() as u64) < total,
            items,
            offset: request.offset,
            total: Some(total),
        }
    }

    /// Converts every item.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            offset: self.offset,
            has_next: self.has_next,
            total: self.total,
        }
    }
}

/// Runs an ordered select as one page: one statement for the rows (fetching one extra row to
/// learn whether another page follows) and, when asked, one for the count.
pub async fn fetch<E, C>(
    db: &C,
    select: Select<E>,
    request: PageRequest,
) -> ApiResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
{
    let total = if request.with_total {
        Some(select.clone().count(db).await?)
    } else {
        None
    };
    let mut items = select
        .offset(request.offset)
        .limit(request.limit + 1)
        .all(db)
        .await?;
    let has_next = items.len() as u64 > request.limit;
    items.truncate(request.limit as usize);
    Ok(Page {
        items,
        offset: request.offset,
        has_next,
        total,
    })
}
