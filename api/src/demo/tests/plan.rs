//! Unit tests of the plan: determinism, volumes and the planted response curves,
//! without a database (`database.rs` checks what lands in the tables).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{Datelike, NaiveDate, TimeDelta};

use super::super::Scale;
use super::super::calendar::local_date;
use super::super::journey::week_leads;
use super::super::plan::Plan;
use super::super::spend::{budgets, spend_rows};

const KINDS: &[&str] = &[
    "PAID_SEARCH",
    "PAID_SOCIAL",
    "DISPLAY",
    "PAID_VIDEO",
    "AFFILIATES",
    "EVENTS",
    "EMAIL",
    "ORGANIC_SEARCH",
    "DIRECT",
    "REFERRAL",
    "ORGANIC_SOCIAL",
    "AI_ASSISTANT",
    "UNASSIGNED",
];

fn channels() -> HashMap<String, i64> {
    KINDS
        .iter()
        .enumerate()
        .map(|(i, k)| (k.to_string(), 100 + i as i64))
        .collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("2026-11-27 is a day")
}

fn plan_for(today: NaiveDate) -> Plan {
    Plan::new(today, chrono_tz::Europe::Paris, &channels(), Scale::Small)
}

/// A hash of every row the plan would write.
fn checksum(plan: &Plan) -> u64 {
    let mut h = DefaultHasher::new();
    let spend = spend_rows(plan);
    for r in &spend {
        (r.campaign, r.date, r.amount_cents, r.impressions, r.clicks).hash(&mut h);
    }
    for b in budgets(plan, &spend) {
        (b.campaign, b.period_start, b.period_end, b.planned_cents).hash(&mut h);
    }
    for week in 0..plan.mondays.len() {
        for l in week_leads(plan, week) {
            (&l.person.name, &l.person.email, &l.person.company, l.status).hash(&mut h);
            for t in &l.touches {
                (t.at, t.channel, t.campaign, &t.fields).hash(&mut h);
            }
            for c in &l.conversions {
                (c.at, c.kind, c.revenue_cents).hash(&mut h);
            }
        }
    }
    h.finish()
}

#[test]
fn the_same_day_plans_the_same_rows_and_another_day_does_not() {
    assert_eq!(checksum(&plan_for(today())), checksum(&plan_for(today())));
    assert_ne!(
        checksum(&plan_for(today())),
        checksum(&plan_for(today() - TimeDelta::days(1)))
    );
}

#[test]
fn small_plans_about_three_thousand_leads_with_sound_journeys() {
    let plan = plan_for(today());
    let today_end = plan.end_of(plan.today);
    let mut leads = 0;
    let mut touches = 0;
    for week in 0..plan.mondays.len() {
        for l in week_leads(&plan, week) {
            leads += 1;
            touches += l.touches.len();
            let created = l.source().at;
            assert!(plan.in_range(local_date(plan.tz, created)));
            assert!((1..=6).contains(&l.touches.len()));
            assert!(l.touches.windows(2).all(|w| w[0].at < w[1].at));
            assert!(
                l.conversions
                    .iter()
                    .all(|c| c.at > created && c.at <= today_end)
            );
            let purchase = l.conversions.iter().find(|c| c.kind == "purchase");
            assert_eq!(purchase.is_some(), l.status == "CUSTOMER");
            if let Some(p) = purchase {
                assert!(p.revenue_cents > 0);
                assert!(l.touches.iter().all(|t| t.at < p.at));
            }
        }
    }
    assert!((2_900..=3_100).contains(&leads), "{leads} leads");
    let mean = touches as f64 / leads as f64;
    assert!((3.5..=4.3).contains(&mean), "{mean} touches per lead");
}

/// Slope of ln y on ln x.
fn log_log_slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let (mx, my) = points.iter().fold((0.0, 0.0), |(a, b), (x, y)| {
        (a + x.ln() / n, b + y.ln() / n)
    });
    let sxy: f64 = points
        .iter()
        .map(|(x, y)| (x.ln() - mx) * (y.ln() - my))
        .sum();
    let sxx: f64 = points.iter().map(|(x, _)| (x.ln() - mx).powi(2)).sum();
    sxy / sxx
}

#[test]
fn weekly_revenue_follows_the_planted_exponents() {
    let plan = plan_for(today());
    let spend = spend_rows(&plan);
    let monday = |d: NaiveDate| d - TimeDelta::days(i64::from(d.weekday().num_days_from_monday()));
    let full = |m: NaiveDate| plan.in_range(m) && plan.in_range(m + TimeDelta::days(6));
    let mut spent: HashMap<(usize, NaiveDate), f64> = HashMap::new();
    for r in &spend {
        *spent
            .entry((plan.campaigns[r.campaign].channel, monday(r.date)))
            .or_default() += r.amount_cents as f64;
    }
    let mut earned: HashMap<(usize, NaiveDate), f64> = HashMap::new();
    for week in 0..plan.mondays.len() {
        for l in week_leads(&plan, week) {
            for c in l.conversions.iter().filter(|c| c.kind == "purchase") {
                let key = (l.source().channel, monday(local_date(plan.tz, c.at)));
                *earned.entry(key).or_default() += c.revenue_cents as f64;
            }
        }
    }
    for (kind, low, high) in [
        ("PAID_SEARCH", 0.28, 0.45),
        ("PAID_SOCIAL", 0.28, 0.45),
        ("PAID_VIDEO", 0.7, 1.0),
    ] {
        let channel = plan
            .channels
            .iter()
            .position(|c| c.profile.kind == kind)
            .unwrap_or(usize::MAX);
        let points: Vec<(f64, f64)> = plan
            .mondays
            .iter()
            .filter(|m| full(**m))
            .filter_map(|m| Some((*spent.get(&(channel, *m))?, *earned.get(&(channel, *m))?)))
            .collect();
        let b = log_log_slope(&points);
        assert!(
            points.len() >= 45 && (low..=high).contains(&b),
            "{kind}: b = {b} over {} weeks",
            points.len()
        );
    }
}

#[test]
fn scales_parse_and_print_their_names() {
    for scale in [Scale::Small, Scale::Medium, Scale::Large] {
        assert_eq!(scale.to_string().parse::<Scale>(), Ok(scale));
    }
    assert_eq!("LARGE".parse::<Scale>(), Ok(Scale::Large));
    assert!("huge".parse::<Scale>().is_err());
}
