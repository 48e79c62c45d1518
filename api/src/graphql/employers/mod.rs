//! Employer partners: the `EmployerPartner` type and its queries.

mod mutation;
mod query;
mod types;

pub use mutation::EmployerMutation;
pub use query::EmployerQuery;
pub use types::EmployerPartner;
