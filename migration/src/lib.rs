//! Schema migrations of Leadsource. The same migrations run up and down on
//! SQLite and PostgreSQL; every index of a tenant table leads with `workspace_id`.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_identity;
mod m20261127_000002_marketing;
mod m20261127_050001_journey_index;
mod m20261207_000001_rollups;
mod m20261207_000002_rollup_paths;
mod m20261207_000003_invitations;
mod m20261207_000004_folded_text;
mod m20261207_000005_rollup_credits;
mod m20261207_000006_rollup_path_months;
mod m20261208_000001_fx_rates;
mod m20261208_000002_audit_and_corrections;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_identity::Migration),
            Box::new(m20261127_000002_marketing::Migration),
            Box::new(m20261127_050001_journey_index::Migration),
            Box::new(m20261207_000001_rollups::Migration),
            Box::new(m20261207_000002_rollup_paths::Migration),
            Box::new(m20261207_000003_invitations::Migration),
            Box::new(m20261207_000004_folded_text::Migration),
            Box::new(m20261207_000005_rollup_credits::Migration),
            Box::new(m20261207_000006_rollup_path_months::Migration),
            Box::new(m20261208_000001_fx_rates::Migration),
            Box::new(m20261208_000002_audit_and_corrections::Migration),
        ]
    }
}
