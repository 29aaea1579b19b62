//! A campaign runs on one channel; spend and budgets hang off it.

use sea_orm::ActiveValue;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    pub channel_id: i64,
    pub name: String,
    /// `name` lower-cased by the application (Unicode), what `nameContains` compares.
    pub name_folded: String,
    /// Unique per workspace when set: scripts name campaigns by it.
    pub utm_campaign: Option<String>,
    /// ACTIVE, PAUSED or ARCHIVED.
    pub status: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::channel::Entity",
        from = "Column::ChannelId",
        to = "super::channel::Column::Id"
    )]
    Channel,
}

impl Related<super::channel::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Channel.def()
    }
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// Keeps the folded copy in step with the name, whoever writes the row.
    async fn before_save<C>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if let ActiveValue::Set(name) = &self.name {
            self.name_folded = ActiveValue::Set(crate::folded(name));
        }
        Ok(self)
    }
}
