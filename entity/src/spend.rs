//! One campaign's spend on one day; pushing the same day again replaces it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "spend")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    pub campaign_id: i64,
    pub date: Date,
    pub amount_cents: i64,
    pub impressions: i64,
    pub clicks: i64,
    /// The amount as sent, in hundredths of `original_currency`, when that was not the
    /// reporting currency (the stored amount is its conversion).
    pub original_amount_cents: Option<i64>,
    /// ISO 4217 code the amount was sent in; null when it was the reporting currency.
    pub original_currency: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
