//! The harness's readers of responses and metrics fail, naming what they looked for, when
//! it is absent: a misspelt metric or field must never read as 0, "" or an empty list.

use leadsource_tests::budget::cents;
use leadsource_tests::json::{close, dec, decimal, decimal_at, int, list, text};
use leadsource_tests::metric_in;
use serde_json::json;

const PAGE: &str = "# TYPE leadsource_report_computations_total counter
leadsource_report_computations_total{kind=\"performance\"} 0
leadsource_report_computations_total{kind=\"attribution\"} 2
leadsource_cache_redis_up 1
";

#[test]
fn a_metric_sample_is_read_when_present_even_at_zero() {
    let sample = r#"leadsource_report_computations_total{kind="performance"}"#;
    assert_eq!(metric_in(PAGE, sample), 0.0);
    assert_eq!(
        metric_in(
            PAGE,
            r#"leadsource_report_computations_total{kind="attribution"}"#
        ),
        2.0
    );
    assert_eq!(metric_in(PAGE, "leadsource_cache_redis_up"), 1.0);
}

#[test]
#[should_panic(
    expected = r#"no sample leadsource_report_computations_total{kind="perfromance"} in /metrics; samples of leadsource_report_computations_total: leadsource_report_computations_total{kind="performance"} 0"#
)]
fn a_misspelt_metric_label_fails_instead_of_reading_zero() {
    metric_in(
        PAGE,
        r#"leadsource_report_computations_total{kind="perfromance"}"#,
    );
}

#[test]
#[should_panic(expected = "no sample leadsource_cache_lookups_total")]
fn a_misspelt_metric_name_fails_instead_of_reading_zero() {
    metric_in(PAGE, "leadsource_cache_lookups_total");
}

#[test]
fn decimals_compare_exactly_whatever_their_scale() {
    let body = json!({ "data": { "totals": { "revenue": "650.00", "spend": "0.1" } } });
    assert_eq!(decimal_at(&body, "/data/totals/revenue"), dec("650"));
    assert_eq!(
        decimal_at(&body, "/data/totals/spend") + dec("0.2"),
        dec("0.3")
    );
    assert!(close(dec("250.0000000001"), dec("250")));
    assert!(!close(dec("250.01"), dec("250")));
}

#[test]
#[should_panic(expected = "nothing at /data/totals/revenu in")]
fn a_decimal_at_a_misspelt_pointer_fails_naming_it() {
    decimal_at(
        &json!({ "data": { "totals": { "revenue": "650.00" } } }),
        "/data/totals/revenu",
    );
}

#[test]
#[should_panic(expected = "totals.revenue is not a Decimal string: null")]
fn a_null_decimal_fails_instead_of_reading_zero() {
    decimal(&json!(null), "totals.revenue");
}

#[test]
#[should_panic(expected = "totals.revenue is not a decimal: \"12a.00\"")]
fn an_unparsable_decimal_fails() {
    decimal(&json!("12a.00"), "totals.revenue");
}

#[test]
#[should_panic(expected = "not a decimal")]
fn cents_of_an_unparsable_amount_fail_instead_of_reading_zero() {
    cents(&json!("12a.50"));
}

#[test]
fn cents_read_whole_and_fractional_amounts() {
    assert_eq!(cents(&json!("-1234.5")), -123_450);
    assert_eq!(cents(&json!("7")), 700);
    assert_eq!(cents(&json!("0.07")), 7);
}

#[test]
fn present_values_are_read() {
    let v = json!({ "rows": [1, 2], "name": "Brand", "leads": 3 });
    assert_eq!(list(&v["rows"], "rows").len(), 2);
    assert_eq!(text(&v["name"], "name"), "Brand");
    assert_eq!(int(&v["leads"], "leads"), 3);
}

#[test]
#[should_panic(expected = "data.rows is not a list: null")]
fn an_absent_list_fails_instead_of_reading_empty() {
    list(&json!({})["rows"], "data.rows");
}

#[test]
#[should_panic(expected = "data.label is not a string: null")]
fn an_absent_string_fails_instead_of_reading_empty() {
    text(&json!({})["label"], "data.label");
}

#[test]
#[should_panic(expected = "data.leads is not an integer: \"3\"")]
fn a_string_integer_fails_instead_of_reading_zero() {
    int(&json!({ "leads": "3" })["leads"], "data.leads");
}
