//! `importGraduates`: a cohort from CSV text, all or nothing.

use async_graphql::{Context, Object, SimpleObject};

use crate::domain::Slug;
use crate::error::GqlResult;
use crate::graphql::context::{caller, db};
use crate::service::graduates::csv_rows::RowError;
use crate::service::graduates::import::{self, ImportReport};

/// A bad row of an import file.
#[derive(SimpleObject, Clone)]
pub struct ImportError {
    /// Line in the file (the header is line 1).
    pub line: i64,
    /// The column at fault, when it is one column.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl From<RowError> for ImportError {
    fn from(e: RowError) -> Self {
        Self {
            line: e.line as i64,
            column: e.column,
            message: e.message,
        }
    }
}

/// What an import did: counts when the file was good, every bad row when it was not (and then
/// nothing was written).
#[derive(SimpleObject, Clone)]
pub struct ImportResult {
    /// True when the file was written.
    pub ok: bool,
    /// Records created (PRIVATE until each graduate consents).
    pub created: i64,
    /// Records whose fields changed.
    pub updated: i64,
    /// Records already as the file has them.
    pub unchanged: i64,
    /// Every bad row, in line order.
    pub errors: Vec<ImportError>,
}

impl From<ImportReport> for ImportResult {
    fn from(r: ImportReport) -> Self {
        Self {
            ok: r.errors.is_empty(),
            created: r.created as i64,
            updated: r.updated as i64,
            unchanged: r.unchanged as i64,
            errors: r.errors.into_iter().map(Into::into).collect(),
        }
    }
}

/// The import mutation.
#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Imports graduates of an institution you work at from CSV text (columns in the README).
    /// All or nothing: a file with any bad row writes nothing and lists every bad row. The key
    /// is institution + e-mail, so importing the same file again creates nothing. New records
    /// are PRIVATE; an import never changes consent or status. Request bodies are bounded
    /// (`HITBRIDGE_BODY_LIMIT_BYTES`); larger files go through `hitbridge import graduates`.
    async fn import_graduates(
        &self,
        ctx: &Context<'_>,
        institution: String,
        csv: String,
    ) -> GqlResult<ImportResult> {
        let institution = Slug::parse("institution", &institution)?;
        let report = import::import(db(ctx), caller(ctx)?, institution, &csv, &|_| {}).await?;
        Ok(report.into())
    }
}
