//! What every report needs to know about its workspace.

use chrono_tz::Tz;
use sea_orm::ConnectionTrait;

use crate::error::{AppError, AppResult};
use crate::services::channel::default_channels;
use crate::services::classify::ChannelGroup;
use crate::services::rollup::rollups_current;
use crate::services::workspace::{find_workspace, timezone_of};

/// The workspace of a report: its id, time zone, currency and DIRECT channel.
#[derive(Debug, Clone)]
pub struct ReportContext {
    pub workspace_id: i64,
    pub tz: Tz,
    pub currency: String,
    /// The seeded DIRECT channel: LAST_NON_DIRECT skips it.
    pub direct_channel: i64,
    /// The workspace's rollups are built at the current version and may answer.
    pub rollups: bool,
}

impl ReportContext {
    pub async fn load<C: ConnectionTrait>(db: &C, workspace_id: i64) -> AppResult<Self> {
        let ws = find_workspace(db, workspace_id).await?;
        let direct_channel = default_channels(db, workspace_id)
            .await?
            .get(&ChannelGroup::Direct)
            .copied()
            .ok_or_else(|| AppError::Internal("workspace has no DIRECT channel".into()))?;
        Ok(Self {
            workspace_id,
            tz: timezone_of(&ws),
            currency: ws.currency,
            direct_channel,
            rollups: rollups_current(db, workspace_id).await?,
        })
    }
}
