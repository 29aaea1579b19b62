//! Source-category lists (search, social, video, shopping, AI assistants, email) and the lookup that uses them.
//!
//! A value (a `utm_source` or a referrer host) is normalised by [`host::normalize`], then looked up in
//! three tables, first hit wins: exact aliases, domains (the host or a parent domain), and brand labels.

use super::host;

/// The category a source value or referrer host belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceCategory {
    Search,
    Social,
    Video,
    Shopping,
    AiAssistant,
    /// Email service providers and webmail: a Leadsource addition, GA4 has no such list.
    Email,
}

use SourceCategory::{AiAssistant as Ai, Email, Search, Shopping, Social, Video};

/// Whole values people type into `utm_source` that are not host names.
/// Short ones live here rather than in [`BRANDS`] so `ig.com.br` or `x.example` are not mistaken.
const ALIASES: &[(&str, SourceCategory)] = &[
    ("adwords", Search),
    ("google ads", Search),
    ("googleads", Search),
    ("bing ads", Search),
    ("microsoft ads", Search),
    ("brave", Search),
    ("fb", Social),
    ("ig", Social),
    ("x", Social),
    ("tw", Social),
    ("li", Social),
    ("meta", Social),
    ("yt", Video),
    ("igshopping", Shopping),
    ("google shopping", Shopping),
    ("google_shopping", Shopping),
    ("chatgpt", Ai),
    ("openai", Ai),
    ("perplexity", Ai),
    ("gemini", Ai),
    ("bard", Ai),
    ("copilot", Ai),
    ("claude", Ai),
    ("deepseek", Ai),
    ("grok", Ai),
    ("mailchimp", Email),
    ("newsletter", Email),
    ("klaviyo", Email),
    ("sendgrid", Email),
    ("brevo", Email),
    ("sendinblue", Email),
    ("mailerlite", Email),
    ("convertkit", Email),
    ("constantcontact", Email),
    ("constant contact", Email),
    ("campaignmonitor", Email),
];

/// Hosts matched exactly or as a parent domain (`news.example.com` matches `example.com`).
/// Checked before [`BRANDS`], so these carve exceptions out of a brand: `gemini.google.com` is an
/// AI assistant, `mail.google.com` is webmail and `docs.google.com` is nothing in particular.
const DOMAINS: &[(&str, Option<SourceCategory>)] = &[
    ("gemini.google.com", Some(Ai)),
    ("bard.google.com", Some(Ai)),
    ("aistudio.google.com", Some(Ai)),
    ("notebooklm.google.com", Some(Ai)),
    ("copilot.microsoft.com", Some(Ai)),
    ("chatgpt.com", Some(Ai)),
    ("chat.openai.com", Some(Ai)),
    ("perplexity.ai", Some(Ai)),
    ("claude.ai", Some(Ai)),
    ("you.com", Some(Ai)),
    ("poe.com", Some(Ai)),
    ("phind.com", Some(Ai)),
    ("chat.deepseek.com", Some(Ai)),
    ("meta.ai", Some(Ai)),
    ("grok.com", Some(Ai)),
    ("chat.mistral.ai", Some(Ai)),
    ("mail.google.com", Some(Email)),
    ("mail.yahoo.com", Some(Email)),
    ("mail.aol.com", Some(Email)),
    ("mail.yandex.ru", Some(Email)),
    ("outlook.live.com", Some(Email)),
    ("outlook.office.com", Some(Email)),
    ("outlook.office365.com", Some(Email)),
    ("mail.proton.me", Some(Email)),
    ("mail.zoho.com", Some(Email)),
    ("shopping.google.com", Some(Shopping)),
    ("shopping.yahoo.com", Some(Shopping)),
    ("amzn.to", Some(Shopping)),
    ("shop.app", Some(Shopping)),
    ("search.brave.com", Some(Search)),
    ("ya.ru", Some(Search)),
    ("t.co", Some(Social)),
    ("x.com", Some(Social)),
    ("lnkd.in", Some(Social)),
    ("fb.com", Some(Social)),
    ("fb.me", Some(Social)),
    ("pin.it", Some(Social)),
    ("redd.it", Some(Social)),
    ("t.me", Some(Social)),
    ("wa.me", Some(Social)),
    ("line.me", Some(Social)),
    ("bsky.app", Some(Social)),
    ("mastodon.social", Some(Social)),
    ("youtu.be", Some(Video)),
    ("docs.google.com", None),
    ("drive.google.com", None),
    ("sites.google.com", None),
    ("groups.google.com", None),
    ("calendar.google.com", None),
    ("meet.google.com", None),
    ("analytics.google.com", None),
    ("ads.google.com", None),
    ("accounts.google.com", None),
    ("support.google.com", None),
    ("developers.google.com", None),
    ("cloud.google.com", None),
    ("play.google.com", None),
];

/// Brand names: the whole value (`"google"`) or a host label followed only by a public suffix
/// (`google.co.uk`, `search.yahoo.co.jp`, `news.google.com`).
/// YouTube is video, not social: GA4 evaluates Paid Social before Paid Video.
const BRANDS: &[(&str, SourceCategory)] = &[
    ("google", Search),
    ("bing", Search),
    ("yahoo", Search),
    ("duckduckgo", Search),
    ("baidu", Search),
    ("yandex", Search),
    ("ecosia", Search),
    ("naver", Search),
    ("ask", Search),
    ("aol", Search),
    ("seznam", Search),
    ("qwant", Search),
    ("startpage", Search),
    ("sogou", Search),
    ("daum", Search),
    ("facebook", Social),
    ("instagram", Social),
    ("linkedin", Social),
    ("twitter", Social),
    ("reddit", Social),
    ("pinterest", Social),
    ("tiktok", Social),
    ("threads", Social),
    ("snapchat", Social),
    ("tumblr", Social),
    ("quora", Social),
    ("vk", Social),
    ("weibo", Social),
    ("whatsapp", Social),
    ("telegram", Social),
    ("messenger", Social),
    ("discord", Social),
    ("nextdoor", Social),
    ("xing", Social),
    ("youtube", Video),
    ("vimeo", Video),
    ("twitch", Video),
    ("dailymotion", Video),
    ("wistia", Video),
    ("youku", Video),
    ("amazon", Shopping),
    ("ebay", Shopping),
    ("walmart", Shopping),
    ("etsy", Shopping),
    ("shopify", Shopping),
    ("aliexpress", Shopping),
    ("alibaba", Shopping),
    ("mercadolibre", Shopping),
    ("rakuten", Shopping),
    ("temu", Shopping),
];

/// The category of a `utm_source` value or a referrer host, if it belongs to one.
pub fn source_category(value: &str) -> Option<SourceCategory> {
    categorize_normalized(&host::normalize(value))
}

pub(super) fn categorize_normalized(value: &str) -> Option<SourceCategory> {
    if value.is_empty() {
        return None;
    }
    if let Some((_, c)) = ALIASES.iter().find(|(a, _)| *a == value) {
        return Some(*c);
    }
    if let Some((_, c)) = DOMAINS.iter().find(|(d, _)| is_same_or_subdomain(value, d)) {
        return *c;
    }
    let labels: Vec<&str> = value.split('.').collect();
    labels.iter().enumerate().find_map(|(i, label)| {
        let (_, c) = BRANDS.iter().find(|(b, _)| b == label)?;
        looks_like_public_suffix(&labels[i + 1..]).then_some(*c)
    })
}

fn is_same_or_subdomain(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// A cheap stand-in for the public-suffix list: up to two short labels (`com`, `co.uk`, `com.br`).
fn looks_like_public_suffix(labels: &[&str]) -> bool {
    labels.len() <= 2 && labels.iter().all(|l| (2..=3).contains(&l.len()))
}
