//! Display names of report rows: channel and campaign names, UTM values as they are.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

use entity::{campaign, channel};

use super::key::RowKey;
use crate::db::scope::InWorkspace;
use crate::error::AppResult;

/// Label of rows without a campaign.
pub const NO_CAMPAIGN: &str = "(no campaign)";
/// Label of rows without the UTM value.
pub const NOT_SET: &str = "(not set)";

/// Names of the workspace's channels and of the campaigns a report shows.
#[derive(Debug, Default)]
pub struct Labels {
    channels: HashMap<i64, String>,
    /// Campaign id → (name, channel id).
    campaigns: HashMap<i64, (String, i64)>,
}

impl Labels {
    /// Loads the names needed for `keys`.
    pub async fn load<'a, C: ConnectionTrait>(
        db: &C,
        workspace_id: i64,
        keys: impl Iterator<Item = &'a RowKey>,
    ) -> AppResult<Self> {
        let mut campaign_ids: Vec<i64> = keys.filter_map(RowKey::campaign_id).collect();
        campaign_ids.sort_unstable();
        campaign_ids.dedup();
        let channels = channel::Entity::find_in_workspace(workspace_id)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        let mut campaigns = HashMap::new();
        // Stay far below the bind-parameter limits of both databases.
        for chunk in campaign_ids.chunks(10_000) {
            let rows = campaign::Entity::find_in_workspace(workspace_id)
                .filter(campaign::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?;
            campaigns.extend(rows.into_iter().map(|c| (c.id, (c.name, c.channel_id))));
        }
        Ok(Self {
            channels,
            campaigns,
        })
    }

    /// The name of a channel (its id when unknown, which a foreign key rules out).
    pub fn channel(&self, id: i64) -> String {
        self.channels
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("channel {id}"))
    }

    pub fn label(&self, key: &RowKey) -> String {
        match key {
            RowKey::Channel(id) => self.channel(*id),
            RowKey::Campaign(Some(id)) => self
                .campaigns
                .get(id)
                .map_or_else(|| format!("campaign {id}"), |(name, _)| name.clone()),
            RowKey::Campaign(None) => NO_CAMPAIGN.to_owned(),
            RowKey::Value(Some(v)) => v.clone(),
            RowKey::Value(None) => NOT_SET.to_owned(),
        }
    }

    /// The channel a row belongs to: the channel itself, or the campaign's channel.
    pub fn channel_of(&self, key: &RowKey) -> Option<i64> {
        match key {
            RowKey::Channel(id) => Some(*id),
            RowKey::Campaign(Some(id)) => self.campaigns.get(id).map(|(_, ch)| *ch),
            _ => None,
        }
    }
}
