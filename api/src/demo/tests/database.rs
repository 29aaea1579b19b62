//! `write_demo(Small)` on a migrated in-memory SQLite: counts, determinism across two
//! fresh databases, journey invariants and the planted ROI ordering, summed in SQL.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};
use entity::{channel, workspace};
use migration::MigratorTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, Statement};

use super::super::{DemoSummary, Scale, write_demo};

const KINDS: &[(&str, bool)] = &[
    ("DIRECT", false),
    ("ORGANIC_SEARCH", false),
    ("PAID_SEARCH", true),
    ("PAID_SOCIAL", true),
    ("ORGANIC_SOCIAL", false),
    ("PAID_VIDEO", true),
    ("DISPLAY", true),
    ("REFERRAL", false),
    ("EMAIL", false),
    ("AFFILIATES", true),
    ("EVENTS", false),
    ("AI_ASSISTANT", false),
    ("UNASSIGNED", false),
];

/// A migrated in-memory database with one workspace, its default channels and the demo.
async fn demo_database() -> (DatabaseConnection, DemoSummary) {
    let db = Database::connect("sqlite::memory:").await.expect("connect");
    migration::Migrator::up(&db, None).await.expect("migrate");
    let created_at = Utc
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .expect("time");
    let ws = workspace::ActiveModel {
        id: NotSet,
        name: Set("Demo".into()),
        slug: Set("demo".into()),
        currency: Set("EUR".into()),
        timezone: Set("Europe/Paris".into()),
        data_generation: Set(0),
        created_at: Set(created_at),
    }
    .insert(&db)
    .await
    .expect("workspace");
    let mut channels = HashMap::new();
    for (kind, is_paid) in KINDS {
        let ch = channel::ActiveModel {
            id: NotSet,
            workspace_id: Set(ws.id),
            name: Set(kind.to_lowercase()),
            kind: Set((*kind).to_owned()),
            is_paid: Set(*is_paid),
            is_default: Set(true),
            archived_at: Set(None),
            created_at: Set(created_at),
        }
        .insert(&db)
        .await
        .expect("channel");
        channels.insert((*kind).to_owned(), ch.id);
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let tz = chrono_tz::Europe::Paris;
    let sum = write_demo(&db, ws.id, tz, &channels, Scale::Small, today, false)
        .await
        .expect("demo");
    (db, sum)
}

/// The integer columns of one row.
async fn row(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
    let stmt = Statement::from_string(db.get_database_backend(), sql);
    let row = db.query_one_raw(stmt).await.expect(sql).expect("a row");
    (0..)
        .map_while(|i| row.try_get_by_index::<i64>(i).ok())
        .collect()
}

/// Per table: rows, and sums over ids, money, dates and text that any change would move.
const CHECKSUMS: &str = "SELECT
    (SELECT COUNT(*) FROM campaign), (SELECT COUNT(*) FROM budget), (SELECT SUM(planned_cents) FROM budget),
    (SELECT COUNT(*) FROM spend), (SELECT SUM(amount_cents * 7 + impressions + clicks) FROM spend),
    (SELECT COUNT(*) FROM lead), (SELECT SUM(LENGTH(email) + LENGTH(COALESCE(landing_page, '')) + channel_id + COALESCE(campaign_id, 0)) FROM lead),
    (SELECT COUNT(*) FROM touchpoint), (SELECT SUM(lead_id * 3 + channel_id + LENGTH(COALESCE(utm_campaign, ''))) FROM touchpoint),
    (SELECT COUNT(*) FROM conversion), (SELECT SUM(revenue_cents + lead_id) FROM conversion),
    (SELECT COUNT(*) FROM lead WHERE status = 'CUSTOMER'), (SELECT COUNT(DISTINCT created_on) FROM lead)";

#[tokio::test]
async fn small_demo_is_identical_on_two_fresh_databases_and_keeps_its_invariants() {
    let (db, sum) = demo_database().await;
    let (other, other_sum) = demo_database().await;
    assert_eq!(
        DemoSummary {
            elapsed: sum.elapsed,
            ..other_sum
        },
        sum
    );
    let checksums = row(&db, CHECKSUMS).await;
    assert_eq!(checksums.len(), 13);
    assert_eq!(checksums, row(&other, CHECKSUMS).await);
    let counts = [
        sum.campaigns,
        sum.budgets,
        sum.spend_rows,
        sum.leads,
        sum.touchpoints,
        sum.conversions,
    ];
    let stored = [0, 1, 3, 5, 7, 9].map(|i| checksums[i] as u64);
    assert_eq!(stored, counts);
    assert!((2_900..=3_100).contains(&sum.leads), "{sum}");

    let broken = row(
        &db,
        "SELECT
        (SELECT COUNT(*) FROM conversion c JOIN lead l ON l.id = c.lead_id
          WHERE c.occurred_at <= l.created_at OR c.occurred_on < l.created_on),
        (SELECT COUNT(*) FROM lead l WHERE NOT EXISTS (SELECT 1 FROM touchpoint t
          WHERE t.lead_id = l.id AND t.occurred_at = l.created_at AND t.channel_id = l.channel_id
            AND COALESCE(t.campaign_id, 0) = COALESCE(l.campaign_id, 0)
            AND COALESCE(t.utm_source, '') = COALESCE(l.utm_source, '')
            AND COALESCE(t.utm_medium, '') = COALESCE(l.utm_medium, '')
            AND COALESCE(t.utm_campaign, '') = COALESCE(l.utm_campaign, '')
            AND COALESCE(t.referrer, '') = COALESCE(l.referrer, '')
            AND COALESCE(t.landing_page, '') = COALESCE(l.landing_page, ''))),
        (SELECT COUNT(*) FROM touchpoint t JOIN lead l ON l.id = t.lead_id WHERE t.occurred_at < l.created_at),
        (SELECT COUNT(*) FROM (SELECT campaign_id, date FROM spend GROUP BY campaign_id, date HAVING COUNT(*) > 1) d)",
    )
    .await;
    assert_eq!(
        broken,
        [0, 0, 0, 0],
        "late conversions, leads without their source touch, early touches, duplicate spend"
    );
}

#[tokio::test]
async fn small_demo_ranks_channels_by_roi_as_planted() {
    let (db, _) = demo_database().await;
    let per_kind = |kind: &str| {
        format!(
            "SELECT
            (SELECT COALESCE(SUM(c.revenue_cents), 0) FROM conversion c JOIN lead l ON l.id = c.lead_id
              JOIN channel ch ON ch.id = l.channel_id WHERE ch.kind = '{kind}'),
            (SELECT COALESCE(SUM(s.amount_cents), 0) FROM spend s JOIN campaign cp ON cp.id = s.campaign_id
              JOIN channel ch ON ch.id = cp.channel_id WHERE ch.kind = '{kind}')"
        )
    };
    let mut roi = HashMap::new();
    for kind in [
        "EMAIL",
        "ORGANIC_SEARCH",
        "PAID_VIDEO",
        "PAID_SEARCH",
        "PAID_SOCIAL",
        "DISPLAY",
    ] {
        let sums = row(&db, &per_kind(kind)).await;
        let (revenue, spend) = (sums[0] as f64, sums[1] as f64);
        assert!(revenue > 0.0, "{kind} earns nothing");
        let r = if spend > 0.0 {
            (revenue - spend) / spend
        } else {
            f64::INFINITY
        };
        roi.insert(kind, r);
    }
    let order = [
        "ORGANIC_SEARCH",
        "EMAIL",
        "PAID_VIDEO",
        "PAID_SEARCH",
        "PAID_SOCIAL",
        "DISPLAY",
    ];
    assert!(order.windows(2).all(|w| roi[w[0]] > roi[w[1]]), "{roi:?}");
    assert!(
        roi["EMAIL"] > 10.0 && roi["PAID_SEARCH"] > 1.0 && roi["DISPLAY"] < 0.0,
        "{roi:?}"
    );
}
