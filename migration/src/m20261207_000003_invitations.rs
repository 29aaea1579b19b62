//! Invitations to join a workspace: the email and role an ADMIN offers, a SHA-256 of the
//! code the invitee redeems (never the code), when it expires, and whether it was accepted
//! or revoked. At most one invitation per workspace and email is open at a time (a partial
//! unique index, which SQLite and PostgreSQL both accept in the same words), so inviting
//! again replaces the pending one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    WorkspaceId,
    Email,
    Role,
    DisplayName,
    CodeHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedBy,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Workspace {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum User {
    Table,
    Id,
}

/// One open invitation per workspace and email; accepted and revoked ones are history.
const PENDING_INDEX: &str = "CREATE UNIQUE INDEX ux_invitation_pending \
     ON invitation (workspace_id, email) \
     WHERE accepted_at IS NULL AND revoked_at IS NULL";

/// A foreign key to `user.id` that forgets the user when the account is deleted.
fn fk_user(column: Invitation) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Invitation::Table, column)
        .to(User::Table, User::Id)
        .on_delete(ForeignKeyAction::SetNull)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(big_pk_auto(Invitation::Id))
                    .col(big_integer(Invitation::WorkspaceId))
                    .col(string(Invitation::Email))
                    .col(string(Invitation::Role))
                    .col(string_null(Invitation::DisplayName))
                    .col(string_uniq(Invitation::CodeHash))
                    .col(big_integer_null(Invitation::InvitedBy))
                    .col(timestamp_with_time_zone(Invitation::CreatedAt))
                    .col(timestamp_with_time_zone(Invitation::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitation::AcceptedAt))
                    .col(big_integer_null(Invitation::AcceptedBy))
                    .col(timestamp_with_time_zone_null(Invitation::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitation::Table, Invitation::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut fk_user(Invitation::InvitedBy))
                    .foreign_key(&mut fk_user(Invitation::AcceptedBy))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_invitation_workspace_created")
                    .table(Invitation::Table)
                    .col(Invitation::WorkspaceId)
                    .col(Invitation::CreatedAt)
                    .take(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(PENDING_INDEX)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Invitation::Table).take())
            .await
    }
}
