//! Request ids for requests that arrive without one: a random per-process prefix and a counter,
//! 32 hex characters like a UUID, unique across replicas, and free of the system call a random
//! UUID per request costs.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

/// Makes `<16 hex: process prefix><16 hex: sequence number>`.
#[derive(Clone)]
pub struct Sequence {
    prefix: u64,
    next: Arc<AtomicU64>,
}

impl Sequence {
    /// A sequence with a fresh random prefix.
    pub fn new() -> Self {
        Self {
            prefix: uuid::Uuid::new_v4().as_u64_pair().0,
            next: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl MakeRequestId for Sequence {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut id = [0u8; 32];
        hex(self.prefix, &mut id[..16]);
        hex(n, &mut id[16..]);
        HeaderValue::from_bytes(&id).ok().map(RequestId::new)
    }
}

/// Writes `value` as 16 lowercase hex digits into `out` (what `format!("{value:016x}")` does,
/// without the formatting machinery on every request).
fn hex(value: u64, out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = DIGITS[((value >> (60 - 4 * i)) & 0xf) as usize];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_uuid_length() {
        let mut ids = Sequence::new();
        let request = Request::new(());
        let a = ids.make_request_id(&request).expect("an id");
        let b = ids.make_request_id(&request).expect("an id");
        assert_ne!(a.header_value(), b.header_value());
        assert_eq!(a.header_value().len(), 32);
        let n = |id: &RequestId| {
            let text = id.header_value().to_str().ok()?;
            u64::from_str_radix(text.get(16..)?, 16).ok()
        };
        assert_eq!(n(&b), n(&a).map(|n| n + 1), "the second half counts");
    }
}
