//! Spend entries checked without a database.

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

use super::super::Target;
use super::super::spend::{CampaignRef, SpendEntry, prepare};
use super::super::validate::{Clock, IdRef, RowErrors};
use crate::error::AppError;

fn target() -> Target {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single();
    Target {
        currency: "EUR".to_owned(),
        clock: Clock::new(
            now.expect("2026-03-01T12:00Z is a time"),
            chrono_tz::Europe::Paris,
        ),
    }
}

fn entry() -> SpendEntry {
    SpendEntry {
        campaign_id: None,
        utm_campaign: Some(" Brand ".to_owned()),
        date: Ok(NaiveDate::from_ymd_opt(2026, 3, 1).expect("2026-03-01 is a day")),
        amount: Ok(Decimal::new(1250, 2)),
        impressions: None,
        clicks: Some(3),
        currency: None,
    }
}

fn fields(errors: RowErrors) -> Vec<String> {
    match errors.into_result() {
        Err(AppError::BadRows(rows)) => rows.into_iter().map(|r| r.field).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn a_good_entry_names_its_campaign_by_lower_cased_utm() {
    let mut errors = RowErrors::default();
    let prepared = prepare(0, &entry(), &target(), &mut errors);
    assert!(fields(errors).is_empty());
    assert_eq!(
        prepared.campaign,
        Some(CampaignRef::Utm("brand".to_owned()))
    );
    let day = prepared
        .day
        .map(|d| (d.money.cents, d.impressions, d.clicks));
    assert_eq!(day, Some((1250, 0, 3)));
}

#[test]
fn every_bad_field_of_an_entry_is_reported() {
    let bad = SpendEntry {
        campaign_id: Some(IdRef::Malformed),
        date: Ok(NaiveDate::from_ymd_opt(2026, 3, 5).expect("2026-03-05 is a day")),
        amount: Ok(Decimal::new(-1, 0)),
        impressions: Some(-1),
        clicks: Some(-1),
        currency: Some("POUNDS".to_owned()),
        ..entry()
    };
    let mut errors = RowErrors::default();
    let prepared = prepare(3, &bad, &target(), &mut errors);
    assert!(prepared.campaign.is_none() && prepared.day.is_none());
    assert_eq!(
        fields(errors),
        [
            "campaignId",
            "date",
            "amount",
            "impressions",
            "clicks",
            "currency"
        ]
    );
}

#[test]
fn an_entry_without_a_campaign_is_refused() {
    let mut errors = RowErrors::default();
    let none = SpendEntry {
        utm_campaign: Some("  ".to_owned()),
        ..entry()
    };
    prepare(0, &none, &target(), &mut errors);
    assert_eq!(fields(errors), ["campaignId"]);
}

#[test]
fn an_unreadable_date_or_amount_and_a_count_past_an_int_are_bad_fields_of_the_row() {
    let bad = SpendEntry {
        date: Err("\"2026-02-30\" is not a day of the calendar".to_owned()),
        amount: Err("\"abc\" is not a decimal number such as 12.50".to_owned()),
        impressions: Some(i64::from(i32::MAX) + 1),
        ..entry()
    };
    let mut errors = RowErrors::default();
    let prepared = prepare(2, &bad, &target(), &mut errors);
    assert!(prepared.day.is_none());
    assert_eq!(fields(errors), ["date", "amount", "impressions"]);
}
