//! Applications: the `Application` type, its queries and the workflow mutations.

mod mutation;
mod query;
mod types;

pub use mutation::ApplicationMutation;
pub use query::ApplicationQuery;
