//! `explainChannel`: which channel a touch lands in, and the rule that decided it.
//!
//! A thin wrapper of [`classify`] with the default rule table (DESIGN §2). Workspace rules
//! are not stored yet; when they are, this passes them to `classify_with` ahead of the
//! defaults and reports the matching one.

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use crate::error::AppResult;
use crate::services::channel::default_channels;
use crate::services::classify::{RULES_VERSION, TouchSignals, classify};

/// The answer for one touch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelExplanation {
    /// Channel group, e.g. `PAID_SEARCH`.
    pub group: String,
    /// The workspace's default channel of that group, where such a touch is recorded.
    pub channel_id: Option<i64>,
    pub rule_id: String,
    pub rule_description: String,
    pub rules_version: String,
    /// The UTM values as understood: cleaned, gaps filled from the landing page.
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    /// The ad-network click id found on the landing page (`gclid`, …).
    pub click_id: Option<String>,
    pub referrer_host: Option<String>,
}

/// Classifies `signals` with the default rules and names the workspace channel it lands in.
pub async fn explain_channel<C: ConnectionTrait>(
    db: &C,
    workspace_id: i64,
    signals: &TouchSignals,
) -> AppResult<ChannelExplanation> {
    let found = classify(signals);
    let channel_id = default_channels(db, workspace_id)
        .await?
        .get(&found.group)
        .copied();
    Ok(ChannelExplanation {
        group: found.group.as_str().to_owned(),
        channel_id,
        rule_id: found.rule_id.to_owned(),
        rule_description: found.rule_description.to_owned(),
        rules_version: RULES_VERSION.to_owned(),
        utm_source: found.utm.source,
        utm_medium: found.utm.medium,
        utm_campaign: found.utm.campaign,
        click_id: found.utm.click_id.map(|c| c.param().to_owned()),
        referrer_host: found.referrer_host,
    })
}
