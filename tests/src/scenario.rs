//! A small hand-made data set for report tests (workspace time zone Europe/Paris, EUR),
//! with every expected number of the March 2026 reports worked out in the test that checks it.
//!
//! | lead | created (local)   | source                      | later touches                        | conversions (local)                  |
//! |------|-------------------|-----------------------------|--------------------------------------|--------------------------------------|
//! | L1   | 03-02 10:00       | PAID_SEARCH / Brand, google | EMAIL 03-05 newsletter, DIRECT 03-09 | purchase 03-10 15:00, 300.00         |
//! | L2   | 03-03 11:00       | PAID_SOCIAL / Retarget, fb  | PAID_SEARCH / Brand 03-08 google     | purchase 03-12 09:00, 200.00         |
//! | L3   | 03-15 14:00       | REFERRAL, blog              |                                      |                                      |
//! | L4   | 02-20 09:00       | ORGANIC_SEARCH, google      | PAID_SEARCH / Brand 03-20 google     | purchase 03-21 10:00, 100.00         |
//! | L5   | 03-25 16:00       | DIRECT                      |                                      | purchase 04-02 10:00, 70.00          |
//! | L6   | 03-31 23:30       | PAID_SEARCH / Brand, google |                                      | signup 03-31 23:45, 0.00             |
//! | L7   | 04-01 00:30       | PAID_SOCIAL / Retarget, fb  |                                      |                                      |
//! | L8   | 2025-11-01 09:00  | ORGANIC_SEARCH, google      | EMAIL 2025-11-20 newsletter          | purchase 03-18 12:00, 50.00          |
//!
//! L6 and L7 straddle the end of March in Paris (UTC+2 from 03-29): L7 is 03-31 22:30 UTC,
//! yet an April lead. L8's touches are older than the 90-day lookback of its conversion, so
//! that conversion falls back to L8's source. REFERRAL is on no converting journey.
//!
//! Spend: Brand 100.00 on 03-01, 150.00 on 03-15, 999.00 on 04-01; Retarget 80.00 on 03-10.
//! Budgets: Brand March 300.00, Retarget March 500.00, Brand April 100.00.

use crate::facts::{Facts, Marks};

/// Ids the tests refer to.
pub struct Scenario {
    pub brand: i64,
    pub retarget: i64,
}

pub async fn load(f: &mut Facts) -> Scenario {
    let brand = f.campaign("PAID_SEARCH", "Brand", Some("brand")).await;
    let retarget = f
        .campaign("PAID_SOCIAL", "Retarget", Some("retarget"))
        .await;
    let google_brand = Marks {
        campaign: Some(brand),
        utm_source: Some("google"),
        utm_medium: Some("cpc"),
        utm_campaign: Some("brand"),
    };
    let facebook = Marks {
        campaign: Some(retarget),
        utm_source: Some("facebook"),
        utm_medium: Some("paid_social"),
        utm_campaign: Some("retarget"),
    };
    let newsletter = Marks {
        utm_source: Some("newsletter"),
        utm_medium: Some("email"),
        ..Marks::default()
    };
    let organic = Marks {
        utm_source: Some("google"),
        utm_medium: Some("organic"),
        ..Marks::default()
    };
    let none = Marks::default();

    let l1 = f
        .lead("2026-03-02T10:00:00+01:00", "PAID_SEARCH", google_brand)
        .await;
    f.touch(l1, "2026-03-05T09:00:00+01:00", "EMAIL", newsletter)
        .await;
    f.touch(l1, "2026-03-09T12:00:00+01:00", "DIRECT", none)
        .await;
    f.conversion(l1, "2026-03-10T15:00:00+01:00", "purchase", 30_000)
        .await;

    let l2 = f
        .lead("2026-03-03T11:00:00+01:00", "PAID_SOCIAL", facebook)
        .await;
    f.touch(l2, "2026-03-08T08:00:00+01:00", "PAID_SEARCH", google_brand)
        .await;
    f.conversion(l2, "2026-03-12T09:00:00+01:00", "purchase", 20_000)
        .await;

    let blog = Marks {
        utm_source: Some("blog"),
        utm_medium: Some("referral"),
        ..Marks::default()
    };
    f.lead("2026-03-15T14:00:00+01:00", "REFERRAL", blog).await;

    let l4 = f
        .lead("2026-02-20T09:00:00+01:00", "ORGANIC_SEARCH", organic)
        .await;
    f.touch(l4, "2026-03-20T10:00:00+01:00", "PAID_SEARCH", google_brand)
        .await;
    f.conversion(l4, "2026-03-21T10:00:00+01:00", "purchase", 10_000)
        .await;

    let l5 = f.lead("2026-03-25T16:00:00+01:00", "DIRECT", none).await;
    f.conversion(l5, "2026-04-02T10:00:00+02:00", "purchase", 7_000)
        .await;

    let l6 = f
        .lead("2026-03-31T23:30:00+02:00", "PAID_SEARCH", google_brand)
        .await;
    f.conversion(l6, "2026-03-31T23:45:00+02:00", "signup", 0)
        .await;

    f.lead("2026-04-01T00:30:00+02:00", "PAID_SOCIAL", facebook)
        .await;

    let l8 = f
        .lead("2025-11-01T09:00:00+01:00", "ORGANIC_SEARCH", organic)
        .await;
    f.touch(l8, "2025-11-20T09:00:00+01:00", "EMAIL", newsletter)
        .await;
    f.conversion(l8, "2026-03-18T12:00:00+01:00", "purchase", 5_000)
        .await;

    f.spend(brand, "2026-03-01", 10_000).await;
    f.spend(brand, "2026-03-15", 15_000).await;
    f.spend(brand, "2026-04-01", 99_900).await;
    f.spend(retarget, "2026-03-10", 8_000).await;
    f.budget(brand, "2026-03-01", "2026-03-31", 30_000).await;
    f.budget(retarget, "2026-03-01", "2026-03-31", 50_000).await;
    f.budget(brand, "2026-04-01", "2026-04-30", 10_000).await;
    Scenario { brand, retarget }
}

/// A seeded random data set of `leads` leads over 2026-01-01 … 2026-06-30, for tests that
/// compare backends rather than hand-computed numbers. It plants the edge cases SQL gets
/// wrong: microsecond times, touches exactly at and one microsecond past the 90-day
/// lookback, equal timestamps, conversions without touches, non-ASCII and empty UTM values.
pub async fn random(f: &mut Facts, seed: u64, leads: usize) {
    use chrono::{Duration, TimeZone, Utc};
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    let mut rng = StdRng::seed_from_u64(seed);
    let kinds = [
        "PAID_SEARCH",
        "PAID_SOCIAL",
        "DISPLAY",
        "EMAIL",
        "DIRECT",
        "ORGANIC_SEARCH",
        "REFERRAL",
    ];
    let sources = [
        Some("google"),
        Some("Google"),
        Some("facebook"),
        Some("bücher.de"),
        Some(""),
        None,
    ];
    let mut campaigns = Vec::new();
    for (i, kind) in kinds.iter().take(3).enumerate() {
        let id = f
            .campaign(kind, &format!("Campaign {i}"), Some(&format!("c{i}")))
            .await;
        campaigns.push(id);
        for day in 1..=28 {
            f.spend(
                id,
                &format!("2026-0{}-{day:02}", 1 + (day + i) % 6),
                rng.random_range(0..50_000),
            )
            .await;
        }
    }
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("2026-01-01T00:00:00Z is a time");
    let text = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    for _ in 0..leads {
        let created = start + Duration::microseconds(rng.random_range(0..180 * 86_400_000_000i64));
        let kind = kinds[rng.random_range(0..kinds.len())];
        let marks = Marks {
            campaign: campaigns.get(rng.random_range(0..6)).copied(),
            utm_source: sources[rng.random_range(0..sources.len())],
            utm_medium: ["cpc", "email", "organic"]
                .get(rng.random_range(0..4))
                .copied(),
            utm_campaign: ["c0", "c1"].get(rng.random_range(0..3)).copied(),
        };
        let lead = f.lead(&text(created), kind, marks).await;
        let mut last = created;
        for _ in 0..rng.random_range(0..5) {
            // Sometimes at the same instant as the previous touch.
            if rng.random_bool(0.8) {
                last += Duration::microseconds(rng.random_range(1..20 * 86_400_000_000i64));
            }
            let kind = kinds[rng.random_range(0..kinds.len())];
            let marks = Marks {
                campaign: campaigns.get(rng.random_range(0..5)).copied(),
                utm_source: sources[rng.random_range(0..sources.len())],
                ..Marks::default()
            };
            f.touch(lead, &text(last), kind, marks).await;
        }
        if rng.random_bool(0.4) {
            let at = last + Duration::microseconds(rng.random_range(0..30 * 86_400_000_000i64));
            let kind = ["purchase", "signup"][rng.random_range(0..2)];
            f.conversion(lead, &text(at), kind, rng.random_range(0..500_000))
                .await;
            // Touches on the lookback boundary: exactly 90 days before (inside), and one
            // microsecond earlier (outside).
            if rng.random_bool(0.2) {
                let edge = at - Duration::days(90) - Duration::microseconds(rng.random_range(0..2));
                f.touch(
                    lead,
                    &text(edge),
                    kinds[rng.random_range(0..kinds.len())],
                    Marks::default(),
                )
                .await;
            }
        }
    }
}
