//! Where one service reads the performance reports it builds on: straight from the database,
//! or through the report cache (`budgetSuggestions` then reuses the very reports a dashboard
//! already asked for, and a second plan over the same range recomputes none of them).

use std::future::Future;
use std::pin::Pin;

use sea_orm::DatabaseConnection;

use super::args::PerformanceArgs;
use super::performance::{PerformanceReport, performance};
use crate::error::AppResult;

/// A performance report being computed or fetched.
pub type ReportFuture<'a> = Pin<Box<dyn Future<Output = AppResult<PerformanceReport>> + Send + 'a>>;

/// Answers performance reports of a workspace.
pub trait PerformanceSource: Sync {
    fn performance<'a>(&'a self, workspace_id: i64, args: &'a PerformanceArgs) -> ReportFuture<'a>;
}

/// Computes every report (tests, and callers without a cache).
pub struct Uncached<'a>(pub &'a DatabaseConnection);

impl PerformanceSource for Uncached<'_> {
    fn performance<'a>(&'a self, workspace_id: i64, args: &'a PerformanceArgs) -> ReportFuture<'a> {
        Box::pin(performance(self.0, workspace_id, args))
    }
}
