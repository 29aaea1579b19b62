//! Report queries: performance, attribution, model comparison, budget pacing, explanation.
//! Every report but the explanation goes through the report cache (`cache/`).

use async_graphql::{Context, Object, Result};

use crate::auth::Permission;
use crate::cache::ReportKind;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::inputs::order::ReportOrderInput;
use crate::graphql::inputs::report::{
    AttributionOptionsInput, DateRangeInput, PerformanceFilterInput, TouchInput, performance_args,
};
use crate::graphql::scalars::SentDate;
use crate::graphql::types::attribution::{AttributionComparison, AttributionReport};
use crate::graphql::types::pacing::{BudgetPacing, ChannelExplanation};
use crate::graphql::types::performance::PerformanceReport;
use crate::graphql::types::report_enums::{AttributionModel, Dimension, Granularity};
use crate::services::attribution::Model;
use crate::services::report::{self, AttributionArgs, ComparisonArgs, PacingArgs};

#[derive(Default)]
pub struct ReportQuery;

#[Object]
impl ReportQuery {
    /// Leads, conversions, revenue, spend, ROI, ROAS, CPL, CAC and conversion rate per
    /// dimension value over `range`, with totals; a time series with `granularity`; the
    /// same for `compareTo` with the change. Conversions and revenue are credited by
    /// `attribution` (tuned by `options`).
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    #[expect(
        clippy::too_many_arguments,
        reason = "the query's arguments, as declared"
    )]
    async fn performance(
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
                          absent. `rowCount` tells how many there are; totals still cover \
                          every row."
        )]
        first: Option<i32>,
    ) -> Result<PerformanceReport> {
        let p = ctx.principal()?;
        let first = report::row_limit(first, "first")?;
        let args = performance_args(
            range,
            dimension,
            attribution,
            granularity,
            compare_to,
            filter,
            options,
        )?;
        let (state, ws) = (ctx.state(), p.workspace_id);
        let compute = || report::performance(&state.db.conn, ws, &args);
        let report = state
            .cache
            .get_or_compute(ReportKind::PERFORMANCE, ws, &args, compute);
        let order = order_by.map(Into::into);
        Ok(PerformanceReport(report::arrange_rows(
            report.await?,
            order,
            first,
        )))
    }

    /// Credited conversions, revenue and share per channel (and per campaign for the
    /// rule-based models) of one attribution model over `range`.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    async fn attribution(
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
    ) -> Result<AttributionReport> {
        let p = ctx.principal()?;
        let settings = options.unwrap_or_default().into_service()?;
        let args = AttributionArgs::new(range.into_service("range")?, model.into(), settings)
            .with_conversion_kinds(conversion_kinds.unwrap_or_default())?;
        let (state, ws) = (ctx.state(), p.workspace_id);
        let compute = || report::attribution(&state.db.conn, ws, &args);
        let report = state
            .cache
            .get_or_compute(ReportKind::ATTRIBUTION, ws, &args, compute);
        Ok(AttributionReport(report.await?))
    }

    /// Channel credits of several models side by side, with the spread (min, max) per channel.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    async fn attribution_comparison(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The days whose conversions are credited.")] range: DateRangeInput,
        #[graphql(desc = "The models to compare, at least one; a repeated model counts once.")]
        models: Vec<AttributionModel>,
        #[graphql(desc = "Tunes the models; the defaults when absent.")] options: Option<
            AttributionOptionsInput,
        >,
        #[graphql(
            desc = "Count only conversions of these kinds (e.g. \"purchase\"): what a conversion is for this comparison. All kinds when absent."
        )]
        conversion_kinds: Option<Vec<String>>,
    ) -> Result<AttributionComparison> {
        let p = ctx.principal()?;
        let models: Vec<Model> = models.into_iter().map(Into::into).collect();
        let settings = options.unwrap_or_default().into_service()?;
        let args = ComparisonArgs::new(range.into_service("range")?, &models, settings)?
            .with_conversion_kinds(conversion_kinds.unwrap_or_default())?;
        let (state, ws) = (ctx.state(), p.workspace_id);
        let compute = || report::attribution_comparison(&state.db.conn, ws, &args);
        let kind = ReportKind::ATTRIBUTION_COMPARISON;
        let report = state.cache.get_or_compute(kind, ws, &args, compute);
        Ok(AttributionComparison(report.await?))
    }

    /// Budget periods overlapping `range`: planned, spent to date, projected at the period
    /// end at the current run rate, and status. `asOf` defaults to today (workspace time zone).
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    async fn budget_pacing(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Budgets whose period overlaps these days are answered.")]
        range: DateRangeInput,
        #[graphql(desc = "The day spend is counted up to (included); today in the \
                          workspace time zone when absent.")]
        as_of: Option<SentDate>,
    ) -> Result<Vec<BudgetPacing>> {
        let (state, ws) = (ctx.state(), ctx.principal()?.workspace_id);
        let range = range.into_service("range")?;
        // `asOf` resolved first: "today" is part of the question, hence of the cache key.
        let as_of = as_of.map(|d| d.parse("asOf")).transpose()?;
        let args = PacingArgs::resolve(&state.db.conn, ws, range, as_of).await?;
        let compute = || report::budget_pacing(&state.db.conn, ws, &args);
        let rows = state
            .cache
            .get_or_compute(ReportKind::BUDGET_PACING, ws, &args, compute);
        Ok(rows.await?.into_iter().map(BudgetPacing).collect())
    }

    /// The channel a touch with these marks is classified into, and the rule that matched.
    /// The default rules follow GA4's default channel grouping (plus AI_ASSISTANT and
    /// EVENTS); nothing is stored.
    #[graphql(guard = "need(Permission::Read)")]
    async fn explain_channel(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The marks of the visit to classify.")] input: TouchInput,
    ) -> Result<ChannelExplanation> {
        let p = ctx.principal()?;
        let signals = input.into();
        let found = report::explain_channel(&ctx.state().db.conn, p.workspace_id, &signals);
        Ok(ChannelExplanation(found.await?))
    }
}
