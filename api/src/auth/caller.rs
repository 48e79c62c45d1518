//! The request-scoped [`Caller`]: built once at the edge, handed to every resolver, loader and
//! service of one GraphQL operation.

use std::sync::{Arc, Mutex};

use super::Viewer;

/// Who is asking and about which request, plus what the request leaves to do after it ran.
///
/// One per operation (each operation of a batch gets its own, sharing the viewer). Resolvers
/// reach it through `graphql::context::caller`, which is an internal error when it is missing:
/// there is no silent fall-back to anonymous.
#[derive(Debug)]
pub struct Caller {
    viewer: Arc<Viewer>,
    request_id: String,
    operation: Option<String>,
    effects: SideEffects,
}

impl Caller {
    /// The caller of one operation of a request.
    pub fn new(
        viewer: Arc<Viewer>,
        request_id: impl Into<String>,
        operation: Option<String>,
    ) -> Self {
        Self {
            viewer,
            request_id: request_id.into(),
            operation,
            effects: SideEffects::default(),
        }
    }

    /// The verified viewer (anonymous without a token).
    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }

    /// The request id (`x-request-id`), for logs and records.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The operation name the client gave, if any.
    pub fn operation(&self) -> Option<&str> {
        self.operation.as_deref()
    }

    /// What this operation leaves to do once it has run.
    pub fn effects(&self) -> &SideEffects {
        &self.effects
    }
}

/// Per-request side effects, collected while resolvers run and flushed once afterwards by the
/// pipeline: entries for the response's `extensions` (the disclosure batch of the graduates
/// work lands here too, so it is written in one statement per request).
#[derive(Debug, Default)]
pub struct SideEffects {
    extensions: Mutex<Vec<(String, serde_json::Value)>>,
}

impl SideEffects {
    /// Adds (or replaces) one entry of the response's `extensions`.
    pub fn set_extension(&self, key: &str, value: serde_json::Value) {
        if let Ok(mut entries) = self.extensions.lock() {
            entries.retain(|(k, _)| k != key);
            entries.push((key.to_owned(), value));
        }
    }

    /// Takes the collected `extensions` entries, leaving none.
    pub fn take_extensions(&self) -> Vec<(String, serde_json::Value)> {
        self.extensions
            .lock()
            .map(|mut entries| std::mem::take(&mut *entries))
            .unwrap_or_default()
    }
}
