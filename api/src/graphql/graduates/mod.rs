//! Graduates: the `Graduate` type, its queries and mutations, and the disclosure log.

mod disclosure;
mod import;
mod input;
mod mutation;
mod query;
mod types;

pub use disclosure::Disclosure;
pub use import::ImportMutation;
pub use mutation::GraduateMutation;
pub use query::GraduateQuery;
pub use types::Graduate;
