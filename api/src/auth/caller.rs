//! The request-scoped [`Caller`]: built once at the edge, handed to every resolver, loader and
//! service of one GraphQL operation.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;
use uuid::Uuid;

use super::{Organisation, Viewer};
use crate::cache::Domain;
use crate::error::ApiResult;

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
    standing: OnceCell<Option<EmployerStanding>>,
    effects: SideEffects,
}

/// An employer's standing in the consortium, as one operation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployerStanding {
    pub employer: Uuid,
    /// False once suspended or archived: its pools and postings are closed.
    pub active: bool,
    /// The institutions with an active partnership with it (whose graduates it may see).
    pub approved_by: Vec<Uuid>,
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
            standing: OnceCell::new(),
            effects: SideEffects::default(),
        }
    }

    /// The subject's organisation (see `Viewer::organisation`).
    pub fn organisation(&self) -> Option<&Organisation> {
        self.viewer.organisation.as_ref()
    }

    /// The standing of the employer this caller acts for (`None` when it acts for none),
    /// loaded by `load` at most once per operation however often it is asked for.
    pub async fn employer_standing<F, Fut>(&self, load: F) -> ApiResult<Option<&EmployerStanding>>
    where
        F: FnOnce(Uuid) -> Fut,
        Fut: Future<Output = ApiResult<EmployerStanding>>,
    {
        let standing = self
            .standing
            .get_or_try_init(|| async {
                match self.organisation() {
                    Some(Organisation::Employer { id, .. }) => load(*id).await.map(Some),
                    _ => Ok(None),
                }
            })
            .await?;
        Ok(standing.as_ref())
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
/// pipeline: entries for the response's `extensions`, the graduates' identifying fields that
/// reached this viewer (written to the disclosure log in one statement per request), and the
/// cached domains the operation read and wrote (for the response cache).
#[derive(Debug, Default)]
pub struct SideEffects {
    extensions: Mutex<Vec<(String, serde_json::Value)>>,
    disclosed: Mutex<BTreeMap<Uuid, BTreeSet<&'static str>>>,
    /// Bit `d` set: domain `d` was read (written).
    read: AtomicU8,
    wrote: AtomicU8,
}

fn domains(bits: u8) -> Vec<Domain> {
    Domain::ALL
        .into_iter()
        .filter(|d| bits & (1 << *d as u8) != 0)
        .collect()
}

impl SideEffects {
    /// Notes that the operation read records of `domain`.
    pub fn read(&self, domain: Domain) {
        self.read.fetch_or(1 << domain as u8, Ordering::Relaxed);
    }

    /// Notes that the operation wrote records of these domains.
    pub fn wrote(&self, written: &[Domain]) {
        for d in written {
            self.wrote.fetch_or(1 << *d as u8, Ordering::Relaxed);
        }
    }

    /// The domains read so far.
    pub fn domains_read(&self) -> Vec<Domain> {
        domains(self.read.load(Ordering::Relaxed))
    }

    /// The domains written so far.
    pub fn domains_written(&self) -> Vec<Domain> {
        domains(self.wrote.load(Ordering::Relaxed))
    }

    /// Notes that `field` (its GraphQL name) of graduate `graduate` went out in this response.
    pub fn disclose(&self, graduate: Uuid, field: &'static str) {
        if let Ok(mut disclosed) = self.disclosed.lock() {
            disclosed.entry(graduate).or_default().insert(field);
        }
    }

    /// Takes the disclosed fields noted so far, by graduate, leaving none.
    pub fn take_disclosures(&self) -> BTreeMap<Uuid, BTreeSet<&'static str>> {
        self.disclosed
            .lock()
            .map(|mut disclosed| std::mem::take(&mut *disclosed))
            .unwrap_or_default()
    }

    /// Forgets the disclosures and `extensions` entries noted so far (an operation about to run
    /// again: only what its second run sends is disclosed).
    pub fn forget_answer(&self) {
        self.take_disclosures();
        self.take_extensions();
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_collected_once_and_replaced_by_key() {
        let effects = SideEffects::default();
        effects.set_extension("ferpa", serde_json::json!("first"));
        effects.set_extension("ferpa", serde_json::json!("second"));
        let taken = effects.take_extensions();
        assert_eq!(
            taken,
            vec![("ferpa".to_owned(), serde_json::json!("second"))]
        );
        assert!(
            effects.take_extensions().is_empty(),
            "a flush leaves none behind"
        );
    }
}
