//! The audit log (issue 15): one row per mutation that changes settings, members or tokens,
//! or deletes data. Who (a user id, or an API token's id and display prefix, or the command
//! line), what (an action name such as `deleteSpend`), when, and the arguments as JSON text
//! without secrets. Rows are read newest first per workspace, so the index leads with
//! `(workspace_id, id)`. The same statements on SQLite and PostgreSQL.
//!
//! Corrections and erasure need no new column; an index on `lead(workspace_id, email)` lets
//! `eraseContact` find a person's leads without scanning the workspace.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    WorkspaceId,
    At,
    ActorKind,
    ActorUserId,
    ActorTokenId,
    ActorTokenPrefix,
    Action,
    Arguments,
}

#[derive(DeriveIden)]
enum Workspace {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Lead {
    Table,
    WorkspaceId,
    Email,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer(AuditLog::WorkspaceId))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(string(AuditLog::ActorKind))
                    // No foreign keys to the user or the token: the log outlives both.
                    .col(big_integer_null(AuditLog::ActorUserId))
                    .col(big_integer_null(AuditLog::ActorTokenId))
                    .col(string_null(AuditLog::ActorTokenPrefix))
                    .col(string(AuditLog::Action))
                    .col(text(AuditLog::Arguments))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditLog::Table, AuditLog::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_workspace_id")
                    .table(AuditLog::Table)
                    .col(AuditLog::WorkspaceId)
                    .col(AuditLog::Id)
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_lead_workspace_email")
                    .table(Lead::Table)
                    .col(Lead::WorkspaceId)
                    .col(Lead::Email)
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_lead_workspace_email")
                    .table(Lead::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(AuditLog::Table).take())
            .await
    }
}
