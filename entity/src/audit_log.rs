//! One audited change of a workspace: who made it, what it was, when, and its arguments
//! (JSON text, never a secret, never an erased contact's email).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    pub at: DateTimeUtc,
    /// `user`, `token` or `cli`.
    pub actor_kind: String,
    /// The acting user; null for a token or the command line.
    pub actor_user_id: Option<i64>,
    /// The acting API token; null for a user or the command line.
    pub actor_token_id: Option<i64>,
    /// The token's display prefix (`lsk_…`), kept after the token is gone.
    pub actor_token_prefix: Option<String>,
    /// The mutation's name, such as `deleteSpend` or `changeRole`.
    pub action: String,
    /// The arguments as a JSON object.
    #[sea_orm(column_type = "Text")]
    pub arguments: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
