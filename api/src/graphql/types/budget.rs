//! Enums and the fitted curve of `budgetSuggestions` (DESIGN §5); the plan itself is in
//! `budget_plan.rs`.

use async_graphql::{Enum, SimpleObject};

use crate::services::budget_plan::{self as plan, Curve, Level, PlanBound};

/// What a budget plan splits the money between.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum PlanLevel {
    /// Channels with spend in the range, paid or not.
    #[default]
    Channel,
    /// Campaigns with spend in the range.
    Campaign,
}

impl From<PlanLevel> for Level {
    fn from(l: PlanLevel) -> Self {
        match l {
            PlanLevel::Channel => Self::Channel,
            PlanLevel::Campaign => Self::Campaign,
        }
    }
}

impl From<Level> for PlanLevel {
    fn from(l: Level) -> Self {
        match l {
            Level::Channel => Self::Channel,
            Level::Campaign => Self::Campaign,
        }
    }
}

/// The family of diminishing-returns curve fitted to weekly (spend, revenue) points.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum ResponseCurve {
    /// revenue = a · spend^b with 0 < b ≤ 1, least squares in log space.
    #[default]
    PowerLaw,
    /// revenue = max · spend^k / (spend^k + h^k), least squares on the revenue scale.
    Hill,
}

impl From<ResponseCurve> for Curve {
    fn from(c: ResponseCurve) -> Self {
        match c {
            ResponseCurve::PowerLaw => Self::PowerLaw,
            ResponseCurve::Hill => Self::Hill,
        }
    }
}

impl From<Curve> for ResponseCurve {
    fn from(c: Curve) -> Self {
        match c {
            Curve::PowerLaw => Self::PowerLaw,
            Curve::Hill => Self::Hill,
        }
    }
}

/// The constraint that holds a suggestion where it is.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum SpendBound {
    /// Its `minSpend`.
    Min,
    /// Its `maxSpend`.
    Max,
    /// It is locked at its current spend.
    Locked,
    /// The ±`maxChangePct` change cap.
    ChangeCap,
}

impl From<PlanBound> for SpendBound {
    fn from(b: PlanBound) -> Self {
        match b {
            PlanBound::Min => Self::Min,
            PlanBound::Max => Self::Max,
            PlanBound::Locked => Self::Locked,
            PlanBound::ChangeCap => Self::ChangeCap,
        }
    }
}

/// A fitted weekly response curve: weekly spend → weekly revenue, both in the workspace
/// currency. Its parameters are Floats: estimates of a least-squares fit, not amounts of
/// recorded money.
#[derive(SimpleObject, Clone, Copy)]
pub struct ResponseCurveFit {
    /// The curve family.
    pub kind: ResponseCurve,
    /// POWER_LAW: the scale a (weekly revenue at a weekly spend of 1). HILL: the weekly
    /// revenue approached as spend grows. A Float: a fitted parameter.
    pub a: f64,
    /// POWER_LAW: the exponent b (1 = constant returns; smaller saturates sooner). HILL: the
    /// slope k. A Float: a fitted parameter.
    pub b: f64,
    /// HILL only: the weekly spend at which revenue reaches half of `a`; null for POWER_LAW.
    /// A Float: a fitted parameter.
    pub half_saturation: Option<f64>,
    /// Coefficient of determination on the revenue scale, over the points used: 1 is a
    /// perfect fit, below 0 when the curve explains less than a flat line. A Float: a
    /// goodness-of-fit statistic.
    pub r_squared: f64,
    /// Weekly points the fit used.
    pub points: i32,
}

impl From<plan::Fit> for ResponseCurveFit {
    fn from(f: plan::Fit) -> Self {
        Self {
            kind: f.kind.into(),
            a: f.a,
            b: f.b,
            half_saturation: f.half_saturation,
            r_squared: f.r_squared,
            points: i32::try_from(f.points).unwrap_or(i32::MAX),
        }
    }
}
