//! Institutions: the `Institution` type and its queries.

mod query;
mod types;

pub use query::InstitutionQuery;
pub use types::Institution;
