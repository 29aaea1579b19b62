//! Channel classification: which channel group a touch (UTM tags, click ids, referrer, landing page)
//! belongs to, and which rule said so. Pure logic, per DESIGN §2: GA4's default channel grouping as
//! a versioned, ordered rule table (first match wins), plus AI_ASSISTANT and EVENTS.
//!
//! Inputs are untrusted: every value is truncated, stripped of control characters and trimmed
//! first; anything unreadable falls through to REFERRAL or UNASSIGNED, never to a panic or an error.

mod facts;
mod group;
mod host;
mod rule;
mod rules;
mod signals;
mod sources;
#[cfg(test)]
mod tests;

pub use group::ChannelGroup;
pub use rule::{ClickIdMatch, Condition, Pattern, Rule, TextMatch};
pub use signals::{ClickId, ResolvedUtm, TouchSignals, resolve_utm};
pub use sources::{SourceCategory, source_category};

use facts::Facts;

/// Version of the default rule table and source lists; bump it whenever a default result can change,
/// so stored classifications can be told apart and recomputed.
pub const RULES_VERSION: &str = "ga4-2024.1+leadsource.1";

/// `rule_id` reported when a workspace rule matched; [`Classification::custom_rule_index`] says which.
pub const CUSTOM_RULE_ID: &str = "workspace";
const CUSTOM_RULE_DESCRIPTION: &str = "A workspace-defined rule matched.";

/// The answer for one touch: the group, the rule that decided it, and the inputs as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub group: ChannelGroup,
    /// The default rule's id (`"ga4.paid_search"`), or [`CUSTOM_RULE_ID`] for a workspace rule.
    pub rule_id: &'static str,
    pub rule_description: &'static str,
    pub utm: ResolvedUtm,
    /// The referrer's host, lower-cased, as given (`lm.facebook.com`); `None` when absent or unreadable.
    pub referrer_host: Option<String>,
    /// Index into the `custom` slice of [`classify_with`] when a workspace rule matched; its id and
    /// description are there, since they are not `'static`.
    pub custom_rule_index: Option<usize>,
}

/// Classifies a touch with the default rules.
pub fn classify(signals: &TouchSignals) -> Classification {
    classify_with(&[], signals)
}

/// Classifies a touch with the workspace's rules first (in order), then the defaults.
pub fn classify_with(custom: &[Rule], signals: &TouchSignals) -> Classification {
    let landing = host::parse_landing(signals.landing_page.as_deref());
    let utm = signals::resolve_with_landing(signals, landing.as_ref().map(|l| &l.url));
    let referrer = host::parse_referrer(signals.referrer.as_deref());
    let facts = Facts::new(
        &utm,
        &referrer,
        landing.as_ref().and_then(|l| l.host.as_deref()),
    );
    let referrer_host = match referrer {
        host::Referrer::Host(h) => Some(h),
        host::Referrer::Absent | host::Referrer::Unreadable => None,
    };

    if let Some((index, rule)) = custom.iter().enumerate().find(|(_, r)| r.matches(&facts)) {
        return Classification {
            group: rule.group,
            rule_id: CUSTOM_RULE_ID,
            rule_description: CUSTOM_RULE_DESCRIPTION,
            utm,
            referrer_host,
            custom_rule_index: Some(index),
        };
    }
    let (group, rule_id, rule_description) =
        default_rules().iter().find(|r| r.matches(&facts)).map_or(
            // The table ends with a catch-all; this only guards against a future edit breaking that.
            (
                ChannelGroup::Unassigned,
                "ga4.unassigned",
                "No rule matched.",
            ),
            |r| (r.group, r.id.as_ref(), r.description.as_ref()),
        );
    Classification {
        group,
        rule_id,
        rule_description,
        utm,
        referrer_host,
        custom_rule_index: None,
    }
}

/// The default rules in evaluation order, e.g. for listing them next to `explainChannel`.
pub fn default_rules() -> &'static [Rule] {
    rules::DEFAULT_RULES.as_slice()
}
