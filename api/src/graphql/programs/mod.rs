//! Programs: the `Program` type and its queries.

mod query;
mod types;

pub use query::ProgramQuery;
pub use types::Program;
