//! Internships: the `Internship` type, its queries and mutations.

mod mutation;
mod query;
mod types;

pub use mutation::InternshipMutation;
pub use query::InternshipQuery;
pub use types::Internship;
