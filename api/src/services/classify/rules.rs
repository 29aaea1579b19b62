//! The default rule table: GA4's default channel grouping in GA4's order, with the Leadsource
//! rules (`leadsource.*`) slotted in. `ga4.*` rows follow GA4's documented definitions exactly.

use std::sync::LazyLock;

use super::group::ChannelGroup::{self, *};
use super::rule::{Condition, Pattern, Rule, TextMatch};
use super::sources::SourceCategory;

/// GA4's "paid" medium.
const PAID_MEDIUM: &str = r"^(.*cp.*|ppc|retargeting|paid.*)$";
/// GA4's shopping campaign name: "shop" not preceded by a letter other than `e`, or "shopping".
const SHOP_CAMPAIGN: &str = r"^(.*(([^a-df-z]|^)shop|shopping).*)$";
const VIDEO_MEDIUM: &str = r"^(.*video.*)$";
/// GA4: medium ends with "push", or contains "mobile" or "notification".
const PUSH_MEDIUM: &str = r"^(.*push|.*mobile.*|.*notification.*)$";
const EVENT_MEDIUM: &str = r"^(events?|trade[ _-]?shows?|conferences?|webinars?)$";
const EVENT_SOURCE: &str = r"^(.*trade[ _-]?show.*|.*conference.*|.*webinar.*|events?)$";

/// Every pattern above, so a test can prove they compile.
#[cfg(test)]
pub(super) const PATTERNS: [&str; 6] = [
    PAID_MEDIUM,
    SHOP_CAMPAIGN,
    VIDEO_MEDIUM,
    PUSH_MEDIUM,
    EVENT_MEDIUM,
    EVENT_SOURCE,
];

const EMAIL_WORDS: &[&str] = &["email", "e-mail", "e_mail", "e mail"];

/// The default rules, ordered; the first rule whose conditions hold wins. The last always holds.
pub(super) static DEFAULT_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use Condition::{All, Any, Campaign, Medium, NoTrafficSignal, SelfReferral, Source};
    use SourceCategory as Cat;
    use TextMatch::{Absent, Category, Contains};
    let paid = || Medium(re(PAID_MEDIUM));
    vec![
        rule(
            "leadsource.self_referral",
            "The referrer is the landing page's own site and nothing else identifies the visit: a continued visit counts as direct.",
            Direct,
            vec![SelfReferral, NoTrafficSignal],
        ),
        rule(
            "ga4.direct",
            "Source is \"(direct)\" and medium is \"(none)\" or \"(not set)\" (or missing), or there is no source, medium, click id or referrer at all.",
            Direct,
            vec![Any(vec![
                All(vec![
                    Source(one_of(&["(direct)"])),
                    Any(vec![
                        Medium(Absent),
                        Medium(one_of(&["(none)", "(not set)"])),
                    ]),
                ]),
                NoTrafficSignal,
            ])],
        ),
        rule(
            "ga4.cross_network",
            "Campaign name contains \"cross-network\" (Performance Max, Smart Shopping).",
            CrossNetwork,
            vec![Campaign(Contains("cross-network".into()))],
        ),
        rule(
            "ga4.paid_shopping",
            "Source is a shopping site or the campaign name matches ^(.*(([^a-df-z]|^)shop|shopping).*)$, and the medium is paid.",
            PaidShopping,
            vec![
                Any(vec![
                    Source(Category(Cat::Shopping)),
                    Campaign(re(SHOP_CAMPAIGN)),
                ]),
                paid(),
            ],
        ),
        rule(
            "ga4.paid_search",
            "Source is a search engine and the medium is paid (^(.*cp.*|ppc|retargeting|paid.*)$); a gclid, gbraid, wbraid or msclkid with no utm_medium counts as google or bing / cpc.",
            PaidSearch,
            vec![Source(Category(Cat::Search)), paid()],
        ),
        rule(
            "ga4.paid_social",
            "Source is a social site and the medium is paid; an fbclid, ttclid or li_fat_id with no utm_medium counts as facebook, tiktok or linkedin / cpc.",
            PaidSocial,
            vec![Source(Category(Cat::Social)), paid()],
        ),
        rule(
            "ga4.paid_video",
            "Source is a video site and the medium is paid.",
            PaidVideo,
            vec![Source(Category(Cat::Video)), paid()],
        ),
        rule(
            "ga4.display",
            "Medium is display, banner, expandable, interstitial or cpm.",
            Display,
            vec![Medium(one_of(&[
                "display",
                "banner",
                "expandable",
                "interstitial",
                "cpm",
            ]))],
        ),
        rule(
            "ga4.paid_other",
            "Medium is paid (^(.*cp.*|ppc|retargeting|paid.*)$) and no paid rule above matched the source.",
            PaidOther,
            vec![paid()],
        ),
        rule(
            "leadsource.ai_assistant",
            "Source or referrer is an AI assistant (chatgpt.com, perplexity.ai, gemini.google.com, copilot.microsoft.com, claude.ai, ...); ahead of organic search so gemini.google.com is not Google search.",
            AiAssistant,
            vec![Source(Category(Cat::AiAssistant))],
        ),
        rule(
            "leadsource.events",
            "Medium is event, tradeshow / trade-show / trade_show, conference or webinar.",
            Events,
            vec![Medium(re(EVENT_MEDIUM))],
        ),
        rule(
            "ga4.organic_shopping",
            "Source is a shopping site or the campaign name matches ^(.*(([^a-df-z]|^)shop|shopping).*)$.",
            OrganicShopping,
            vec![Any(vec![
                Source(Category(Cat::Shopping)),
                Campaign(re(SHOP_CAMPAIGN)),
            ])],
        ),
        rule(
            "ga4.organic_social",
            "Source is a social site or the medium is social, social-network, social-media, sm, social network or social media.",
            OrganicSocial,
            vec![Any(vec![
                Source(Category(Cat::Social)),
                Medium(one_of(&[
                    "social",
                    "social-network",
                    "social-media",
                    "sm",
                    "social network",
                    "social media",
                ])),
            ])],
        ),
        rule(
            "ga4.organic_video",
            "Source is a video site or the medium matches ^(.*video.*)$.",
            OrganicVideo,
            vec![Any(vec![
                Source(Category(Cat::Video)),
                Medium(re(VIDEO_MEDIUM)),
            ])],
        ),
        rule(
            "ga4.organic_search",
            "Source is a search engine or the medium is organic.",
            OrganicSearch,
            vec![Any(vec![
                Source(Category(Cat::Search)),
                Medium(one_of(&["organic"])),
            ])],
        ),
        rule(
            "leadsource.webmail",
            "Source is webmail or an email service and the medium is referral (a mail.google.com or outlook.live.com referrer with no UTM tags).",
            Email,
            vec![Source(Category(Cat::Email)), Medium(one_of(&["referral"]))],
        ),
        rule(
            "ga4.referral",
            "Medium is referral, app or link (a referrer with no UTM tags counts as medium referral).",
            Referral,
            vec![Medium(one_of(&["referral", "app", "link"]))],
        ),
        rule(
            "ga4.email",
            "Source or medium is email, e-mail, e_mail or e mail.",
            Email,
            vec![Any(vec![
                Source(one_of(EMAIL_WORDS)),
                Medium(one_of(EMAIL_WORDS)),
            ])],
        ),
        rule(
            "leadsource.email",
            "Source is an email service (mailchimp, newsletter, klaviyo, ...) or the medium is newsletter.",
            Email,
            vec![Any(vec![
                Source(Category(Cat::Email)),
                Medium(one_of(&["newsletter", "newsletters"])),
            ])],
        ),
        rule(
            "ga4.affiliates",
            "Medium is affiliate.",
            Affiliates,
            vec![Medium(one_of(&["affiliate"]))],
        ),
        rule(
            "ga4.audio",
            "Medium is audio.",
            Audio,
            vec![Medium(one_of(&["audio"]))],
        ),
        rule(
            "leadsource.podcast",
            "Medium is podcast (sponsored podcast reads are audio advertising).",
            Audio,
            vec![Medium(one_of(&["podcast", "podcasts"]))],
        ),
        rule(
            "ga4.sms",
            "Source or medium is sms.",
            Sms,
            vec![Any(vec![
                Source(one_of(&["sms"])),
                Medium(one_of(&["sms"])),
            ])],
        ),
        rule(
            "ga4.mobile_push",
            "Medium ends with push or contains mobile or notification, or the source is firebase.",
            MobilePush,
            vec![Any(vec![
                Medium(re(PUSH_MEDIUM)),
                Source(one_of(&["firebase"])),
            ])],
        ),
        rule(
            "leadsource.events_source",
            "Source names a trade show, conference, webinar or event (e.g. \"trade show import\") and nothing above matched.",
            Events,
            vec![Source(re(EVENT_SOURCE))],
        ),
        rule("ga4.unassigned", "No rule matched.", Unassigned, vec![]),
    ]
});

fn rule(
    id: &'static str,
    description: &'static str,
    group: ChannelGroup,
    when: Vec<Condition>,
) -> Rule {
    Rule::new(id, description, group, when)
}

fn one_of(words: &[&str]) -> TextMatch {
    TextMatch::OneOf(words.iter().map(|w| (*w).to_owned()).collect())
}

/// Compiles one of the constant patterns above; the rule-table tests compile every one of them.
fn re(pattern: &'static str) -> TextMatch {
    match Pattern::new(pattern) {
        Ok(p) => TextMatch::Matches(p),
        // Unreachable for the constants above; a rule that never matches beats a panic in a request.
        Err(_) => TextMatch::OneOf(Vec::new()),
    }
}
