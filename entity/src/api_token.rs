//! A scoped API token of a workspace; only the SHA-256 of its secret is kept.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    /// The first characters of the secret, shown so users can tell tokens apart.
    pub prefix: String,
    /// Hex SHA-256 of the whole secret.
    #[sea_orm(unique)]
    pub secret_hash: String,
    /// Space-separated scopes, e.g. "reports:read spend:write".
    pub scopes: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub expires_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
