//! Local dates and instants: a range's UTC bounds in the workspace time zone, and the
//! buckets of a time series.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::args::{DateRange, Granularity};

/// The instant a local day starts: local midnight, or the first instant after a
/// daylight-saving gap that swallows midnight.
pub fn day_start(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut local = day.and_time(NaiveTime::MIN);
    // A gap lasts at most a few hours; step by 15 minutes until the clock exists.
    for _ in 0..16 {
        if let Some(at) = tz.from_local_datetime(&local).earliest() {
            return at.with_timezone(&Utc);
        }
        local += chrono::TimeDelta::minutes(15);
    }
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// `[start of from, start of the day after to)` as instants.
pub fn instants(tz: Tz, range: DateRange) -> (DateTime<Utc>, DateTime<Utc>) {
    let after = range.to.checked_add_days(Days::new(1)).unwrap_or(range.to);
    (day_start(tz, range.from), day_start(tz, after))
}

/// One bucket of a time series: local dates, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The buckets covering `range`, in order, without gaps; the first and last are cut to the
/// range. Without a granularity, the whole range is one bucket.
pub fn buckets(range: DateRange, granularity: Option<Granularity>) -> Vec<Bucket> {
    let Some(granularity) = granularity else {
        return vec![Bucket {
            from: range.from,
            to: range.to,
        }];
    };
    let mut out = Vec::new();
    let mut start = range.from;
    while start <= range.to {
        let natural_end = match granularity {
            Granularity::Day => Some(start),
            Granularity::Week => start.checked_add_days(Days::new(
                6 - u64::from(start.weekday().num_days_from_monday()),
            )),
            Granularity::Month => start
                .with_day(1)
                .and_then(|first| first.checked_add_months(Months::new(1)))
                .and_then(|next| next.pred_opt()),
        };
        let end = natural_end.map_or(range.to, |e| e.min(range.to));
        out.push(Bucket {
            from: start,
            to: end,
        });
        match end.succ_opt() {
            Some(next) => start = next,
            None => break,
        }
    }
    out
}

/// The index of the bucket holding `day`, if any (`buckets` sorted and contiguous).
pub fn bucket_of(buckets: &[Bucket], day: NaiveDate) -> Option<usize> {
    let i = buckets.partition_point(|b| b.to < day);
    buckets.get(i).filter(|b| b.from <= day).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} is not a date: {e}"))
    }

    fn range(from: &str, to: &str) -> DateRange {
        DateRange {
            from: d(from),
            to: d(to),
        }
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_are_cut_to_the_range() {
        // 2026-03-04 is a Wednesday.
        let b = buckets(range("2026-03-04", "2026-03-17"), Some(Granularity::Week));
        let spans: Vec<(NaiveDate, NaiveDate)> = b.iter().map(|b| (b.from, b.to)).collect();
        assert_eq!(
            spans,
            [
                (d("2026-03-04"), d("2026-03-08")),
                (d("2026-03-09"), d("2026-03-15")),
                (d("2026-03-16"), d("2026-03-17")),
            ]
        );
    }

    #[test]
    fn months_follow_the_calendar_including_february() {
        let b = buckets(range("2028-01-15", "2028-03-02"), Some(Granularity::Month));
        let spans: Vec<(NaiveDate, NaiveDate)> = b.iter().map(|b| (b.from, b.to)).collect();
        assert_eq!(
            spans,
            [
                (d("2028-01-15"), d("2028-01-31")),
                (d("2028-02-01"), d("2028-02-29")),
                (d("2028-03-01"), d("2028-03-02")),
            ]
        );
    }

    #[test]
    fn every_day_of_the_range_falls_in_exactly_one_bucket() {
        let r = range("2026-01-01", "2026-12-31");
        for g in [Granularity::Day, Granularity::Week, Granularity::Month] {
            let b = buckets(r, Some(g));
            for day in r.from.iter_days().take_while(|day| *day <= r.to) {
                let i = bucket_of(&b, day).unwrap_or(usize::MAX);
                assert!(b[i].from <= day && day <= b[i].to, "{g:?} {day}");
            }
            assert_eq!(bucket_of(&b, d("2027-01-01")), None);
            assert_eq!(bucket_of(&b, d("2025-12-31")), None);
        }
        assert_eq!(buckets(r, Some(Granularity::Day)).len(), 365);
        assert_eq!(buckets(r, None).len(), 1);
    }

    #[test]
    fn a_local_day_starts_at_local_midnight_across_daylight_saving_changes() {
        let paris: Tz = "Europe/Paris".parse().unwrap_or(chrono_tz::UTC);
        // Winter: UTC+1; summer: UTC+2 (the clocks change on 2026-03-29).
        let (start, end) = instants(paris, range("2026-03-28", "2026-03-29"));
        assert_eq!(start.to_rfc3339(), "2026-03-27T23:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-03-29T22:00:00+00:00");
        // America/Santiago skipped midnight on 2024-09-08 (00:00 → 01:00).
        let santiago: Tz = "America/Santiago".parse().unwrap_or(chrono_tz::UTC);
        assert_eq!(
            day_start(santiago, d("2024-09-08")).to_rfc3339(),
            "2024-09-08T04:00:00+00:00"
        );
    }
}
