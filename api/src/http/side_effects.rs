//! The pipeline's side-effect step: what the operations of a request collected in their
//! `Caller` goes into their answers, after execution and before anything is sent.

use std::sync::Arc;

use async_graphql::ServerError;
use tokio::time::{Instant, timeout_at};

use super::AppState;
use super::answer::Outcome;
use crate::audit::disclosure;
use crate::auth::Caller;
use crate::error::{ErrorCode, coded};

/// Step 7: the side effects the operations collected, into their answers. The disclosure rows
/// of the whole request are written first, in one statement, before anything is sent: when they
/// cannot be written, every operation that disclosed is answered without its data (fail closed).
pub async fn flush(
    state: &AppState,
    deadline: Instant,
    callers: &[Arc<Caller>],
    outcomes: &mut [Outcome],
) {
    let batches: Vec<_> = callers.iter().map(|c| disclosure::rows_of(c)).collect();
    if batches.iter().any(|rows| !rows.is_empty()) {
        let rows = batches.iter().flatten().cloned().collect();
        let written = match timeout_at(deadline, disclosure::write(&state.db, rows)).await {
            Ok(Ok(())) => true,
            Ok(Err(err)) => {
                tracing::error!(error = ?err, "the disclosure log could not be written");
                false
            }
            Err(_) => {
                tracing::error!("the disclosure log was not written before the deadline");
                false
            }
        };
        for ((caller, outcome), rows) in callers.iter().zip(outcomes.iter_mut()).zip(&batches) {
            if rows.is_empty() {
                continue;
            } else if written {
                let notice = disclosure::extension(rows.len());
                caller.effects().set_extension("ferpa", notice);
            } else {
                *outcome = withheld();
            }
        }
    }
    for (caller, outcome) in callers.iter().zip(outcomes.iter_mut()) {
        let entries = caller.effects().take_extensions();
        if let Outcome::Ran(response) = outcome {
            for (key, value) in entries {
                response.extensions.insert(
                    key,
                    async_graphql::Value::from_json(value).unwrap_or_default(),
                );
            }
        }
    }
}

/// The answer of an operation whose disclosures could not be recorded: no data at all.
fn withheld() -> Outcome {
    let err = ServerError::new(
        "graduate records were withheld because the record of their disclosure could not be \
         written; retry later (any change this request made was kept)",
        None,
    );
    let mut response = async_graphql::Response::new(async_graphql::Value::Null);
    response.errors = vec![coded(err, ErrorCode::ServiceUnavailable)];
    Outcome::Ran(response)
}
