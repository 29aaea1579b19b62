//! Attribution reports as GraphQL objects: credits per channel and campaign, model spreads.

use async_graphql::{Context, Object, Result};
use rust_decimal::Decimal;

use super::catalog::{Campaign, Channel};
use super::performance::{Period, load_campaign, load_channel, money};
use super::report_enums::AttributionModel;
use crate::services::report;

pub struct ChannelCredit(pub report::CreditLine);

/// A channel's credit.
#[Object]
impl ChannelCredit {
    /// The channel.
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        load_channel(ctx, self.0.id).await
    }
    /// The channel's name.
    async fn label(&self) -> &str {
        &self.0.label
    }
    /// Credited conversions (fractional for multi-touch models).
    async fn conversions(&self) -> Decimal {
        self.0.conversions.normalize()
    }
    /// Credited revenue, in the workspace currency.
    async fn revenue(&self) -> Decimal {
        money(self.0.revenue)
    }
    /// conversions / all conversions; null when nothing converted.
    async fn share(&self) -> Option<Decimal> {
        self.0.share
    }
}

pub struct CampaignCredit(pub report::CreditLine);

/// A campaign's credit (touches without a campaign form one line with a null campaign).
#[Object]
impl CampaignCredit {
    /// The campaign; null for touches without one.
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        load_campaign(ctx, self.0.id).await
    }
    /// The campaign's name, or "(no campaign)".
    async fn label(&self) -> &str {
        &self.0.label
    }
    /// Credited conversions (fractional for multi-touch models).
    async fn conversions(&self) -> Decimal {
        self.0.conversions.normalize()
    }
    /// Credited revenue, in the workspace currency.
    async fn revenue(&self) -> Decimal {
        money(self.0.revenue)
    }
    /// conversions / all conversions; null when nothing converted.
    async fn share(&self) -> Option<Decimal> {
        self.0.share
    }
}

pub struct AttributionReport(pub report::AttributionReport);

/// One model's credits over a range: every conversion of the range is split among the
/// touches of its journey, so credits sum to the range's conversions and revenue.
#[Object]
impl AttributionReport {
    /// The model that credited.
    async fn model(&self) -> AttributionModel {
        self.0.model.into()
    }
    /// The range whose conversions are credited.
    async fn range(&self) -> Period {
        self.0.range.into()
    }
    /// Journeys of the range: one per conversion, plus one per never-converting lead with touches in the range.
    async fn journeys(&self) -> u64 {
        self.0.journeys
    }
    /// Journeys that end in a conversion of the range (one per conversion).
    async fn converting_journeys(&self) -> u64 {
        self.0.converting_journeys
    }
    /// Journeys of leads that never converted, with touches in the range.
    async fn non_converting_journeys(&self) -> u64 {
        self.0.non_converting_journeys
    }
    /// Conversions of the range (= Σ credited conversions).
    async fn conversions(&self) -> Decimal {
        self.0.conversions
    }
    /// Revenue of the range (= Σ credited revenue).
    async fn revenue(&self) -> Decimal {
        money(self.0.revenue)
    }
    /// True when SHAPLEY was estimated by seeded sampling (more than 15 channels).
    async fn approximate(&self) -> bool {
        self.0.approximate
    }
    /// Every channel on a journey of the range, by credited conversions (descending).
    async fn channels(&self) -> Vec<ChannelCredit> {
        self.0.channels.iter().cloned().map(ChannelCredit).collect()
    }
    /// Per campaign, for the rule-based models; null for MARKOV and SHAPLEY.
    async fn campaigns(&self) -> Option<Vec<CampaignCredit>> {
        self.0
            .campaigns
            .as_ref()
            .map(|c| c.iter().cloned().map(CampaignCredit).collect())
    }
}

pub struct ModelCredit {
    model: AttributionModel,
    line: report::CreditLine,
}

/// One model's credit of a channel, in a comparison.
#[Object]
impl ModelCredit {
    /// The model of this credit.
    async fn model(&self) -> AttributionModel {
        self.model
    }
    /// Credited conversions.
    async fn conversions(&self) -> Decimal {
        self.line.conversions.normalize()
    }
    /// Credited revenue.
    async fn revenue(&self) -> Decimal {
        money(self.line.revenue)
    }
    /// conversions / all conversions; null when nothing converted.
    async fn share(&self) -> Option<Decimal> {
        self.line.share
    }
}

pub struct ChannelComparison {
    models: Vec<AttributionModel>,
    row: report::ChannelComparison,
}

/// A channel under several models, and how far they disagree.
#[Object]
impl ChannelComparison {
    /// The channel.
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        load_channel(ctx, Some(self.row.channel_id)).await
    }
    /// The channel's name.
    async fn label(&self) -> &str {
        &self.row.label
    }
    /// One credit per model, in the order of the query's `models`.
    async fn credits(&self) -> Vec<ModelCredit> {
        self.models
            .iter()
            .zip(&self.row.credits)
            .map(|(&model, line)| ModelCredit {
                model,
                line: line.clone(),
            })
            .collect()
    }
    /// The smallest credited conversions across the models.
    async fn min_conversions(&self) -> Decimal {
        self.row.min_conversions.normalize()
    }
    /// The largest credited conversions across the models.
    async fn max_conversions(&self) -> Decimal {
        self.row.max_conversions.normalize()
    }
    /// The smallest credited revenue across the models.
    async fn min_revenue(&self) -> Decimal {
        money(self.row.min_revenue)
    }
    /// The largest credited revenue across the models.
    async fn max_revenue(&self) -> Decimal {
        money(self.row.max_revenue)
    }
}

pub struct AttributionComparison(pub report::AttributionComparison);

/// Several models' channel credits side by side.
#[Object]
impl AttributionComparison {
    /// The models compared, each once, in the order asked.
    async fn models(&self) -> Vec<AttributionModel> {
        self.0.models.iter().map(|&m| m.into()).collect()
    }
    /// The range whose conversions are credited.
    async fn range(&self) -> Period {
        self.0.range.into()
    }
    /// Journeys of the range, converting or not.
    async fn journeys(&self) -> u64 {
        self.0.journeys
    }
    /// Journeys that end in a conversion of the range (one per conversion).
    async fn converting_journeys(&self) -> u64 {
        self.0.converting_journeys
    }
    /// Conversions of the range: every model credits exactly these.
    async fn conversions(&self) -> Decimal {
        self.0.conversions
    }
    /// Revenue of the range: every model credits exactly this.
    async fn revenue(&self) -> Decimal {
        money(self.0.revenue)
    }
    /// By credited conversions summed over the models (descending).
    async fn channels(&self) -> Vec<ChannelComparison> {
        let models: Vec<AttributionModel> = self.0.models.iter().map(|&m| m.into()).collect();
        self.0
            .channels
            .iter()
            .map(|row| ChannelComparison {
                models: models.clone(),
                row: row.clone(),
            })
            .collect()
    }
}
