//! `recordSpend`: one row per (campaign, day); pushing the same day again replaces it. An
//! amount in another currency is converted at the workspace's FX rate of the row's day
//! (`services::fx`), and the amount as sent is kept beside it.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QuerySelect};

use entity::spend;

use super::bulk::{BulkInsert, LOOKUP_CHUNK, Values};
use super::lookup::Campaigns;
use super::validate::{
    IdRef, MAX_UTM_CHARS, RowErrors, Sent, cents, count, currency, optional_text,
};
use super::{Target, run_call};
use crate::db::rollup::{Sign, SpendRows};
use crate::db::scope::InWorkspace;
use crate::error::AppResult;
use crate::services::fx::{FxTable, SentMoney, StoredMoney};
use crate::services::rollup::RollupWriter;

/// One campaign's spend on one local day, as sent. The campaign is named by id or `utm_campaign`.
#[derive(Debug, Clone)]
pub struct SpendEntry {
    pub campaign_id: Option<IdRef>,
    pub utm_campaign: Option<String>,
    pub date: Sent<NaiveDate>,
    pub amount: Sent<Decimal>,
    pub impressions: Option<i64>,
    pub clicks: Option<i64>,
    pub currency: Option<String>,
}

/// What a call stored: rows that were new, and rows that replaced an existing day.
/// A (campaign, day) sent twice in one call counts once; its last entry wins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpendOutcome {
    pub inserted: u64,
    pub updated: u64,
}

/// How a row names its campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CampaignRef {
    Id(i64),
    Utm(String),
    Both(i64, String),
}

/// A row after the checks that need no database; `None` marks a part already reported bad.
#[derive(Debug, Clone)]
pub(super) struct Prepared {
    pub(super) campaign: Option<CampaignRef>,
    pub(super) day: Option<Day>,
}

/// One (campaign, day) row as sent: its amount may be in another currency.
#[derive(Debug, Clone)]
pub(super) struct Day {
    pub(super) date: NaiveDate,
    pub(super) money: SentMoney,
    pub(super) impressions: i64,
    pub(super) clicks: i64,
}

/// What one (campaign, day) row stores.
#[derive(Debug, Clone)]
struct Stored {
    money: StoredMoney,
    impressions: i64,
    clicks: i64,
}

/// Stores `entries` (all or none) and bumps the workspace's data generation.
#[tracing::instrument(skip(db, entries), fields(workspace.id = workspace_id, rows = entries.len()))]
pub async fn record_spend(
    db: &DatabaseConnection,
    workspace_id: i64,
    entries: Vec<SpendEntry>,
    max_rows: usize,
) -> AppResult<SpendOutcome> {
    run_call(
        db,
        workspace_id,
        ("entries", &entries),
        max_rows,
        prepare,
        async |txn, _, prepared, errors| write(txn, workspace_id, prepared, errors).await,
    )
    .await
}

/// Checks one entry without the database, recording every bad field in `errors`.
pub(super) fn prepare(
    index: usize,
    entry: &SpendEntry,
    target: &Target,
    errors: &mut RowErrors,
) -> Prepared {
    let utm = optional_text(entry.utm_campaign.as_deref(), MAX_UTM_CHARS);
    let utm = errors.check(index, "utmCampaign", utm);
    let campaign = match (entry.campaign_id, utm.clone().flatten()) {
        (Some(IdRef::Malformed), _) => {
            errors.push(index, "campaignId", "not a valid Campaign id");
            None
        }
        (Some(IdRef::Valid(id)), Some(utm)) => Some(CampaignRef::Both(id, utm.to_lowercase())),
        (Some(IdRef::Valid(id)), None) => Some(CampaignRef::Id(id)),
        (None, Some(utm)) => Some(CampaignRef::Utm(utm.to_lowercase())),
        (None, None) => {
            if utm.is_some() {
                errors.push(
                    index,
                    "campaignId",
                    "name the campaign by campaignId or utmCampaign",
                );
            }
            None
        }
    };
    let date = entry
        .date
        .clone()
        .and_then(|date| target.clock.not_after_tomorrow(date));
    let date = errors.check(index, "date", date);
    let amount_cents = errors.check(index, "amount", entry.amount.clone().and_then(cents));
    let impressions = errors.check(index, "impressions", count(entry.impressions));
    let clicks = errors.check(index, "clicks", count(entry.clicks));
    let currency = currency(entry.currency.as_deref(), &target.currency);
    let day = match (
        date,
        amount_cents,
        impressions,
        clicks,
        errors.check(index, "currency", currency),
    ) {
        (Some(date), Some(cents), Some(impressions), Some(clicks), Some(currency)) => Some(Day {
            date,
            money: SentMoney { cents, currency },
            impressions,
            clicks,
        }),
        _ => None,
    };
    Prepared { campaign, day }
}

async fn write<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    prepared: Vec<Prepared>,
    mut errors: RowErrors,
) -> AppResult<SpendOutcome> {
    let mut ids = HashSet::new();
    let mut utms = HashSet::new();
    for campaign in prepared.iter().filter_map(|p| p.campaign.as_ref()) {
        match campaign {
            CampaignRef::Id(id) => {
                ids.insert(*id);
            }
            CampaignRef::Utm(utm) => {
                utms.insert(utm.clone());
            }
            CampaignRef::Both(id, utm) => {
                ids.insert(*id);
                utms.insert(utm.clone());
            }
        }
    }
    let campaigns = Campaigns::load(db, workspace_id, ids, utms).await?;
    let needs = prepared
        .iter()
        .filter_map(|p| p.day.as_ref())
        .filter_map(|d| Some((d.money.currency.clone()?, d.date)));
    let fx = FxTable::load(db, workspace_id, needs).await?;
    // Keyed and sorted by (campaign, date): the last entry of a key wins, and writers take row
    // locks in one order.
    let mut rows: BTreeMap<(i64, NaiveDate), Stored> = BTreeMap::new();
    for (index, row) in prepared.into_iter().enumerate() {
        let campaign_id = row
            .campaign
            .and_then(|c| errors.check(index, "campaignId", resolve(&campaigns, &c)));
        let stored = row.day.as_ref().and_then(|day| {
            let money = errors.check(index, "currency", fx.convert(&day.money, day.date))?;
            Some(Stored {
                money,
                impressions: day.impressions,
                clicks: day.clicks,
            })
        });
        if let (Some(campaign_id), Some(day), Some(stored)) = (campaign_id, row.day, stored) {
            rows.insert((campaign_id, day.date), stored);
        }
    }
    errors.into_result()?;

    let existing = existing_keys(db, workspace_id, &rows).await?;
    let updated = rows.keys().filter(|k| existing.contains(k)).count() as u64;
    // A day sent again replaces the stored one: its rollup contribution goes first.
    let replaced: Vec<(i64, NaiveDate)> = rows
        .keys()
        .filter(|k| existing.contains(k))
        .copied()
        .collect();
    let all: Vec<(i64, NaiveDate)> = rows.keys().copied().collect();
    let rollup = RollupWriter::load(db, workspace_id).await?;
    rollup
        .spend(db, SpendRows::Keys(&replaced), Sign::Remove)
        .await?;
    let now = Utc::now();
    let n = rows.len();
    let insert = BulkInsert {
        table: "spend",
        columns: vec![
            ("workspace_id", Values::Int(vec![workspace_id; n])),
            (
                "campaign_id",
                Values::Int(rows.keys().map(|k| k.0).collect()),
            ),
            ("date", Values::Date(rows.keys().map(|k| k.1).collect())),
            (
                "amount_cents",
                Values::Int(rows.values().map(|r| r.money.cents).collect()),
            ),
            (
                "impressions",
                Values::Int(rows.values().map(|r| r.impressions).collect()),
            ),
            (
                "clicks",
                Values::Int(rows.values().map(|r| r.clicks).collect()),
            ),
            ("updated_at", Values::Time(vec![now; n])),
            (
                "original_amount_cents",
                Values::OptInt(rows.values().map(|r| r.money.original_cents()).collect()),
            ),
            (
                "original_currency",
                Values::OptText(rows.values().map(|r| r.money.original_currency()).collect()),
            ),
        ],
        on_conflict: "ON CONFLICT (workspace_id, campaign_id, date) DO UPDATE SET \
            amount_cents = excluded.amount_cents, impressions = excluded.impressions, \
            clicks = excluded.clicks, updated_at = excluded.updated_at, \
            original_amount_cents = excluded.original_amount_cents, \
            original_currency = excluded.original_currency",
        returning: "",
    };
    insert.execute(db).await?;
    rollup.spend(db, SpendRows::Keys(&all), Sign::Add).await?;
    Ok(SpendOutcome {
        inserted: n as u64 - updated,
        updated,
    })
}

fn resolve(campaigns: &Campaigns, campaign: &CampaignRef) -> Result<i64, String> {
    let by_id = |id: i64| {
        campaigns
            .has_id(id)
            .then_some(id)
            .ok_or_else(|| "no such campaign in this workspace".to_owned())
    };
    let by_utm = |utm: &str| {
        campaigns
            .by_utm(utm)
            .ok_or_else(|| format!("no campaign has utmCampaign {utm:?}"))
    };
    match campaign {
        CampaignRef::Id(id) => by_id(*id),
        CampaignRef::Utm(utm) => by_utm(utm),
        CampaignRef::Both(id, utm) => {
            let id = by_id(*id)?;
            if by_utm(utm)? != id {
                return Err(format!(
                    "campaignId and utmCampaign {utm:?} name different campaigns"
                ));
            }
            Ok(id)
        }
    }
}

/// The keys among `rows` that already have a spend row (read under the call's write lock).
async fn existing_keys<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    rows: &BTreeMap<(i64, NaiveDate), Stored>,
) -> AppResult<HashSet<(i64, NaiveDate)>> {
    let (Some(first), Some(last)) = (
        rows.keys().map(|k| k.1).min(),
        rows.keys().map(|k| k.1).max(),
    ) else {
        return Ok(HashSet::new());
    };
    let campaign_ids: Vec<i64> = {
        let set: HashSet<i64> = rows.keys().map(|k| k.0).collect();
        set.into_iter().collect()
    };
    let mut found = HashSet::new();
    for chunk in campaign_ids.chunks(LOOKUP_CHUNK) {
        let keys: Vec<(i64, NaiveDate)> = spend::Entity::find_in_workspace(workspace_id)
            .select_only()
            .columns([spend::Column::CampaignId, spend::Column::Date])
            .filter(spend::Column::CampaignId.is_in(chunk.iter().copied()))
            .filter(spend::Column::Date.between(first, last))
            .into_tuple()
            .all(db)
            .await?;
        found.extend(keys.into_iter().filter(|k| rows.contains_key(k)));
    }
    Ok(found)
}
