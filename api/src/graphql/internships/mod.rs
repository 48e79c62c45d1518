//! Internships: the `Internship` type and its queries.

mod query;
mod types;

pub use query::InternshipQuery;
pub use types::Internship;
