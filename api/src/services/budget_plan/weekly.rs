//! The channels (or campaigns) that take part in a plan and their weekly
//! (spend, attributed revenue) points, read from two performance reports.
//!
//! * **Who takes part:** every channel (or campaign) with spend in the range, whether or not
//!   its channel is flagged paid: money spent on events or email tools is money to move too,
//!   and leaving it out would hide the worst spenders. A row without spend has no current
//!   spend to reallocate; a caller leaves a row out with a constraint's `exclude`.
//! * **Weekly shape:** the revenue of the leads a row sourced (FIRST_TOUCH, by week). Spend buys
//!   leads, and a lead's source is its first touch, so this is the revenue that answers to the
//!   row's own spend week by week. The data-driven models (MARKOV, SHAPLEY) learn one share per
//!   channel over the whole range, so their weekly credits follow the workspace's total revenue
//!   rather than the row's spend; multi-touch rule models mix in follow-up touches that other
//!   channels' spend brought. Neither can show a response curve.
//! * **Level:** each row's weekly revenue is scaled by `credited / sourced` over the range, so its
//!   points add up to the revenue the chosen model credits it with. A power law or a Hill curve
//!   fitted to scaled points is the one fitted to the sourced points, scaled: the exponent (how
//!   fast returns diminish) comes from the data, the level from the attribution model.
//! * Only full ISO weeks (Monday to Sunday inside the range) are points: a week cut by the
//!   range would sit below the curve for its shorter length.
//! * A power law is fitted in log space on the weeks with revenue; when more than a quarter of
//!   the weeks with spend brought none (sparse campaigns), its level would ignore them, so the
//!   row keeps its spend and says so (a HILL curve counts the empty weeks).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::services::budget::{
    CurveFit, FitRejection, MIN_POINTS, WeeklyPoint, fit_hill, fit_power_law,
};
use crate::services::report::{PerformanceReport, RowKey, SeriesBucket};

use super::args::Curve;

/// One channel or campaign that takes part in the plan.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Candidate {
    pub key: RowKey,
    pub label: String,
    /// The channel itself, or the campaign's channel.
    pub channel_id: Option<i64>,
    pub campaign_id: Option<i64>,
    /// Spend over the whole range.
    pub current_spend: Decimal,
    /// Revenue the chosen attribution model credits it with over the range.
    pub credited_revenue: Decimal,
    /// Revenue of the leads it sourced (first touch) over the range.
    pub sourced_revenue: Decimal,
    /// One point per full week: spend, and sourced revenue scaled to the credited level.
    pub points: Vec<WeeklyPoint>,
}

impl Candidate {
    /// The id a constraint names at this row's level.
    pub fn target_id(&self) -> Option<i64> {
        match self.key {
            RowKey::Channel(id) => Some(id),
            RowKey::Campaign(id) => id,
            RowKey::Value(_) => None,
        }
    }

    /// The response curve of its weekly points, or why there is none.
    pub fn fit(&self, curve: Curve) -> Result<CurveFit, FitRejection> {
        if self.sourced_revenue.is_zero() && self.credited_revenue > Decimal::ZERO {
            return Err(FitRejection::NoSourcedRevenue);
        }
        match curve {
            Curve::PowerLaw => {
                let spent = self.points.iter().filter(|p| p.spend > Decimal::ZERO);
                let with_spend = spent.clone().count();
                let with_revenue = spent.filter(|p| p.revenue > Decimal::ZERO).count();
                if with_revenue >= MIN_POINTS && with_revenue * 4 < with_spend * 3 {
                    return Err(FitRejection::SparseRevenue {
                        with_revenue,
                        with_spend,
                    });
                }
                fit_power_law(&self.points)
            }
            Curve::Hill => fit_hill(&self.points),
        }
    }
}

/// Rows of `sourced` (FIRST_TOUCH with a WEEK series) that take part, by current spend
/// (largest first), then key. `credited` is the chosen model's report over the same range and
/// dimension (`None` when the model is FIRST_TOUCH itself); `excluded` holds the channel (or
/// campaign) ids the caller left out.
pub(super) fn candidates(
    sourced: &PerformanceReport,
    credited: Option<&PerformanceReport>,
    excluded: &HashSet<i64>,
) -> Vec<Candidate> {
    let credit: Option<HashMap<&RowKey, Decimal>> = credited.map(|report| {
        report
            .rows
            .iter()
            .map(|r| (&r.key, r.metrics.revenue))
            .collect()
    });
    let full_weeks = full_weeks(sourced);
    let mut out: Vec<Candidate> = sourced
        .rows
        .iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let spend = row.metrics.spend.filter(|s| *s > Decimal::ZERO)?;
            let channel = row.channel_id?;
            let target = match row.key {
                RowKey::Channel(id) | RowKey::Campaign(Some(id)) => id,
                RowKey::Value(_) | RowKey::Campaign(None) => return None,
            };
            if excluded.contains(&target) {
                return None;
            }
            let sourced_revenue = row.metrics.revenue;
            let credited_revenue = match &credit {
                Some(map) => map.get(&row.key).copied().unwrap_or_default(),
                None => sourced_revenue,
            };
            let scale = credited_revenue
                .checked_div(sourced_revenue)
                .unwrap_or(Decimal::ZERO);
            let points = full_weeks
                .iter()
                .filter_map(|bucket| {
                    // Series rows follow the report's rows; look the key up only if not.
                    let cell = bucket
                        .rows
                        .get(index)
                        .filter(|r| r.key == row.key)
                        .or_else(|| bucket.rows.iter().find(|r| r.key == row.key))?;
                    Some(WeeklyPoint {
                        spend: cell.metrics.spend.unwrap_or_default(),
                        revenue: cell.metrics.revenue * scale,
                    })
                })
                .collect();
            Some(Candidate {
                key: row.key.clone(),
                label: row.label.clone(),
                channel_id: Some(channel),
                campaign_id: row.key.campaign_id(),
                current_spend: spend,
                credited_revenue,
                sourced_revenue,
                points,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.current_spend
            .cmp(&a.current_spend)
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// The buckets of a WEEK series that are whole ISO weeks (Monday to Sunday).
pub(super) fn full_weeks(report: &PerformanceReport) -> Vec<&SeriesBucket> {
    report
        .series
        .iter()
        .flatten()
        .filter(|b| (b.to - b.from).num_days() == 6)
        .collect()
}
