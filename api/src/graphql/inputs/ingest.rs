//! Inputs of the ingestion mutations and their conversion into service rows. An id that does not
//! decode, and a date, timestamp or amount that does not read, becomes a bad row of the call
//! (with its index, listed with the call's other bad rows), not an error of the whole request.

use super::super::ids::{IdKind, decode_id};
use super::super::scalars::{SentDate, SentDateTime, SentDecimal};
use crate::services::ingest::conversion::NewConversion;
use crate::services::ingest::fx_rate::FxRateEntry;
use crate::services::ingest::lead::NewLead;
use crate::services::ingest::spend::SpendEntry;
use crate::services::ingest::touchpoint::NewTouchpoint;
use crate::services::ingest::{IdRef, TouchInput};
use async_graphql::{ID, InputObject};

fn campaign_ref(id: Option<ID>) -> Option<IdRef> {
    id.map(|id| match decode_id(IdKind::Campaign, "campaignId", &id) {
        Ok(n) => IdRef::Valid(n),
        Err(_) => IdRef::Malformed,
    })
}

/// One campaign's spend on one day; sending the same campaign and day again replaces it.
/// Name the campaign by `campaignId` or by `utmCampaign`.
#[derive(InputObject)]
pub struct SpendInput {
    /// The campaign's id.
    pub campaign_id: Option<ID>,
    /// The campaign's `utmCampaign` (case-insensitive), so scripts need no ids.
    pub utm_campaign: Option<String>,
    /// The local day in the workspace time zone; not after tomorrow.
    pub date: SentDate,
    /// Spend in `currency` (the workspace's when absent): at least 0, at most two decimal
    /// places.
    pub amount: SentDecimal,
    /// At least 0; 0 when absent.
    pub impressions: Option<i64>,
    /// At least 0; 0 when absent.
    pub clicks: Option<i64>,
    /// ISO 4217 code of `amount`; the workspace currency when absent. Another currency is
    /// converted at the workspace's FX rate of `date` (or the latest earlier one, at most 7
    /// days old): stored amount = round_half_even(amount × rate, 2), rate being units of the
    /// reporting currency per unit of this one; the amount as sent is kept. No rate: a bad
    /// row naming the day and currency.
    pub currency: Option<String>,
}

impl From<SpendInput> for SpendEntry {
    fn from(input: SpendInput) -> Self {
        SpendEntry {
            campaign_id: campaign_ref(input.campaign_id),
            utm_campaign: input.utm_campaign,
            date: input.date.read(),
            amount: input.amount.read(),
            impressions: input.impressions,
            clicks: input.clicks,
            currency: input.currency,
        }
    }
}

/// A lead from a form or a partner; capturing the same `externalId` again updates the contact
/// fields it carries and never the lead's source.
#[derive(InputObject)]
pub struct LeadInput {
    /// Your id for the lead, unique in the workspace (at most 200 characters).
    pub external_id: String,
    /// The contact's e-mail address (stored lower-cased).
    pub email: Option<String>,
    /// The contact's name.
    pub name: Option<String>,
    /// The contact's company.
    pub company: Option<String>,
    /// When the lead was created; now when absent. Not after tomorrow (workspace time zone).
    pub created_at: Option<SentDateTime>,
    /// A channel name of the workspace, or a channel group such as EVENTS (trade-show imports).
    /// When absent the channel is classified from the UTM values, click ids and referrer.
    pub channel: Option<String>,
    /// The campaign; when absent, the campaign whose utmCampaign matches, if any.
    pub campaign_id: Option<ID>,
    /// utm_source; when absent, read from the landing page's query string.
    pub utm_source: Option<String>,
    /// utm_medium; when absent, read from the landing page's query string.
    pub utm_medium: Option<String>,
    /// utm_campaign; when absent, read from the landing page's query string.
    pub utm_campaign: Option<String>,
    /// utm_term; when absent, read from the landing page's query string.
    pub utm_term: Option<String>,
    /// utm_content; when absent, read from the landing page's query string.
    pub utm_content: Option<String>,
    /// The page the visitor came from.
    pub referrer: Option<String>,
    /// The URL the visitor landed on, with its query string (UTM values, click ids).
    pub landing_page: Option<String>,
}

impl From<LeadInput> for NewLead {
    fn from(input: LeadInput) -> Self {
        NewLead {
            external_id: input.external_id,
            email: input.email,
            name: input.name,
            company: input.company,
            created_at: input
                .created_at
                .as_ref()
                .map(SentDateTime::read)
                .transpose(),
            touch: TouchInput {
                channel: input.channel,
                campaign_id: campaign_ref(input.campaign_id),
                utm_source: input.utm_source,
                utm_medium: input.utm_medium,
                utm_campaign: input.utm_campaign,
                utm_term: input.utm_term,
                utm_content: input.utm_content,
                referrer: input.referrer,
                landing_page: input.landing_page,
            },
        }
    }
}

/// One interaction of a known lead; a repeated `eventId` is ignored.
#[derive(InputObject)]
pub struct TouchpointInput {
    /// Your id for the event, unique in the workspace; without one every push is stored.
    pub event_id: Option<String>,
    /// The lead's `externalId`.
    pub lead_external_id: String,
    /// Now when absent. Not after tomorrow (workspace time zone).
    pub occurred_at: Option<SentDateTime>,
    /// A channel name or channel group; classified when absent.
    pub channel: Option<String>,
    /// The campaign; when absent, the campaign whose utmCampaign matches, if any.
    pub campaign_id: Option<ID>,
    /// utm_source; when absent, read from the landing page's query string.
    pub utm_source: Option<String>,
    /// utm_medium; when absent, read from the landing page's query string.
    pub utm_medium: Option<String>,
    /// utm_campaign; when absent, read from the landing page's query string.
    pub utm_campaign: Option<String>,
    /// utm_term; when absent, read from the landing page's query string.
    pub utm_term: Option<String>,
    /// utm_content; when absent, read from the landing page's query string.
    pub utm_content: Option<String>,
    /// The page the visitor came from.
    pub referrer: Option<String>,
    /// The URL the visitor landed on, with its query string.
    pub landing_page: Option<String>,
}

impl From<TouchpointInput> for NewTouchpoint {
    fn from(input: TouchpointInput) -> Self {
        NewTouchpoint {
            event_id: input.event_id,
            lead_external_id: input.lead_external_id,
            occurred_at: input
                .occurred_at
                .as_ref()
                .map(SentDateTime::read)
                .transpose(),
            touch: TouchInput {
                channel: input.channel,
                campaign_id: campaign_ref(input.campaign_id),
                utm_source: input.utm_source,
                utm_medium: input.utm_medium,
                utm_campaign: input.utm_campaign,
                utm_term: input.utm_term,
                utm_content: input.utm_content,
                referrer: input.referrer,
                landing_page: input.landing_page,
            },
        }
    }
}

/// A conversion of a known lead; a repeated `externalId` is ignored.
#[derive(InputObject)]
pub struct ConversionInput {
    /// Your id for the conversion, unique in the workspace.
    pub external_id: String,
    /// The lead's `externalId`.
    pub lead_external_id: String,
    /// signup, opportunity, purchase…: a `purchase` makes the lead a CUSTOMER.
    pub kind: String,
    /// Now when absent; not before the lead's creation, not after tomorrow.
    pub occurred_at: Option<SentDateTime>,
    /// In `currency` (the workspace's when absent), at least 0, at most two decimal places;
    /// 0 when absent.
    pub revenue: Option<SentDecimal>,
    /// ISO 4217 code of `revenue`; the workspace currency when absent. Another currency is
    /// converted at the workspace's FX rate of the conversion's local day (or the latest
    /// earlier one, at most 7 days old): stored revenue = round_half_even(revenue × rate, 2);
    /// the amount as sent is kept. No rate: a bad row naming the day and currency.
    pub currency: Option<String>,
}

impl From<ConversionInput> for NewConversion {
    fn from(input: ConversionInput) -> Self {
        NewConversion {
            external_id: input.external_id,
            lead_external_id: input.lead_external_id,
            kind: input.kind,
            occurred_at: input
                .occurred_at
                .as_ref()
                .map(SentDateTime::read)
                .transpose(),
            revenue: input.revenue.as_ref().map(SentDecimal::read).transpose(),
            currency: input.currency,
        }
    }
}

/// One day's exchange rate of a foreign currency into the workspace's reporting currency;
/// sending the same currency and day again replaces it.
#[derive(InputObject)]
pub struct FxRateInput {
    /// The day the rate applies to; it also serves the next 7 days that have none.
    pub date: SentDate,
    /// ISO 4217 code of the foreign currency; the reporting currency itself is refused.
    pub currency: String,
    /// Units of the reporting currency worth 1 unit of `currency` (with EUR reporting and
    /// currency USD, 0.92 means 1 USD = 0.92 EUR): more than 0, at most 1,000,000, at most
    /// 12 decimal places.
    pub rate: SentDecimal,
}

impl From<FxRateInput> for FxRateEntry {
    fn from(input: FxRateInput) -> Self {
        FxRateEntry {
            date: input.date.read(),
            currency: input.currency,
            rate: input.rate.read(),
        }
    }
}
