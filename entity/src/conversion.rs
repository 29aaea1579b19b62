//! A conversion of a lead (signup, opportunity, purchase…) with its revenue.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    pub lead_id: i64,
    pub occurred_at: DateTimeUtc,
    /// `occurred_at` as a date in the workspace time zone.
    pub occurred_on: Date,
    pub kind: String,
    pub revenue_cents: i64,
    /// The caller's id, unique per workspace: pushes are idempotent on it.
    pub external_id: String,
    /// The amount as sent, in hundredths of `original_currency`, when that was not the
    /// reporting currency (the stored amount is its conversion).
    pub original_amount_cents: Option<i64>,
    /// ISO 4217 code the amount was sent in; null when it was the reporting currency.
    pub original_currency: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::lead::Entity",
        from = "Column::LeadId",
        to = "super::lead::Column::Id"
    )]
    Lead,
}

impl Related<super::lead::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lead.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
