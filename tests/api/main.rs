//! Black-box tests of HIT Bridge: each test starts the real server on a random port against a
//! fresh database and talks GraphQL over HTTP.

mod access;
mod applicants;
mod applications;
mod apq;
mod auth;
mod caller;
mod candidates;
mod catalog;
mod errors;
mod events;
mod federation;
mod filters;
mod gateway;
mod graduates;
mod http;
mod internships;
mod jsonld;
mod jwks;
mod limits;
mod logging;
mod matrix;
mod nplusone;
mod pagination;
mod parity;
mod placements;
mod rate_limits;
mod refusals;
mod replicas;
mod reports;
mod resilience;
mod seed;
mod sync;
mod sync_tokens;
mod text_inputs;
mod writes;
