//! Instances starting together on one new PostgreSQL database take turns migrating (an
//! advisory lock), instead of racing to create the same tables.

use leadsource::app::build_state;
use leadsource_tests::{skip, test_settings};
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn three_instances_starting_together_all_start() {
    let Some(admin) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    else {
        return skip("needs TEST_DATABASE_URL (PostgreSQL)");
    };
    let name = format!("lst_migrate_{}", std::process::id());
    let db = leadsource::db::connect(&admin, 1)
        .await
        .expect("TEST_DATABASE_URL");
    db.conn
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
        .await
        .expect("drop");
    db.conn
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create");
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let url = format!("{base}/{name}");
    let start = || build_state(test_settings(&url));
    let (a, b, c) = tokio::join!(start(), start(), start());
    for (i, started) in [a, b, c].into_iter().enumerate() {
        if let Err(e) = started {
            panic!("instance {i} failed to start: {e}");
        }
    }
}
