//! Every text a request brings, checked once before anything runs against the one rule of
//! `domain::text`: the variables (JSON) and the literals of the document (arguments, directive
//! arguments, variable defaults). A refusal is `BAD_USER_INPUT` naming the field: the variable's
//! path (`i.headline`) or the argument's (`filter.search`). Documents are checked when first
//! parsed, so the cache of parsed documents holds only clean ones.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Positioned, ServerError};
use async_graphql_value::Value;

use crate::domain::text::{REFUSED, refused_control};
use crate::error::ApiError;

/// Refuses variables holding a control character (in any string, or any object key).
pub fn check_variables(variables: Option<&serde_json::Value>) -> Result<(), ServerError> {
    let mut stack: Vec<(String, &serde_json::Value)> = match variables {
        Some(serde_json::Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        _ => return Ok(()),
    };
    while let Some((path, value)) = stack.pop() {
        if refused_control(&path).is_some() {
            return Err(refused("variables"));
        }
        match value {
            serde_json::Value::String(s) if refused_control(s).is_some() => {
                return Err(refused(&path));
            }
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().map(|v| (path.clone(), v)));
            }
            serde_json::Value::Object(map) => {
                stack.extend(map.iter().map(|(k, v)| (format!("{path}.{k}"), v)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a document whose literals hold a control character.
pub fn check_document(doc: &ExecutableDocument) -> Result<(), ServerError> {
    let mut sets: Vec<&SelectionSet> = Vec::new();
    for (_, operation) in doc.operations.iter() {
        for variable in &operation.node.variable_definitions {
            if let Some(default) = &variable.node.default_value {
                check_value(
                    variable.node.name.node.as_str(),
                    &default.node.clone().into_value(),
                )?;
            }
        }
        check_directives(&operation.node.directives)?;
        sets.push(&operation.node.selection_set.node);
    }
    for fragment in doc.fragments.values() {
        check_directives(&fragment.node.directives)?;
        sets.push(&fragment.node.selection_set.node);
    }
    while let Some(set) = sets.pop() {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    check_arguments(&field.node.arguments)?;
                    check_directives(&field.node.directives)?;
                    sets.push(&field.node.selection_set.node);
                }
                Selection::FragmentSpread(spread) => check_directives(&spread.node.directives)?,
                Selection::InlineFragment(inline) => {
                    check_directives(&inline.node.directives)?;
                    sets.push(&inline.node.selection_set.node);
                }
            }
        }
    }
    Ok(())
}

fn check_directives(
    directives: &[Positioned<async_graphql::parser::types::Directive>],
) -> Result<(), ServerError> {
    directives
        .iter()
        .try_for_each(|d| check_arguments(&d.node.arguments))
}

fn check_arguments(arguments: &[(Positioned<Name>, Positioned<Value>)]) -> Result<(), ServerError> {
    arguments
        .iter()
        .try_for_each(|(name, value)| check_value(name.node.as_str(), &value.node))
}

fn check_value(path: &str, value: &Value) -> Result<(), ServerError> {
    let mut stack = vec![(path.to_owned(), value)];
    while let Some((path, value)) = stack.pop() {
        match value {
            Value::String(s) if refused_control(s).is_some() => return Err(refused(&path)),
            Value::List(items) => stack.extend(items.iter().map(|v| (path.clone(), v))),
            Value::Object(map) => {
                stack.extend(map.iter().map(|(k, v)| (format!("{path}.{k}"), v)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The refusal naming `field`, as a request error (nothing ran).
fn refused(field: &str) -> ServerError {
    let err = async_graphql::Error::from(ApiError::invalid(field, format!("{field} {REFUSED}")));
    ServerError {
        message: err.message,
        source: None,
        locations: Vec::new(),
        path: Vec::new(),
        extensions: err.extensions,
    }
}
