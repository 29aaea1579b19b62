//! The demo data set as a new user meets it: loaded through the CLI path, queried over HTTP.
//! It is pinned to one `--as-of` date (`leadsource_tests::demo::AS_OF`), so the counts below
//! hold on any calendar day.

use chrono::{NaiveDate, TimeZone};
use entity::{conversion, lead, touchpoint};
use leadsource::cli::demo::load;
use leadsource_tests::TestApp;
use leadsource_tests::demo::{AS_OF, demo_workspace_id, load_demo};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

#[tokio::test]
async fn the_small_demo_data_set_answers_campaign_and_lead_queries() {
    let app = TestApp::spawn().await;
    let token = load_demo(&app).await;
    let q = "{ campaigns { totalCount } leads { totalCount } customers: leads(filter: { status: CUSTOMER }) { totalCount } conversions { totalCount } budgets { amount } }";
    let resp = app.gql(Some(&token), q, json!({})).await.ok();
    assert_eq!(resp.data("campaigns/totalCount"), 30);
    assert_eq!(resp.data("leads/totalCount"), 2993);
    assert_eq!(resp.data("customers/totalCount"), 645);
    assert_eq!(resp.data("conversions/totalCount"), 3169);
    let budgets = resp.data("budgets").as_array().map(Vec::len);
    assert_eq!(budgets, Some(301));
}

#[tokio::test]
async fn the_demo_writes_no_event_at_or_after_the_start_of_its_as_of_day() {
    let app = TestApp::spawn().await;
    load_demo(&app).await;
    let db = &app.state.db.conn;
    let (y, m, d) = AS_OF;
    let start_of_as_of = chrono_tz::Europe::Paris
        .from_local_datetime(
            &NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or_else(|| panic!("AS_OF {AS_OF:?}")),
        )
        .single()
        .unwrap_or_else(|| panic!("start of {AS_OF:?} in Paris"))
        .to_utc();
    let late_leads = lead::Entity::find()
        .filter(lead::Column::CreatedAt.gte(start_of_as_of))
        .count(db)
        .await;
    let late_touches = touchpoint::Entity::find()
        .filter(touchpoint::Column::OccurredAt.gte(start_of_as_of))
        .count(db)
        .await;
    let late_conversions = conversion::Entity::find()
        .filter(conversion::Column::OccurredAt.gte(start_of_as_of))
        .count(db)
        .await;
    assert_eq!(
        late_leads.ok(),
        Some(0),
        "leads created on or after {start_of_as_of}"
    );
    assert_eq!(
        late_touches.ok(),
        Some(0),
        "touchpoints on or after {start_of_as_of}"
    );
    assert_eq!(
        late_conversions.ok(),
        Some(0),
        "conversions on or after {start_of_as_of}"
    );
    let on_last_day = lead::Entity::find()
        .filter(lead::Column::CreatedAt.gte(start_of_as_of - chrono::TimeDelta::days(1)))
        .count(db)
        .await;
    assert!(
        on_last_day.as_ref().is_ok_and(|n| *n > 0),
        "the day before as-of holds leads: {on_last_day:?}"
    );
}

#[tokio::test]
async fn an_as_of_date_after_today_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let tomorrow = chrono::Utc::now().date_naive() + chrono::TimeDelta::days(2);
    let err = load(&app.state.db.conn, "demo", "small", Some(tomorrow), false).await;
    let message = err.expect_err("a future --as-of is refused").to_string();
    assert!(message.contains("--as-of"), "{message}");
    assert!(message.contains("future"), "{message}");
    let leads = lead::Entity::find().count(&app.state.db.conn).await;
    assert_eq!(leads.ok(), Some(0));
}

#[tokio::test]
async fn the_printed_demo_login_signs_in_as_owner() {
    let app = TestApp::spawn().await;
    load_demo(&app).await;
    let ws = demo_workspace_id(&app).await;
    let login = leadsource::services::access::ensure_demo_login(&app.state.db.conn, ws)
        .await
        .unwrap_or_else(|e| panic!("demo login: {e}"));
    let session = app
        .gql(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken role } }",
            json!({ "e": login.email, "p": login.password }),
        )
        .await
        .ok();
    assert_eq!(session.data("login/role"), "OWNER");
    let jwt = session
        .data("login/accessToken")
        .as_str()
        .unwrap_or_else(|| panic!("no accessToken: {}", session.body))
        .to_owned();
    let campaigns = app
        .gql(Some(&jwt), "{ campaigns { totalCount } }", json!({}))
        .await
        .ok();
    assert_eq!(campaigns.data("campaigns/totalCount"), 30);
}

#[tokio::test]
async fn demo_data_into_a_workspace_that_holds_data_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    load_demo(&app).await;
    let db = &app.state.db.conn;
    let before = lead::Entity::find().count(db).await.ok();
    let (y, m, d) = AS_OF;
    let as_of = NaiveDate::from_ymd_opt(y, m, d);
    let err = load(db, "demo", "small", as_of, false)
        .await
        .expect_err("a second demo-data into the same workspace is refused");
    let message = err.to_string();
    assert!(message.contains("already holds data"), "{message}");
    assert!(
        message.contains("--workspace"),
        "says what to do: {message}"
    );
    assert_eq!(lead::Entity::find().count(db).await.ok(), before);
    // Another workspace of the same database takes the data set.
    load(db, "demo2", "small", as_of, false)
        .await
        .unwrap_or_else(|e| panic!("a new workspace: {e}"));
}

#[tokio::test]
async fn each_serve_demo_start_revokes_the_token_the_previous_start_printed() {
    use entity::api_token;
    let app = TestApp::spawn().await;
    let (y, m, d) = AS_OF;
    let as_of = NaiveDate::from_ymd_opt(y, m, d);
    for _ in 0..3 {
        leadsource::cli::demo::load_if_empty(&app.state, as_of)
            .await
            .unwrap_or_else(|e| panic!("serve --demo: {e}"));
    }
    let tokens = api_token::Entity::find()
        .filter(api_token::Column::Name.eq("demo (serve --demo)"))
        .all(&app.state.db.conn)
        .await
        .unwrap_or_else(|e| panic!("tokens: {e}"));
    assert_eq!(tokens.len(), 3);
    let live = tokens.iter().filter(|t| t.revoked_at.is_none()).count();
    assert_eq!(live, 1, "only the last printed token works");
}
