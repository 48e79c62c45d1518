//! Placements: the `Placement` type, the list of them and `recordPlacement`.

mod mutation;
mod query;
mod types;

pub use mutation::PlacementMutation;
pub use query::PlacementQuery;
