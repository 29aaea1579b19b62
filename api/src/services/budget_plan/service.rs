//! `budget_suggestions`: two performance reports → weekly points → curves → the optimizer.

use std::collections::{HashMap, HashSet};

use sea_orm::DatabaseConnection;

use super::answer::{BudgetPlan, answer};
use super::args::{Level, PlanArgs};
use super::request::{plan_error, plan_request, unmatched_constraints};
use super::weekly::{candidates, full_weeks};
use crate::error::{AppError, AppResult};
use crate::services::attribution::Model;
use crate::services::budget::{Plan, PlanError, PlanRequest, plan_budget, profit_maximizing_total};
use crate::services::campaign::find_campaign;
use crate::services::channel::list_channels;
use crate::services::cpu::run_cpu;
use crate::services::report::{
    AttributionSettings, Dimension, Granularity, PerformanceArgs, PerformanceSource, ReportFilter,
};

/// The reallocation plan of `args` for the workspace (DESIGN §5).
#[tracing::instrument(skip_all, fields(workspace.id = workspace_id, report.kind = "budget_suggestions"))]
///
/// The two performance reports it builds on come from `reports` (the report cache, when the
/// caller has one), so plans that differ only in `totalBudget`, `maxChangePct` or constraints
/// refit the curves from the same reports without recomputing them.
pub async fn budget_suggestions(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &PlanArgs,
    reports: &dyn PerformanceSource,
) -> AppResult<BudgetPlan> {
    let dimension = match args.level {
        Level::Channel => Dimension::Channel,
        Level::Campaign => Dimension::Campaign,
    };
    let report_args = |model, granularity| {
        let settings = AttributionSettings::default();
        let filter = ReportFilter {
            conversion_kinds: args.conversion_kinds.clone(),
            ..ReportFilter::default()
        };
        PerformanceArgs::new(
            args.range,
            dimension,
            model,
            settings,
            granularity,
            None,
            filter,
        )
    };
    let sourced_args = report_args(Model::FirstTouch, Some(Granularity::Week))?;
    let credited_args = (args.model != Model::FirstTouch)
        .then(|| report_args(args.model, None))
        .transpose()?;
    let (sourced, credited) =
        tokio::try_join!(reports.performance(workspace_id, &sourced_args), async {
            match &credited_args {
                Some(a) => reports.performance(workspace_id, a).await.map(Some),
                None => Ok(None),
            }
        })?;
    let channels: HashMap<i64, entity::channel::Model> = list_channels(db, workspace_id)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let excluded: HashSet<i64> = args
        .constraints
        .iter()
        .filter(|c| c.exclude)
        .map(|c| c.id)
        .collect();
    let candidates = candidates(&sourced, credited.as_ref(), &excluded);
    for (index, c) in unmatched_constraints(args, &candidates) {
        match absence(db, workspace_id, args.level, c.id, &channels).await? {
            Absence::NoSpend(_) if c.exclude => {}
            Absence::NoSpend(why) | Absence::Missing(why) => {
                let field = format!("constraints[{index}].{}", args.level.id_field());
                return Err(AppError::bad_input(field, why));
            }
        }
    }

    let weeks = args.range.days() as f64 / 7.0;
    let full_weeks = full_weeks(&sourced).len();
    let request = plan_request(args, &candidates, weeks)?;
    let (plan, best) = run_cpu(move || plan_both(&request))
        .await?
        .map_err(|e| plan_error(e, args, &candidates))?;
    Ok(answer(
        args,
        sourced.currency,
        (weeks, full_weeks),
        &candidates,
        plan,
        best,
    ))
}

/// The plan of the requested total, and the plan of the profit-maximising total (none when
/// no channel is free to move).
fn plan_both(request: &PlanRequest) -> Result<(Plan, Option<Plan>), PlanError> {
    let plan = plan_budget(request)?;
    let best = match profit_maximizing_total(request)? {
        Some(total) => Some(plan_budget(&PlanRequest {
            total_budget: total,
            ..request.clone()
        })?),
        None => None,
    };
    Ok((plan, best))
}

/// Why a constrained channel or campaign takes no part in the plan.
enum Absence {
    /// It does not exist in this workspace.
    Missing(String),
    /// It spent nothing in the range (or the caller excluded it).
    NoSpend(String),
}

/// Why a constrained channel or campaign takes no part: it does not exist (here), or it
/// spent nothing in the range.
async fn absence(
    db: &DatabaseConnection,
    workspace_id: i64,
    level: Level,
    id: i64,
    channels: &HashMap<i64, entity::channel::Model>,
) -> AppResult<Absence> {
    let name = match level {
        Level::Channel => match channels.get(&id) {
            Some(c) => c.name.clone(),
            None => {
                return Ok(Absence::Missing(
                    "no such channel in this workspace".to_owned(),
                ));
            }
        },
        Level::Campaign => match find_campaign(db, workspace_id, id).await {
            Ok(c) => c.name,
            Err(AppError::NotFound { .. }) => {
                return Ok(Absence::Missing(
                    "no such campaign in this workspace".to_owned(),
                ));
            }
            Err(e) => return Err(e),
        },
    };
    Ok(Absence::NoSpend(format!(
        "{name} has no spend in the range, so there is no response to spend to plan with"
    )))
}
