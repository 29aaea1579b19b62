//! The performance report as GraphQL objects: rows, metrics, ratios, changes, series.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject};
use rust_decimal::Decimal;

use super::catalog::{Campaign, Channel};
use super::report_enums::{AttributionModel, Dimension, Granularity};
use crate::graphql::loaders::{CampaignLoader, ChannelLoader};
use crate::graphql::scalars::Date;
use crate::services::report::{self, Change as ServiceChange, Metrics};

/// A range of local dates, both inclusive.
#[derive(SimpleObject, Clone, Copy)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day (included).
    pub to: Date,
}

impl From<report::DateRange> for Period {
    fn from(r: report::DateRange) -> Self {
        Self {
            from: Date(r.from),
            to: Date(r.to),
        }
    }
}

pub(super) async fn load_channel(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<Channel>> {
    let Some(id) = id else { return Ok(None) };
    let loader = ctx.data::<DataLoader<ChannelLoader>>()?;
    Ok(loader.load_one(id).await?.map(Channel))
}

pub(super) async fn load_campaign(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<Campaign>> {
    let Some(id) = id else { return Ok(None) };
    let loader = ctx.data::<DataLoader<CampaignLoader>>()?;
    Ok(loader.load_one(id).await?.map(Campaign))
}

/// An amount of money as shown: trailing zeros dropped, but at least the two decimals of
/// cents ("300.00", "33.3333333333333333333333333").
pub(super) fn money(amount: Decimal) -> Decimal {
    let mut shown = amount.normalize();
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    shown
}

pub struct MetricsObject(pub Metrics);

/// Leads, conversions, revenue, spend and their ratios. Amounts are in the workspace
/// currency. Ratios are Σ numerator / Σ denominator over the row, bucket or total, as exact
/// decimals (0.25 is 25%), and null on a zero denominator.
#[Object(name = "Metrics")]
impl MetricsObject {
    /// Leads created in the period, counted by their source (first touch).
    async fn leads(&self) -> i64 {
        self.0.leads
    }
    /// Of those leads, the ones with a conversion by the end of the period.
    async fn converted_leads(&self) -> i64 {
        self.0.converted_leads
    }
    /// Leads whose first purchase (the conversion kind that makes a lead a CUSTOMER) falls in
    /// the period, counted by their source; with `conversionKinds`, their first conversion of
    /// those kinds instead.
    async fn new_customers(&self) -> i64 {
        self.0.new_customers
    }
    /// Conversions of the period credited here by the attribution model (fractional).
    async fn conversions(&self) -> Decimal {
        self.0.conversions.normalize()
    }
    /// Revenue of the period's conversions credited here, in the workspace currency.
    async fn revenue(&self) -> Decimal {
        money(self.0.revenue)
    }
    /// Spend of the period; null for dimensions that carry no spend (UTM values).
    async fn spend(&self) -> Option<Decimal> {
        self.0.spend.map(money)
    }
    /// (revenue − spend) / spend.
    async fn roi(&self) -> Option<Decimal> {
        self.0.roi()
    }
    /// revenue / spend.
    async fn roas(&self) -> Option<Decimal> {
        self.0.roas()
    }
    /// Cost per lead: spend / leads.
    async fn cpl(&self) -> Option<Decimal> {
        self.0.cpl().map(money)
    }
    /// Customer acquisition cost: spend / new customers.
    async fn cac(&self) -> Option<Decimal> {
        self.0.cac().map(money)
    }
    /// converted leads / leads.
    async fn conversion_rate(&self) -> Option<Decimal> {
        self.0.conversion_rate()
    }
}

/// The change of one metric against the comparison period.
#[derive(SimpleObject)]
pub struct Change {
    /// current − previous; null when either is null.
    pub absolute: Option<Decimal>,
    /// (current − previous) / previous; null when either is null or previous is 0.
    pub relative: Option<Decimal>,
}

impl From<ServiceChange> for Change {
    fn from(c: ServiceChange) -> Self {
        Self {
            absolute: c.absolute,
            relative: c.relative,
        }
    }
}

pub struct MetricsChange {
    current: Metrics,
    previous: Metrics,
}

fn int(v: i64) -> Option<Decimal> {
    Some(Decimal::from(v))
}

impl MetricsChange {
    fn of(&self, f: impl Fn(&Metrics) -> Option<Decimal>) -> Change {
        ServiceChange::between(f(&self.current), f(&self.previous)).into()
    }
}

/// Every metric's change from the comparison period to the report's range.
#[Object]
impl MetricsChange {
    /// Change of leads.
    async fn leads(&self) -> Change {
        self.of(|m| int(m.leads))
    }
    /// Change of converted leads.
    async fn converted_leads(&self) -> Change {
        self.of(|m| int(m.converted_leads))
    }
    /// Change of new customers.
    async fn new_customers(&self) -> Change {
        self.of(|m| int(m.new_customers))
    }
    /// Change of credited conversions.
    async fn conversions(&self) -> Change {
        self.of(|m| Some(m.conversions))
    }
    /// Change of credited revenue.
    async fn revenue(&self) -> Change {
        self.of(|m| Some(m.revenue))
    }
    /// Change of spend (null for UTM rows).
    async fn spend(&self) -> Change {
        self.of(|m| m.spend)
    }
    /// Change of ROI.
    async fn roi(&self) -> Change {
        self.of(Metrics::roi)
    }
    /// Change of ROAS.
    async fn roas(&self) -> Change {
        self.of(Metrics::roas)
    }
    /// Change of the cost per lead.
    async fn cpl(&self) -> Change {
        self.of(Metrics::cpl)
    }
    /// Change of the customer acquisition cost.
    async fn cac(&self) -> Change {
        self.of(Metrics::cac)
    }
    /// Change of the conversion rate.
    async fn conversion_rate(&self) -> Change {
        self.of(Metrics::conversion_rate)
    }
}

fn change(current: &Metrics, previous: Option<&Metrics>) -> Option<MetricsChange> {
    previous.map(|p| MetricsChange {
        current: current.clone(),
        previous: p.clone(),
    })
}

pub struct PerformanceRow(pub report::PerformanceRow);

/// One value of the report's dimension.
#[Object]
impl PerformanceRow {
    /// A stable key of the row within its dimension, e.g. "channel:3" or "value:google".
    async fn key(&self) -> String {
        self.0.key.stable_id()
    }
    /// Channel or campaign name, or the UTM value; "(no campaign)" / "(not set)" when absent.
    async fn label(&self) -> &str {
        &self.0.label
    }
    /// The UTM value of a UTM row.
    async fn dimension_value(&self) -> Option<&str> {
        self.0.key.value()
    }
    /// The row's channel (a CAMPAIGN row: the campaign's channel).
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        load_channel(ctx, self.0.channel_id).await
    }
    /// The row's campaign (CAMPAIGN rows).
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        load_campaign(ctx, self.0.key.campaign_id()).await
    }
    /// The row's metrics over the report's range.
    async fn metrics(&self) -> MetricsObject {
        MetricsObject(self.0.metrics.clone())
    }
    /// The same metrics over `compareTo` (zeros where the value had none); null without it.
    async fn previous(&self) -> Option<MetricsObject> {
        self.0.previous.clone().map(MetricsObject)
    }
    /// Change from `previous` to `metrics`; null without `compareTo`.
    async fn change(&self) -> Option<MetricsChange> {
        change(&self.0.metrics, self.0.previous.as_ref())
    }
}

pub struct SeriesRow(pub report::SeriesRow);

/// A row of one bucket of a time series.
#[Object]
impl SeriesRow {
    /// The key of the report row this is part of.
    async fn key(&self) -> String {
        self.0.key.stable_id()
    }
    /// The row's metrics in this bucket.
    async fn metrics(&self) -> MetricsObject {
        MetricsObject(self.0.metrics.clone())
    }
}

pub struct SeriesBucket(pub report::SeriesBucket);

/// One day, week or month; every row of the report appears (zeros where nothing happened).
#[Object]
impl SeriesBucket {
    /// First day of the bucket.
    async fn from(&self) -> Date {
        Date(self.0.from)
    }
    /// Last day of the bucket (included).
    async fn to(&self) -> Date {
        Date(self.0.to)
    }
    /// Σ of the bucket's rows.
    async fn totals(&self) -> MetricsObject {
        MetricsObject(self.0.totals.clone())
    }
    /// In the order of the report's rows.
    async fn rows(&self) -> Vec<SeriesRow> {
        self.0.rows.iter().cloned().map(SeriesRow).collect()
    }
}

pub struct PerformanceReport(pub report::PerformanceReport);

/// Performance per channel, campaign or UTM value over a range.
#[Object]
impl PerformanceReport {
    /// The report's range.
    async fn range(&self) -> Period {
        self.0.args.range.into()
    }
    /// The comparison range, when asked.
    async fn compare_to(&self) -> Option<Period> {
        self.0.args.compare_to.map(|r| r.into())
    }
    /// What the rows are.
    async fn dimension(&self) -> Dimension {
        self.0.args.dimension.into()
    }
    /// The model that credited conversions and revenue.
    async fn attribution(&self) -> AttributionModel {
        self.0.args.model.into()
    }
    /// The bucket size of `series`; null without a time series.
    async fn granularity(&self) -> Option<Granularity> {
        self.0.args.granularity.map(Granularity::from)
    }
    /// ISO 4217 code of every amount.
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    /// By revenue, then leads (both descending), or in `orderBy`'s order; the first `first`
    /// of them when limited.
    async fn rows(&self) -> Vec<PerformanceRow> {
        self.0.rows.iter().cloned().map(PerformanceRow).collect()
    }
    /// How many rows the report has before `first` keeps some.
    async fn row_count(&self) -> i64 {
        let count = self.0.row_count.unwrap_or(self.0.rows.len());
        i64::try_from(count).unwrap_or(i64::MAX)
    }
    /// Σ rows (ratios of the sums).
    async fn totals(&self) -> MetricsObject {
        MetricsObject(self.0.totals.clone())
    }
    /// Σ rows over `compareTo`; null without it.
    async fn previous_totals(&self) -> Option<MetricsObject> {
        self.0.previous_totals.clone().map(MetricsObject)
    }
    /// Change of the totals; null without `compareTo`.
    async fn change(&self) -> Option<MetricsChange> {
        change(&self.0.totals, self.0.previous_totals.as_ref())
    }
    /// The time series (with `granularity`), empty buckets as zeros.
    async fn series(&self) -> Option<Vec<SeriesBucket>> {
        self.0
            .series
            .as_ref()
            .map(|s| s.iter().cloned().map(SeriesBucket).collect())
    }
    /// The time series of `compareTo` (with `granularity` and `compareTo`).
    async fn previous_series(&self) -> Option<Vec<SeriesBucket>> {
        self.0
            .previous_series
            .as_ref()
            .map(|s| s.iter().cloned().map(SeriesBucket).collect())
    }
}
