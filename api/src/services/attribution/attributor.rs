//! The streaming accumulator: feed leads or journeys, then `finish` into credits.

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::credit::allocate;
use super::journey::Window;
use super::markov::MarkovCounts;
use super::rules::RuleEngine;
use super::shapley::ShapleyCounts;
use super::{
    AttributionResult, ChannelId, ConversionEvent, LeadHistory, Model, Options, OptionsError, Touch,
};

/// Streaming attribution for one model over one range.
///
/// Holds counts and credits only (per channel, campaign, transition or channel set), never
/// the journeys, so leads can be streamed from the database in (lead, time) order.
#[derive(Debug)]
pub struct Attributor {
    model: Model,
    options: Options,
    window: Window,
    journeys: u64,
    converting_journeys: u64,
    total_revenue: Decimal,
    engine: Engine,
}

#[derive(Debug)]
enum Engine {
    Rules(RuleEngine),
    Markov(MarkovCounts),
    Shapley(ShapleyCounts),
}

impl Attributor {
    /// An attributor of conversions in `[range_start, range_end)`; `direct_channel` is the
    /// workspace's DIRECT channel (LAST_NON_DIRECT skips it; it is the journey of a converting
    /// lead with no touch and no source).
    pub fn new(
        model: Model,
        options: Options,
        direct_channel: ChannelId,
        range_start: DateTime<Utc>,
        range_end: DateTime<Utc>,
    ) -> Result<Self, OptionsError> {
        options.validate()?;
        if range_start >= range_end {
            return Err(OptionsError::EmptyRange);
        }
        let engine = match model {
            Model::Markov => Engine::Markov(MarkovCounts::default()),
            Model::Shapley => Engine::Shapley(ShapleyCounts::default()),
            _ => Engine::Rules(RuleEngine::new(model, options.clone(), direct_channel)),
        };
        Ok(Attributor {
            model,
            window: Window {
                lookback: TimeDelta::days(i64::from(options.lookback_days)),
                range_start,
                range_end,
                direct_channel,
            },
            options,
            journeys: 0,
            converting_journeys: 0,
            total_revenue: Decimal::ZERO,
            engine,
        })
    }

    pub fn model(&self) -> Model {
        self.model
    }

    /// How many states the data-driven engines solve over: the distinct channels (or
    /// dimension values) seen by MARKOV and SHAPLEY; 0 for the rule-based models.
    pub fn states(&self) -> usize {
        match &self.engine {
            Engine::Rules(_) => 0,
            Engine::Markov(counts) => counts.states(),
            Engine::Shapley(counts) => counts.states(),
        }
    }

    /// Adds the journeys of one lead (see [`LeadHistory`] and DESIGN §4).
    pub fn add_lead(&mut self, lead: &LeadHistory<'_>) {
        let window = self.window;
        window.for_each_journey(lead, |touches, conversion| {
            self.add_journey(touches, conversion);
        });
    }

    /// Adds one journey as is: `touches` in time order, `conversion` `None` for a journey that
    /// did not convert. No range or lookback filtering happens here. A converting journey with
    /// no touch counts as one DIRECT touch; a non-converting one with no touch is ignored.
    pub fn add_journey(&mut self, touches: &[Touch], conversion: Option<&ConversionEvent>) {
        let direct;
        let touches = match (touches.is_empty(), conversion) {
            (false, _) => touches,
            (true, None) => return,
            (true, Some(conversion)) => {
                direct = [Touch {
                    at: conversion.at,
                    channel: self.window.direct_channel,
                    campaign: None,
                }];
                &direct[..]
            }
        };
        self.journeys += 1;
        if let Some(conversion) = conversion {
            self.converting_journeys += 1;
            self.total_revenue = self.total_revenue.saturating_add(conversion.revenue);
        }
        match &mut self.engine {
            Engine::Rules(rules) => rules.add_journey(touches, conversion),
            Engine::Markov(counts) => counts.add_journey(touches, conversion.is_some()),
            Engine::Shapley(counts) => counts.add_journey(touches, conversion.is_some()),
        }
    }

    /// Adds `converting + non_converting` journeys over one collapsed channel path at once,
    /// with the revenue of the converting ones: what [`Attributor::add_journey`] would count
    /// for each of them (the rollups hold journeys this way). Only MARKOV and SHAPLEY learn
    /// from paths; a rule-based attributor, which credits touches by time, ignores them and
    /// answers false.
    pub fn add_paths(
        &mut self,
        channels: &[ChannelId],
        converting: u64,
        non_converting: u64,
        revenue: Decimal,
    ) -> bool {
        if channels.is_empty() || converting + non_converting == 0 {
            return true;
        }
        match &mut self.engine {
            Engine::Rules(_) => return false,
            Engine::Markov(counts) => counts.add_path(channels, converting, non_converting),
            Engine::Shapley(counts) => {
                counts.add_path(channels, converting + non_converting, converting);
            }
        }
        self.journeys += converting + non_converting;
        self.converting_journeys += converting;
        self.total_revenue = self.total_revenue.saturating_add(revenue);
        true
    }

    /// The credits. Σ credited conversions = converting journeys and Σ credited revenue =
    /// revenue, for every model; with no conversion every credit is zero.
    pub fn finish(self) -> AttributionResult {
        let total_conversions = Decimal::from(self.converting_journeys);
        let mut approximate = false;
        let (by_channel, by_campaign) = match self.engine {
            Engine::Rules(rules) => {
                let (channels, campaigns) = rules.finish();
                (channels, Some(campaigns))
            }
            Engine::Markov(counts) => {
                let (effects, _) = counts.removal_effects();
                let credits = allocate(&effects, total_conversions, self.total_revenue);
                (credits, None)
            }
            Engine::Shapley(counts) => {
                let values = counts.values(&self.options);
                approximate = values.approximate;
                let credits = allocate(&values.values, total_conversions, self.total_revenue);
                (credits, None)
            }
        };
        AttributionResult {
            model: self.model,
            by_channel,
            by_campaign,
            journeys: self.journeys,
            converting_journeys: self.converting_journeys,
            non_converting_journeys: self.journeys - self.converting_journeys,
            total_conversions,
            total_revenue: self.total_revenue,
            approximate,
        }
    }
}
