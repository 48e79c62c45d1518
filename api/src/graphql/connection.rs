//! Relay cursor connections: argument parsing (bounded `first`, opaque cursors) and building
//! `XConnection` objects with `totalCount` from service pages.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, OutputType, SimpleObject};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{ApiError, ApiResult};
use crate::service::{Page, PageRequest};

/// Page size when `first` is not given.
pub const DEFAULT_FIRST: i32 = 20;
/// Largest page a client may ask for.
pub const MAX_FIRST: i32 = 100;

/// Extra fields every connection carries.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// How many items match, over all pages.
    pub total_count: i64,
}

/// A connection of `N` nodes with opaque string cursors.
pub type Conn<N> = Connection<String, N, ConnectionTotals>;

/// Validates `first`/`after` into a page request; asks for the total only when the query
/// selects `totalCount`.
pub fn page_request(
    ctx: &Context<'_>,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<PageRequest> {
    let first = first.unwrap_or(DEFAULT_FIRST);
    if !(0..=MAX_FIRST).contains(&first) {
        return Err(ApiError::invalid(
            "first",
            format!("first must be between 0 and {MAX_FIRST}"),
        ));
    }
    let offset = match after {
        None => 0,
        Some(cursor) => decode_cursor(&cursor)?
            .checked_add(1)
            .filter(|offset| *offset <= i64::MAX as u64)
            .ok_or_else(|| ApiError::invalid("after", "malformed cursor"))?,
    };
    Ok(PageRequest {
        offset,
        limit: first as u64,
        with_total: ctx.look_ahead().field("totalCount").exists(),
    })
}

fn encode_cursor(position: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("pos:{position}"))
}

fn decode_cursor(cursor: &str) -> ApiResult<u64> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("pos:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| ApiError::invalid("after", "malformed cursor"))
}

/// Builds a connection from a page, converting each row into its GraphQL node.
pub fn connection<T, N: OutputType>(page: Page<T>, node: impl Fn(T) -> N) -> Conn<N> {
    let mut conn = Connection::with_additional_fields(
        page.offset > 0,
        page.has_next,
        ConnectionTotals {
            total_count: page.total.unwrap_or_default() as i64,
        },
    );
    conn.edges.extend(
        page.items
            .into_iter()
            .enumerate()
            .map(|(i, item)| Edge::new(encode_cursor(page.offset + i as u64), node(item))),
    );
    conn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        assert_eq!(decode_cursor(&encode_cursor(41)).ok(), Some(41));
        assert!(decode_cursor("not-a-cursor").is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("pos:x")).is_err());
    }
}
