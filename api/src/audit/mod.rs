//! The audit layer: the admin audit trail (every admin write, in the same transaction as the
//! write) and the FERPA record of disclosures (every request that sends a graduate's identifying
//! fields outside their school, in one statement after it ran).

pub mod disclosure;
pub mod trail;
