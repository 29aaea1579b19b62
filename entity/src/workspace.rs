//! A tenant: every other row belongs to exactly one workspace.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workspace")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    #[sea_orm(unique)]
    pub slug: String,
    /// ISO 4217 reporting currency, e.g. "EUR".
    pub currency: String,
    /// IANA time zone name, e.g. "Europe/Paris"; report days are local days.
    pub timezone: String,
    /// Bumped by every write; part of every cache key.
    pub data_generation: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
