//! Budget queries: reallocation suggestions (DESIGN §5), through the report cache. Pacing
//! is `budgetPacing` in report.rs.

use async_graphql::{Context, Object, Result};
use rust_decimal::Decimal;

use crate::auth::Permission;
use crate::cache::ReportKind;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::inputs::budget::ChannelConstraintInput;
use crate::graphql::inputs::report::DateRangeInput;
use crate::graphql::types::budget::{PlanLevel, ResponseCurve};
use crate::graphql::types::budget_plan::BudgetPlan;
use crate::graphql::types::report_enums::AttributionModel;
use crate::services::budget_plan::{self, DEFAULT_MAX_CHANGE_PCT, PlanArgs};
use crate::services::report::{self, PerformanceArgs, PerformanceSource, ReportFuture};

#[derive(Default)]
pub struct BudgetQuery;

#[Object]
impl BudgetQuery {
    /// Where the money of a period as long as `range` should go. Per channel with spend in the
    /// range, paid or not, unless a constraint excludes it (or per campaign with spend, at the
    /// CAMPAIGN level), a diminishing-returns curve is fitted to its weekly (spend, attributed
    /// revenue) points; `totalBudget` (default: the current spend of the range) is then split
    /// so that marginal ROI is equal across the channels not held by a bound, within each
    /// constraint and ±`maxChangePct` percent of each current spend. Suggestions add up to
    /// `totalBudget` to the cent. A channel with fewer than 8 usable weekly points, or whose
    /// spend never varied, keeps its spend and says why. Weekly points take their shape from
    /// the revenue of the leads the channel sourced and their level from `attribution`'s
    /// credit over the range. Beside the requested total, `profitMaximizing` plans the total
    /// at which marginal ROI reaches 0 within the same bounds: when the requested plan's
    /// `marginalRoi` is negative, the last units of money lose it, and spending less earns more.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::document_guard::REPORT_COMPLEXITY + child_complexity"
    )]
    #[expect(
        clippy::too_many_arguments,
        reason = "the query's arguments, as declared"
    )]
    async fn budget_suggestions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The days the curves are fitted on; the plan is for a period as long.")]
        range: DateRangeInput,
        #[graphql(
            desc = "The money to split, in the workspace currency with at most two \
                          decimals; the current spend of the range when absent."
        )]
        total_budget: Option<Decimal>,
        #[graphql(
            default_with = "AttributionModel::Markov",
            desc = "The model that credits revenue to the channels."
        )]
        attribution: AttributionModel,
        #[graphql(desc = "Limits per channel (or campaign): minimum, maximum, or locked.")]
        constraints: Option<Vec<ChannelConstraintInput>>,
        #[graphql(
            default_with = "f64::from(DEFAULT_MAX_CHANGE_PCT)",
            desc = "How far each suggestion may move from the current spend, in percent of \
                    it (0 to 1000, rounded to two decimals). A Float: a setting, not an amount."
        )]
        max_change_pct: f64,
        #[graphql(default, desc = "Split between channels or between campaigns.")] level: PlanLevel,
        #[graphql(
            default,
            desc = "The curve family fitted to each channel's weekly points."
        )]
        curve: ResponseCurve,
        #[graphql(
            desc = "Count only conversions of these kinds (e.g. \"purchase\") in the revenue the curves are fitted on. All kinds when absent."
        )]
        conversion_kinds: Option<Vec<String>>,
    ) -> Result<BudgetPlan> {
        let p = ctx.principal()?;
        let constraints = ChannelConstraintInput::all_into_service(constraints, level.into())?;
        let args = PlanArgs::new(
            range.into_service("range")?,
            total_budget,
            attribution.into(),
            constraints,
            Some(max_change_pct),
            level.into(),
            curve.into(),
        )?
        .with_conversion_kinds(conversion_kinds.unwrap_or_default())?;
        let (state, ws) = (ctx.state(), p.workspace_id);
        let reports = CachedPerformance(state);
        let compute = || budget_plan::budget_suggestions(&state.db.conn, ws, &args, &reports);
        let kind = ReportKind::BUDGET_SUGGESTIONS;
        let plan = state.cache.get_or_compute(kind, ws, &args, compute);
        Ok(BudgetPlan(plan.await?))
    }
}

/// Performance reports through the report cache, for the services that build on them.
struct CachedPerformance<'a>(&'a crate::state::AppState);

impl PerformanceSource for CachedPerformance<'_> {
    fn performance<'a>(&'a self, workspace_id: i64, args: &'a PerformanceArgs) -> ReportFuture<'a> {
        let state = self.0;
        let compute = move || report::performance(&state.db.conn, workspace_id, args);
        Box::pin(
            state
                .cache
                .get_or_compute(ReportKind::PERFORMANCE, workspace_id, args, compute),
        )
    }
}
