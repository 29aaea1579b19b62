//! Inputs of `budgetSuggestions` and their conversion into the service's constraints.

use async_graphql::{ID, InputObject};
use rust_decimal::Decimal;

use super::super::ids::{IdKind, decode_id};
use crate::error::{AppError, AppResult};
use crate::services::budget_plan::{Constraint, Level};

/// Limits on one channel (or, at the CAMPAIGN level, one campaign) for the planned period,
/// or its exclusion from the plan. Name the channel with `channelId` at the CHANNEL level, the campaign with
/// `campaignId` at the CAMPAIGN level.
#[derive(InputObject, Clone)]
#[graphql(name = "ChannelConstraint")]
pub struct ChannelConstraintInput {
    /// The channel (CHANNEL level).
    pub channel_id: Option<ID>,
    /// The campaign (CAMPAIGN level).
    pub campaign_id: Option<ID>,
    /// Spend at least this much over the period.
    pub min_spend: Option<Decimal>,
    /// Spend at most this much over the period.
    pub max_spend: Option<Decimal>,
    /// Keep the current spend, whatever the curves say.
    #[graphql(default)]
    pub locked: bool,
    /// Leave the target out of the plan: its spend is neither moved nor counted in the
    /// default total. Cannot be combined with minSpend, maxSpend or locked.
    #[graphql(default)]
    pub exclude: bool,
}

impl ChannelConstraintInput {
    /// The service's constraint; the id field must match the level.
    pub fn into_service(self, index: usize, level: Level) -> AppResult<Constraint> {
        let field = |name: &str| format!("constraints[{index}].{name}");
        let (wanted, unwanted, kind) = match level {
            Level::Channel => (self.channel_id, self.campaign_id, IdKind::Channel),
            Level::Campaign => (self.campaign_id, self.channel_id, IdKind::Campaign),
        };
        let other = match level {
            Level::Channel => "campaignId",
            Level::Campaign => "channelId",
        };
        if unwanted.is_some() {
            return Err(AppError::bad_input(
                field(other),
                format!(
                    "not used at this level; name the target with {}",
                    level.id_field()
                ),
            ));
        }
        let id = wanted.ok_or_else(|| {
            AppError::bad_input(field(level.id_field()), "is required at this level")
        })?;
        Ok(Constraint {
            id: decode_id(kind, &field(level.id_field()), &id)?,
            min_spend: self.min_spend,
            max_spend: self.max_spend,
            locked: self.locked,
            exclude: self.exclude,
        })
    }

    /// Every constraint of a request, in order.
    pub fn all_into_service(list: Option<Vec<Self>>, level: Level) -> AppResult<Vec<Constraint>> {
        list.unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, c)| c.into_service(i, level))
            .collect()
    }
}
