//! Lenient URL parsing for referrers and landing pages, and host normalisation for category matching.

use url::Url;

use super::signals::{MAX_URL_CHARS, clean};

/// Base for landing pages given as a path (`/pricing?utm_source=x`); its host is never reported.
const RELATIVE_BASE: &str = "https://relative.invalid/";

/// Sub-domain prefixes that only mark a mobile site or a link shim (`lm.facebook.com`, `l.instagram.com`).
const SHIM_PREFIXES: [&str; 5] = ["www.", "m.", "l.", "lm.", "mobile."];

/// Android apps send `android-app://<package>/` as referrer; the few that matter map to their web host.
const ANDROID_APPS: [(&str, &str); 11] = [
    ("com.google.android.googlequicksearchbox", "google.com"),
    ("com.google.android.gm", "mail.google.com"),
    ("com.google.android.youtube", "youtube.com"),
    ("com.linkedin.android", "linkedin.com"),
    ("com.facebook.katana", "facebook.com"),
    ("com.facebook.orca", "messenger.com"),
    ("com.instagram.android", "instagram.com"),
    ("com.twitter.android", "twitter.com"),
    ("com.reddit.frontpage", "reddit.com"),
    ("com.pinterest", "pinterest.com"),
    ("com.openai.chatgpt", "chatgpt.com"),
];

/// A parsed landing page; `host` is `None` when the page was given without one.
pub(super) struct Landing {
    pub url: Url,
    pub host: Option<String>,
}

/// What the referrer told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Referrer {
    /// No referrer was given.
    Absent,
    /// Given but not an http(s) URL with a host we can read (`"not a url"`, `about:blank`).
    Unreadable,
    /// A host, lower-cased, as it appeared (`lm.facebook.com`).
    Host(String),
}

pub(super) fn parse_landing(raw: Option<&str>) -> Option<Landing> {
    let raw = clean(raw, MAX_URL_CHARS)?;
    if let Some(url) = parse_absolute(&raw) {
        let host = web_host(&url);
        return Some(Landing { url, host });
    }
    // A path or a bare query string still carries UTM parameters worth reading.
    let base = Url::parse(RELATIVE_BASE).ok()?;
    let url = base.join(&raw).ok()?;
    Some(Landing { url, host: None })
}

pub(super) fn parse_referrer(raw: Option<&str>) -> Referrer {
    let Some(raw) = clean(raw, MAX_URL_CHARS) else {
        return Referrer::Absent;
    };
    let Some(url) = parse_absolute(&raw) else {
        return Referrer::Unreadable;
    };
    if url.scheme() == "android-app" {
        let package = url.host_str().unwrap_or_default().to_ascii_lowercase();
        return ANDROID_APPS
            .iter()
            .find(|(p, _)| *p == package)
            .map_or(Referrer::Host(package), |(_, web)| {
                Referrer::Host((*web).to_owned())
            });
    }
    web_host(&url).map_or(Referrer::Unreadable, Referrer::Host)
}

/// Parses `https://x/…`, or `x.com/…` without a scheme; never a path or free text.
fn parse_absolute(raw: &str) -> Option<Url> {
    match Url::parse(raw) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let first = raw.split(['/', '?', '#']).next().unwrap_or_default();
            if first.contains('.') && !first.contains(char::is_whitespace) {
                Url::parse(&format!("https://{raw}")).ok()
            } else {
                None
            }
        }
        Err(_) => None,
    }
}

fn web_host(url: &Url) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Lower-cases a host or source value, keeps only its host part and strips shim prefixes:
/// `"https://LM.Facebook.com/l.php"` → `"facebook.com"`, `"google"` → `"google"`.
pub(super) fn normalize(value: &str) -> String {
    let value = value.trim().to_lowercase();
    let host = if value.contains("://") {
        Url::parse(&value)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or(value)
    } else {
        value
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    strip_shims(host.trim_end_matches('.')).to_owned()
}

fn strip_shims(mut host: &str) -> &str {
    // Two rounds cover `www.m.example.com`; a bare `m.` with nothing after it is left alone.
    for _ in 0..2 {
        if let Some(rest) = SHIM_PREFIXES
            .iter()
            .find_map(|p| host.strip_prefix(p).filter(|r| r.contains('.')))
        {
            host = rest;
        }
    }
    host
}

/// Whether a referrer host is the landing page's own site (`www.` ignored on both sides).
pub(super) fn same_site(referrer_host: &str, landing_host: &str) -> bool {
    let strip = |h: &str| h.strip_prefix("www.").unwrap_or(h).to_owned();
    strip(referrer_host) == strip(landing_host)
}
