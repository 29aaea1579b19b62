//! Rollups (DESIGN §8): daily aggregates per dimension value, maintained by every write in
//! its own transaction, so a default report reads O(days × groups) rows, never raw events.
//!
//! * `rollup_day`: per workspace, dimension (1 CHANNEL, 2 CAMPAIGN, 3 UTM_SOURCE,
//!   4 UTM_MEDIUM, 5 UTM_CAMPAIGN), dimension value and local day: leads created, those of
//!   them that ever converted, new customers (by the day of their first conversion), spend
//!   rows, cents, impressions and clicks (by spend day), and the conversions and revenue
//!   credited by FIRST_TOUCH, LAST_TOUCH and LAST_NON_DIRECT at the default lookback (by
//!   conversion day). A dimension value is `key_id` (channel or campaign id; 0 = no
//!   campaign) or `key_text` ('v' followed by the UTM value; '' = not set), never NULL, so
//!   the primary key can hold every group.
//! * `rollup_conversion_lag`: converted leads by creation day and first-conversion day, to
//!   take away the leads of a range whose first conversion comes after the range ends.
//! * `rollup_state`: which workspaces' rollups are built, at which version; a workspace
//!   without a current row is answered by the streaming engine until it is rebuilt.
//!
//! The rows themselves are written by `leadsource migrate` (and at every start) after the
//! migrations: rebuilding needs the attribution rules, which live in the application.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RollupDay {
    Table,
    WorkspaceId,
    Dimension,
    KeyId,
    KeyText,
    Day,
    Leads,
    ConvertedLeads,
    NewCustomers,
    SpendRows,
    SpendCents,
    Impressions,
    Clicks,
    FirstTouchConversions,
    FirstTouchRevenueCents,
    LastTouchConversions,
    LastTouchRevenueCents,
    LastNonDirectConversions,
    LastNonDirectRevenueCents,
}

#[derive(DeriveIden)]
enum RollupConversionLag {
    Table,
    WorkspaceId,
    Dimension,
    KeyId,
    KeyText,
    CreatedOn,
    FirstOn,
    Leads,
}

#[derive(DeriveIden)]
enum RollupState {
    Table,
    WorkspaceId,
    Version,
    BuiltAt,
}

#[derive(DeriveIden)]
enum Workspace {
    Table,
    Id,
}

fn measure<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .default(0)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RollupDay::Table)
                    .col(
                        ColumnDef::new(RollupDay::WorkspaceId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupDay::Dimension)
                            .small_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RollupDay::KeyId).big_integer().not_null())
                    .col(ColumnDef::new(RollupDay::KeyText).text().not_null())
                    .col(ColumnDef::new(RollupDay::Day).date().not_null())
                    .col(measure(RollupDay::Leads))
                    .col(measure(RollupDay::ConvertedLeads))
                    .col(measure(RollupDay::NewCustomers))
                    .col(measure(RollupDay::SpendRows))
                    .col(measure(RollupDay::SpendCents))
                    .col(measure(RollupDay::Impressions))
                    .col(measure(RollupDay::Clicks))
                    .col(measure(RollupDay::FirstTouchConversions))
                    .col(measure(RollupDay::FirstTouchRevenueCents))
                    .col(measure(RollupDay::LastTouchConversions))
                    .col(measure(RollupDay::LastTouchRevenueCents))
                    .col(measure(RollupDay::LastNonDirectConversions))
                    .col(measure(RollupDay::LastNonDirectRevenueCents))
                    .primary_key(
                        Index::create()
                            .col(RollupDay::WorkspaceId)
                            .col(RollupDay::Dimension)
                            .col(RollupDay::Day)
                            .col(RollupDay::KeyId)
                            .col(RollupDay::KeyText),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RollupDay::Table, RollupDay::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RollupConversionLag::Table)
                    .col(
                        ColumnDef::new(RollupConversionLag::WorkspaceId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupConversionLag::Dimension)
                            .small_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupConversionLag::KeyId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupConversionLag::KeyText)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupConversionLag::CreatedOn)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupConversionLag::FirstOn)
                            .date()
                            .not_null(),
                    )
                    .col(measure(RollupConversionLag::Leads))
                    .primary_key(
                        Index::create()
                            .col(RollupConversionLag::WorkspaceId)
                            .col(RollupConversionLag::Dimension)
                            .col(RollupConversionLag::FirstOn)
                            .col(RollupConversionLag::CreatedOn)
                            .col(RollupConversionLag::KeyId)
                            .col(RollupConversionLag::KeyText),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RollupConversionLag::Table, RollupConversionLag::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RollupState::Table)
                    .col(
                        ColumnDef::new(RollupState::WorkspaceId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RollupState::Version).integer().not_null())
                    .col(
                        ColumnDef::new(RollupState::BuiltAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RollupState::Table, RollupState::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RollupState::Table.into_iden(),
            RollupConversionLag::Table.into_iden(),
            RollupDay::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
