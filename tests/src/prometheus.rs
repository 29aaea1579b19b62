//! Reading samples out of a `/metrics` page (the Prometheus text format).

/// The value of one sample of a Prometheus text page, written as it appears there, e.g.
/// `leadsource_cache_lookups_total{kind="performance",result="hit"}`.
///
/// Panics when the page has no such sample, listing the samples of the same metric: an
/// absent sample is a misspelt name or label far more often than a zero (the server writes
/// a report kind's counters out at zero on its first lookup).
#[track_caller]
pub fn metric_in(text: &str, sample: &str) -> f64 {
    if let Some(value) = sample_value(text, sample) {
        return value;
    }
    let name = sample.split_once('{').map_or(sample, |(name, _)| name);
    let same_name: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with('#') && line.starts_with(name))
        .collect();
    panic!(
        "no sample {sample} in /metrics; samples of {name}: {}",
        if same_name.is_empty() {
            "none".to_owned()
        } else {
            same_name.join(" | ")
        }
    );
}

/// The sample's value, when the page has it (and it is a number).
fn sample_value(text: &str, sample: &str) -> Option<f64> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(sample)?;
        let value = rest.strip_prefix(' ')?.trim();
        Some(
            value
                .parse()
                .unwrap_or_else(|e| panic!("sample {sample} has the value {value:?}: {e}")),
        )
    })
}
