//! Commands that act on the database directly, as the operator who holds its credentials (so
//! as a consortium admin): `hitbridge import graduates FILE.csv --institution SLUG`, and the
//! development tokens of `hitbridge token` ([`token`]).

pub mod token;

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::DatabaseConnection;

use crate::auth::{Caller, Grant, Viewer};
use crate::domain::Slug;
use crate::error::ApiError;
use crate::service::graduates::import::{self, ImportReport, Progress};

/// Largest file the command reads.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The subject the command's writes are recorded under (audit trail).
pub const CLI_SUBJECT: &str = "hitbridge-cli";

/// Imports a CSV file of graduates into an institution, with a progress bar when stderr is a
/// terminal. The report says what was written, or lists every bad row (and then nothing was).
/// `database` names the database in errors (without its password).
pub async fn import_graduates(
    db: &DatabaseConnection,
    database: &str,
    file: &Path,
    institution: &str,
) -> Result<ImportReport, Box<dyn std::error::Error>> {
    let named = |e: std::io::Error| format!("{}: {e}", file.display());
    let size = std::fs::metadata(file).map_err(named)?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{} is larger than {MAX_FILE_BYTES} bytes; split it",
            file.display()
        )
        .into());
    }
    let text = std::fs::read_to_string(file).map_err(named)?;
    let institution = Slug::parse("--institution", institution).map_err(|e| e.message())?;
    token::check_institution(db, institution.as_str())
        .await
        .map_err(|why| format!("{why} ({database})"))?;
    let viewer = Viewer::new(CLI_SUBJECT, vec![Grant::ConsortiumAdmin]);
    let request_id = format!("cli-{}", uuid::Uuid::now_v7().simple());
    let caller = Caller::new(
        Arc::new(viewer),
        request_id,
        Some("import graduates".into()),
    );
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} rows") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    });
    let show = |p: Progress| {
        if let Some(bar) = &bar {
            let (message, done, total) = match p {
                Progress::Checked { done, total } => ("checking", done, total),
                Progress::Written { done, total } => ("writing", done, total),
            };
            bar.set_message(message);
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let report = import::import(db, &caller, institution, &text, &show)
        .await
        .map_err(operator_message)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(report)
}

/// An error as the operator running the command should read it: unlike an API client, they see
/// an internal error's cause (it is their own database).
fn operator_message(err: ApiError) -> String {
    match err {
        ApiError::Internal(cause) => format!("internal error: {cause}"),
        other => other.message(),
    }
}
