//! The FX migration (`m20261208_000001_fx_rates`) goes down and up again on the suite's
//! backend (SQLite, and PostgreSQL with `TEST_DATABASE_URL`), keeping the rows it does not own.

use leadsource_tests::TestApp;
use migration::{Migrator, MigratorTrait};
use serde_json::json;

#[tokio::test]
async fn the_fx_migration_goes_down_and_up_keeping_spend_rows() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    app.gql(
        Some(&ws.token),
        r#"mutation { recordSpend(entries: [{ utmCampaign: "brand", date: "2026-03-02", amount: "7" }]) { inserted } }"#,
        json!({}),
    )
    .await
    .ok();
    let db = &app.state.db.conn;
    // Down to just before the FX migration (with any migration merged after it).
    let applied: Vec<String> = Migrator::get_applied_migrations(db)
        .await
        .expect("applied")
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let at = applied
        .iter()
        .position(|name| name == "m20261208_000001_fx_rates")
        .expect("the FX migration is applied");
    let steps = u32::try_from(applied.len() - at).expect("a few migrations");
    Migrator::down(db, Some(steps)).await.expect("down");
    assert_eq!(app.count("spend", ws.id).await, 1);
    Migrator::up(db, None).await.expect("up again");
    assert_eq!(app.count("spend", ws.id).await, 1);
    assert_eq!(app.count("fx_rate", ws.id).await, 0);
    let originals = app
        .scalar(&format!(
            "SELECT COUNT(*) AS n FROM spend WHERE workspace_id = {} AND original_currency IS NULL",
            ws.id
        ))
        .await;
    assert_eq!(originals, 1);
}
