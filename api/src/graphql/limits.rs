//! Operation limits and error codes for request-level errors.
//!
//! Depth and complexity are enforced by async-graphql itself (set in [`super::build_schema`]);
//! this extension adds the alias and root-field limits, and gives every error that async-graphql
//! raises before or around resolvers (parse, validation, limits, argument coercion) the right
//! `extensions.code`.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextRequest, NextValidation,
};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Response, ServerError, ServerResult, ValidationResult, Variables};

use crate::error::ErrorCode;

/// The alias and root-field limits.
#[derive(Debug, Clone, Copy)]
pub struct OperationLimits {
    /// Most aliases in one document.
    pub max_aliases: usize,
    /// Most root fields in one operation.
    pub max_root_fields: usize,
}

impl ExtensionFactory for OperationLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

fn with_code(mut err: ServerError, code: ErrorCode) -> ServerError {
    err.extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    err
}

fn has_code(err: &ServerError) -> bool {
    err.extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some())
}

/// Counts aliases in a selection set (fragment definitions are counted once, where defined).
fn count_aliases(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some())
                    + count_aliases(&field.node.selection_set.node)
            }
            Selection::InlineFragment(frag) => count_aliases(&frag.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

/// Counts the fields an operation selects at its root, looking through fragments.
fn count_root_fields(doc: &ExecutableDocument, set: &SelectionSet, depth: usize) -> usize {
    if depth > 8 {
        return 0; // fragment cycles are a validation error reported later
    }
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(_) => 1,
            Selection::InlineFragment(frag) => {
                count_root_fields(doc, &frag.node.selection_set.node, depth + 1)
            }
            Selection::FragmentSpread(spread) => doc
                .fragments
                .get(&spread.node.fragment_name.node)
                .map(|f| count_root_fields(doc, &f.node.selection_set.node, depth + 1))
                .unwrap_or(0),
        })
        .sum()
}

impl OperationLimits {
    fn check(&self, doc: &ExecutableDocument) -> Result<(), ServerError> {
        let aliases: usize = doc
            .operations
            .iter()
            .map(|(_, op)| count_aliases(&op.node.selection_set.node))
            .chain(
                doc.fragments
                    .values()
                    .map(|f| count_aliases(&f.node.selection_set.node)),
            )
            .sum();
        if aliases > self.max_aliases {
            return Err(with_code(
                ServerError::new(
                    format!("too many aliases: {aliases} (at most {})", self.max_aliases),
                    None,
                ),
                ErrorCode::QueryTooComplex,
            ));
        }
        for (_, op) in doc.operations.iter() {
            let roots = count_root_fields(doc, &op.node.selection_set.node, 0);
            if roots > self.max_root_fields {
                return Err(with_code(
                    ServerError::new(
                        format!(
                            "too many root fields: {roots} (at most {})",
                            self.max_root_fields
                        ),
                        None,
                    ),
                    ErrorCode::QueryTooComplex,
                ));
            }
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl Extension for OperationLimits {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        // Errors raised by async-graphql itself while resolving (e.g. an argument of the wrong
        // type) carry no code: they are the client's.
        for err in &mut response.errors {
            if !has_code(err) {
                *err = with_code(err.clone(), ErrorCode::BadUserInput);
            }
        }
        response
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next
            .run(ctx, query, variables)
            .await
            .map_err(|e| with_code(e, ErrorCode::BadUserInput))?;
        self.check(&doc)?;
        Ok(doc)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    let code =
                        if e.message.contains("too complex") || e.message.contains("too deep") {
                            ErrorCode::QueryTooComplex
                        } else {
                            ErrorCode::BadUserInput
                        };
                    with_code(e, code)
                })
                .collect()
        })
    }
}
