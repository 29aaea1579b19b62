//! Resolving what rows name, a few queries per call: campaigns by id or `utm_campaign`, channels
//! by name or group, and leads by external id.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect};

use entity::{campaign, channel, lead};

use super::bulk::LOOKUP_CHUNK;
use crate::db::scope::InWorkspace;
use crate::error::AppResult;
use crate::services::classify::ChannelGroup;

/// The campaigns a call names, by id and by lower-cased `utm_campaign`.
#[derive(Debug, Default)]
pub struct Campaigns {
    ids: HashSet<i64>,
    by_utm: HashMap<String, i64>,
}

impl Campaigns {
    /// Loads the campaigns among `ids` and those whose `utm_campaign` is among `utms` (lower-cased).
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        workspace_id: i64,
        ids: HashSet<i64>,
        utms: HashSet<String>,
    ) -> AppResult<Self> {
        let mut out = Self::default();
        let ids: Vec<i64> = ids.into_iter().collect();
        for chunk in ids.chunks(LOOKUP_CHUNK) {
            let found: Vec<i64> = campaign::Entity::find_in_workspace(workspace_id)
                .select_only()
                .column(campaign::Column::Id)
                .filter(campaign::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(db)
                .await?;
            out.ids.extend(found);
        }
        let utms: Vec<String> = utms.into_iter().collect();
        for chunk in utms.chunks(LOOKUP_CHUNK) {
            let found: Vec<(i64, Option<String>)> =
                campaign::Entity::find_in_workspace(workspace_id)
                    .select_only()
                    .columns([campaign::Column::Id, campaign::Column::UtmCampaign])
                    .filter(campaign::Column::UtmCampaign.is_in(chunk.iter().cloned()))
                    .into_tuple()
                    .all(db)
                    .await?;
            for (id, utm) in found {
                if let Some(utm) = utm {
                    out.by_utm.insert(utm, id);
                }
            }
        }
        Ok(out)
    }

    pub fn has_id(&self, id: i64) -> bool {
        self.ids.contains(&id)
    }

    /// The campaign whose `utm_campaign` is `utm`, compared case-insensitively.
    pub fn by_utm(&self, utm: &str) -> Option<i64> {
        self.by_utm.get(&utm.trim().to_lowercase()).copied()
    }
}

/// The workspace's channels: each group's default, and every channel by lower-cased name.
#[derive(Debug, Default)]
pub struct Channels {
    defaults: HashMap<ChannelGroup, i64>,
    by_name: HashMap<String, i64>,
}

impl Channels {
    pub async fn load<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<Self> {
        let rows: Vec<(i64, String, String, bool)> =
            channel::Entity::find_in_workspace(workspace_id)
                .select_only()
                .columns([
                    channel::Column::Id,
                    channel::Column::Name,
                    channel::Column::Kind,
                    channel::Column::IsDefault,
                ])
                .into_tuple()
                .all(db)
                .await?;
        let mut out = Self::default();
        for (id, name, kind, is_default) in rows {
            if is_default && let Some(group) = ChannelGroup::parse(&kind) {
                out.defaults.insert(group, id);
            }
            out.by_name.insert(name.to_lowercase(), id);
        }
        Ok(out)
    }

    /// The default channel of `group`: where classified touches land.
    pub fn default_of(&self, group: ChannelGroup) -> Result<i64, String> {
        self.defaults
            .get(&group)
            .copied()
            .ok_or_else(|| format!("the workspace has no default {group} channel"))
    }

    /// A channel named by the caller: one of the workspace's channels by name, else a group's default.
    pub fn named(&self, name: &str) -> Result<i64, String> {
        if let Some(id) = self.by_name.get(&name.trim().to_lowercase()) {
            return Ok(*id);
        }
        match ChannelGroup::parse(name) {
            Some(group) => self.default_of(group),
            None => Err(format!(
                "no channel named {name:?}: use one of the workspace's channel names or a channel group such as EVENTS"
            )),
        }
    }
}

/// A lead that rows refer to by external id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownLead {
    pub id: i64,
    pub created_at: DateTime<Utc>,
}

/// The leads among `external_ids` that exist, by external id.
pub async fn leads_by_external_id<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    external_ids: &[String],
) -> AppResult<HashMap<String, KnownLead>> {
    let mut out = HashMap::with_capacity(external_ids.len());
    for chunk in external_ids.chunks(LOOKUP_CHUNK) {
        let rows: Vec<(i64, String, DateTime<Utc>)> = lead::Entity::find_in_workspace(workspace_id)
            .select_only()
            .columns([
                lead::Column::Id,
                lead::Column::ExternalId,
                lead::Column::CreatedAt,
            ])
            .filter(lead::Column::ExternalId.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, external_id, created_at) in rows {
            out.insert(external_id, KnownLead { id, created_at });
        }
    }
    Ok(out)
}

/// Why a row naming an unknown lead is refused.
pub const UNKNOWN_LEAD: &str = "no lead with this externalId: capture the lead first";

/// The distinct values of `keys`, for one lookup per call.
pub fn distinct<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<String> {
    let set: HashSet<&String> = keys.collect();
    set.into_iter().cloned().collect()
}

/// Leads by id, for answers that list what a call captured.
pub async fn leads_by_ids<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    ids: &[i64],
) -> AppResult<HashMap<i64, lead::Model>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        let rows = lead::Entity::find_in_workspace(workspace_id)
            .filter(lead::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|l| (l.id, l)));
    }
    Ok(out)
}

/// The distinct ids, sorted (the order in which writers lock their rows).
pub fn distinct_ids(ids: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
