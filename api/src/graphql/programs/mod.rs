//! Programs: the `Program` type and its queries.

mod mutation;
mod query;
mod types;

pub use mutation::ProgramMutation;
pub use query::ProgramQuery;
pub use types::Program;
