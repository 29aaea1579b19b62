//! Multi-touch attribution: who gets the credit for a conversion (DESIGN §4).
//!
//! Pure logic, no I/O: the caller streams leads (or ready-made journeys) into an
//! [`Attributor`] in any order and calls [`Attributor::finish`]. Memory is bounded by the
//! number of channels and campaigns (rule-based models), the channel transitions
//! (MARKOV) or the distinct channel sets seen (SHAPLEY), never by the number of journeys.
//!
//! * Journeys: [`journey`] turns one lead's touches and conversions into journeys.
//! * Rule-based models (FIRST_TOUCH … POSITION_BASED): [`rules`] gives each touch of a
//!   converting journey a weight; every journey hands out exactly one conversion and
//!   exactly its revenue (the largest-weight touch takes the decimal remainder).
//! * MARKOV: [`markov`] (first-order removal effects, solved exactly by [`absorbing`]).
//! * SHAPLEY: [`shapley`] (Zhao et al. 2018, "simplified" characteristic function).
//!
//! Data-driven models produce one share per channel; [`credit::allocate`] turns shares into
//! decimal credits whose sums equal the totals exactly.

mod absorbing;
mod attributor;
mod credit;
mod journey;
mod markov;
mod model;
mod options;
mod rules;
mod shapley;

#[cfg(test)]
mod tests;

pub use self::attributor::Attributor;
pub use self::credit::{AttributionResult, Credit};
pub use self::journey::{ConversionEvent, LeadHistory, Touch};
pub use self::model::Model;
pub use self::options::{Options, OptionsError};
pub use self::rules::{CONVERSION_DP, REVENUE_DP, RuleSplitter};

/// Database id of a channel.
pub type ChannelId = i64;
/// Database id of a campaign.
pub type CampaignId = i64;
