//! The rule data model (a rule is a row: id, description, target group, conditions) and its evaluation.
//!
//! Default rules and workspace rules share this type; workspace rules are built at runtime from
//! stored data with owned strings and [`Pattern::new`].

use std::borrow::Cow;

use regex::{Regex, RegexBuilder};

use super::facts::Facts;
use super::group::ChannelGroup;
use super::signals::ClickId;
use super::sources::SourceCategory;

/// Compiled-size cap for workspace-supplied patterns; `regex` already guarantees linear-time matching.
const PATTERN_SIZE_LIMIT: usize = 256 * 1024;

/// One row of a rule table: when every condition in `when` holds, the touch belongs to `group`.
/// An empty `when` always holds (a catch-all).
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id shown by `explainChannel`, e.g. `"ga4.paid_search"`.
    pub id: Cow<'static, str>,
    pub description: Cow<'static, str>,
    pub group: ChannelGroup,
    pub when: Vec<Condition>,
}

/// A test on the touch. `Source` and `Medium` see the *effective* values (explicit UTM, else the
/// click id's network and `cpc`, else the referrer host and `organic`/`referral`), lower-cased.
#[derive(Debug, Clone)]
pub enum Condition {
    Source(TextMatch),
    Medium(TextMatch),
    Campaign(TextMatch),
    Term(TextMatch),
    Content(TextMatch),
    /// The referrer's host (shim prefixes stripped), even when UTM tags made GA4 ignore it.
    ReferrerHost(TextMatch),
    ClickId(ClickIdMatch),
    /// The referrer is the landing page's own site.
    SelfReferral,
    /// No source, medium, click id or outside referrer at all.
    NoTrafficSignal,
    Any(Vec<Condition>),
    All(Vec<Condition>),
    Not(Box<Condition>),
}

/// How a text value is tested. Values are lower-cased before testing; `OneOf` and `Contains`
/// compare case-insensitively, and [`Pattern::new`] compiles case-insensitive regexes.
#[derive(Debug, Clone)]
pub enum TextMatch {
    Absent,
    Present,
    OneOf(Vec<String>),
    Contains(String),
    Matches(Pattern),
    /// The value (a source name or host) is in a source-category list.
    Category(SourceCategory),
}

#[derive(Debug, Clone)]
pub enum ClickIdMatch {
    Absent,
    Any,
    OneOf(Vec<ClickId>),
}

/// A case-insensitive regular expression, searched for in the lower-cased value; anchor it with
/// `^…$` to test the whole value, as GA4's patterns do.
#[derive(Debug, Clone)]
pub struct Pattern(Regex);

impl Pattern {
    /// Compiles a pattern, e.g. from a workspace rule; refuses oversized ones.
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(PATTERN_SIZE_LIMIT)
            .dfa_size_limit(PATTERN_SIZE_LIMIT)
            .build()
            .map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn is_match(&self, value: &str) -> bool {
        self.0.is_match(value)
    }
}

impl Rule {
    /// A rule with owned or static strings.
    pub fn new(
        id: impl Into<Cow<'static, str>>,
        description: impl Into<Cow<'static, str>>,
        group: ChannelGroup,
        when: Vec<Condition>,
    ) -> Self {
        Self {
            id: id.into(),
            description: description.into(),
            group,
            when,
        }
    }

    pub(super) fn matches(&self, facts: &Facts) -> bool {
        self.when.iter().all(|c| c.holds(facts))
    }
}

impl Condition {
    fn holds(&self, f: &Facts) -> bool {
        match self {
            Self::Source(m) => m.test(f.source.as_deref(), f.source_category),
            Self::Medium(m) => m.test_plain(f.medium.as_deref()),
            Self::Campaign(m) => m.test_plain(f.campaign.as_deref()),
            Self::Term(m) => m.test_plain(f.term.as_deref()),
            Self::Content(m) => m.test_plain(f.content.as_deref()),
            Self::ReferrerHost(m) => m.test(f.referrer_host.as_deref(), f.referrer_category),
            Self::ClickId(m) => m.test(f.click_id),
            Self::SelfReferral => f.self_referral,
            Self::NoTrafficSignal => f.has_no_traffic_signal(),
            Self::Any(cs) => cs.iter().any(|c| c.holds(f)),
            Self::All(cs) => cs.iter().all(|c| c.holds(f)),
            Self::Not(c) => !c.holds(f),
        }
    }
}

impl TextMatch {
    /// Tests a value whose category is not precomputed (medium, campaign, ...).
    fn test_plain(&self, value: Option<&str>) -> bool {
        let category = match self {
            Self::Category(_) => value.and_then(super::sources::source_category),
            _ => None,
        };
        self.test(value, category)
    }

    fn test(&self, value: Option<&str>, category: Option<SourceCategory>) -> bool {
        match (self, value) {
            (Self::Absent, v) => v.is_none(),
            (Self::Present, v) => v.is_some(),
            (_, None) => false,
            (Self::OneOf(words), Some(v)) => words.iter().any(|w| eq_ignore_case(w, v)),
            (Self::Contains(needle), Some(v)) => v.contains(needle.to_lowercase().as_str()),
            (Self::Matches(p), Some(v)) => p.is_match(v),
            (Self::Category(c), Some(_)) => category == Some(*c),
        }
    }
}

impl ClickIdMatch {
    fn test(&self, id: Option<ClickId>) -> bool {
        match self {
            Self::Absent => id.is_none(),
            Self::Any => id.is_some(),
            Self::OneOf(ids) => id.is_some_and(|id| ids.contains(&id)),
        }
    }
}

/// `value` is already lower-cased; `word` may come from a workspace rule in any case.
fn eq_ignore_case(word: &str, value: &str) -> bool {
    let word = word.trim();
    word.eq_ignore_ascii_case(value) || (!word.is_ascii() && word.to_lowercase() == value)
}
