//! `budget_suggestions`: two performance reports → weekly points → curves → the optimizer.

use std::collections::{HashMap, HashSet};

use sea_orm::DatabaseConnection;

use super::answer::{BudgetPlan, answer};
use super::args::{Level, PlanArgs};
use super::request::{plan_error, plan_request, unmatched_constraint};
use super::weekly::{candidates, full_weeks};
use crate::error::{AppError, AppResult};
use crate::services::attribution::Model;
use crate::services::budget::plan_budget;
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
    let paid: HashSet<i64> = channels
        .values()
        .filter(|c| c.is_paid)
        .map(|c| c.id)
        .collect();
    let candidates = candidates(&sourced, credited.as_ref(), &paid);
    if let Some((index, id)) = unmatched_constraint(args, &candidates) {
        let why = why_absent(db, workspace_id, args.level, id, &channels).await?;
        let field = format!("constraints[{index}].{}", args.level.id_field());
        return Err(AppError::bad_input(field, why));
    }

    let weeks = args.range.days() as f64 / 7.0;
    let full_weeks = full_weeks(&sourced).len();
    let request = plan_request(args, &candidates, weeks)?;
    let plan = run_cpu(move || plan_budget(&request))
        .await?
        .map_err(|e| plan_error(e, args, &candidates))?;
    Ok(answer(
        args,
        sourced.currency,
        (weeks, full_weeks),
        &candidates,
        plan,
    ))
}

/// Why a constrained channel or campaign takes no part: it does not exist (here), it is not
/// on a paid channel, or it spent nothing in the range.
async fn why_absent(
    db: &DatabaseConnection,
    workspace_id: i64,
    level: Level,
    id: i64,
    channels: &HashMap<i64, entity::channel::Model>,
) -> AppResult<String> {
    let (name, channel_id) = match level {
        Level::Channel => match channels.get(&id) {
            Some(c) => (c.name.clone(), c.id),
            None => return Ok("no such channel in this workspace".to_owned()),
        },
        Level::Campaign => match find_campaign(db, workspace_id, id).await {
            Ok(c) => (c.name, c.channel_id),
            Err(AppError::NotFound { .. }) => {
                return Ok("no such campaign in this workspace".to_owned());
            }
            Err(e) => return Err(e),
        },
    };
    let paid = channels.get(&channel_id).is_some_and(|c| c.is_paid);
    let what = match level {
        Level::Channel => "a paid channel",
        Level::Campaign => "on a paid channel",
    };
    Ok(if paid {
        format!("{name} has no spend in the range, so there is no response to spend to plan with")
    } else {
        format!("{name} is not {what}; only paid channels with spend in the range take part")
    })
}
