//! Authentication: turns the request's bearer token (or its absence) into a [`Viewer`].
//!
//! A missing `Authorization` header means anonymous. A present header that does not verify is
//! an `UNAUTHENTICATED` error, never a silent fall-back to anonymous.

mod viewer;

use axum::http::{HeaderMap, header};

pub use viewer::{Grant, Viewer};

use crate::error::ApiError;

/// Verifies bearer tokens against the configured keys.
#[derive(Debug, Default)]
pub struct Authenticator {}

impl Authenticator {
    /// The viewer of a request.
    pub async fn authenticate(&self, headers: &HeaderMap) -> Result<Viewer, ApiError> {
        match headers.get(header::AUTHORIZATION) {
            None => Ok(Viewer::anonymous()),
            Some(_) => Err(ApiError::Unauthenticated(
                "this server has no token verification keys configured".into(),
            )),
        }
    }
}
