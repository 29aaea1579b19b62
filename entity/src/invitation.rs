//! An invitation to join a workspace with a role. Only the SHA-256 of its code is stored;
//! it is open until accepted, revoked, replaced by a newer invitation or expired.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workspace_id: i64,
    /// The invitee's email, trimmed and lower-cased.
    pub email: String,
    /// The role granted on acceptance: OWNER, ADMIN, ANALYST or VIEWER.
    pub role: String,
    /// The name a new account gets unless the invitee gives one.
    pub display_name: Option<String>,
    #[sea_orm(unique)]
    pub code_hash: String,
    /// The inviting user; null when an API token invited, or the user is gone.
    pub invited_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
    pub accepted_by: Option<i64>,
    /// Set by `revokeInvitation`, or when a newer invitation to the same email replaced it.
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
