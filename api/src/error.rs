//! The one error type of the API and its policy.
//!
//! Policy:
//! - every error a client sees carries `extensions.code`, one of [`ErrorCode`];
//! - `Internal` errors keep their cause for the log, are logged once where they become a GraphQL
//!   error, and reach the client only as "internal error" (no SQL, stack or file paths);
//! - `NotFound` and `Forbidden` never say whether a hidden record exists.

use std::fmt;

use async_graphql::ErrorExtensions;

/// The `extensions.code` values of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    NotFound,
    BadUserInput,
    Conflict,
    RateLimited,
    QueryTooComplex,
    ServiceUnavailable,
    Internal,
    /// Apollo's automatic persisted queries: the hash is not registered (send the text too).
    PersistedQueryNotFound,
}

impl ErrorCode {
    /// Every code, for metrics and documentation.
    pub const ALL: [ErrorCode; 10] = [
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::BadUserInput,
        Self::Conflict,
        Self::RateLimited,
        Self::QueryTooComplex,
        Self::ServiceUnavailable,
        Self::Internal,
        Self::PersistedQueryNotFound,
    ];

    /// The wire form, as it appears in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::Conflict => "CONFLICT",
            Self::RateLimited => "RATE_LIMITED",
            Self::QueryTooComplex => "QUERY_TOO_COMPLEX",
            Self::ServiceUnavailable => "SERVICE_UNAVAILABLE",
            Self::Internal => "INTERNAL",
            Self::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error that a service or resolver returns.
///
/// Deliberately not `Display`: async-graphql turns any `Display` type into an error without a
/// code, so this type converts only through the `From` impl below, which always sets one.
#[derive(Debug)]
pub enum ApiError {
    Unauthenticated(String),
    Forbidden,
    NotFound,
    /// Bad input; `field` names the argument or input field at fault when there is one.
    BadUserInput {
        field: Option<String>,
        message: String,
    },
    Conflict(String),
    RateLimited,
    QueryTooComplex(String),
    ServiceUnavailable(String),
    /// A database connection broke under a statement (the server restarted, or an operator
    /// ended it): SERVICE_UNAVAILABLE, and marked [`ConnectionLost`] so a read can run again.
    ConnectionLost,
    /// Anything we did not expect. The cause is logged, never shown.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    /// Bad input in one named field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// Wraps an unexpected error.
    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(err))
    }

    /// The message a client sees.
    pub fn message(&self) -> String {
        match self {
            Self::Unauthenticated(m)
            | Self::Conflict(m)
            | Self::QueryTooComplex(m)
            | Self::ServiceUnavailable(m)
            | Self::BadUserInput { message: m, .. } => m.clone(),
            Self::Forbidden => "not allowed".into(),
            Self::NotFound => "not found".into(),
            Self::ConnectionLost => "the database connection was lost; retry".into(),
            Self::RateLimited => "too many requests; retry later".into(),
            Self::Internal(_) => "internal error".into(),
        }
    }

    /// The contract code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::BadUserInput { .. } => ErrorCode::BadUserInput,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::QueryTooComplex(_) => ErrorCode::QueryTooComplex,
            Self::ServiceUnavailable(_) | Self::ConnectionLost => ErrorCode::ServiceUnavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// A unique constraint a client can run into, and the input field it is about.
struct UniqueField {
    /// The constraint's name (PostgreSQL reports it).
    constraint: &'static str,
    /// The columns as SQLite reports them (`table.column, …`).
    columns: &'static str,
    field: &'static str,
    message: &'static str,
}

/// Every unique constraint that input can violate (migrations name them `uq_<table>_<columns>`).
const UNIQUE_FIELDS: [UniqueField; 6] = [
    UniqueField {
        constraint: "uq_institution_slug",
        columns: "institution.slug",
        field: "input.slug",
        message: "this slug is already in use",
    },
    UniqueField {
        constraint: "uq_program_slug",
        columns: "program.slug",
        field: "input.slug",
        message: "this slug is already in use",
    },
    UniqueField {
        constraint: "uq_employer_partner_slug",
        columns: "employer_partner.slug",
        field: "input.slug",
        message: "this slug is already in use",
    },
    UniqueField {
        constraint: "uq_event_slug",
        columns: "event.slug",
        field: "input.slug",
        message: "this slug is already in use",
    },
    UniqueField {
        constraint: "uq_partnership_institution_id_employer_id",
        columns: "partnership.institution_id, partnership.employer_id",
        field: "input.employer",
        message: "these two already have a partnership; update it instead",
    },
    UniqueField {
        constraint: "uq_graduate_institution_id_email",
        columns: "graduate.institution_id, graduate.email",
        field: "input.email",
        message: "a graduate with this e-mail is already recorded at this institution",
    },
];

/// The input field a unique-constraint violation is about, by the constraint's name (or, on
/// SQLite, which names none, by its columns). Creates and updates alike.
fn unique_field(err: &sea_orm::DbErr) -> Option<&'static UniqueField> {
    use sea_orm::{DbErr, RuntimeErr};
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    let db_err = e.as_database_error()?;
    if !db_err.is_unique_violation() {
        return None;
    }
    let constraint = db_err.constraint();
    let message = db_err.message();
    UNIQUE_FIELDS.iter().find(|u| {
        constraint == Some(u.constraint)
            || message
                .strip_prefix("UNIQUE constraint failed: ")
                .is_some_and(|columns| columns == u.columns)
    })
}

/// The mark on a GraphQL error (its `source`) whose cause was a database connection that broke
/// under a statement: the pipeline runs a read that failed so once more, on a fresh connection.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLost;

/// Why the database could not answer, if it could not: `Some(true)` when a connection broke
/// under a statement (I/O, the server ending the session: SQLSTATE class 08, connection
/// exception, and 57P, operator intervention), `Some(false)` when no connection could be had
/// (none pooled in time, the pool closed), `None` for any other error (a bad statement).
fn unreachable_cause(err: &sea_orm::DbErr) -> Option<bool> {
    use sea_orm::{DbErr, RuntimeErr, SqlxError};
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return Some(false),
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return None,
    };
    match sqlx.as_ref() {
        SqlxError::Io(_) | SqlxError::WorkerCrashed => Some(true),
        SqlxError::PoolTimedOut | SqlxError::PoolClosed => Some(false),
        SqlxError::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P"))
            .then_some(true),
        _ => None,
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        if let Some(unique) = unique_field(&err) {
            return Self::invalid(unique.field, unique.message);
        }
        match unreachable_cause(&err) {
            Some(true) => {
                tracing::warn!(error = %err, "a database connection was lost");
                Self::ConnectionLost
            }
            Some(false) => {
                tracing::error!(error = %err, "database unavailable");
                Self::ServiceUnavailable("the database is unavailable; retry later".into())
            }
            None => Self::internal(err),
        }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        if let ApiError::Internal(cause) = &err {
            tracing::error!(error = %cause, "internal error");
        }
        let code = err.code();
        let field = match &err {
            ApiError::BadUserInput { field, .. } => field.clone(),
            _ => None,
        };
        let lost = matches!(err, ApiError::ConnectionLost);
        let mut error = async_graphql::Error::new(err.message()).extend_with(|_, ext| {
            ext.set("code", code.as_str());
            if let Some(field) = field {
                ext.set("field", field);
            }
        });
        if lost {
            error.source = Some(std::sync::Arc::new(ConnectionLost));
        }
        error
    }
}

/// A resolver result.
pub type GqlResult<T> = async_graphql::Result<T>;

/// Shorthand for service results.
pub type ApiResult<T> = Result<T, ApiError>;

/// Sets `extensions.code` on an error raised outside our resolvers (parse, budgets, validation).
pub fn coded(mut err: async_graphql::ServerError, code: ErrorCode) -> async_graphql::ServerError {
    err.extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    err
}

/// The `extensions.code` an error already carries, if any.
pub fn code_of(err: &async_graphql::ServerError) -> Option<ErrorCode> {
    match err.extensions.as_ref()?.get("code")? {
        async_graphql::Value::String(s) => ErrorCode::ALL.into_iter().find(|c| c.as_str() == s),
        _ => None,
    }
}
