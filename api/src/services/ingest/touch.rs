//! The source of a lead or a touchpoint: UTM values (missing ones read from the landing page), the
//! referrer, an optional explicit channel and campaign. Validated and classified per row (DESIGN §2),
//! then given channel and campaign ids in one pass over the call.

use std::collections::HashSet;

use sea_orm::ConnectionTrait;

use super::bulk::Values;
use super::lookup::{Campaigns, Channels};
use super::validate::{
    IdRef, MAX_NAME_CHARS, MAX_URL_CHARS, MAX_UTM_CHARS, RowErrors, optional_text,
};
use crate::error::AppResult;
use crate::services::classify::{ChannelGroup, ResolvedUtm, TouchSignals, classify};

/// Where a visit came from, as sent.
#[derive(Debug, Clone, Default)]
pub struct TouchInput {
    /// A channel name of the workspace or a channel group (EVENTS for a trade-show import);
    /// when absent the channel is classified from the other fields.
    pub channel: Option<String>,
    /// An explicit campaign; when absent, the campaign whose `utm_campaign` matches, if any.
    pub campaign_id: Option<IdRef>,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_term: Option<String>,
    pub utm_content: Option<String>,
    pub referrer: Option<String>,
    pub landing_page: Option<String>,
}

/// A validated, classified touch whose channel and campaign are not resolved yet.
#[derive(Debug, Clone)]
pub struct Touch {
    pub group: ChannelGroup,
    pub channel_name: Option<String>,
    pub campaign_id: Option<i64>,
    pub utm: ResolvedUtm,
    pub referrer: Option<String>,
    pub landing_page: Option<String>,
}

/// A touch with its channel and campaign ids: what lead and touchpoint rows store.
#[derive(Debug, Clone)]
pub struct ResolvedTouch {
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub utm: ResolvedUtm,
    pub referrer: Option<String>,
    pub landing_page: Option<String>,
}

/// Validates and classifies row `index`'s touch, recording every bad field in `errors`.
pub fn prepare_touch(index: usize, input: &TouchInput, errors: &mut RowErrors) -> Option<Touch> {
    let mut ok = true;
    let mut text = |field: &str, value: &Option<String>, max: usize| {
        let checked = errors.check(index, field, optional_text(value.as_deref(), max));
        ok &= checked.is_some();
        checked.flatten()
    };
    let signals = TouchSignals {
        utm_source: text("utmSource", &input.utm_source, MAX_UTM_CHARS),
        utm_medium: text("utmMedium", &input.utm_medium, MAX_UTM_CHARS),
        utm_campaign: text("utmCampaign", &input.utm_campaign, MAX_UTM_CHARS),
        utm_term: text("utmTerm", &input.utm_term, MAX_UTM_CHARS),
        utm_content: text("utmContent", &input.utm_content, MAX_UTM_CHARS),
        referrer: text("referrer", &input.referrer, MAX_URL_CHARS),
        landing_page: text("landingPage", &input.landing_page, MAX_URL_CHARS),
    };
    let channel_name = text("channel", &input.channel, MAX_NAME_CHARS);
    let campaign_id = match input.campaign_id {
        Some(IdRef::Valid(id)) => Some(id),
        Some(IdRef::Malformed) => {
            errors.push(index, "campaignId", "not a valid Campaign id");
            ok = false;
            None
        }
        None => None,
    };
    if !ok {
        return None;
    }
    let classification = classify(&signals);
    Some(Touch {
        group: classification.group,
        channel_name,
        campaign_id,
        utm: classification.utm,
        referrer: signals.referrer,
        landing_page: signals.landing_page,
    })
}

/// The workspace's channels and the campaigns the call's touches name.
pub struct TouchResolver {
    channels: Channels,
    campaigns: Campaigns,
}

impl TouchResolver {
    pub async fn load<'a, C: ConnectionTrait>(
        db: &C,
        workspace_id: i64,
        touches: impl Iterator<Item = &'a Touch>,
    ) -> AppResult<Self> {
        let mut ids = HashSet::new();
        let mut utms = HashSet::new();
        for touch in touches {
            match (touch.campaign_id, &touch.utm.campaign) {
                (Some(id), _) => {
                    ids.insert(id);
                }
                (None, Some(utm)) => {
                    utms.insert(utm.to_lowercase());
                }
                (None, None) => {}
            }
        }
        Ok(Self {
            channels: Channels::load(db, workspace_id).await?,
            campaigns: Campaigns::load(db, workspace_id, ids, utms).await?,
        })
    }

    /// Channel: the named one, else the classified group's default. Campaign: the explicit one
    /// (which must exist), else the one whose `utm_campaign` matches, else none.
    pub fn resolve(
        &self,
        index: usize,
        touch: Touch,
        errors: &mut RowErrors,
    ) -> Option<ResolvedTouch> {
        let channel = match &touch.channel_name {
            Some(name) => self.channels.named(name),
            None => self.channels.default_of(touch.group),
        };
        let channel_id = errors.check(index, "channel", channel);
        let campaign_id = match touch.campaign_id {
            Some(id) if self.campaigns.has_id(id) => Some(Some(id)),
            Some(_) => {
                errors.push(index, "campaignId", "no such campaign in this workspace");
                None
            }
            None => Some(
                touch
                    .utm
                    .campaign
                    .as_deref()
                    .and_then(|u| self.campaigns.by_utm(u)),
            ),
        };
        Some(ResolvedTouch {
            channel_id: channel_id?,
            campaign_id: campaign_id?,
            utm: touch.utm,
            referrer: touch.referrer,
            landing_page: touch.landing_page,
        })
    }
}

/// The channel, campaign, UTM, referrer and landing-page columns shared by lead and touchpoint.
pub fn touch_columns<'a>(
    touches: impl Iterator<Item = &'a ResolvedTouch> + Clone,
) -> Vec<(&'static str, Values)> {
    fn column<'a>(
        touches: impl Iterator<Item = &'a ResolvedTouch>,
        f: impl Fn(&ResolvedTouch) -> Option<String>,
    ) -> Values {
        Values::OptText(touches.map(f).collect())
    }
    vec![
        (
            "channel_id",
            Values::Int(touches.clone().map(|t| t.channel_id).collect()),
        ),
        (
            "campaign_id",
            Values::OptInt(touches.clone().map(|t| t.campaign_id).collect()),
        ),
        (
            "utm_source",
            column(touches.clone(), |t| t.utm.source.clone()),
        ),
        (
            "utm_medium",
            column(touches.clone(), |t| t.utm.medium.clone()),
        ),
        (
            "utm_campaign",
            column(touches.clone(), |t| t.utm.campaign.clone()),
        ),
        ("utm_term", column(touches.clone(), |t| t.utm.term.clone())),
        (
            "utm_content",
            column(touches.clone(), |t| t.utm.content.clone()),
        ),
        ("referrer", column(touches.clone(), |t| t.referrer.clone())),
        ("landing_page", column(touches, |t| t.landing_page.clone())),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> TouchInput {
        TouchInput {
            landing_page: Some(
                "https://acme.com/pricing?utm_source=Google&utm_medium=cpc&utm_campaign=Brand"
                    .to_owned(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn missing_utm_values_are_read_from_the_landing_page_and_classified() {
        let mut errors = RowErrors::default();
        let touch = prepare_touch(0, &input(), &mut errors);
        assert!(errors.is_empty());
        let touch = touch.expect("a valid touch");
        assert_eq!(touch.group, ChannelGroup::PaidSearch);
        assert_eq!(touch.utm.source.as_deref(), Some("Google"));
        assert_eq!(touch.utm.campaign.as_deref(), Some("Brand"));
    }

    #[test]
    fn every_bad_field_of_a_touch_is_reported() {
        let mut errors = RowErrors::default();
        let bad = TouchInput {
            utm_source: Some("x".repeat(MAX_UTM_CHARS + 1)),
            referrer: Some("y".repeat(MAX_URL_CHARS + 1)),
            campaign_id: Some(IdRef::Malformed),
            ..input()
        };
        assert!(prepare_touch(4, &bad, &mut errors).is_none());
        let fields: Vec<String> = match errors.into_result() {
            Err(crate::error::AppError::BadRows(rows)) => {
                rows.into_iter().map(|r| r.field).collect()
            }
            other => panic!("expected bad rows, got {other:?}"),
        };
        assert_eq!(fields, ["utmSource", "referrer", "campaignId"]);
    }
}
