//! The GraphQL layer: thin resolvers (one module per domain), DataLoaders, limits and the schema.
//!
//! `build_schema` only wires; resolvers call `crate::service` and map results.

mod applications;
mod audit;
pub mod batch;
mod candidates;
pub use candidates::SyncRetention;
pub mod connection;
pub mod context;
pub mod document;
mod employers;
mod enums;
mod events;
mod graduates;
mod institutions;
mod internships;
pub mod loaders;
mod partnerships;
mod placements;
mod programs;
mod reports;
pub mod text_inputs;
mod vocab;

use async_graphql::{EmptySubscription, MergedObject, SDLExportOptions, Schema};

use crate::config::Limits;

/// Every root query field, merged from the domain modules.
#[derive(MergedObject, Default)]
pub struct Query(
    institutions::InstitutionQuery,
    programs::ProgramQuery,
    employers::EmployerQuery,
    internships::InternshipQuery,
    events::EventQuery,
    partnerships::PartnershipQuery,
    audit::AuditQuery,
    graduates::GraduateQuery,
    candidates::CandidateQuery,
    applications::ApplicationQuery,
    placements::PlacementQuery,
    reports::ReportQuery,
    vocab::VocabularyQuery,
);

/// Every mutation, merged from the domain modules.
#[derive(MergedObject, Default)]
pub struct Mutation(
    institutions::InstitutionMutation,
    employers::EmployerMutation,
    programs::ProgramMutation,
    internships::InternshipMutation,
    applications::ApplicationMutation,
    placements::PlacementMutation,
    events::EventMutation,
    partnerships::PartnershipMutation,
    graduates::GraduateMutation,
    graduates::ImportMutation,
    vocab::VocabularyMutation,
);

/// The executable schema.
pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Builds the schema with the configured limits. Database and per-request data are attached by
/// the caller (`http`), so building the schema never touches the database.
///
/// No schema extension is registered: any extension sends every field through async-graphql's
/// slow resolve path. The budgets that are not async-graphql's own (height, aliases, root
/// fields, nesting, tokens) are checked before execution (`document`), and error codes are
/// given after it (`http::pipeline`).
pub fn build_schema(
    limits: &Limits,
    introspection: bool,
) -> async_graphql::SchemaBuilder<Query, Mutation, EmptySubscription> {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .enable_federation()
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .limit_recursive_depth(limits.parser_max_nesting);
    if !introspection {
        // "Did you mean …" would name fields that introspection hides.
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder
}

/// The published SDL, in federation form (what `hitbridge schema` prints and schema.graphql holds).
pub fn sdl() -> String {
    build_schema(&Limits::default(), true)
        .finish()
        .sdl_with_options(SDLExportOptions::new().federation())
}
