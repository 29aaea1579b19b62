//! The effective, lower-cased values the rules test, derived once per touch the way GA4 derives
//! session source / medium: explicit UTM first, then a click id's network, then the referrer.

use super::host::{self, Referrer};
use super::signals::{ClickId, ResolvedUtm};
use super::sources::{SourceCategory, categorize_normalized};

/// The medium a click id implies when no `utm_medium` was given (GA4 reports gclid traffic as `cpc`).
pub(super) const CLICK_ID_MEDIUM: &str = "cpc";

/// Everything a [`Condition`](super::Condition) can look at.
#[derive(Debug)]
pub(super) struct Facts {
    /// `utm_source`, else the click id's network (when no utm_medium), else the referrer host (only when
    /// no UTM source or medium and no click id).
    pub source: Option<String>,
    pub source_category: Option<SourceCategory>,
    /// `utm_medium`, else `cpc` for a click id, else `organic` / `referral` for a referrer.
    pub medium: Option<String>,
    pub campaign: Option<String>,
    pub term: Option<String>,
    pub content: Option<String>,
    /// The referrer host with shim prefixes stripped, whether or not it fed the source.
    pub referrer_host: Option<String>,
    pub referrer_category: Option<SourceCategory>,
    /// A referrer was given but is unreadable.
    pub referrer_unreadable: bool,
    /// The referrer is the landing page's own site.
    pub self_referral: bool,
    pub click_id: Option<ClickId>,
}

impl Facts {
    pub(super) fn new(utm: &ResolvedUtm, referrer: &Referrer, landing_host: Option<&str>) -> Self {
        let lower = |v: &Option<String>| v.as_deref().map(str::to_lowercase);
        let self_referral = match (referrer, landing_host) {
            (Referrer::Host(r), Some(l)) => host::same_site(r, l),
            _ => false,
        };
        let referrer_host = match referrer {
            Referrer::Host(h) => Some(host::normalize(h)),
            Referrer::Absent | Referrer::Unreadable => None,
        };
        let referrer_category = referrer_host.as_deref().and_then(categorize_normalized);

        let mut source = lower(&utm.source);
        let mut medium = lower(&utm.medium);
        if let (Some(id), None) = (utm.click_id, &medium) {
            // DESIGN §2: a click id with no utm_medium marks the visit as paid for that network.
            // An explicit utm_medium means the marketer tagged the link, and the tags win.
            medium = Some(CLICK_ID_MEDIUM.to_owned());
            source.get_or_insert_with(|| id.network_source().to_owned());
        } else if utm.click_id.is_none() && source.is_none() && medium.is_none() && !self_referral {
            // GA4 ignores the referrer when the URL is tagged, and a self-referral carries no information.
            if let Some(h) = &referrer_host {
                source = Some(h.clone());
                medium = Some(referrer_medium(referrer_category).to_owned());
            }
        }
        let source_category = source
            .as_deref()
            .and_then(|s| categorize_normalized(&host::normalize(s)));

        Self {
            source,
            source_category,
            medium,
            campaign: lower(&utm.campaign),
            term: lower(&utm.term),
            content: lower(&utm.content),
            referrer_host,
            referrer_category,
            referrer_unreadable: matches!(referrer, Referrer::Unreadable),
            self_referral,
            click_id: utm.click_id,
        }
    }

    /// Nothing says where the visit came from: no source, medium, click id or outside referrer.
    pub(super) fn has_no_traffic_signal(&self) -> bool {
        self.source.is_none()
            && self.medium.is_none()
            && self.click_id.is_none()
            && !self.referrer_unreadable
            && (self.referrer_host.is_none() || self.self_referral)
    }
}

/// GA4 gives search-engine referrals the medium `organic` and every other referral `referral`.
fn referrer_medium(category: Option<SourceCategory>) -> &'static str {
    match category {
        Some(SourceCategory::Search) => "organic",
        _ => "referral",
    }
}
