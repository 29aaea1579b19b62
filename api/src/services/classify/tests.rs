//! Unit tests for classification: the real-world case table lives in `tests/cases.rs`.

mod cases;

use super::*;

/// Builds signals from `(field, value)` pairs; fields: source, medium, campaign, term, content, referrer, landing.
pub(super) fn signals(pairs: &[(&str, &str)]) -> TouchSignals {
    let mut s = TouchSignals::default();
    for (field, value) in pairs {
        let slot = match *field {
            "source" => &mut s.utm_source,
            "medium" => &mut s.utm_medium,
            "campaign" => &mut s.utm_campaign,
            "term" => &mut s.utm_term,
            "content" => &mut s.utm_content,
            "referrer" => &mut s.referrer,
            "landing" => &mut s.landing_page,
            other => panic!("unknown field {other}"),
        };
        *slot = Some((*value).to_owned());
    }
    s
}

#[test]
fn group_names_round_trip_through_parse() {
    for g in ChannelGroup::ALL {
        assert_eq!(ChannelGroup::parse(g.as_str()), Some(g));
        assert_eq!(ChannelGroup::parse(&g.as_str().to_lowercase()), Some(g));
        assert_eq!(ChannelGroup::parse(g.display_name()), Some(g));
    }
    assert_eq!(
        ChannelGroup::parse("  paid_search "),
        Some(ChannelGroup::PaidSearch)
    );
    assert_eq!(
        ChannelGroup::parse("AI Assistant"),
        Some(ChannelGroup::AiAssistant)
    );
    assert_eq!(ChannelGroup::parse("PAID SEARCHES"), None);
    assert_eq!(ChannelGroup::parse(""), None);
}

#[test]
fn group_list_is_complete_sorted_and_unique() {
    let mut sorted = ChannelGroup::ALL;
    sorted.sort();
    assert_eq!(sorted, ChannelGroup::ALL);
    let names: std::collections::HashSet<_> =
        ChannelGroup::ALL.iter().map(|g| g.as_str()).collect();
    assert_eq!(names.len(), 21);
    assert_eq!(ChannelGroup::PaidSearch.as_str(), "PAID_SEARCH");
    assert_eq!(
        ChannelGroup::MobilePush.display_name(),
        "Mobile Push Notifications"
    );
}

#[test]
fn paid_groups_are_the_bought_media() {
    let paid: Vec<_> = ChannelGroup::ALL
        .into_iter()
        .filter(|g| g.is_paid())
        .collect();
    use ChannelGroup::*;
    assert_eq!(
        paid,
        [
            CrossNetwork,
            PaidShopping,
            PaidSearch,
            PaidSocial,
            PaidVideo,
            Display,
            PaidOther,
            Audio
        ]
    );
}

#[test]
fn resolve_utm_fills_gaps_from_the_landing_page_and_explicit_values_win() {
    let s = signals(&[
        ("source", "  Newsletter "),
        ("medium", ""),
        (
            "landing",
            "https://acme.com/p?utm_source=google&UTM_MEDIUM=cpc&utm_campaign=Spring%20Sale&utm_term=crm+tool&utm_content=&gclid=abc&fbclid=x",
        ),
    ]);
    let utm = resolve_utm(&s);
    assert_eq!(
        utm,
        ResolvedUtm {
            source: Some("Newsletter".into()),
            medium: Some("cpc".into()),
            campaign: Some("Spring Sale".into()),
            term: Some("crm tool".into()),
            content: None,
            click_id: Some(ClickId::Gclid),
        }
    );
}

#[test]
fn resolve_utm_reads_relative_and_schemeless_landing_pages() {
    let rel = resolve_utm(&signals(&[(
        "landing",
        "/pricing?utm_medium=email&msclkid=1",
    )]));
    assert_eq!(rel.medium.as_deref(), Some("email"));
    assert_eq!(rel.click_id, Some(ClickId::Msclkid));
    let bare = resolve_utm(&signals(&[(
        "landing",
        "acme.com/?utm_source=x&utm_source=y&li_fat_id=9",
    )]));
    assert_eq!(bare.source.as_deref(), Some("x"));
    assert_eq!(bare.click_id, Some(ClickId::LiFatId));
}

#[test]
fn resolve_utm_cleans_garbage_without_failing() {
    assert_eq!(
        resolve_utm(&TouchSignals::default()),
        ResolvedUtm::default()
    );
    let s = signals(&[
        ("source", "\u{0}\t \n"),
        ("medium", "e\u{7}mail"),
        ("landing", "::::%%%??&&=="),
    ]);
    let utm = resolve_utm(&s);
    assert_eq!(utm.source, None);
    assert_eq!(utm.medium.as_deref(), Some("email"));
    let huge = resolve_utm(&signals(&[("campaign", &"é".repeat(20_000))]));
    assert_eq!(huge.campaign.map(|c| c.chars().count()), Some(512));
    let empty_click = resolve_utm(&signals(&[("landing", "https://a.com/?gclid=&wbraid=w")]));
    assert_eq!(empty_click.click_id, Some(ClickId::Wbraid));
}

#[test]
fn source_categories_match_names_hosts_and_subdomains() {
    use SourceCategory::*;
    let cases = [
        ("google", Some(Search)),
        ("https://www.google.co.uk/", Some(Search)),
        ("news.google.com", Some(Search)),
        ("gemini.google.com", Some(AiAssistant)),
        ("mail.google.com", Some(Email)),
        ("docs.google.com", None),
        ("lm.facebook.com", Some(Social)),
        ("ig", Some(Social)),
        ("ig.com.br", None),
        ("youtube", Some(Video)),
        ("m.youtube.com", Some(Video)),
        ("smile.amazon.co.uk", Some(Shopping)),
        ("google.example.com", None),
        ("googleusercontent.com", None),
        ("", None),
    ];
    for (value, expected) in cases {
        assert_eq!(source_category(value), expected, "{value}");
    }
}

#[test]
fn default_table_is_well_formed() {
    for p in rules::PATTERNS {
        assert!(Pattern::new(p).is_ok(), "{p}");
    }
    let rules = default_rules();
    let ids: std::collections::HashSet<_> = rules.iter().map(|r| r.id.as_ref()).collect();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");
    let last = rules.last().map(|r| (r.id.as_ref(), r.when.is_empty()));
    assert_eq!(last, Some(("ga4.unassigned", true)));
    assert!(rules.iter().all(|r| !r.description.is_empty()));
    assert!(RULES_VERSION.starts_with("ga4-"));
}

#[test]
fn workspace_rules_run_first_and_report_their_index() {
    let organic_fb = Rule::new(
        String::from("ws-1"),
        String::from("fbclid from a facebook referrer is an organic share"),
        ChannelGroup::OrganicSocial,
        vec![
            Condition::ClickId(ClickIdMatch::OneOf(vec![ClickId::Fbclid])),
            Condition::ReferrerHost(TextMatch::Category(SourceCategory::Social)),
        ],
    );
    let partner = Rule::new(
        "ws-2",
        "partner portal",
        ChannelGroup::Affiliates,
        vec![Condition::Source(TextMatch::Matches(
            Pattern::new(r"^partner-\d+$").expect("valid pattern"),
        ))],
    );
    let custom = [organic_fb, partner];
    let fb = signals(&[
        ("referrer", "https://l.facebook.com/"),
        ("landing", "https://acme.com/?fbclid=IwAR"),
    ]);
    let c = classify_with(&custom, &fb);
    assert_eq!(
        (c.group, c.rule_id, c.custom_rule_index),
        (ChannelGroup::OrganicSocial, CUSTOM_RULE_ID, Some(0))
    );
    assert_eq!(classify(&fb).group, ChannelGroup::PaidSocial);

    let p = classify_with(
        &custom,
        &signals(&[("source", "Partner-42"), ("medium", "referral")]),
    );
    assert_eq!(
        (p.group, p.custom_rule_index),
        (ChannelGroup::Affiliates, Some(1))
    );
    let other = classify_with(
        &custom,
        &signals(&[("source", "google"), ("medium", "cpc")]),
    );
    assert_eq!(
        (other.group, other.rule_id, other.custom_rule_index),
        (ChannelGroup::PaidSearch, "ga4.paid_search", None)
    );
}

#[test]
fn oversized_workspace_patterns_are_refused() {
    assert!(Pattern::new(r"\w{1000}{1000}").is_err());
    assert!(Pattern::new("(unclosed").is_err());
}

#[test]
fn classification_reports_resolved_inputs() {
    let c = classify(&signals(&[
        ("referrer", "HTTPS://LM.Facebook.com/l.php?u=x"),
        ("medium", " Social "),
    ]));
    assert_eq!(c.referrer_host.as_deref(), Some("lm.facebook.com"));
    assert_eq!(c.utm.medium.as_deref(), Some("Social"));
    assert_eq!(
        (c.group, c.rule_id),
        (ChannelGroup::OrganicSocial, "ga4.organic_social")
    );
    assert!(!c.rule_description.is_empty());
}

#[test]
fn arbitrary_garbage_never_panics() {
    const ALPHABET: &[char] = &[
        'a', 'g', 'o', 'l', 'e', '.', '/', ':', '?', '&', '=', '%', '#', ' ', '\t', '\0', '\u{7f}',
        'é', '☃', '[', ']', '@', '-', '_', '(', ')',
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).expect("31 bits fit a usize") % bound
    };
    let prefixes = [
        "",
        "https://",
        "http://www.",
        "android-app://",
        "?utm_source=",
        "/x?gclid=",
    ];
    for _ in 0..2_000 {
        let mut value = |n: usize| {
            let mut s = String::from(prefixes[next(prefixes.len())]);
            s.extend((0..next(n)).map(|_| ALPHABET[next(ALPHABET.len())]));
            s
        };
        let s = TouchSignals {
            utm_source: Some(value(12)),
            utm_medium: Some(value(6)),
            utm_campaign: Some(value(20)),
            utm_term: None,
            utm_content: Some(value(4)),
            referrer: Some(value(30)),
            landing_page: Some(value(40)),
        };
        let c = classify(&s);
        assert!(default_rules().iter().any(|r| r.id == c.rule_id));
    }
}
