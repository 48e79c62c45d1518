//! Request ids for requests that arrive without one: UUID-shaped (`8-4-4-4-12` hex), made of a
//! random per-process prefix and a counter, so they are unique across replicas without the
//! system call a random UUID per request costs.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};
use uuid::Uuid;

/// Makes ids whose first 64 bits are the process prefix and last 64 bits a sequence number.
#[derive(Clone)]
pub struct Sequence {
    prefix: u64,
    next: Arc<AtomicU64>,
}

impl Sequence {
    /// A sequence with a fresh random prefix.
    pub fn new() -> Self {
        Self {
            prefix: Uuid::new_v4().as_u64_pair().0,
            next: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl MakeRequestId for Sequence {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        let id = Uuid::from_u64_pair(self.prefix, n)
            .hyphenated()
            .encode_lower(&mut text);
        HeaderValue::from_str(id).ok().map(RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_uuids_that_count() {
        let mut ids = Sequence::new();
        let request = Request::new(());
        let a = ids.make_request_id(&request).expect("an id");
        let b = ids.make_request_id(&request).expect("an id");
        let parse = |id: &RequestId| {
            let text = id.header_value().to_str().expect("text");
            Uuid::parse_str(text).expect("a UUID")
        };
        let (a, b) = (parse(&a), parse(&b));
        assert_ne!(a, b);
        assert_eq!(a.as_u64_pair().0, b.as_u64_pair().0, "one process prefix");
        assert_eq!(
            b.as_u64_pair().1,
            a.as_u64_pair().1 + 1,
            "the second half counts"
        );
    }
}
