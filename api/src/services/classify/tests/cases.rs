//! Real-world touches and the group GA4's default channel grouping (plus Leadsource's rules) gives them.

use super::super::{ChannelGroup, ChannelGroup::*, classify};
use super::signals;

type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    ChannelGroup,
    &'static str,
);

const LANDING: &str = "landing";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Paid search: a search source with a paid medium, or a Google / Microsoft click id.
    ("google cpc", &[("source", "google"), ("medium", "cpc")], PaidSearch, "ga4.paid_search"),
    ("google ppc", &[("source", "google"), ("medium", "ppc")], PaidSearch, "ga4.paid_search"),
    ("google cpm is paid search, which GA4 evaluates before display", &[("source", "google"), ("medium", "cpm")], PaidSearch, "ga4.paid_search"),
    ("adwords gclid only", &[(LANDING, "https://acme.com/demo?gclid=Cj0KCQ")], PaidSearch, "ga4.paid_search"),
    ("gbraid only (iOS)", &[(LANDING, "https://acme.com/?gbraid=0AAAA")], PaidSearch, "ga4.paid_search"),
    ("bing cpc", &[("source", "bing"), ("medium", "cpc")], PaidSearch, "ga4.paid_search"),
    ("msclkid only", &[(LANDING, "https://acme.com/?msclkid=5f2c")], PaidSearch, "ga4.paid_search"),
    ("odd casing", &[("source", "GoOgLe"), ("medium", "CPC")], PaidSearch, "ga4.paid_search"),
    ("whitespace and control padding", &[("source", "  google\t"), ("medium", "\n cpc \r\n")], PaidSearch, "ga4.paid_search"),
    ("utm from the landing page query", &[(LANDING, "https://acme.com/?utm_source=google&utm_medium=cpc")], PaidSearch, "ga4.paid_search"),
    ("retargeting on a search source", &[("source", "yahoo"), ("medium", "retargeting")], PaidSearch, "ga4.paid_search"),
    ("shop inside a word is not shopping", &[("source", "google"), ("medium", "cpc"), ("campaign", "workshop_2024")], PaidSearch, "ga4.paid_search"),
    // Paid social / video / shopping / other, cross-network, display.
    ("facebook paid_social", &[("source", "facebook"), ("medium", "paid_social")], PaidSocial, "ga4.paid_social"),
    ("fb / paid", &[("source", "fb"), ("medium", "paid")], PaidSocial, "ga4.paid_social"),
    ("instagram cpc", &[("source", "instagram"), ("medium", "cpc")], PaidSocial, "ga4.paid_social"),
    ("linkedin sponsored", &[("source", "linkedin"), ("medium", "paid_social")], PaidSocial, "ga4.paid_social"),
    ("tiktok paid", &[("source", "tiktok"), ("medium", "paid")], PaidSocial, "ga4.paid_social"),
    ("fbclid only counts as paid (DESIGN §2)", &[(LANDING, "https://acme.com/?fbclid=IwAR0")], PaidSocial, "ga4.paid_social"),
    ("ttclid only", &[(LANDING, "https://acme.com/?ttclid=E.C.P")], PaidSocial, "ga4.paid_social"),
    ("li_fat_id only", &[(LANDING, "https://acme.com/?li_fat_id=1a2b")], PaidSocial, "ga4.paid_social"),
    ("youtube cpc", &[("source", "youtube"), ("medium", "cpc")], PaidVideo, "ga4.paid_video"),
    ("cross-network campaign", &[("source", "google"), ("medium", "cpc"), ("campaign", "PMax Cross-Network Q3")], CrossNetwork, "ga4.cross_network"),
    ("shopping campaign on google cpc", &[("source", "google"), ("medium", "cpc"), ("campaign", "shopping_spring")], PaidShopping, "ga4.paid_shopping"),
    ("gclid with a shop campaign", &[(LANDING, "https://acme.com/?gclid=x&utm_campaign=eu-shop")], PaidShopping, "ga4.paid_shopping"),
    ("amazon cpc", &[("source", "amazon"), ("medium", "cpc")], PaidShopping, "ga4.paid_shopping"),
    ("display", &[("source", "google"), ("medium", "display")], Display, "ga4.display"),
    ("banner", &[("source", "dv360"), ("medium", "banner")], Display, "ga4.display"),
    ("cpm on an unknown source", &[("source", "adnetwork"), ("medium", "cpm")], Display, "ga4.display"),
    ("retargeting on an unknown source", &[("source", "criteo"), ("medium", "retargeting")], PaidOther, "ga4.paid_other"),
    ("paid medium on an ai source", &[("source", "chatgpt.com"), ("medium", "cpc")], PaidOther, "ga4.paid_other"),
    // Organic by referrer host (no UTM) or by source / medium.
    ("google organic referrer", &[("referrer", "https://www.google.com/")], OrganicSearch, "ga4.organic_search"),
    ("google country domain", &[("referrer", "https://www.google.co.uk/")], OrganicSearch, "ga4.organic_search"),
    ("news.google.com", &[("referrer", "https://news.google.com/articles/x")], OrganicSearch, "ga4.organic_search"),
    ("bing organic", &[("referrer", "HTTPS://WWW.BING.COM:443/search?q=crm")], OrganicSearch, "ga4.organic_search"),
    ("duckduckgo", &[("referrer", "https://duckduckgo.com/")], OrganicSearch, "ga4.organic_search"),
    ("yahoo search", &[("referrer", "https://search.yahoo.com/search?p=crm")], OrganicSearch, "ga4.organic_search"),
    ("baidu", &[("referrer", "https://www.baidu.com/link?url=x")], OrganicSearch, "ga4.organic_search"),
    ("google source without medium", &[("source", "google")], OrganicSearch, "ga4.organic_search"),
    ("medium organic", &[("source", "someengine"), ("medium", "organic")], OrganicSearch, "ga4.organic_search"),
    ("android google app", &[("referrer", "android-app://com.google.android.googlequicksearchbox/")], OrganicSearch, "ga4.organic_search"),
    ("linkedin organic referrer", &[("referrer", "https://www.linkedin.com/")], OrganicSocial, "ga4.organic_social"),
    ("lnkd.in", &[("referrer", "https://lnkd.in/eXaMpLe")], OrganicSocial, "ga4.organic_social"),
    ("t.co", &[("referrer", "https://t.co/abc123")], OrganicSocial, "ga4.organic_social"),
    ("twitter social", &[("source", "twitter"), ("medium", "social")], OrganicSocial, "ga4.organic_social"),
    ("lm.facebook.com", &[("referrer", "https://lm.facebook.com/l.php?u=https%3A%2F%2Facme.com")], OrganicSocial, "ga4.organic_social"),
    ("l.instagram.com", &[("referrer", "https://l.instagram.com/?u=x")], OrganicSocial, "ga4.organic_social"),
    ("reddit", &[("referrer", "https://old.reddit.com/r/marketing/")], OrganicSocial, "ga4.organic_social"),
    ("linkedin app", &[("referrer", "android-app://com.linkedin.android/")], OrganicSocial, "ga4.organic_social"),
    ("youtube organic", &[("referrer", "https://www.youtube.com/")], OrganicVideo, "ga4.organic_video"),
    ("vimeo", &[("referrer", "https://vimeo.com/12345")], OrganicVideo, "ga4.organic_video"),
    ("video medium", &[("source", "webinarhub"), ("medium", "video")], OrganicVideo, "ga4.organic_video"),
    ("amazon referrer", &[("referrer", "https://www.amazon.com/dp/B00")], OrganicShopping, "ga4.organic_shopping"),
    ("shopping campaign without paid medium", &[("source", "partner"), ("medium", "referral"), ("campaign", "holiday-shop")], OrganicShopping, "ga4.organic_shopping"),
    // AI assistants: ahead of organic search and referral.
    ("chatgpt referrer", &[("referrer", "https://chatgpt.com/")], AiAssistant, "leadsource.ai_assistant"),
    ("chatgpt utm_source", &[(LANDING, "https://acme.com/?utm_source=chatgpt.com")], AiAssistant, "leadsource.ai_assistant"),
    ("perplexity utm_source", &[("source", "perplexity")], AiAssistant, "leadsource.ai_assistant"),
    ("gemini is not google search", &[("referrer", "https://gemini.google.com/app")], AiAssistant, "leadsource.ai_assistant"),
    ("claude.ai", &[("referrer", "https://claude.ai/chat/1")], AiAssistant, "leadsource.ai_assistant"),
    ("copilot", &[("referrer", "https://copilot.microsoft.com/")], AiAssistant, "leadsource.ai_assistant"),
    ("chatgpt with referral medium", &[("source", "chatgpt.com"), ("medium", "referral")], AiAssistant, "leadsource.ai_assistant"),
    // Email, affiliates, audio, sms, push.
    ("email medium", &[("source", "newsletter"), ("medium", "email")], Email, "ga4.email"),
    ("e-mail medium", &[("source", "crm"), ("medium", "E-Mail")], Email, "ga4.email"),
    ("email source only", &[("source", "email")], Email, "ga4.email"),
    ("gclid does not override an explicit medium", &[("medium", "email"), (LANDING, "https://acme.com/?gclid=x")], Email, "ga4.email"),
    ("explicit input wins over the query string", &[("source", "newsletter"), ("medium", "email"), (LANDING, "https://acme.com/?utm_source=google&utm_medium=cpc")], Email, "ga4.email"),
    ("query string fills only the gaps: google / social", &[("medium", "social"), (LANDING, "https://acme.com/?utm_source=google&utm_medium=cpc")], OrganicSocial, "ga4.organic_social"),
    ("google / email is organic search, which GA4 evaluates before email", &[("source", "google"), ("medium", "email")], OrganicSearch, "ga4.organic_search"),
    ("mailchimp newsletter", &[("source", "mailchimp"), ("medium", "newsletter")], Email, "leadsource.email"),
    ("mailchimp without medium", &[("source", "mailchimp")], Email, "leadsource.email"),
    ("gmail referrer", &[("referrer", "https://mail.google.com/")], Email, "leadsource.webmail"),
    ("outlook referrer", &[("referrer", "https://outlook.live.com/mail/0/")], Email, "leadsource.webmail"),
    ("affiliate", &[("source", "partnerstack"), ("medium", "affiliate")], Affiliates, "ga4.affiliates"),
    ("audio", &[("source", "spotify"), ("medium", "audio")], Audio, "ga4.audio"),
    ("podcast", &[("source", "saas-podcast"), ("medium", "podcast")], Audio, "leadsource.podcast"),
    ("sms", &[("source", "twilio"), ("medium", "sms")], Sms, "ga4.sms"),
    ("push", &[("source", "onesignal"), ("medium", "web_push")], MobilePush, "ga4.mobile_push"),
    ("mobile notification", &[("source", "app"), ("medium", "mobile-notification")], MobilePush, "ga4.mobile_push"),
    ("firebase", &[("source", "firebase")], MobilePush, "ga4.mobile_push"),
    // Events.
    ("trade show medium", &[("source", "saastr"), ("medium", "tradeshow")], Events, "leadsource.events"),
    ("trade-show medium", &[("source", "dreamforce"), ("medium", "Trade-Show")], Events, "leadsource.events"),
    ("webinar", &[("source", "zoom"), ("medium", "webinar")], Events, "leadsource.events"),
    ("conference", &[("source", "web summit"), ("medium", "conference")], Events, "leadsource.events"),
    ("trade show import", &[("source", "Trade Show Import")], Events, "leadsource.events_source"),
    // Direct, referral, unassigned.
    ("nothing at all", &[], Direct, "ga4.direct"),
    ("(direct)/(none)", &[("source", "(direct)"), ("medium", "(none)")], Direct, "ga4.direct"),
    ("campaign only", &[("campaign", "spring")], Direct, "ga4.direct"),
    ("landing page without tags", &[(LANDING, "https://acme.com/pricing")], Direct, "ga4.direct"),
    ("self-referral", &[("referrer", "https://www.acme.com/blog"), (LANDING, "https://acme.com/pricing")], Direct, "leadsource.self_referral"),
    ("self-referral with tags keeps the tags", &[("referrer", "https://acme.com/"), (LANDING, "https://acme.com/?utm_source=bing&utm_medium=cpc")], PaidSearch, "ga4.paid_search"),
    ("unknown referrer", &[("referrer", "https://blog.example.org/post")], Referral, "ga4.referral"),
    ("schemeless referrer", &[("referrer", "partner.example.com/links")], Referral, "ga4.referral"),
    ("unknown source with referral medium", &[("source", "capterra"), ("medium", "referral")], Referral, "ga4.referral"),
    ("google docs is not search", &[("referrer", "https://docs.google.com/document/d/1")], Referral, "ga4.referral"),
    ("unknown source without medium", &[("source", "some-partner")], Unassigned, "ga4.unassigned"),
    ("garbage medium", &[("medium", "%%%")], Unassigned, "ga4.unassigned"),
    ("referrer that is not a url", &[("referrer", "not a url")], Unassigned, "ga4.unassigned"),
    ("javascript referrer", &[("referrer", "javascript:alert(1)")], Unassigned, "ga4.unassigned"),
    ("tagged visit ignores the referrer", &[("source", "partner"), ("medium", "banana"), ("referrer", "https://www.google.com/")], Unassigned, "ga4.unassigned"),
];

#[test]
fn real_world_touches_land_in_the_expected_group() {
    let mut failures = Vec::new();
    for (name, pairs, group, rule_id) in CASES {
        let c = classify(&signals(pairs));
        if (c.group, c.rule_id) != (*group, *rule_id) {
            failures.push(format!(
                "{name}: got {:?} via {}, want {group:?} via {rule_id}",
                c.group, c.rule_id
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn huge_values_are_cut_and_never_panic() {
    let ten_kb = "a".repeat(10 * 1024);
    let cases = [
        (
            signals(&[("source", &ten_kb)]),
            Unassigned,
            "ga4.unassigned",
        ),
        (
            signals(&[("source", &ten_kb), ("medium", "referral")]),
            Referral,
            "ga4.referral",
        ),
        (
            signals(&[("medium", &format!("{ten_kb}cpc"))]),
            Unassigned,
            "ga4.unassigned",
        ),
        (
            signals(&[("referrer", &format!("https://{ten_kb}.com/"))]),
            Referral,
            "ga4.referral",
        ),
        (
            signals(&[(
                LANDING,
                &format!("https://acme.com/?x={ten_kb}&utm_source=google&utm_medium=cpc"),
            )]),
            Direct,
            "ga4.direct",
        ),
        (
            signals(&[
                ("source", &"\u{0}".repeat(10_000)),
                ("referrer", &"%".repeat(10_000)),
            ]),
            Unassigned,
            "ga4.unassigned",
        ),
    ];
    for (i, (s, group, rule_id)) in cases.into_iter().enumerate() {
        let c = classify(&s);
        assert_eq!((c.group, c.rule_id), (group, rule_id), "case {i}");
        assert!(
            c.utm.source.as_ref().is_none_or(|v| v.len() <= 512),
            "case {i}"
        );
    }
}
