//! Foreign-currency input (issue 15): the workspace's FX table and, on spend and conversion
//! rows, the amount and currency as they were sent before conversion.
//!
//! `fx_rate.rate` is the number of units of the workspace's reporting currency worth one
//! unit of `currency` on `date`, kept as the canonical decimal text (`rust_decimal`): exact
//! on both backends, and never summed in SQL. `original_amount_cents` is in hundredths of
//! `original_currency`; both are null on rows sent in the reporting currency. SQLite alters
//! one column per statement, so each column is added on its own.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FxRate {
    Table,
    Id,
    WorkspaceId,
    Currency,
    Date,
    Rate,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Workspace {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Spend {
    Table,
}

#[derive(DeriveIden)]
enum Conversion {
    Table,
}

#[derive(DeriveIden)]
enum Money {
    OriginalAmountCents,
    OriginalCurrency,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FxRate::Table)
                    .col(big_pk_auto(FxRate::Id))
                    .col(big_integer(FxRate::WorkspaceId))
                    .col(string_len(FxRate::Currency, 3))
                    .col(date(FxRate::Date))
                    .col(string(FxRate::Rate))
                    .col(timestamp_with_time_zone(FxRate::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FxRate::Table, FxRate::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_fx_rate_workspace_currency_date")
                    .table(FxRate::Table)
                    .col(FxRate::WorkspaceId)
                    .col(FxRate::Currency)
                    .col(FxRate::Date)
                    .unique()
                    .take(),
            )
            .await?;
        for table in [Spend::Table.into_iden(), Conversion::Table.into_iden()] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table.clone())
                        .add_column(big_integer_null(Money::OriginalAmountCents))
                        .take(),
                )
                .await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(string_len_null(Money::OriginalCurrency, 3))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Spend::Table.into_iden(), Conversion::Table.into_iden()] {
            for column in [Money::OriginalCurrency, Money::OriginalAmountCents] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table.clone())
                            .drop_column(column)
                            .take(),
                    )
                    .await?;
            }
        }
        manager
            .drop_table(Table::drop().table(FxRate::Table).take())
            .await
    }
}
