//! A covering index for reading journeys: a lead's touchpoints in time order with the
//! channel and campaign they credit, answered from the index alone.
//!
//! Attribution reads every touchpoint of the leads of a range, ordered by
//! `(lead, occurred_at, id)`, and the single-touch models look up one touch per conversion;
//! with the channel and campaign in the index neither visits the table (PostgreSQL: an
//! index-only scan; SQLite: a covering index). It replaces `ix_touchpoint_workspace_lead_time`,
//! whose columns are its prefix.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const CREATE_POSTGRES: &str = "CREATE INDEX ix_touchpoint_journey ON touchpoint \
    (workspace_id, lead_id, occurred_at, id) INCLUDE (channel_id, campaign_id)";
const CREATE_SQLITE: &str = "CREATE INDEX ix_touchpoint_journey ON touchpoint \
    (workspace_id, lead_id, occurred_at, id, channel_id, campaign_id)";
const DROP_OLD: &str = "DROP INDEX ix_touchpoint_workspace_lead_time";
const CREATE_OLD: &str = "CREATE INDEX ix_touchpoint_workspace_lead_time ON touchpoint \
    (workspace_id, lead_id, occurred_at)";
const DROP_NEW: &str = "DROP INDEX ix_touchpoint_journey";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let create = match manager.get_database_backend() {
            DatabaseBackend::Postgres => CREATE_POSTGRES,
            _ => CREATE_SQLITE,
        };
        db.execute_unprepared(create).await?;
        db.execute_unprepared(DROP_OLD).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(CREATE_OLD).await?;
        db.execute_unprepared(DROP_NEW).await?;
        Ok(())
    }
}
