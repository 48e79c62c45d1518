//! Employer partners: the `EmployerPartner` type and its queries.

mod query;
mod types;

pub use query::EmployerQuery;
pub use types::EmployerPartner;
