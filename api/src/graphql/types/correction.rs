//! What the corrections and erasures answer, and the read-back rows: `Spend` and
//! `AuditEntry`.

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use entity::{audit_log, spend};

use super::catalog::Campaign;
use crate::graphql::ids::{IdKind, encode_id};
use crate::graphql::loaders::CampaignLoader;
use crate::services::correction::erasure::Erased;
use crate::services::money::cents_to_decimal;

/// What a deletion removed. Keys that matched nothing (already deleted, never written, or
/// of another workspace) are skipped, so a repeat answers 0.
#[derive(SimpleObject)]
pub struct DeleteResult {
    /// Rows deleted.
    pub deleted: u64,
}

/// What `deleteConversions` removed.
#[derive(SimpleObject)]
pub struct DeleteConversionsResult {
    /// Conversions deleted.
    pub deleted: u64,
    /// CUSTOMER leads that lost their last purchase: QUALIFIED now when another conversion
    /// remains, NEW otherwise.
    pub reverted_customers: u64,
}

/// What an erasure removed: the leads, their touchpoints and their conversions. Erasing
/// again answers 0 everywhere.
#[derive(SimpleObject)]
pub struct EraseResult {
    /// Leads erased (a lead's email, name and company go with it).
    pub deleted: u64,
    /// Their touchpoints deleted.
    pub touchpoints: u64,
    /// Their conversions deleted.
    pub conversions: u64,
}

impl From<Erased> for EraseResult {
    fn from(e: Erased) -> Self {
        Self {
            deleted: e.leads,
            touchpoints: e.touchpoints,
            conversions: e.conversions,
        }
    }
}

pub struct Spend(pub spend::Model);

/// One campaign's spend on one day, as stored by `recordSpend`.
#[Object]
impl Spend {
    /// The day, in the workspace's calendar.
    async fn date(&self) -> NaiveDate {
        self.0.date
    }
    /// The campaign that spent.
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        let loader = ctx.data::<async_graphql::dataloader::DataLoader<CampaignLoader>>()?;
        Ok(loader.load_one(self.0.campaign_id).await?.map(Campaign))
    }
    /// Amount in the workspace currency, to the cent.
    async fn amount(&self) -> Decimal {
        cents_to_decimal(self.0.amount_cents)
    }
    /// Impressions of the day (0 when none were sent).
    async fn impressions(&self) -> i64 {
        self.0.impressions
    }
    /// Clicks of the day (0 when none were sent).
    async fn clicks(&self) -> i64 {
        self.0.clicks
    }
    /// When the row was last written.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// Extra fields of a page of spend.
#[derive(SimpleObject)]
pub struct SpendConnectionFields {
    /// Rows matching the filter, over all pages.
    pub total_count: u64,
    /// Σ of the amounts of every row matching the filter, over all pages, in the workspace
    /// currency.
    pub total_amount: Decimal,
}

pub type SpendConnection = Connection<String, Spend, SpendConnectionFields, EmptyFields>;

/// Who made an audited change.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum AuditActorKind {
    /// A signed-in user: `userId` says who.
    User,
    /// An API token: `tokenPrefix` says which.
    Token,
    /// Support staff on the command line (`leadsource erase`).
    Cli,
}

pub struct AuditEntry(pub audit_log::Model);

/// One audited change: settings, members, tokens or a deletion of data.
#[Object]
impl AuditEntry {
    /// Opaque id of the entry.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// When the change was committed.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    /// The mutation's name, such as `deleteSpend`, `changeRole` or `createApiToken`.
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// Who made it.
    async fn actor_kind(&self) -> AuditActorKind {
        match self.0.actor_kind.as_str() {
            "user" => AuditActorKind::User,
            "token" => AuditActorKind::Token,
            _ => AuditActorKind::Cli,
        }
    }
    /// The acting user's id (`User.id`); null for a token or the command line.
    async fn user_id(&self) -> Option<ID> {
        self.0.actor_user_id.map(|id| encode_id(IdKind::User, id))
    }
    /// The acting API token's display prefix (`lsk_…`); null for a user or the command line.
    async fn token_prefix(&self) -> Option<&str> {
        self.0.actor_token_prefix.as_deref()
    }
    /// The arguments as a JSON object in a string: ids, dates, roles, counts; never a secret,
    /// and for an erasure only counts.
    async fn arguments(&self) -> &str {
        &self.0.arguments
    }
}
