//! Reports (DESIGN §3 and §4): what each lead source brings and returns.
//!
//! * [`performance()`]: leads, conversions, revenue, spend and ratios per channel, campaign
//!   or UTM value, with totals, time series and a comparison period;
//! * [`attribution()`] and [`attribution_comparison()`]: multi-touch credits per model;
//! * [`budget_pacing()`]: budget periods against their spend;
//! * [`explain_channel()`]: the classification of one touch.
//!
//! Plain aggregates run in the database (`db::analytics`); path-based credits stream the
//! journeys through the attribution engine (`services::attribution`) page by page.
//! Arguments are canonical, hashable and serializable, results serializable, so the cache
//! can wrap each service as it is.

pub mod args;
pub mod attribution;
mod context;
mod credit;
mod cube;
pub mod explain;
mod feed;
pub mod key;
mod labels;
pub mod metrics;
pub mod model_serde;
pub mod order;
pub mod pacing;
pub mod performance;
pub mod period;
mod rolled_credits;
mod rolled_paths;
mod scan;
pub mod source;

pub use self::args::{
    AttributionArgs, AttributionSettings, ComparisonArgs, DateRange, Dimension, Granularity,
    PerformanceArgs, ReportFilter, SettingsInput, conversion_kinds,
};
pub use self::attribution::{
    AttributionComparison, AttributionReport, ChannelComparison, CreditLine, attribution,
    attribution_comparison, attribution_comparison_via, attribution_via,
};
pub use self::context::ReportContext;
pub use self::credit::{MAX_DATA_DRIVEN_STATES, Via};
pub use self::explain::{ChannelExplanation, explain_channel};
pub use self::key::RowKey;
pub use self::metrics::{Change, Metrics};
pub use self::order::{Direction, MAX_FIRST, OrderField, RowOrder, arrange_rows, row_limit};
pub use self::pacing::{BudgetPacing, PacingArgs, PacingStatus, budget_pacing};
pub use self::performance::{
    MAX_SERIES_CELLS, PerformanceReport, PerformanceRow, SeriesBucket, SeriesRow, performance,
    performance_via,
};
pub use self::source::{PerformanceSource, ReportFuture, Uncached};
