//! What a touch looks like on the wire: UTM tags, referrer and landing page URL, for a
//! click on a campaign's ad or an unpaid visit of a channel group.

use rand::Rng;

use super::catalog::{CampaignSpec, SITE};

/// The attribution fields shared by a lead's source and its touchpoints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct Fields {
    pub utm_source: Option<&'static str>,
    pub utm_medium: Option<&'static str>,
    pub utm_campaign: Option<&'static str>,
    pub utm_term: Option<&'static str>,
    pub utm_content: Option<&'static str>,
    pub referrer: Option<&'static str>,
    pub landing_page: Option<String>,
}

/// Picks an index with probability proportional to `weights` (all ≥ 0, not all 0).
pub(super) fn pick_weighted<R: Rng>(
    rng: &mut R,
    weights: impl Iterator<Item = f64> + Clone,
) -> usize {
    let total: f64 = weights.clone().sum();
    let mut x = rng.random::<f64>() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        if w > 0.0 {
            last = i;
            if x < w {
                return i;
            }
            x -= w;
        }
    }
    last
}

fn pick<R: Rng, T: Copy>(rng: &mut R, items: &[T]) -> Option<T> {
    if items.is_empty() {
        None
    } else {
        Some(items[rng.random_range(0..items.len())])
    }
}

fn pick_pair<R: Rng>(rng: &mut R, items: &[(&'static str, f64)]) -> &'static str {
    items[pick_weighted(rng, items.iter().map(|(_, w)| *w))].0
}

/// `SITE + path`, with the UTM query string when the visit carries UTM tags.
fn landing(path: &str, f: &Fields) -> String {
    let mut url = format!("{SITE}{path}");
    let tags = [
        ("utm_source", f.utm_source),
        ("utm_medium", f.utm_medium),
        ("utm_campaign", f.utm_campaign),
        ("utm_term", f.utm_term),
        ("utm_content", f.utm_content),
    ];
    let mut sep = '?';
    for (name, value) in tags {
        if let Some(value) = value {
            url.push(sep);
            url.push_str(name);
            url.push('=');
            // The catalog's values are ASCII words, hyphens and dots: only spaces need encoding.
            url.push_str(&value.replace(' ', "+"));
            sep = '&';
        }
    }
    url
}

/// A click on one of `spec`'s ads.
pub(super) fn campaign_touch<R: Rng>(rng: &mut R, spec: &CampaignSpec) -> Fields {
    let mut f = Fields {
        utm_source: Some(spec.utm_source),
        utm_medium: Some(spec.utm_medium),
        utm_campaign: Some(spec.slug),
        utm_term: pick(rng, spec.terms),
        utm_content: pick(rng, spec.contents),
        referrer: spec.referrer,
        landing_page: None,
    };
    f.landing_page = spec.path.map(|p| landing(p, &f));
    f
}

const BLOG: &[&str] = &[
    "/blog/multi-touch-attribution-guide",
    "/blog/markov-chain-attribution",
    "/blog/utm-naming-conventions",
    "/blog/marketing-budget-allocation",
    "/blog/ga4-channel-grouping",
    "/",
];
const SEARCH_ENGINES: &[(&str, f64)] = &[
    ("https://www.google.com/", 0.82),
    ("https://www.bing.com/", 0.10),
    ("https://duckduckgo.com/", 0.05),
    ("https://www.ecosia.org/", 0.03),
];
const REFERRERS: &[(&str, f64)] = &[
    ("https://www.g2.com/products/leadsource/reviews", 0.35),
    ("https://www.capterra.com/p/leadsource/", 0.2),
    ("https://www.producthunt.com/products/leadsource", 0.1),
    (
        "https://www.growthagency.example/blog/attribution-stack",
        0.2,
    ),
    ("https://news.ycombinator.com/", 0.15),
];
const SOCIAL: &[(&str, f64)] = &[
    ("https://www.linkedin.com/", 0.5),
    ("https://t.co/", 0.2),
    ("https://www.reddit.com/", 0.2),
    ("https://www.facebook.com/", 0.1),
];
const ASSISTANTS: &[(&str, f64)] = &[
    ("https://chatgpt.com/", 0.55),
    ("https://www.perplexity.ai/", 0.2),
    ("https://gemini.google.com/", 0.12),
    ("https://copilot.microsoft.com/", 0.07),
    ("https://claude.ai/", 0.06),
];

/// An unpaid visit from a channel group (or a direct visit for a group without rules here).
pub(super) fn organic_touch<R: Rng>(rng: &mut R, kind: &str) -> Fields {
    let mut f = Fields::default();
    let path = match kind {
        "ORGANIC_SEARCH" => {
            f.referrer = Some(pick_pair(rng, SEARCH_ENGINES));
            pick(rng, BLOG)
        }
        "REFERRAL" => {
            f.referrer = Some(pick_pair(rng, REFERRERS));
            pick(rng, &["/", "/pricing", "/customers"])
        }
        "ORGANIC_SOCIAL" => {
            let referrer = pick_pair(rng, SOCIAL);
            f.referrer = Some(referrer);
            // Posts on the company page are tagged; shares by others are not.
            if referrer.contains("linkedin") && rng.random_bool(0.4) {
                f.utm_source = Some("linkedin");
                f.utm_medium = Some("social");
            }
            pick(rng, BLOG)
        }
        "AI_ASSISTANT" => {
            let referrer = pick_pair(rng, ASSISTANTS);
            f.referrer = Some(referrer);
            // ChatGPT tags its outbound links with utm_source=chatgpt.com.
            if referrer.contains("chatgpt") {
                f.utm_source = Some("chatgpt.com");
            }
            pick(rng, &["/", "/pricing", "/product/attribution", "/compare"])
        }
        _ => pick(rng, &["/", "/", "/pricing", "/login", "/demo"]),
    };
    f.landing_page = path.map(|p| landing(p, &f));
    f
}
