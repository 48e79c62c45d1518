//! Relay cursor connections: argument parsing (bounded `first`) and building `XConnection`
//! objects with `totalCount` from service pages. Cursors are made and read by the service that
//! owns the order (`service::page`).

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{Context, OutputType, SimpleObject};

use crate::error::{ApiError, ApiResult};
use crate::service::page::Cursor;
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
pub type Conn<N> = Connection<PageCursor, N, ConnectionTotals>;

/// A row's cursor as a connection edge holds it: encoded only when `cursor`, `startCursor` or
/// `endCursor` is selected.
pub struct PageCursor(Cursor);

impl CursorType for PageCursor {
    type Error = &'static str;

    /// Never called: `after` arrives as a plain string and the service that owns the order
    /// decodes it.
    fn decode_cursor(_: &str) -> Result<Self, Self::Error> {
        Err("cursors are decoded by the service that owns the order")
    }

    fn encode_cursor(&self) -> String {
        self.0.encode()
    }
}

/// Validates `first` into a page request carrying the client's `after` cursor (the service that
/// owns the order decodes it); asks for the total only when the query selects `totalCount`.
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
    Ok(PageRequest {
        first: first as u64,
        after,
        with_total: ctx.look_ahead().field("totalCount").exists(),
    })
}

/// Builds a connection from a page, converting each row into its GraphQL node.
pub fn connection<T, N: OutputType>(page: Page<T>, node: impl Fn(T) -> N) -> Conn<N> {
    let mut conn = Connection::with_additional_fields(
        page.has_previous,
        page.has_next,
        ConnectionTotals {
            total_count: page.total.unwrap_or_default() as i64,
        },
    );
    conn.edges.extend(
        page.items
            .into_iter()
            .zip(page.cursors)
            .map(|(item, cursor)| Edge::new(PageCursor(cursor), node(item))),
    );
    conn
}
