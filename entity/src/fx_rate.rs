//! One day's exchange rate of a foreign currency into the workspace's reporting currency.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fx_rate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    /// ISO 4217 code of the foreign currency (never the reporting currency).
    pub currency: String,
    pub date: Date,
    /// Units of the reporting currency per 1 unit of `currency`, as decimal text (exact).
    pub rate: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
