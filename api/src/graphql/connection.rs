//! Relay cursor connections: argument parsing (bounded `first`) and building `XConnection`
//! objects with `totalCount` from service pages. Cursors are made and read by the service that
//! owns the order (`service::page`); here they are sealed on the way out and opened on the way
//! in (`crate::sealed`), so a client can neither read nor edit one.

use std::sync::Arc;

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{Context, OutputType, SimpleObject};

use crate::error::{ApiError, ApiResult, GqlResult};
use crate::graphql::context::sealer;
use crate::sealed::{Purpose, Sealer};
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

/// Longest cursor accepted, in characters: a sealed cursor of the longest sort keys (several
/// 200-character names) is about 3,400.
const MAX_CURSOR_CHARS: usize = 4096;

/// A row's cursor as a connection edge holds it: encoded and sealed only when `cursor`,
/// `startCursor` or `endCursor` is selected.
pub struct PageCursor(Cursor, Arc<Sealer>);

impl CursorType for PageCursor {
    type Error = &'static str;

    /// Never called: `after` arrives as a plain string and the service that owns the order
    /// decodes it.
    fn decode_cursor(_: &str) -> Result<Self, Self::Error> {
        Err("cursors are decoded by the service that owns the order")
    }

    fn encode_cursor(&self) -> String {
        self.1.seal(Purpose::Cursor, self.0.encode().as_bytes())
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
    let after = match after {
        None => None,
        Some(text) => {
            let sealer = sealer(ctx).map_err(|_| {
                ApiError::internal(std::io::Error::other("request has no sealing key"))
            })?;
            let opened = (text.len() <= MAX_CURSOR_CHARS)
                .then(|| sealer.open(Purpose::Cursor, &text))
                .flatten()
                .and_then(|plain| String::from_utf8(plain).ok());
            Some(opened.ok_or_else(|| {
                ApiError::invalid("after", "not a cursor of this list (or it was changed)")
            })?)
        }
    };
    Ok(PageRequest {
        first: first as u64,
        after,
        with_total: ctx.look_ahead().field("totalCount").exists(),
    })
}

/// Builds a connection from a page, converting each row into its GraphQL node.
pub fn connection<T, N: OutputType>(
    ctx: &Context<'_>,
    page: Page<T>,
    node: impl Fn(T) -> N,
) -> GqlResult<Conn<N>> {
    let sealer = sealer(ctx)?;
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
            .map(|(item, cursor)| Edge::new(PageCursor(cursor, sealer.clone()), node(item))),
    );
    Ok(conn)
}
