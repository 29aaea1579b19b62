//! The economics of each channel group in the demo: how many leads it brings, how they
//! buy, what a lead costs and how leads answer to spend. These numbers *are* the planted
//! structure documented in `super` (the module doc); change both together.

/// How a channel's weekly leads follow from time and spend.
#[derive(Clone, Copy, Debug)]
pub(super) enum Response {
    /// Paid: weekly leads (and revenue) = `L_ref · (S_w / S_ref)^b`, with weekly spend
    /// `S_w = S_ref · ramp(t) · u_w`, where the ramp climbs linearly from `ramp_from` to 1
    /// over the year and `u_w` is drawn uniformly from `1 ± swing` each week.
    Curve { b: f64, ramp_from: f64, swing: f64 },
    /// Unpaid (or spend that does not drive volume, e.g. email tooling): weekly leads =
    /// `L_ref · (from + (1 − from) · t^power)`, t going from 0 to 1 over the year.
    Trend { from: f64, power: f64 },
}

/// One channel group's parameters. Leads are relative weights; the plan scales them.
#[derive(Clone, Copy, Debug)]
pub(super) struct Profile {
    /// Channel group kind, e.g. "PAID_SEARCH".
    pub kind: &'static str,
    /// Weekly leads at the end of the year, relative to the other channels.
    pub lead_weight: f64,
    /// Share of the channel's leads that buy.
    pub purchase_rate: f64,
    /// Average purchase in the reporting currency's major unit.
    pub deal: f64,
    /// Revenue / spend at the reference spend (`S_ref`); `None` for channels without spend.
    pub roas: Option<f64>,
    pub response: Response,
    /// Cost per click and click-through rate, for plausible clicks and impressions.
    pub cpc: f64,
    pub ctr: f64,
}

impl Profile {
    /// Expected revenue per lead, in cents.
    pub fn revenue_per_lead_cents(&self) -> f64 {
        self.purchase_rate * self.deal * 100.0
    }
}

const fn paid(
    kind: &'static str,
    lead_weight: f64,
    purchase_rate: f64,
    deal: f64,
    roas: f64,
    response: Response,
    (cpc, ctr): (f64, f64),
) -> Profile {
    Profile {
        kind,
        lead_weight,
        purchase_rate,
        deal,
        roas: Some(roas),
        response,
        cpc,
        ctr,
    }
}

const fn organic(
    kind: &'static str,
    lead_weight: f64,
    purchase_rate: f64,
    deal: f64,
    from: f64,
    power: f64,
) -> Profile {
    let response = Response::Trend { from, power };
    Profile {
        kind,
        lead_weight,
        purchase_rate,
        deal,
        roas: None,
        response,
        cpc: 0.0,
        ctr: 0.0,
    }
}

/// Every channel group the demo plants, in a fixed order (the order of the RNG streams).
#[rustfmt::skip]
pub(super) const PROFILES: &[Profile] = &[
    // Solid ROAS ≈ 2.6 at today's spend but saturating: b = 0.35, spend ramped up 80% this year.
    paid("PAID_SEARCH", 22.0, 0.10, 1500.0, 2.6, Response::Curve { b: 0.35, ramp_from: 0.55, swing: 0.4 }, (2.4, 0.045)),
    // Saturating too, and weaker: ROAS ≈ 1.7, b = 0.35.
    paid("PAID_SOCIAL", 14.0, 0.06, 1400.0, 1.7, Response::Curve { b: 0.35, ramp_from: 0.6, swing: 0.4 }, (3.1, 0.008)),
    // Poor: ROAS ≈ 0.45, loses money at any spend.
    paid("DISPLAY", 5.0, 0.03, 1200.0, 0.45, Response::Curve { b: 0.7, ramp_from: 0.9, swing: 0.2 }, (0.9, 0.002)),
    // Under-invested: small flat spend, near-linear response (b = 0.85), ROAS ≈ 4.
    paid("PAID_VIDEO", 2.5, 0.09, 1800.0, 4.0, Response::Curve { b: 0.85, ramp_from: 1.0, swing: 0.35 }, (0.6, 0.006)),
    paid("AFFILIATES", 4.0, 0.08, 1300.0, 2.4, Response::Curve { b: 0.7, ramp_from: 0.8, swing: 0.2 }, (1.1, 0.02)),
    // Lumpy: trade shows multiply spend for two weeks; no clicks or impressions.
    paid("EVENTS", 3.0, 0.08, 3000.0, 1.6, Response::Curve { b: 0.6, ramp_from: 1.0, swing: 0.2 }, (0.0, 0.0)),
    // Tooling cost only (ROAS ≈ 25): leads grow with the list, not with spend.
    paid("EMAIL", 8.0, 0.14, 1300.0, 25.0, Response::Trend { from: 0.75, power: 1.0 }, (0.0, 0.03)),
    organic("ORGANIC_SEARCH", 18.0, 0.11, 1400.0, 0.7, 1.0),
    organic("DIRECT", 10.0, 0.15, 1500.0, 0.8, 1.0),
    organic("REFERRAL", 5.0, 0.13, 1700.0, 0.9, 1.0),
    organic("ORGANIC_SOCIAL", 4.0, 0.05, 1100.0, 0.85, 1.0),
    organic("AI_ASSISTANT", 4.5, 0.12, 1400.0, 0.15, 1.6),
];

/// Weekday weights (Monday first) of daily spend and of lead creation: B2B weeks.
pub(super) const SPEND_BY_WEEKDAY: [f64; 7] = [1.05, 1.08, 1.06, 1.04, 0.98, 0.88, 0.91];
pub(super) const LEADS_BY_WEEKDAY: [f64; 7] = [1.18, 1.22, 1.18, 1.10, 0.94, 0.62, 0.76];
/// Hour-of-day weights (local time) of lead creation.
pub(super) const LEADS_BY_HOUR: [f64; 24] = [
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 3.4, 3.2, 2.6, 2.9, 3.1, 2.9, 2.5, 1.9, 1.4,
    1.2, 1.1, 0.9, 0.6, 0.4,
];
/// Share of leads by number of touchpoints (1…6); buyers get one more, up to 6. Mean ≈ 4.
pub(super) const TOUCHES: [f64; 6] = [0.08, 0.12, 0.17, 0.23, 0.22, 0.18];

/// Seasonal dip on a local date: the year-end holidays and August.
pub(super) fn holiday_factor(month: u32, day: u32) -> f64 {
    match (month, day) {
        (12, 22..) | (1, 1) => 0.6,
        (8, _) => 0.9,
        _ => 1.0,
    }
}
