//! The raw inputs of one touch, and UTM resolution: cleaning values and filling gaps from the landing page.

use url::Url;

use super::host;

/// Longest UTM value kept, in characters; longer input is cut before any other work.
pub(super) const MAX_VALUE_CHARS: usize = 512;
/// Longest referrer or landing-page URL kept, in characters.
pub(super) const MAX_URL_CHARS: usize = 4096;

/// What we know about one visit / touch.  All fields optional, any garbage allowed.
#[derive(Debug, Clone, Default)]
pub struct TouchSignals {
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_term: Option<String>,
    pub utm_content: Option<String>,
    pub referrer: Option<String>,
    pub landing_page: Option<String>,
}

/// UTM values after filling gaps from the landing page's query string (explicit input wins; values trimmed; empty → None).
///
/// Values keep their original case (for display); matching lower-cases them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvedUtm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
    pub term: Option<String>,
    pub content: Option<String>,
    pub click_id: Option<ClickId>,
}

/// An ad-network click id found on the landing page; it says which network paid for the click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClickId {
    Gclid,
    Gbraid,
    Wbraid,
    Msclkid,
    Fbclid,
    Ttclid,
    LiFatId,
}

impl ClickId {
    /// Every click id, in the order used to pick one when a URL carries several.
    pub const ALL: [ClickId; 7] = [
        Self::Gclid,
        Self::Gbraid,
        Self::Wbraid,
        Self::Msclkid,
        Self::Fbclid,
        Self::Ttclid,
        Self::LiFatId,
    ];

    /// The query-string parameter that carries it.
    pub fn param(self) -> &'static str {
        match self {
            Self::Gclid => "gclid",
            Self::Gbraid => "gbraid",
            Self::Wbraid => "wbraid",
            Self::Msclkid => "msclkid",
            Self::Fbclid => "fbclid",
            Self::Ttclid => "ttclid",
            Self::LiFatId => "li_fat_id",
        }
    }

    /// The `utm_source` the network's auto-tagging stands for (GA4 reports gclid traffic as google / cpc).
    pub fn network_source(self) -> &'static str {
        match self {
            Self::Gclid | Self::Gbraid | Self::Wbraid => "google",
            Self::Msclkid => "bing",
            Self::Fbclid => "facebook",
            Self::Ttclid => "tiktok",
            Self::LiFatId => "linkedin",
        }
    }
}

/// Cleans explicit UTM values and fills the missing ones (and the click id) from the landing page's query string.
pub fn resolve_utm(signals: &TouchSignals) -> ResolvedUtm {
    let landing = host::parse_landing(signals.landing_page.as_deref());
    resolve_with_landing(signals, landing.as_ref().map(|l| &l.url))
}

pub(super) fn resolve_with_landing(signals: &TouchSignals, landing: Option<&Url>) -> ResolvedUtm {
    let query = landing.map(QueryUtm::from_url).unwrap_or_default();
    let pick = |explicit: &Option<String>, from_query: Option<String>| {
        clean(explicit.as_deref(), MAX_VALUE_CHARS).or(from_query)
    };
    ResolvedUtm {
        source: pick(&signals.utm_source, query.source),
        medium: pick(&signals.utm_medium, query.medium),
        campaign: pick(&signals.utm_campaign, query.campaign),
        term: pick(&signals.utm_term, query.term),
        content: pick(&signals.utm_content, query.content),
        click_id: query.click_id,
    }
}

/// UTM parameters and the click id read from one URL's query string.
#[derive(Default)]
struct QueryUtm {
    source: Option<String>,
    medium: Option<String>,
    campaign: Option<String>,
    term: Option<String>,
    content: Option<String>,
    click_id: Option<ClickId>,
}

impl QueryUtm {
    fn from_url(url: &Url) -> Self {
        let mut out = Self::default();
        let mut click_ids: Vec<ClickId> = Vec::new();
        for (key, value) in url.query_pairs() {
            let Some(value) = clean(Some(&value), MAX_VALUE_CHARS) else {
                continue;
            };
            let key = key.to_ascii_lowercase();
            // The first non-empty occurrence wins, as in GA4.
            let slot = match key.as_str() {
                "utm_source" => &mut out.source,
                "utm_medium" => &mut out.medium,
                "utm_campaign" => &mut out.campaign,
                "utm_term" => &mut out.term,
                "utm_content" => &mut out.content,
                _ => {
                    if let Some(id) = ClickId::ALL.into_iter().find(|c| c.param() == key) {
                        click_ids.push(id);
                    }
                    continue;
                }
            };
            slot.get_or_insert(value);
        }
        out.click_id = click_ids.into_iter().min();
        out
    }
}

/// Truncates to `max_chars`, drops control characters, trims; empty becomes `None`.
pub(super) fn clean(raw: Option<&str>, max_chars: usize) -> Option<String> {
    let raw = raw?;
    let cut = raw
        .char_indices()
        .nth(max_chars)
        .map_or(raw.len(), |(i, _)| i);
    let kept: String = raw[..cut].chars().filter(|c| !c.is_control()).collect();
    let trimmed = kept.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}
