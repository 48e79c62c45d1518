//! HIT Bridge: the GraphQL API that a consortium of health IT schools shares with the employers
//! who hire their graduates. See the README for running it and DESIGN.md for the contract.

pub mod audit;
pub mod auth;
pub mod authz;
pub mod cache;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod http;
pub mod jsonld;
pub mod sealed;
pub mod seed;
pub mod service;
pub mod startup;
pub mod telemetry;
