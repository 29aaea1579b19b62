//! The report queries as subscriptions: the same arguments, the same answers, pushed again
//! when the workspace's data changes. Each answer goes through the report cache, so
//! subscribers and queries of one report at one data generation share a computation.

use crate::graphql::inputs::order::ReportOrderInput;
use async_graphql::{Context, Result, Subscription};
use futures::{Stream, StreamExt};

use super::live_answers;
use crate::auth::Permission;
use crate::cache::ReportKind;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::inputs::report::{
    AttributionOptionsInput, DateRangeInput, PerformanceFilterInput, performance_args,
};
use crate::graphql::scalars::SentDate;
use crate::graphql::types::attribution::AttributionReport;
use crate::graphql::types::pacing::BudgetPacing;
use crate::graphql::types::performance::PerformanceReport;
use crate::graphql::types::report_enums::{AttributionModel, Dimension, Granularity};
use crate::services::report::{self, AttributionArgs, PacingArgs};

#[derive(Default)]
pub struct ReportSubscription;

#[Subscription]
impl ReportSubscription {
    /// `performance`, live: the report at once, then again after each change of the
    /// workspace's data (at most once per `LIVE_MIN_INTERVAL_MS`; an unchanged report is
    /// not sent again). Takes the same arguments as `performance`.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    #[expect(
        clippy::too_many_arguments,
        reason = "the query's arguments, as declared"
    )]
    async fn performance_updates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The days reported on.")] range: DateRangeInput,
        #[graphql(default, desc = "What the rows are.")] dimension: Dimension,
        #[graphql(default, desc = "The model that credits conversions and revenue.")]
        attribution: AttributionModel,
        #[graphql(desc = "Adds a time series with buckets of this size; none when absent.")]
        granularity: Option<Granularity>,
        #[graphql(desc = "A second range to compare with (usually the one before), \
                          answered in `previous`, `previousTotals` and `change`.")]
        compare_to: Option<DateRangeInput>,
        #[graphql(desc = "Narrows the rows and the conversions counted.")] filter: Option<
            PerformanceFilterInput,
        >,
        #[graphql(desc = "Tunes `attribution`; the defaults when absent.")] options: Option<
            AttributionOptionsInput,
        >,
        #[graphql(
            desc = "Sorts `rows` (and the rows of each series bucket); by revenue, then \
                          leads, descending when absent. Totals are unaffected."
        )]
        order_by: Option<ReportOrderInput>,
        #[graphql(
            desc = "Keeps only the first rows after sorting (0 to 10000); all when \
                          absent. `rowCount` tells how many there are."
        )]
        first: Option<i32>,
    ) -> Result<impl Stream<Item = Result<PerformanceReport>> + use<>> {
        let ws = ctx.principal()?.workspace_id;
        let first = report::row_limit(first, "first")?;
        let order = order_by.map(Into::into);
        let args = performance_args(
            range,
            dimension,
            attribution,
            granularity,
            compare_to,
            filter,
            options,
        )?;
        let state = ctx.state().clone();
        let compute = move || {
            let (state, args) = (state.clone(), args.clone());
            async move {
                let compute = || report::performance(&state.db.conn, ws, &args);
                let kind = ReportKind::PERFORMANCE;
                let full = state.cache.get_or_compute(kind, ws, &args, compute).await?;
                Ok(report::arrange_rows(full, order, first))
            }
        };
        let answers = live_answers(ctx, ws, compute);
        Ok(answers.map(|a| a.map(PerformanceReport).map_err(Into::into)))
    }

    /// `attribution`, live: the credits at once, then again after each change of the
    /// workspace's data (at most once per `LIVE_MIN_INTERVAL_MS`; unchanged credits are not
    /// sent again). Takes the same arguments as `attribution`.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    async fn attribution_updates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The days whose conversions are credited.")] range: DateRangeInput,
        #[graphql(desc = "The model that splits the credit.")] model: AttributionModel,
        #[graphql(desc = "Tunes the model; the defaults when absent.")] options: Option<
            AttributionOptionsInput,
        >,
        #[graphql(
            desc = "Count only conversions of these kinds (e.g. \"purchase\"): what a conversion is for this report. All kinds when absent."
        )]
        conversion_kinds: Option<Vec<String>>,
    ) -> Result<impl Stream<Item = Result<AttributionReport>> + use<>> {
        let ws = ctx.principal()?.workspace_id;
        let settings = options.unwrap_or_default().into_service()?;
        let args = AttributionArgs::new(range.into_service("range")?, model.into(), settings)
            .with_conversion_kinds(conversion_kinds.unwrap_or_default())?;
        let state = ctx.state().clone();
        let compute = move || {
            let (state, args) = (state.clone(), args.clone());
            async move {
                let compute = || report::attribution(&state.db.conn, ws, &args);
                let kind = ReportKind::ATTRIBUTION;
                state.cache.get_or_compute(kind, ws, &args, compute).await
            }
        };
        let answers = live_answers(ctx, ws, compute);
        Ok(answers.map(|a| a.map(AttributionReport).map_err(Into::into)))
    }

    /// `budgetPacing`, live: the budget periods at once, then again after each change of the
    /// workspace's data (at most once per `LIVE_MIN_INTERVAL_MS`; unchanged rows are not
    /// sent again). Takes the same arguments as `budgetPacing`; without `asOf`, "today" is
    /// taken again at each answer.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    async fn budget_pacing_updates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Budgets whose period overlaps these days are answered.")]
        range: DateRangeInput,
        #[graphql(desc = "The day spend is counted up to (included); today in the \
                          workspace time zone when absent.")]
        as_of: Option<SentDate>,
    ) -> Result<impl Stream<Item = Result<Vec<BudgetPacing>>> + use<>> {
        let ws = ctx.principal()?.workspace_id;
        let range = range.into_service("range")?;
        let as_of = as_of.map(|d| d.parse("asOf")).transpose()?;
        let state = ctx.state().clone();
        let compute = move || {
            let state = state.clone();
            async move {
                // `asOf` resolved at each answer: "today" moves under a long subscription.
                let args = PacingArgs::resolve(&state.db.conn, ws, range, as_of).await?;
                let compute = || report::budget_pacing(&state.db.conn, ws, &args);
                let kind = ReportKind::BUDGET_PACING;
                state.cache.get_or_compute(kind, ws, &args, compute).await
            }
        };
        let answers = live_answers(ctx, ws, compute);
        Ok(answers.map(|a| {
            a.map(|rows| rows.into_iter().map(BudgetPacing).collect())
                .map_err(Into::into)
        }))
    }
}
