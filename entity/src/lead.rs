//! A lead and its source (the first touch).

use sea_orm::ActiveValue;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lead")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    /// The caller's id for the lead, unique per workspace: captures are idempotent on it.
    pub external_id: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub company: Option<String>,
    /// `name` lower-cased by the application (Unicode), what `search` compares.
    pub name_folded: Option<String>,
    /// `company` lower-cased by the application (Unicode), what `search` compares.
    pub company_folded: Option<String>,
    /// NEW, QUALIFIED, CUSTOMER or LOST.
    pub status: String,
    pub created_at: DateTimeUtc,
    /// `created_at` as a date in the workspace time zone: report days are local days.
    pub created_on: Date,
    pub channel_id: i64,
    pub campaign_id: Option<i64>,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_term: Option<String>,
    pub utm_content: Option<String>,
    pub referrer: Option<String>,
    pub landing_page: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::touchpoint::Entity")]
    Touchpoint,
    #[sea_orm(has_many = "super::conversion::Entity")]
    Conversion,
}

impl Related<super::touchpoint::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Touchpoint.def()
    }
}

impl Related<super::conversion::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conversion.def()
    }
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// Keeps the folded copies in step with the name and company, whoever writes the row.
    async fn before_save<C>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if let ActiveValue::Set(name) = &self.name {
            self.name_folded = ActiveValue::Set(name.as_deref().map(crate::folded));
        }
        if let ActiveValue::Set(company) = &self.company {
            self.company_folded = ActiveValue::Set(company.as_deref().map(crate::folded));
        }
        Ok(self)
    }
}
