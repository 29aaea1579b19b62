//! The small demo data set, pinned to one `--as-of` date so every test sees the same rows on
//! any calendar day.

use chrono::NaiveDate;
use leadsource::auth::Scope;
use leadsource::cli::demo::load;
use serde_json::{Value, json};

use crate::TestApp;

/// The `--as-of` date of the tests' demo data: the data ends at the start of this day.
pub const AS_OF: (i32, u32, u32) = (2026, 11, 28);

/// The demo's last day of data: the day before [`AS_OF`].
pub fn last_day() -> NaiveDate {
    let (y, m, d) = AS_OF;
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.pred_opt())
        .unwrap_or_else(|| panic!("AS_OF {AS_OF:?} is not a date"))
}

/// Loads the small demo data set as of [`AS_OF`] and answers an all-scopes token of it.
pub async fn load_demo(app: &TestApp) -> String {
    let (y, m, d) = AS_OF;
    load(
        &app.state.db.conn,
        "demo",
        "small",
        NaiveDate::from_ymd_opt(y, m, d),
        false,
    )
    .await
    .unwrap_or_else(|e| panic!("demo data: {e}"));
    let ws = demo_workspace_id(app).await;
    app.token(ws, &Scope::ALL).await
}

/// The id of the demo workspace.
pub async fn demo_workspace_id(app: &TestApp) -> i64 {
    leadsource::services::workspace::find_workspace_by_slug(&app.state.db.conn, "demo")
        .await
        .unwrap_or_else(|e| panic!("demo workspace lookup: {e}"))
        .unwrap_or_else(|| panic!("no demo workspace"))
        .id
}

/// The `days` days up to the demo's last day, as a `DateRange` value.
pub fn range_ending_on_last_day(days: i64) -> Value {
    let to = last_day();
    json!({ "from": to - chrono::TimeDelta::days(days - 1), "to": to })
}
