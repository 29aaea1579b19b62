//! `AppError`: every failure a client can see, with its GraphQL `extensions.code`.

use std::fmt;

use sea_orm::{DbErr, SqlErr};

use crate::db::availability::is_unreachable;

/// One bad row of a bulk write: its index in the input, the field and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub index: usize,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: {}: {}", self.index, self.field, self.reason)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    #[error("{field}: {message}")]
    BadInput { field: String, message: String },
    #[error("{} bad rows; first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    BadRows(Vec<RowError>),
    #[error("{0}")]
    Conflict(String),
    #[error("rate limit exceeded; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// A principal already holds `max` live subscriptions open (`LIVE_MAX_SUBSCRIPTIONS`).
    #[error(
        "at most {max} live subscriptions at once per API token or user (limit LIVE_MAX_SUBSCRIPTIONS = {max}); complete one first"
    )]
    TooManySubscriptions { max: usize },
    /// The request ran longer than `REQUEST_TIMEOUT_MS` and was stopped.
    #[error(
        "the request took longer than {limit_ms} ms and was stopped (limit request_timeout_ms = {limit_ms}); ask for less at once"
    )]
    Timeout { limit_ms: u64 },
    /// The database cannot be reached: try again after `retry_after_secs` (HTTP 503).
    #[error("the database is unavailable; retry after {retry_after_secs} s")]
    Unavailable { retry_after_secs: u64 },
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("internal error")]
    Database(#[from] DbErr),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }

    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(err))
    }

    /// The GraphQL `extensions.code` of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::BadInput { .. } | Self::BadRows(_) => "BAD_USER_INPUT",
            Self::Conflict(_) => "CONFLICT",
            Self::RateLimited { .. } | Self::TooManySubscriptions { .. } => "RATE_LIMITED",
            Self::Unavailable { .. } => "UNAVAILABLE",
            Self::Timeout { .. } => "TIMEOUT",
            Self::Database(err) if is_unreachable(err) => "UNAVAILABLE",
            Self::Internal(_) | Self::Database(_) => "INTERNAL",
        }
    }

    /// Internal errors are logged with a request id; their text never reaches a client.
    pub fn is_internal(&self) -> bool {
        self.code() == "INTERNAL"
    }

    /// The database could not be reached: the client should retry later (503).
    pub fn is_unavailable(&self) -> bool {
        self.code() == "UNAVAILABLE"
    }

    /// An unreachable database as the error clients see, anything else as it is.
    pub fn unavailable_or_self(self) -> Self {
        if self.is_unavailable() {
            Self::unavailable()
        } else {
            self
        }
    }

    pub fn unavailable() -> Self {
        Self::Unavailable {
            retry_after_secs: crate::db::availability::RETRY_AFTER_SECS,
        }
    }

    /// Turns a unique-key violation into CONFLICT with `message`; anything else stays.
    pub fn conflict_on_unique(err: DbErr, message: impl Into<String>) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Self::Conflict(message.into()),
            _ => Self::Database(err),
        }
    }
}
