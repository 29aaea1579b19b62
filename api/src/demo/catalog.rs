//! The demo's 30 campaigns and the UTM tags, referrers and landing pages their ads carry.

/// One campaign of the demo workspace.
#[derive(Clone, Copy, Debug)]
pub(super) struct CampaignSpec {
    /// Channel group kind it runs on.
    pub kind: &'static str,
    pub name: &'static str,
    /// `utm_campaign`, unique in the workspace.
    pub slug: &'static str,
    /// ACTIVE (spends all year), PAUSED (stopped spending) or ARCHIVED (ended).
    pub status: &'static str,
    /// Share of its channel's spend while it runs.
    pub weight: f64,
    /// Leads per unit of spend relative to its channel's other campaigns.
    pub efficiency: f64,
    /// Days (offsets from the first demo day, inclusive) it spent; `None`: all year.
    pub window: Option<(u32, u32)>,
    pub utm_source: &'static str,
    pub utm_medium: &'static str,
    pub referrer: Option<&'static str>,
    /// Landing page path on the demo site; `None` for imported leads and lead forms.
    pub path: Option<&'static str>,
    pub terms: &'static [&'static str],
    pub contents: &'static [&'static str],
}

/// The demo company's web site.
pub(super) const SITE: &str = "https://www.leadsource.example";

const RSA: &[&str] = &["rsa-a", "rsa-b", "rsa-c"];
const SOCIAL_ADS: &[&str] = &[
    "carousel-roi",
    "video-15s",
    "single-image-a",
    "single-image-b",
];
const BANNERS: &[&str] = &["300x250", "728x90", "160x600", "320x50"];

#[expect(
    clippy::too_many_arguments,
    reason = "one call per row keeps the catalog a table"
)]
const fn spec(
    kind: &'static str,
    name: &'static str,
    slug: &'static str,
    status: &'static str,
    (weight, efficiency): (f64, f64),
    window: Option<(u32, u32)>,
    (utm_source, utm_medium, referrer): (&'static str, &'static str, Option<&'static str>),
    (path, terms, contents): (
        Option<&'static str>,
        &'static [&'static str],
        &'static [&'static str],
    ),
) -> CampaignSpec {
    CampaignSpec {
        kind,
        name,
        slug,
        status,
        weight,
        efficiency,
        window,
        utm_source,
        utm_medium,
        referrer,
        path,
        terms,
        contents,
    }
}

const A: &str = "ACTIVE";
const P: &str = "PAUSED";
const X: &str = "ARCHIVED";
const GOOGLE: Option<&str> = Some("https://www.google.com/");

/// All campaigns, in a fixed order (the order they are inserted in).
#[rustfmt::skip]
pub(super) const CAMPAIGNS: &[CampaignSpec] = &[
    spec("PAID_SEARCH", "Search — Brand", "brand-search", A, (0.18, 2.2), None, ("google", "cpc", GOOGLE), (Some("/"), &["leadsource", "leadsource pricing", "leadsource login", "leadsource reviews"], RSA)),
    spec("PAID_SEARCH", "Search — Attribution software", "generic-attribution-software", A, (0.30, 0.9), None, ("google", "cpc", GOOGLE), (Some("/product/attribution"), &["marketing attribution software", "multi touch attribution", "attribution tool b2b", "markov attribution"], RSA)),
    spec("PAID_SEARCH", "Search — Marketing ROI", "generic-marketing-roi", A, (0.22, 0.8), None, ("google", "cpc", GOOGLE), (Some("/solutions/roi-reporting"), &["marketing roi dashboard", "roas calculator", "campaign roi tracking"], RSA)),
    spec("PAID_SEARCH", "Search — Competitor terms", "competitor-terms", A, (0.15, 0.6), None, ("google", "cpc", GOOGLE), (Some("/compare"), &["hubspot attribution alternative", "dreamdata alternative", "ruler analytics alternative"], RSA)),
    spec("PAID_SEARCH", "Bing — Brand & generic", "bing-brand-generic", A, (0.10, 1.1), None, ("bing", "cpc", Some("https://www.bing.com/")), (Some("/"), &["leadsource", "marketing attribution software"], RSA)),
    spec("PAID_SEARCH", "Search — Retargeting lists", "search-rlsa", A, (0.08, 1.3), None, ("google", "cpc", GOOGLE), (Some("/pricing"), &["attribution pricing", "lead source tracking"], RSA)),
    spec("PAID_SEARCH", "Search — DACH pilot", "search-dach-pilot", P, (0.12, 0.7), Some((40, 200)), ("google", "cpc", Some("https://www.google.de/")), (Some("/de"), &["marketing attribution software deutsch", "lead tracking tool"], RSA)),
    spec("PAID_SOCIAL", "LinkedIn — ABM enterprise", "linkedin-abm-enterprise", A, (0.35, 0.8), None, ("linkedin", "paid_social", Some("https://www.linkedin.com/")), (Some("/enterprise"), &[], SOCIAL_ADS)),
    spec("PAID_SOCIAL", "LinkedIn — Lead gen forms", "linkedin-lead-gen-forms", A, (0.25, 1.3), None, ("linkedin", "paid_social", None), (None, &[], SOCIAL_ADS)),
    spec("PAID_SOCIAL", "Meta — Prospecting", "meta-prospecting", A, (0.20, 1.0), None, ("facebook", "paid_social", Some("https://l.facebook.com/")), (Some("/guide/attribution-101"), &[], SOCIAL_ADS)),
    spec("PAID_SOCIAL", "Meta — Retargeting", "meta-retargeting", A, (0.12, 1.4), None, ("instagram", "paid_social", Some("https://l.instagram.com/")), (Some("/pricing"), &[], SOCIAL_ADS)),
    spec("PAID_SOCIAL", "Reddit — Marketers test", "reddit-marketers-test", P, (0.10, 0.7), Some((150, 240)), ("reddit", "paid_social", Some("https://www.reddit.com/")), (Some("/guide/attribution-101"), &[], SOCIAL_ADS)),
    spec("PAID_SOCIAL", "X — Launch promo", "x-launch-promo", X, (0.10, 0.6), Some((0, 45)), ("twitter", "paid_social", Some("https://t.co/")), (Some("/launch"), &[], SOCIAL_ADS)),
    spec("DISPLAY", "GDN — Prospecting", "gdn-prospecting", A, (0.45, 0.8), None, ("google", "display", Some("https://www.forbes.com/")), (Some("/product"), &[], BANNERS)),
    spec("DISPLAY", "Criteo — Retargeting", "criteo-retargeting", A, (0.35, 1.4), None, ("criteo", "display", Some("https://www.theguardian.com/")), (Some("/pricing"), &[], BANNERS)),
    spec("DISPLAY", "Programmatic — Trade publications", "programmatic-trade-pubs", A, (0.25, 0.8), None, ("dv360", "display", Some("https://www.marketingweek.com/")), (Some("/product"), &[], BANNERS)),
    spec("DISPLAY", "Display — Seasonal push", "display-seasonal-push", X, (0.30, 0.7), Some((10, 40)), ("google", "display", Some("https://www.bbc.com/")), (Some("/offer"), &[], BANNERS)),
    spec("PAID_VIDEO", "YouTube — Product demo", "youtube-product-demo", A, (0.6, 1.0), None, ("youtube", "cpv", Some("https://www.youtube.com/")), (Some("/demo"), &[], &["demo-90s", "demo-30s"])),
    spec("PAID_VIDEO", "YouTube — Customer stories", "youtube-customer-stories", A, (0.4, 1.0), None, ("youtube", "cpv", Some("https://www.youtube.com/")), (Some("/customers"), &[], &["story-acme", "story-northwind"])),
    spec("PAID_VIDEO", "YouTube — Shorts test", "youtube-shorts-test", P, (0.3, 0.8), Some((220, 280)), ("youtube", "cpv", Some("https://m.youtube.com/")), (Some("/demo"), &[], &["short-a", "short-b"])),
    spec("AFFILIATES", "Partner program — Agencies", "partner-agencies", A, (0.5, 1.1), None, ("agency-partner", "affiliate", Some("https://www.growthagency.example/")), (Some("/partners/welcome"), &[], &["partner-link"])),
    spec("AFFILIATES", "Affiliates — Review sites", "affiliate-review-sites", A, (0.3, 1.0), None, ("review-affiliate", "affiliate", Some("https://www.saasreviews.example/")), (Some("/pricing"), &[], &["top10-list", "comparison-table"])),
    spec("AFFILIATES", "Sponsorship — Newsletters", "newsletter-sponsorships", A, (0.2, 0.8), None, ("martech-weekly", "affiliate", Some("https://www.martechweekly.example/")), (Some("/guide/attribution-101"), &[], &["sponsor-slot"])),
    spec("EVENTS", "Webinar series", "webinar-series", A, (0.5, 1.2), None, ("webinar", "webinar", None), (Some("/webinars"), &[], &["attribution-masterclass", "budget-planning-live"])),
    spec("EVENTS", "Trade show — SaaStr Europa", "tradeshow-saastr-europa", X, (1.5, 1.0), Some((95, 108)), ("saastr", "event", None), (None, &[], &["booth-scan"])),
    spec("EVENTS", "Conference — MarTech Summit", "conference-martech-summit", X, (1.5, 1.0), Some((200, 213)), ("martech-summit", "conference", None), (None, &[], &["booth-scan", "talk-qr"])),
    spec("EVENTS", "Trade show — B2B Marketing Expo", "tradeshow-b2b-marketing-expo", X, (1.5, 0.9), Some((300, 313)), ("b2b-expo", "tradeshow", None), (None, &[], &["booth-scan"])),
    spec("EVENTS", "Roadshow — Customer meetups", "roadshow-customer-meetups", P, (0.4, 0.9), Some((120, 260)), ("meetup", "event", None), (None, &[], &["meetup-list"])),
    spec("EMAIL", "Newsletter — Monthly", "newsletter-monthly", A, (0.6, 1.0), None, ("newsletter", "email", None), (Some("/blog"), &[], &["hero-cta", "footer-link"])),
    spec("EMAIL", "Nurture — Trial onboarding", "nurture-trial-onboarding", A, (0.4, 1.0), None, ("hubspot", "email", None), (Some("/pricing"), &[], &["day-3", "day-7", "day-14"])),
];

/// Later touches of a journey: kind, the campaign slug it comes through (if any), and
/// weights for leads that do not buy and for buyers (buyers return by email and directly).
pub(super) const FOLLOW_UPS: &[(&str, Option<&str>, f64, f64)] = &[
    ("EMAIL", Some("nurture-trial-onboarding"), 0.22, 0.36),
    ("EMAIL", Some("newsletter-monthly"), 0.10, 0.12),
    ("DIRECT", None, 0.24, 0.30),
    ("ORGANIC_SEARCH", None, 0.14, 0.10),
    ("PAID_SEARCH", Some("brand-search"), 0.10, 0.08),
    ("PAID_SOCIAL", Some("meta-retargeting"), 0.06, 0.04),
    ("DISPLAY", Some("criteo-retargeting"), 0.04, 0.01),
    ("REFERRAL", None, 0.05, 0.04),
    ("AI_ASSISTANT", None, 0.05, 0.05),
];
