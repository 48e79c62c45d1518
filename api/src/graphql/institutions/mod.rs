//! Institutions: the `Institution` type and its queries.

mod mutation;
mod query;
mod types;

pub use mutation::InstitutionMutation;
pub use query::InstitutionQuery;
pub use types::Institution;
