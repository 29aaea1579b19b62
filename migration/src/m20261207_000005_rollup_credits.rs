//! Fractional credits of the rule-based models (DESIGN §8): per workspace, dimension,
//! dimension value and local day, the conversions and revenue that LINEAR, TIME_DECAY and
//! POSITION_BASED credit at the default options (90-day lookback, 7-day half-life, 40/40
//! position weights), and how many journey touches fell on the value that day.
//!
//! Credits are exact integers: conversions in billionths (`*_conversions_e9`) and revenue in
//! millionths of the currency unit (`*_revenue_e6`); the engine splits each conversion on
//! that grid too, so a sum of rows is the engine's answer exactly. A converting journey
//! belongs to its conversion's day, a never-converting one to its lead's creation day
//! (`touches` counts both: the values a journey of the range touched, credited or not).
//! Keys are those of `rollup_day` (`key_id` for CHANNEL and CAMPAIGN, 0 for "no campaign";
//! `key_text` 'v' || value for the UTM dimensions, '' for "not set"). Rows are written by
//! the application (`db::rollup::credits`).
//!
//! `rollup_value_path` holds the journey paths of `rollup_path` (converting and
//! never-converting journeys, revenue) over the values of the other dimensions, so MARKOV and
//! SHAPLEY by CAMPAIGN or a UTM value learn from aggregates too: per workspace, dimension,
//! day and collapsed path of values (campaign ids joined by '.', 0 for "no campaign"; a JSON
//! array of UTM values, null for "not set"). Rows are written by `db::rollup::paths`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RollupCredit {
    Table,
    WorkspaceId,
    Dimension,
    KeyId,
    KeyText,
    Day,
    Touches,
    LinearConversionsE9,
    LinearRevenueE6,
    TimeDecayConversionsE9,
    TimeDecayRevenueE6,
    PositionBasedConversionsE9,
    PositionBasedRevenueE6,
}

#[derive(DeriveIden)]
enum RollupValuePath {
    Table,
    WorkspaceId,
    Dimension,
    Day,
    Path,
    Converting,
    NonConverting,
    RevenueCents,
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
                    .table(RollupCredit::Table)
                    .col(
                        ColumnDef::new(RollupCredit::WorkspaceId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupCredit::Dimension)
                            .small_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RollupCredit::KeyId).big_integer().not_null())
                    .col(ColumnDef::new(RollupCredit::KeyText).text().not_null())
                    .col(ColumnDef::new(RollupCredit::Day).date().not_null())
                    .col(measure(RollupCredit::Touches))
                    .col(measure(RollupCredit::LinearConversionsE9))
                    .col(measure(RollupCredit::LinearRevenueE6))
                    .col(measure(RollupCredit::TimeDecayConversionsE9))
                    .col(measure(RollupCredit::TimeDecayRevenueE6))
                    .col(measure(RollupCredit::PositionBasedConversionsE9))
                    .col(measure(RollupCredit::PositionBasedRevenueE6))
                    .primary_key(
                        Index::create()
                            .col(RollupCredit::WorkspaceId)
                            .col(RollupCredit::Dimension)
                            .col(RollupCredit::Day)
                            .col(RollupCredit::KeyId)
                            .col(RollupCredit::KeyText),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RollupCredit::Table, RollupCredit::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RollupValuePath::Table)
                    .col(
                        ColumnDef::new(RollupValuePath::WorkspaceId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupValuePath::Dimension)
                            .small_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RollupValuePath::Day).date().not_null())
                    .col(ColumnDef::new(RollupValuePath::Path).text().not_null())
                    .col(measure(RollupValuePath::Converting))
                    .col(measure(RollupValuePath::NonConverting))
                    .col(measure(RollupValuePath::RevenueCents))
                    .primary_key(
                        Index::create()
                            .col(RollupValuePath::WorkspaceId)
                            .col(RollupValuePath::Dimension)
                            .col(RollupValuePath::Day)
                            .col(RollupValuePath::Path),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RollupValuePath::Table, RollupValuePath::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RollupValuePath::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RollupCredit::Table).to_owned())
            .await
    }
}
