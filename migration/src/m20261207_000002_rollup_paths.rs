//! Journey paths for the data-driven models (DESIGN §8): per workspace, local day and
//! collapsed CHANNEL path (channel ids joined by '.', consecutive repeats as one step), how
//! many converting journeys (with their revenue) and never-converting journeys follow it.
//! A converting journey belongs to its conversion's day (its touches in the default 90-day
//! lookback), a never-converting one to its lead's creation day (all its touches), so a
//! range reads O(days × paths) rows and MARKOV and SHAPLEY learn from them without reading
//! a touchpoint. Rows are written by the application (`db::rollup::paths`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RollupPath {
    Table,
    WorkspaceId,
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
                    .table(RollupPath::Table)
                    .col(
                        ColumnDef::new(RollupPath::WorkspaceId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RollupPath::Day).date().not_null())
                    .col(ColumnDef::new(RollupPath::Path).text().not_null())
                    .col(measure(RollupPath::Converting))
                    .col(measure(RollupPath::NonConverting))
                    .col(measure(RollupPath::RevenueCents))
                    .primary_key(
                        Index::create()
                            .col(RollupPath::WorkspaceId)
                            .col(RollupPath::Day)
                            .col(RollupPath::Path),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RollupPath::Table, RollupPath::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RollupPath::Table).to_owned())
            .await
    }
}
