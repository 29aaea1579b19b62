//! Report arguments in canonical form: validated, defaults filled, lists sorted and
//! deduplicated, options that a model ignores reset. Equal reports have equal arguments,
//! so `Hash` + `Serialize` of these structs is a sound cache key.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::{Deserialize, Serialize};

pub use crate::db::analytics::Dimension;

use super::model_serde;
use crate::error::{AppError, AppResult};
use crate::services::attribution::{Model, Options};

/// Longest accepted range, in days (ten years and a bit).
pub const MAX_RANGE_DAYS: i64 = 3660;
/// Longest range with a DAY time series (three years of daily buckets).
pub const MAX_DAILY_DAYS: i64 = 1096;

/// Most distinct ids in `filter.channelIds` or `filter.campaignIds`: each is a bind parameter,
/// and PostgreSQL takes at most 65,535 per statement.
pub const MAX_FILTER_IDS: usize = 1000;
/// Most distinct `filter.conversionKinds` (a workspace has a handful of kinds).
pub const MAX_FILTER_KINDS: usize = 100;
/// Longest conversion kind, in characters (as ingestion stores them).
pub const MAX_KIND_CHARS: usize = 200;

/// Local dates of the workspace time zone, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// A range that starts no later than it ends and spans at most [`MAX_RANGE_DAYS`];
    /// `field` names the argument in errors (e.g. `"compareTo"`).
    pub fn new(field: &str, from: NaiveDate, to: NaiveDate) -> AppResult<Self> {
        if to < from {
            return Err(AppError::bad_input(
                format!("{field}.to"),
                "must not be before from",
            ));
        }
        for (name, date) in [("from", from), ("to", to)] {
            if !(1900..=9999).contains(&date.year()) {
                return Err(AppError::bad_input(
                    format!("{field}.{name}"),
                    "must be between the years 1900 and 9999",
                ));
            }
        }
        let range = Self { from, to };
        if range.days() > MAX_RANGE_DAYS {
            return Err(AppError::bad_input(
                format!("{field}.to"),
                format!("a range spans at most {MAX_RANGE_DAYS} days"),
            ));
        }
        Ok(range)
    }

    /// Number of days, both ends counted.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Time-series bucket size. WEEK is the ISO week (Monday to Sunday), MONTH the calendar
/// month; the first and last buckets are cut to the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Granularity {
    Day,
    Week,
    Month,
}

/// The tunable options of the attribution models, hashable (decimals, not floats).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AttributionSettings {
    pub lookback_days: u32,
    pub half_life_days: Decimal,
    pub first_weight: Decimal,
    pub last_weight: Decimal,
}

impl Default for AttributionSettings {
    fn default() -> Self {
        let o = Options::default();
        let dec = |v: f64| Decimal::from_f64(v).unwrap_or_default().normalize();
        Self {
            lookback_days: o.lookback_days,
            half_life_days: dec(o.half_life_days),
            first_weight: dec(o.first_weight),
            last_weight: dec(o.last_weight),
        }
    }
}

/// Options as given by a client; `None` takes the default.
#[derive(Clone, Debug, Default)]
pub struct SettingsInput {
    pub lookback_days: Option<i64>,
    pub half_life_days: Option<f64>,
    pub first_weight: Option<f64>,
    pub last_weight: Option<f64>,
}

impl AttributionSettings {
    /// Validated settings; errors name `options.<field>` in camelCase.
    pub fn new(input: &SettingsInput) -> AppResult<Self> {
        let d = Self::default();
        let dec = |field: &str, v: Option<f64>, default: Decimal| match v {
            None => Ok(default),
            Some(v) => Decimal::from_f64(v)
                .map(|d| d.normalize())
                .ok_or_else(|| AppError::bad_input(format!("options.{field}"), "not a number")),
        };
        let lookback_days = match input.lookback_days {
            None => d.lookback_days,
            Some(v) => u32::try_from(v).map_err(|_| {
                AppError::bad_input("options.lookbackDays", "must be between 1 and 3650")
            })?,
        };
        let settings = Self {
            lookback_days,
            half_life_days: dec("halfLifeDays", input.half_life_days, d.half_life_days)?,
            first_weight: dec("firstWeight", input.first_weight, d.first_weight)?,
            last_weight: dec("lastWeight", input.last_weight, d.last_weight)?,
        };
        settings.options().validate().map_err(|e| {
            let field = match e.field() {
                "lookback_days" => "lookbackDays",
                "half_life_days" => "halfLifeDays",
                "first_weight" => "firstWeight",
                _ => "lastWeight",
            };
            AppError::bad_input(format!("options.{field}"), e.to_string())
        })?;
        Ok(settings)
    }

    /// The engine's options.
    pub fn options(&self) -> Options {
        let f = |d: Decimal| d.to_f64().unwrap_or(f64::NAN);
        Options {
            lookback_days: self.lookback_days,
            half_life_days: f(self.half_life_days),
            first_weight: f(self.first_weight),
            last_weight: f(self.last_weight),
            ..Options::default()
        }
    }

    /// The same settings with the options that none of `models` reads reset to defaults.
    pub fn for_models(&self, models: &[Model]) -> Self {
        let d = Self::default();
        let mut s = self.clone();
        if !models.contains(&Model::TimeDecay) {
            s.half_life_days = d.half_life_days;
        }
        if !models.contains(&Model::PositionBased) {
            s.first_weight = d.first_weight;
            s.last_weight = d.last_weight;
        }
        s
    }
}

/// Which rows a performance report keeps, and which conversions count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportFilter {
    /// Keep only the rows of these channels (CHANNEL rows, or CAMPAIGN rows on them).
    pub channel_ids: Vec<i64>,
    /// Keep only the rows of these campaigns (CAMPAIGN dimension).
    pub campaign_ids: Vec<i64>,
    /// Only conversions of these kinds count, everywhere (lower case; all when empty).
    pub conversion_kinds: Vec<String>,
}

impl ReportFilter {
    /// A canonical filter; row filters only make sense where rows are channels or campaigns.
    pub fn new(
        dimension: Dimension,
        mut channel_ids: Vec<i64>,
        mut campaign_ids: Vec<i64>,
        kinds: Vec<String>,
    ) -> AppResult<Self> {
        if dimension.is_text() && !channel_ids.is_empty() {
            return Err(AppError::bad_input(
                "filter.channelIds",
                "filters rows of the CHANNEL or CAMPAIGN dimension only",
            ));
        }
        if dimension != Dimension::Campaign && !campaign_ids.is_empty() {
            return Err(AppError::bad_input(
                "filter.campaignIds",
                "filters rows of the CAMPAIGN dimension only",
            ));
        }
        channel_ids.sort_unstable();
        channel_ids.dedup();
        campaign_ids.sort_unstable();
        campaign_ids.dedup();
        let conversion_kinds = conversion_kinds(kinds, "filter.conversionKinds")?;
        for (field, len) in [
            ("filter.channelIds", channel_ids.len()),
            ("filter.campaignIds", campaign_ids.len()),
        ] {
            at_most(field, len, MAX_FILTER_IDS, "MAX_FILTER_IDS")?;
        }
        Ok(Self {
            channel_ids,
            campaign_ids,
            conversion_kinds,
        })
    }
}

fn at_most(field: &str, len: usize, max: usize, name: &str) -> AppResult<()> {
    if len > max {
        return Err(AppError::bad_input(
            field,
            format!("{len} distinct values is more than {max} (limit {name} = {max})"),
        ));
    }
    Ok(())
}

/// Conversion kinds as every report counts them: trimmed, lower case, sorted, each once;
/// errors name `field`.
pub fn conversion_kinds(kinds: Vec<String>, field: &str) -> AppResult<Vec<String>> {
    let mut kinds: Vec<String> = kinds
        .into_iter()
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.iter().any(|k| k.chars().count() > MAX_KIND_CHARS) {
        return Err(AppError::bad_input(
            field,
            format!("a kind is at most {MAX_KIND_CHARS} characters"),
        ));
    }
    at_most(field, kinds.len(), MAX_FILTER_KINDS, "MAX_FILTER_KINDS")?;
    Ok(kinds)
}

/// Arguments of `performance`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PerformanceArgs {
    pub range: DateRange,
    pub dimension: Dimension,
    #[serde(with = "model_serde")]
    pub model: Model,
    pub settings: AttributionSettings,
    pub granularity: Option<Granularity>,
    pub compare_to: Option<DateRange>,
    pub filter: ReportFilter,
}

impl PerformanceArgs {
    /// Canonical arguments; a DAY series is limited to [`MAX_DAILY_DAYS`].
    pub fn new(
        range: DateRange,
        dimension: Dimension,
        model: Model,
        settings: AttributionSettings,
        granularity: Option<Granularity>,
        compare_to: Option<DateRange>,
        filter: ReportFilter,
    ) -> AppResult<Self> {
        let longest = compare_to.map_or(range.days(), |c| c.days().max(range.days()));
        if granularity == Some(Granularity::Day) && longest > MAX_DAILY_DAYS {
            return Err(AppError::bad_input(
                "granularity",
                format!("DAY covers at most {MAX_DAILY_DAYS} days; use WEEK or MONTH"),
            ));
        }
        Ok(Self {
            range,
            dimension,
            model,
            settings: settings.for_models(&[model]),
            granularity,
            compare_to,
            filter,
        })
    }
}

/// Arguments of `attribution`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AttributionArgs {
    pub range: DateRange,
    #[serde(with = "model_serde")]
    pub model: Model,
    pub settings: AttributionSettings,
    /// Only conversions of these kinds count (canonical; all when empty).
    pub conversion_kinds: Vec<String>,
}

impl AttributionArgs {
    pub fn new(range: DateRange, model: Model, settings: AttributionSettings) -> Self {
        let settings = settings.for_models(&[model]);
        Self {
            range,
            model,
            settings,
            conversion_kinds: Vec::new(),
        }
    }

    /// Counts only conversions of `kinds` (the `conversionKinds` argument).
    pub fn with_conversion_kinds(mut self, kinds: Vec<String>) -> AppResult<Self> {
        self.conversion_kinds = conversion_kinds(kinds, "conversionKinds")?;
        Ok(self)
    }
}

/// Arguments of `attributionComparison`: models in the order asked, each once.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ComparisonArgs {
    pub range: DateRange,
    #[serde(with = "model_serde::list")]
    pub models: Vec<Model>,
    pub settings: AttributionSettings,
    /// Only conversions of these kinds count (canonical; all when empty).
    pub conversion_kinds: Vec<String>,
}

impl ComparisonArgs {
    pub fn new(
        range: DateRange,
        models: &[Model],
        settings: AttributionSettings,
    ) -> AppResult<Self> {
        let mut unique: Vec<Model> = Vec::with_capacity(models.len());
        for &m in models {
            if !unique.contains(&m) {
                unique.push(m);
            }
        }
        if unique.is_empty() {
            return Err(AppError::bad_input("models", "name at least one model"));
        }
        Ok(Self {
            range,
            settings: settings.for_models(&unique),
            models: unique,
            conversion_kinds: Vec::new(),
        })
    }

    /// Counts only conversions of `kinds` (the `conversionKinds` argument).
    pub fn with_conversion_kinds(mut self, kinds: Vec<String>) -> AppResult<Self> {
        self.conversion_kinds = conversion_kinds(kinds, "conversionKinds")?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} is not a date: {e}"))
    }

    fn hash(args: &PerformanceArgs) -> u64 {
        let mut h = DefaultHasher::new();
        args.hash(&mut h);
        h.finish()
    }

    fn march() -> DateRange {
        DateRange::new("range", d("2026-03-01"), d("2026-03-31")).unwrap_or(DateRange {
            from: d("2000-01-01"),
            to: d("2000-01-01"),
        })
    }

    #[test]
    fn settings_from_floats_are_short_decimals_and_defaults_fill_gaps() {
        let s = AttributionSettings::new(&SettingsInput {
            first_weight: Some(0.3),
            ..SettingsInput::default()
        });
        let s = s.expect("first_weight 0.3 is accepted");
        assert_eq!(s.first_weight.to_string(), "0.3");
        assert_eq!(s.last_weight.to_string(), "0.4");
        assert_eq!(s.half_life_days.to_string(), "7");
        assert_eq!(s.lookback_days, 90);
    }

    #[test]
    fn invalid_settings_name_their_camel_case_field() {
        let field = |input: SettingsInput| match AttributionSettings::new(&input) {
            Err(AppError::BadInput { field, .. }) => field,
            other => format!("{other:?}"),
        };
        let lookback = SettingsInput {
            lookback_days: Some(-1),
            ..SettingsInput::default()
        };
        assert_eq!(field(lookback), "options.lookbackDays");
        let half_life = SettingsInput {
            half_life_days: Some(f64::NAN),
            ..SettingsInput::default()
        };
        assert_eq!(field(half_life), "options.halfLifeDays");
        let weights = SettingsInput {
            first_weight: Some(0.8),
            last_weight: Some(0.3),
            ..SettingsInput::default()
        };
        assert_eq!(field(weights), "options.lastWeight");
    }

    #[test]
    fn options_a_model_ignores_do_not_change_its_cache_key() {
        let tuned = AttributionSettings::new(&SettingsInput {
            half_life_days: Some(3.0),
            first_weight: Some(0.5),
            ..SettingsInput::default()
        })
        .expect("half-life 3 and first weight 0.5 are accepted");
        let build = |model, settings: AttributionSettings| {
            PerformanceArgs::new(
                march(),
                Dimension::Channel,
                model,
                settings,
                None,
                None,
                ReportFilter::default(),
            )
        };
        let plain = build(Model::Linear, AttributionSettings::default());
        let odd = build(Model::Linear, tuned.clone());
        assert_eq!(plain.as_ref().map(hash).ok(), odd.as_ref().map(hash).ok());
        let decay = build(Model::TimeDecay, tuned);
        assert_ne!(plain.as_ref().map(hash).ok(), decay.as_ref().map(hash).ok());
    }

    #[test]
    fn filters_are_sorted_deduplicated_and_lower_cased() {
        let f = ReportFilter::new(
            Dimension::Campaign,
            vec![3, 1, 3],
            vec![9, 2],
            vec![
                " Purchase".into(),
                "purchase".into(),
                "".into(),
                "Signup".into(),
            ],
        )
        .expect("the filter is accepted");
        assert_eq!(f.channel_ids, [1, 3]);
        assert_eq!(f.campaign_ids, [2, 9]);
        assert_eq!(f.conversion_kinds, ["purchase", "signup"]);
        assert!(ReportFilter::new(Dimension::UtmSource, vec![1], vec![], vec![]).is_err());
        assert!(ReportFilter::new(Dimension::Channel, vec![], vec![1], vec![]).is_err());
    }

    #[test]
    fn filter_lists_are_capped_after_deduplication() {
        let kinds = |n: usize| (0..n).map(|i| format!("k{i}")).collect::<Vec<_>>();
        let repeated = vec!["purchase".to_owned(); 70_000];
        assert!(ReportFilter::new(Dimension::Channel, vec![], vec![], repeated).is_ok());
        let many = ReportFilter::new(Dimension::Channel, vec![], vec![], kinds(70_000));
        assert!(
            matches!(&many, Err(AppError::BadInput { field, .. }) if field == "filter.conversionKinds"),
            "{many:?}"
        );
        assert!(ReportFilter::new(Dimension::Channel, vec![], vec![], kinds(100)).is_ok());
        let ids: Vec<i64> = (0..1001).collect();
        assert!(ReportFilter::new(Dimension::Campaign, vec![], ids, vec![]).is_err());
        let long = vec!["x".repeat(201)];
        assert!(ReportFilter::new(Dimension::Channel, vec![], vec![], long).is_err());
    }

    #[test]
    fn ranges_are_ordered_and_bounded() {
        assert!(DateRange::new("range", d("2026-03-02"), d("2026-03-01")).is_err());
        assert!(DateRange::new("range", d("2010-01-01"), d("2026-01-01")).is_err());
        assert!(DateRange::new("range", d("1800-01-01"), d("1800-01-02")).is_err());
        assert_eq!(march().days(), 31);
        let comparison = ComparisonArgs::new(
            march(),
            &[Model::Markov, Model::Linear, Model::Markov],
            AttributionSettings::default(),
        );
        assert_eq!(
            comparison.map(|c| c.models).ok(),
            Some(vec![Model::Markov, Model::Linear])
        );
        assert!(ComparisonArgs::new(march(), &[], AttributionSettings::default()).is_err());
    }
}
