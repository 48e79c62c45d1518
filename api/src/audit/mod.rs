//! The audit layer: the admin audit trail (every admin write, in the same transaction as the
//! write). The FERPA disclosure log joins it when graduate records are disclosed.

pub mod trail;
