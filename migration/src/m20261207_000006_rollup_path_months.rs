//! Journey paths per calendar month (DESIGN §8): the rows of `rollup_path` summed per
//! workspace, month (its first day) and collapsed CHANNEL path. A range reads its whole months
//! here and only its partial months from the daily rows, so a year of MARKOV or SHAPLEY input
//! is about twelve months of paths instead of 365 days of them. Rows are written by the
//! application (`db::rollup::paths`), with the daily ones, in the same upsert round.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RollupPathMonth {
    Table,
    WorkspaceId,
    Month,
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
                    .table(RollupPathMonth::Table)
                    .col(
                        ColumnDef::new(RollupPathMonth::WorkspaceId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RollupPathMonth::Month).date().not_null())
                    .col(ColumnDef::new(RollupPathMonth::Path).text().not_null())
                    .col(measure(RollupPathMonth::Converting))
                    .col(measure(RollupPathMonth::NonConverting))
                    .col(measure(RollupPathMonth::RevenueCents))
                    .primary_key(
                        Index::create()
                            .col(RollupPathMonth::WorkspaceId)
                            .col(RollupPathMonth::Month)
                            .col(RollupPathMonth::Path),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RollupPathMonth::Table, RollupPathMonth::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RollupPathMonth::Table).to_owned())
            .await
    }
}
