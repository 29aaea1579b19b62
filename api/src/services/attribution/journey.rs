//! Journeys: which touches of a lead lead up to each of its conversions (DESIGN §4).

use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use super::{CampaignId, ChannelId};

/// One interaction of a lead with a channel (and possibly a campaign).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Touch {
    pub at: DateTime<Utc>,
    pub channel: ChannelId,
    pub campaign: Option<CampaignId>,
}

/// One conversion of a lead.
#[derive(Clone, Debug, PartialEq)]
pub struct ConversionEvent {
    pub at: DateTime<Utc>,
    pub revenue: Decimal,
}

/// Everything the attribution needs of one lead.
///
/// `touches` should be sorted by time (they are sorted on a copy if not); `conversions` may be
/// in any order. `source` is the lead's first touch (its source channel and campaign), used
/// for a conversion that has no touch in its lookback window.
#[derive(Clone, Copy, Debug)]
pub struct LeadHistory<'a> {
    pub touches: &'a [Touch],
    pub conversions: &'a [ConversionEvent],
    pub source: Option<Touch>,
}

/// The part of an attribution run that decides which touches form a journey.
#[derive(Clone, Copy, Debug)]
pub(super) struct Window {
    pub lookback: TimeDelta,
    pub range_start: DateTime<Utc>,
    pub range_end: DateTime<Utc>,
    pub direct_channel: ChannelId,
}

impl Window {
    /// Calls `emit` once per journey of `lead`:
    ///
    /// * each conversion in `[range_start, range_end)` with the touches in
    ///   `[conversion − lookback, conversion]` (both ends included); with none there, the lead's
    ///   `source` as a single touch, or the direct channel if the lead has no source;
    /// * a lead with no conversion at all, created in `[range_start, range_end)` (its
    ///   `source`'s time; without a source, its first touch's): one non-converting journey of
    ///   all its touches, none if it has no touch.
    ///
    /// Both kinds of journey belong to one day, the conversion's or the lead's creation, so
    /// the journeys of a range are the union of those of its days: a month's journeys add up
    /// to the year's, and rollups can hold them per day. A lead whose conversions all fall
    /// outside the range yields nothing.
    pub fn for_each_journey(
        &self,
        lead: &LeadHistory<'_>,
        mut emit: impl FnMut(&[Touch], Option<&ConversionEvent>),
    ) {
        let touches: Cow<'_, [Touch]> = if lead.touches.is_sorted_by_key(|t| t.at) {
            Cow::Borrowed(lead.touches)
        } else {
            let mut sorted = lead.touches.to_vec();
            sorted.sort_by_key(|t| t.at); // stable: equal times keep their given order
            Cow::Owned(sorted)
        };

        if lead.conversions.is_empty() {
            let created = lead.source.map(|s| s.at).or(touches.first().map(|t| t.at));
            let in_range = created.is_some_and(|at| at >= self.range_start && at < self.range_end);
            if in_range && !touches.is_empty() {
                emit(&touches, None);
            }
            return;
        }

        for conversion in lead.conversions {
            if conversion.at < self.range_start || conversion.at >= self.range_end {
                continue;
            }
            let from = conversion
                .at
                .checked_sub_signed(self.lookback)
                .unwrap_or(DateTime::<Utc>::MIN_UTC);
            let window = slice_between(&touches, from, conversion.at, true);
            if window.is_empty() {
                let fallback = lead.source.unwrap_or(Touch {
                    at: conversion.at,
                    channel: self.direct_channel,
                    campaign: None,
                });
                emit(&[fallback], Some(conversion));
            } else {
                emit(window, Some(conversion));
            }
        }
    }
}

/// The touches (sorted by time) at or after `from` and before `to` (up to `to` inclusive if
/// `include_end`).
fn slice_between(
    touches: &[Touch],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    include_end: bool,
) -> &[Touch] {
    let lo = touches.partition_point(|t| t.at < from);
    let hi = if include_end {
        touches.partition_point(|t| t.at <= to)
    } else {
        touches.partition_point(|t| t.at < to)
    };
    touches.get(lo..hi.max(lo)).unwrap_or(&[])
}
