//! `budgetPacing`: per budget period, planned money, spend to date, and the spend projected
//! at the period's end at the current run rate.
//!
//! * Days count whole local days, both ends included. "Elapsed" runs from the period's
//!   first day to `as_of` (clamped to the period), so on the first day one day has elapsed.
//! * Run rate = spent to date / elapsed days; projected = spent + run rate × remaining days
//!   (= spent × total / elapsed). Before the period starts there is no run rate: projected
//!   is what was already spent.
//! * Status, with a tolerance of ±[`TOLERANCE_PERCENT`] % of the planned amount: OVER when the
//!   projection (or the spend so far) exceeds planned + tolerance, UNDER when the projection
//!   falls short of planned − tolerance, else ON_TRACK. A period that has not started is
//!   ON_TRACK unless money was already spent beyond the tolerance. Compared exactly, in
//!   integer arithmetic.

use chrono::{NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};

use super::args::DateRange;
use super::key::RowKey;
use super::labels::Labels;
use crate::db::analytics::pacing::budget_spend;
use crate::error::AppResult;
use crate::services::money::cents_to_decimal;
use crate::services::workspace::{find_workspace, timezone_of};

/// How far the projection may stray from the plan and still be ON_TRACK, in percent.
pub const TOLERANCE_PERCENT: i128 = 10;

/// Arguments of `budgetPacing`: budget periods overlapping `range`, paced as of a day.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PacingArgs {
    pub range: DateRange,
    /// The local day "to date" means (today in the workspace time zone by default).
    pub as_of: NaiveDate,
}

impl PacingArgs {
    /// Arguments with `as_of` defaulting to today in the workspace time zone.
    pub async fn resolve<C: ConnectionTrait>(
        db: &C,
        workspace_id: i64,
        range: DateRange,
        as_of: Option<NaiveDate>,
    ) -> AppResult<Self> {
        let as_of = match as_of {
            Some(day) => day,
            None => {
                let ws = find_workspace(db, workspace_id).await?;
                Utc::now().with_timezone(&timezone_of(&ws)).date_naive()
            }
        };
        Ok(Self { range, as_of })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PacingStatus {
    Under,
    OnTrack,
    Over,
}

/// One budget period's pacing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetPacing {
    pub budget_id: i64,
    pub campaign_id: i64,
    pub campaign_name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub planned: Decimal,
    pub spent_to_date: Decimal,
    /// Projected spend at the period end, rounded to the cent.
    pub projected: Decimal,
    pub elapsed_days: i64,
    pub total_days: i64,
    pub status: PacingStatus,
}

/// The projection and status of one period (pure; see the module doc).
pub fn pace(
    planned_cents: i64,
    spent_cents: i64,
    start: NaiveDate,
    end: NaiveDate,
    as_of: NaiveDate,
) -> (Decimal, i64, i64, PacingStatus) {
    let total = (end - start).num_days() + 1;
    let elapsed = ((as_of - start).num_days() + 1).clamp(0, total);
    let (planned, spent) = (i128::from(planned_cents), i128::from(spent_cents));
    // projected = spent × total / elapsed, kept as the fraction num / den.
    let (num, den) = if elapsed == 0 {
        (spent, 1)
    } else {
        (spent * i128::from(total), i128::from(elapsed))
    };
    let over = |cents_num: i128, cents_den: i128| {
        cents_num * 100 > planned * (100 + TOLERANCE_PERCENT) * cents_den
    };
    let status = if over(num, den) || over(spent, 1) {
        PacingStatus::Over
    } else if elapsed > 0 && num * 100 < planned * (100 - TOLERANCE_PERCENT) * den {
        PacingStatus::Under
    } else {
        PacingStatus::OnTrack
    };
    let mut projected = (Decimal::try_from_i128_with_scale(num, 2).unwrap_or(Decimal::MAX)
        / Decimal::from(den.max(1) as i64))
    .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    projected.rescale(2);
    (projected, elapsed, total, status)
}

/// Pacing of every budget period overlapping `args.range`, by period start.
#[tracing::instrument(skip_all, fields(workspace.id = workspace_id, report.kind = "budget_pacing"))]
pub async fn budget_pacing(
    db: &DatabaseConnection,
    workspace_id: i64,
    args: &PacingArgs,
) -> AppResult<Vec<BudgetPacing>> {
    let rows = budget_spend(db, workspace_id, args.range.from, args.range.to, args.as_of).await?;
    let keys: Vec<RowKey> = rows
        .iter()
        .map(|r| RowKey::Campaign(Some(r.campaign_id)))
        .collect();
    let labels = Labels::load(db, workspace_id, keys.iter()).await?;
    Ok(rows
        .into_iter()
        .zip(&keys)
        .map(|(r, key)| {
            let (projected, elapsed_days, total_days, status) = pace(
                r.planned_cents,
                r.spent_cents,
                r.period_start,
                r.period_end,
                args.as_of,
            );
            BudgetPacing {
                budget_id: r.id,
                campaign_id: r.campaign_id,
                campaign_name: labels.label(key),
                period_start: r.period_start,
                period_end: r.period_end,
                planned: cents_to_decimal(r.planned_cents),
                spent_to_date: cents_to_decimal(r.spent_cents),
                projected,
                elapsed_days,
                total_days,
                status,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} is not a date: {e}"))
    }

    fn pace_june(planned: i64, spent: i64, as_of: &str) -> (String, i64, PacingStatus) {
        let (projected, elapsed, _, status) =
            pace(planned, spent, d("2026-06-01"), d("2026-06-30"), d(as_of));
        (projected.to_string(), elapsed, status)
    }

    #[test]
    fn the_projection_extends_the_run_rate_to_the_period_end() {
        // 10 of 30 days, 400.00 spent: 40.00 a day → 1 200.00 at the end.
        assert_eq!(
            pace_june(100_000, 40_000, "2026-06-10"),
            ("1200.00".into(), 10, PacingStatus::Over)
        );
        assert_eq!(
            pace_june(120_000, 40_000, "2026-06-10").2,
            PacingStatus::OnTrack
        );
        assert_eq!(
            pace_june(150_000, 40_000, "2026-06-10").2,
            PacingStatus::Under
        );
        // 7 of 30 days, 100.00: 428.571… → 428.57.
        assert_eq!(pace_june(50_000, 10_000, "2026-06-07").0, "428.57");
    }

    #[test]
    fn the_tolerance_is_ten_percent_either_side_inclusive() {
        // At the end of the period the projection is the spend itself.
        assert_eq!(
            pace_june(100_000, 110_000, "2026-06-30").2,
            PacingStatus::OnTrack
        );
        assert_eq!(
            pace_june(100_000, 110_001, "2026-06-30").2,
            PacingStatus::Over
        );
        assert_eq!(
            pace_june(100_000, 90_000, "2026-06-30").2,
            PacingStatus::OnTrack
        );
        assert_eq!(
            pace_june(100_000, 89_999, "2026-07-15").2,
            PacingStatus::Under
        );
    }

    #[test]
    fn a_period_not_yet_started_has_no_run_rate() {
        assert_eq!(
            pace_june(100_000, 0, "2026-05-20"),
            ("0.00".into(), 0, PacingStatus::OnTrack)
        );
        assert_eq!(
            pace_june(100_000, 120_000, "2026-05-20").2,
            PacingStatus::Over
        );
        assert_eq!(pace_june(0, 0, "2026-06-15").2, PacingStatus::OnTrack);
        assert_eq!(pace_june(0, 1, "2026-06-15").2, PacingStatus::Over);
    }
}
