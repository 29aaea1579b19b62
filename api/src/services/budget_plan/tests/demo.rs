//! Whole plans on the small demo data set (today = 2026-11-27), on a migrated in-memory SQLite.

use chrono::NaiveDate;
use migration::MigratorTrait;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use sea_orm::{Database, DatabaseConnection};

use super::super::{BudgetPlan, Curve, Level, PlanArgs, PlanBound, budget_suggestions};
use crate::demo::{Scale, write_demo};
use crate::services::attribution::Model;
use crate::services::channel::default_channels;
use crate::services::report::DateRange;
use crate::services::report::Uncached;
use crate::services::workspace::{NewWorkspace, create_workspace, timezone_of};

const TODAY: (i32, u32, u32) = (2026, 11, 27);

async fn demo() -> (DatabaseConnection, i64) {
    let db = Database::connect("sqlite::memory:").await.expect("connect");
    migration::Migrator::up(&db, None).await.expect("migrate");
    let ws = create_workspace(
        &db,
        NewWorkspace {
            name: "Demo".into(),
            slug: "demo".into(),
            currency: "EUR".into(),
            timezone: "Europe/Paris".into(),
        },
    )
    .await
    .expect("workspace");
    let channels = default_channels(&db, ws.id)
        .await
        .expect("channels")
        .into_iter()
        .map(|(group, id)| (group.as_str().to_owned(), id))
        .collect();
    let today = NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).expect("date");
    write_demo(
        &db,
        ws.id,
        timezone_of(&ws),
        &channels,
        Scale::Small,
        today,
        false,
    )
    .await
    .expect("demo data");
    (db, ws.id)
}

/// The 52 weeks up to today.
fn year() -> DateRange {
    let to = NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).expect("date");
    DateRange::new("range", to - chrono::TimeDelta::days(363), to).expect("range")
}

fn by_label<'a>(plan: &'a BudgetPlan, label: &str) -> &'a super::super::BudgetSuggestion {
    plan.suggestions
        .iter()
        .find(|s| s.label == label)
        .unwrap_or_else(|| panic!("no {label} in {plan:#?}"))
}

#[tokio::test]
async fn on_the_demo_data_first_touch_money_leaves_social_and_display_for_video() {
    let (db, ws) = demo().await;
    let args = PlanArgs::new(
        year(),
        None,
        Model::FirstTouch,
        vec![],
        None,
        Level::Channel,
        Curve::PowerLaw,
    )
    .expect("arguments");
    let plan = budget_suggestions(&db, ws, &args, &Uncached(&db))
        .await
        .expect("a plan");

    // Every channel with spend takes part, paid or not (Events, Affiliates and Email spend too).
    let labels: Vec<&str> = plan.suggestions.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Paid Search",
            "Events",
            "Paid Social",
            "Display",
            "Affiliates",
            "Paid Video",
            "Email"
        ]
    );
    assert_eq!(plan.total_budget, plan.total_current);
    let sum: Decimal = plan.suggestions.iter().map(|s| s.suggested_spend).sum();
    assert_eq!(sum, plan.total_budget);
    // The planted exponents come back from the weekly points (demo module doc).
    let b = |label: &str| by_label(&plan, label).fit.map_or(f64::NAN, |f| f.b);
    assert!(
        (b("Paid Search") - 0.35).abs() < 0.06,
        "{}",
        b("Paid Search")
    );
    assert!(
        (b("Paid Social") - 0.35).abs() < 0.06,
        "{}",
        b("Paid Social")
    );
    assert!((b("Paid Video") - 0.85).abs() < 0.06, "{}", b("Paid Video"));

    let video = by_label(&plan, "Paid Video");
    assert!(video.change > Decimal::ZERO);
    assert_eq!(video.bound, Some(PlanBound::ChangeCap));
    for label in ["Paid Social", "Display"] {
        let s = by_label(&plan, label);
        assert!(s.change < Decimal::ZERO, "{label}: {}", s.reason);
        assert_eq!(s.bound, Some(PlanBound::ChangeCap), "{label}");
    }
    assert!(plan.lift > Decimal::ZERO);
    // Video's last euro still earns more than the plan's; social's less.
    let level = plan.marginal_roi.expect("a common level");
    assert!(video.marginal_roi_at_suggestion.expect("video") > level);
    let social = by_label(&plan, "Paid Social");
    assert!(social.marginal_roi_at_suggestion.expect("social") < level);
}

#[tokio::test]
async fn with_a_loose_cap_the_saturated_channels_all_give_money_to_video() {
    let (db, ws) = demo().await;
    let args = PlanArgs::new(
        year(),
        None,
        Model::FirstTouch,
        vec![],
        Some(1000.0),
        Level::Channel,
        Curve::PowerLaw,
    )
    .expect("arguments");
    let plan = budget_suggestions(&db, ws, &args, &Uncached(&db))
        .await
        .expect("a plan");
    for label in ["Paid Search", "Paid Social", "Display"] {
        let s = by_label(&plan, label);
        assert!(s.change < Decimal::ZERO, "{label}: {}", s.reason);
    }
    let video = by_label(&plan, "Paid Video");
    assert!(video.change > Decimal::ZERO, "{}", video.reason);
    // The cached form of a plan is JSON: money, text and arguments come back exactly (floats
    // to their last digit or so).
    let json = serde_json::to_vec(&plan).expect("json");
    let back: BudgetPlan = serde_json::from_slice(&json).expect("decoded");
    assert_eq!(back.args, plan.args);
    assert_eq!(
        (back.total_budget, back.lift),
        (plan.total_budget, plan.lift)
    );
    let exact = |p: &BudgetPlan| -> Vec<(Decimal, Option<Decimal>, String)> {
        p.suggestions
            .iter()
            .map(|s| (s.suggested_spend, s.current_roi, s.reason.clone()))
            .collect()
    };
    assert_eq!(exact(&back), exact(&plan));
}

/// Remembers the conversion kinds of every report a plan asks for.
struct Recording<'a> {
    inner: Uncached<'a>,
    kinds: std::sync::Mutex<Vec<Vec<String>>>,
}

impl crate::services::report::PerformanceSource for Recording<'_> {
    fn performance<'a>(
        &'a self,
        workspace_id: i64,
        args: &'a crate::services::report::PerformanceArgs,
    ) -> crate::services::report::ReportFuture<'a> {
        if let Ok(mut kinds) = self.kinds.lock() {
            kinds.push(args.filter.conversion_kinds.clone());
        }
        self.inner.performance(workspace_id, args)
    }
}

#[tokio::test]
async fn the_reports_of_a_plan_count_only_the_conversion_kinds_asked() {
    let (db, ws) = demo().await;
    let args = PlanArgs::new(
        year(),
        None,
        Model::Linear,
        vec![],
        None,
        Level::Channel,
        Curve::PowerLaw,
    )
    .expect("arguments")
    .with_conversion_kinds(vec![" Purchase ".into()])
    .expect("kinds");
    let source = Recording {
        inner: Uncached(&db),
        kinds: std::sync::Mutex::new(Vec::new()),
    };
    budget_suggestions(&db, ws, &args, &source)
        .await
        .expect("a plan");
    let kinds = source.kinds.lock().expect("kinds").clone();
    assert_eq!(kinds, vec![vec!["purchase".to_owned()]; 2]);
}

#[tokio::test]
async fn each_fitted_row_carries_what_the_dashboard_draws_its_curve_with() {
    let (db, ws) = demo().await;
    let args = PlanArgs::new(
        year(),
        None,
        Model::FirstTouch,
        vec![],
        None,
        Level::Channel,
        Curve::PowerLaw,
    )
    .expect("arguments");
    let plan = budget_suggestions(&db, ws, &args, &Uncached(&db))
        .await
        .expect("a plan");
    let days = Decimal::from(364);
    for label in ["Paid Search", "Paid Social", "Display", "Paid Video"] {
        assert!(by_label(&plan, label).fit.is_some(), "{label} has a curve");
    }
    for s in &plan.suggestions {
        let label = &s.label;
        let Some(fit) = s.fit else {
            assert!(
                s.curve.is_empty() && s.on_curve.is_none(),
                "{label}: no fit, no curve"
            );
            continue;
        };
        assert_eq!(
            s.current_weekly_spend,
            (s.current_spend * Decimal::from(7) / days).round_dp(2),
            "{label}"
        );
        assert_eq!(
            s.suggested_weekly_spend,
            (s.suggested_spend * Decimal::from(7) / days).round_dp(2),
            "{label}"
        );
        assert!(
            s.weekly_points.len() >= fit.points && fit.points > 0,
            "{label}: {} points for a fit on {}",
            s.weekly_points.len(),
            fit.points
        );
        let first = s.curve.first().expect("a sampled curve");
        assert_eq!((first.weekly_spend, first.weekly_revenue), (0.0, 0.0));
        assert!(
            s.curve
                .windows(2)
                .all(|w| w[0].weekly_spend < w[1].weekly_spend)
        );
        let widest = s
            .weekly_points
            .iter()
            .map(|p| p.spend)
            .chain([s.current_weekly_spend, s.suggested_weekly_spend])
            .max()
            .expect("points");
        let last = s.curve.last().expect("a sampled curve").weekly_spend;
        assert!(
            last >= widest.to_f64().expect("f64"),
            "{label}: {last} < {widest}"
        );
        // The markers sit on the fitted power law.
        let (now, suggested) = s.on_curve.expect("on the curve");
        for (point, spend) in [
            (now, s.current_weekly_spend),
            (suggested, s.suggested_weekly_spend),
        ] {
            assert_eq!(point.weekly_spend, spend.to_f64().expect("f64"));
            let expected = fit.a * point.weekly_spend.powf(fit.b);
            assert!(
                (point.weekly_revenue - expected).abs() <= 1e-9 * expected.abs().max(1.0),
                "{label}: {} vs {expected}",
                point.weekly_revenue
            );
        }
    }
}

/// The plan of `total` (None: the current spend) with `constraints`, FIRST_TOUCH.
async fn plan_of(
    db: &DatabaseConnection,
    ws: i64,
    total: Option<Decimal>,
    constraints: Vec<super::super::Constraint>,
) -> crate::error::AppResult<BudgetPlan> {
    let args = PlanArgs::new(
        year(),
        total,
        Model::FirstTouch,
        constraints,
        None,
        Level::Channel,
        Curve::PowerLaw,
    )?;
    budget_suggestions(db, ws, &args, &Uncached(db)).await
}

fn id_of(plan: &BudgetPlan, label: &str) -> i64 {
    by_label(plan, label).channel_id.expect("a channel id")
}

#[tokio::test]
async fn an_excluded_channel_takes_no_part_and_its_spend_leaves_the_total() {
    let (db, ws) = demo().await;
    let all = plan_of(&db, ws, None, vec![]).await.expect("a plan");
    let exclude = |label: &str| super::super::Constraint {
        id: id_of(&all, label),
        exclude: true,
        ..Default::default()
    };
    let plan = plan_of(&db, ws, None, vec![exclude("Events"), exclude("Email")])
        .await
        .expect("a plan");
    let labels: Vec<&str> = plan.suggestions.iter().map(|s| s.label.as_str()).collect();
    assert!(
        !labels.contains(&"Events") && !labels.contains(&"Email"),
        "{labels:?}"
    );
    let left_out = by_label(&all, "Events").current_spend + by_label(&all, "Email").current_spend;
    assert_eq!(plan.total_budget, all.total_budget - left_out);

    // Exclusion is not a bound: combining it with one is refused on the constraint.
    let both = super::super::Constraint {
        locked: true,
        ..exclude("Events")
    };
    match plan_of(&db, ws, None, vec![both]).await {
        Err(crate::error::AppError::BadInput { field, .. }) => {
            assert_eq!(field, "constraints[0].exclude")
        }
        other => panic!("expected BAD_USER_INPUT, got {other:?}"),
    }
}

#[tokio::test]
async fn the_profit_maximising_total_earns_more_than_the_totals_around_it() {
    let (db, ws) = demo().await;
    let plan = plan_of(&db, ws, None, vec![]).await.expect("a plan");
    // On the demo the last euro of the current spend loses money...
    let level = plan.marginal_roi.expect("a common level");
    assert!(level < 0.0, "{level}");
    let best = plan
        .profit_maximizing
        .clone()
        .expect("a profit-maximising plan");
    // ... so the profit-maximising total is lower, and earns more.
    assert!(best.total_budget < plan.total_budget);
    assert!(best.expected_profit > plan.expected_profit_at_suggestion);
    let sum: Decimal = best.suggestions.iter().map(|s| s.suggested_spend).sum();
    assert_eq!(sum, best.total_budget);
    if let Some(m) = best.marginal_roi {
        assert!(m.abs() < 1e-3, "marginal ROI at the optimum: {m}");
    }
    // Planned as a requested total, it is the same plan.
    let asked = plan_of(&db, ws, Some(best.total_budget), vec![])
        .await
        .expect("a plan");
    assert_eq!(asked.expected_profit_at_suggestion, best.expected_profit);
    assert_eq!(asked.expected_revenue_at_suggestion, best.expected_revenue);
    // Any other feasible total earns less (up to a cent of rounding per channel).
    let cents = Decimal::new(7, 2);
    for factor in ["0.97", "0.99", "1.01", "1.03"] {
        let total =
            (best.total_budget * Decimal::from_str_exact(factor).expect("factor")).round_dp(2);
        match plan_of(&db, ws, Some(total), vec![]).await {
            Ok(other) => assert!(
                other.expected_profit_at_suggestion <= best.expected_profit + cents,
                "{factor}: {} > {}",
                other.expected_profit_at_suggestion,
                best.expected_profit
            ),
            // Outside the change caps: no plan at all.
            Err(crate::error::AppError::BadInput { field, .. }) => assert_eq!(field, "totalBudget"),
            Err(e) => panic!("{factor}: {e:?}"),
        }
    }
}
