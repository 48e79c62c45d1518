//! Step 6 of the pipeline (see `pipeline`): running the prepared operations on the schema,
//! each with its own caller and batcher, and once more for a read whose database connection
//! broke under it.

use std::sync::Arc;

use async_graphql::futures_util::future::join_all;
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, ServerError, Variables};
use tokio::time::Instant;

use super::AppState;
use super::answer::Outcome;
use super::intake::RawRequest;
use crate::auth::Caller;
use crate::error::{ConnectionLost, ErrorCode, code_of, coded};
use crate::graphql::document::Checked;
use crate::graphql::{batch, loaders};

/// Step 6: runs every prepared operation on the schema, concurrently, each with its own caller
/// and batcher. An operation that writes nothing and failed because a database connection broke
/// under it (a restart, an operator ending sessions) runs once more, on a fresh connection, with
/// what its first run noted forgotten; a write is never run twice here (a client retries it
/// with its idempotency key).
pub async fn execute(
    state: &AppState,
    callers: &[Arc<Caller>],
    requests: Vec<RawRequest>,
    prepared: Vec<Result<Checked, ServerError>>,
) -> Vec<Outcome> {
    let runs = requests.into_iter().zip(prepared).zip(callers).map(
        |((raw, checked), caller)| async move {
            let checked = match checked {
                Ok(checked) => checked,
                Err(err) => return Outcome::Refused(vec![err]),
            };
            let first = run_once(state, caller, &raw, checked.document.clone()).await;
            if checked.writes || !lost_connection(&first) {
                return first;
            }
            tracing::warn!(
                request.id = caller.request_id(),
                "running a read again after a lost database connection"
            );
            caller.effects().forget_answer();
            database_answers(state).await;
            run_once(state, caller, &raw, checked.document).await
        },
    );
    join_all(runs).await
}

/// One run of one operation.
async fn run_once(
    state: &AppState,
    caller: &Arc<Caller>,
    raw: &RawRequest,
    document: ExecutableDocument,
) -> Outcome {
    let mut request = Request::new(raw.query.clone().unwrap_or_default()).variables(
        raw.variables
            .clone()
            .map(Variables::from_json)
            .unwrap_or_default(),
    );
    request.operation_name = raw.operation_name.clone();
    request.set_parsed_query(document);
    let batcher = Arc::new(loaders::for_request(state.db.clone(), caller.clone()));
    let request = request.data(caller.clone()).data(batcher.clone());
    outcome_of(batch::run(&batcher, state.schema.execute(request)).await)
}

/// Waits until the database answers a ping (a restart is over), at most the acquire timeout.
async fn database_answers(state: &AppState) {
    let until = Instant::now() + state.db_acquire_timeout;
    while state.db.ping().await.is_err() && Instant::now() < until {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Whether an outcome failed because a database connection broke under it.
fn lost_connection(outcome: &Outcome) -> bool {
    outcome
        .errors()
        .iter()
        .any(|e| e.source::<ConnectionLost>().is_some())
}

/// Sorts a schema response: errors before execution (validation: no data, no path) are a
/// refusal; every error gets a code.
fn outcome_of(mut response: async_graphql::Response) -> Outcome {
    let refused = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    for err in &mut response.errors {
        if code_of(err).is_none() {
            let too_complex = ["too complex", "nested too deep", "recursion depth"]
                .iter()
                .any(|m| err.message.contains(m));
            let code = if too_complex {
                ErrorCode::QueryTooComplex
            } else {
                ErrorCode::BadUserInput
            };
            *err = coded(std::mem::replace(err, ServerError::new("", None)), code);
        }
    }
    if refused {
        Outcome::Refused(response.errors)
    } else {
        Outcome::Ran(response)
    }
}
