//! Inputs of the report queries and their conversion into canonical service arguments.

use async_graphql::{ID, InputObject};

use super::super::ids::{IdKind, decode_id};
use super::super::scalars::SentDate;
use crate::error::AppResult;
use crate::graphql::types::report_enums::{
    AttributionModel, Dimension as DimensionArg, Granularity,
};
use crate::services::classify::TouchSignals;
use crate::services::report::{
    AttributionSettings, DateRange, Dimension, PerformanceArgs, ReportFilter, SettingsInput,
};

/// The canonical arguments of `performance` (and `performanceUpdates`, which takes the same)
/// from its GraphQL arguments; errors name the argument.
pub fn performance_args(
    range: DateRangeInput,
    dimension: DimensionArg,
    attribution: AttributionModel,
    granularity: Option<Granularity>,
    compare_to: Option<DateRangeInput>,
    filter: Option<PerformanceFilterInput>,
    options: Option<AttributionOptionsInput>,
) -> AppResult<PerformanceArgs> {
    PerformanceArgs::new(
        range.into_service("range")?,
        dimension.into(),
        attribution.into(),
        options.unwrap_or_default().into_service()?,
        granularity.map(Into::into),
        compare_to
            .map(|r| r.into_service("compareTo"))
            .transpose()?,
        filter.unwrap_or_default().into_service(dimension.into())?,
    )
}

/// Local dates of the workspace time zone, both inclusive.
#[derive(InputObject, Clone)]
#[graphql(name = "DateRange")]
pub struct DateRangeInput {
    /// First day.
    pub from: SentDate,
    /// Last day (included).
    pub to: SentDate,
}

impl DateRangeInput {
    /// The validated range; `field` names the argument in errors.
    pub fn into_service(self, field: &str) -> AppResult<DateRange> {
        let from = self.from.parse(&format!("{field}.from"))?;
        let to = self.to.parse(&format!("{field}.to"))?;
        DateRange::new(field, from, to)
    }
}

/// Tuning of the attribution models; omitted fields take the defaults.
#[derive(InputObject, Default)]
#[graphql(name = "AttributionOptions")]
pub struct AttributionOptionsInput {
    /// How far before a conversion its journey reaches, in days (1 to 3650, default 90).
    pub lookback_days: Option<i32>,
    /// TIME_DECAY half-life in days, above 0 (default 7); fractions of a day are allowed. A
    /// Float: a model parameter, not an amount.
    pub half_life_days: Option<f64>,
    /// POSITION_BASED share of the first touch, 0 to 1 (default 0.4). A Float: a model
    /// parameter, not an amount; credits are still exact decimals.
    pub first_weight: Option<f64>,
    /// POSITION_BASED share of the last touch, 0 to 1 (default 0.4); first + last ≤ 1. A
    /// Float, like `firstWeight`.
    pub last_weight: Option<f64>,
}

impl AttributionOptionsInput {
    pub fn into_service(self) -> AppResult<AttributionSettings> {
        AttributionSettings::new(&SettingsInput {
            lookback_days: self.lookback_days.map(i64::from),
            half_life_days: self.half_life_days,
            first_weight: self.first_weight,
            last_weight: self.last_weight,
        })
    }
}

/// Narrows a performance report.
#[derive(InputObject, Default)]
#[graphql(name = "PerformanceFilter")]
pub struct PerformanceFilterInput {
    /// Keep only the rows of these channels (CHANNEL rows, or CAMPAIGN rows on them).
    pub channel_ids: Option<Vec<ID>>,
    /// Keep only these campaigns' rows (CAMPAIGN dimension).
    pub campaign_ids: Option<Vec<ID>>,
    /// Count only conversions of these kinds (e.g. "purchase"), everywhere in the report.
    pub conversion_kinds: Option<Vec<String>>,
}

impl PerformanceFilterInput {
    pub fn into_service(self, dimension: Dimension) -> AppResult<ReportFilter> {
        let ids = |list: Option<Vec<ID>>, kind: IdKind, field: &str| {
            list.unwrap_or_default()
                .iter()
                .map(|id| decode_id(kind, field, id))
                .collect::<AppResult<Vec<i64>>>()
        };
        ReportFilter::new(
            dimension,
            ids(self.channel_ids, IdKind::Channel, "filter.channelIds")?,
            ids(self.campaign_ids, IdKind::Campaign, "filter.campaignIds")?,
            self.conversion_kinds.unwrap_or_default(),
        )
    }
}

/// The marks of one visit, as a tracking script would send them.
#[derive(InputObject, Default)]
pub struct TouchInput {
    /// utm_source as given (a landing page's value fills it when absent).
    pub utm_source: Option<String>,
    /// utm_medium as given (a landing page's value fills it when absent).
    pub utm_medium: Option<String>,
    /// utm_campaign as given (a landing page's value fills it when absent).
    pub utm_campaign: Option<String>,
    /// utm_term as given (a landing page's value fills it when absent).
    pub utm_term: Option<String>,
    /// utm_content as given (a landing page's value fills it when absent).
    pub utm_content: Option<String>,
    /// The referring URL (or host).
    pub referrer: Option<String>,
    /// The landing URL; its query string fills missing UTM values and click ids.
    pub landing_page: Option<String>,
}

impl From<TouchInput> for TouchSignals {
    fn from(t: TouchInput) -> Self {
        TouchSignals {
            utm_source: t.utm_source,
            utm_medium: t.utm_medium,
            utm_campaign: t.utm_campaign,
            utm_term: t.utm_term,
            utm_content: t.utm_content,
            referrer: t.referrer,
            landing_page: t.landing_page,
        }
    }
}
