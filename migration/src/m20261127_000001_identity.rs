//! Tenants, people and credentials: workspace, user, membership, api_token, refresh_token.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Workspace {
    Table,
    Id,
    Name,
    Slug,
    Currency,
    Timezone,
    DataGeneration,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum User {
    Table,
    Id,
    Email,
    PasswordHash,
    DisplayName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
    Id,
    WorkspaceId,
    UserId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    WorkspaceId,
    Name,
    Prefix,
    SecretHash,
    Scopes,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum RefreshToken {
    Table,
    Id,
    WorkspaceId,
    UserId,
    Family,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    RevokedAt,
}

/// A foreign key from `table.column` to `workspace.id`, dropped with the workspace.
pub fn fk_workspace<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Workspace::Table, Workspace::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Workspace::Table)
                    .col(big_pk_auto(Workspace::Id))
                    .col(string(Workspace::Name))
                    .col(string_uniq(Workspace::Slug))
                    .col(string_len(Workspace::Currency, 3))
                    .col(string(Workspace::Timezone))
                    .col(big_integer(Workspace::DataGeneration).default(0))
                    .col(timestamp_with_time_zone(Workspace::CreatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(User::Table)
                    .col(big_pk_auto(User::Id))
                    .col(string_uniq(User::Email))
                    .col(string(User::PasswordHash))
                    .col(string(User::DisplayName))
                    .col(timestamp_with_time_zone(User::CreatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Membership::Table)
                    .col(big_pk_auto(Membership::Id))
                    .col(big_integer(Membership::WorkspaceId))
                    .col(big_integer(Membership::UserId))
                    .col(string(Membership::Role))
                    .col(timestamp_with_time_zone(Membership::CreatedAt))
                    .foreign_key(&mut fk_workspace(
                        Membership::Table,
                        Membership::WorkspaceId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Membership::Table, Membership::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_membership_workspace_user")
                    .table(Membership::Table)
                    .col(Membership::WorkspaceId)
                    .col(Membership::UserId)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(big_pk_auto(ApiToken::Id))
                    .col(big_integer(ApiToken::WorkspaceId))
                    .col(string(ApiToken::Name))
                    .col(string(ApiToken::Prefix))
                    .col(string_uniq(ApiToken::SecretHash))
                    .col(string(ApiToken::Scopes))
                    .col(big_integer_null(ApiToken::CreatedBy))
                    .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::LastUsedAt))
                    .foreign_key(&mut fk_workspace(ApiToken::Table, ApiToken::WorkspaceId))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_api_token_workspace")
                    .table(ApiToken::Table)
                    .col(ApiToken::WorkspaceId)
                    .col(ApiToken::CreatedAt)
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RefreshToken::Table)
                    .col(big_pk_auto(RefreshToken::Id))
                    .col(big_integer(RefreshToken::WorkspaceId))
                    .col(big_integer(RefreshToken::UserId))
                    .col(string(RefreshToken::Family))
                    .col(string_uniq(RefreshToken::TokenHash))
                    .col(timestamp_with_time_zone(RefreshToken::CreatedAt))
                    .col(timestamp_with_time_zone(RefreshToken::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshToken::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshToken::RevokedAt))
                    .foreign_key(&mut fk_workspace(
                        RefreshToken::Table,
                        RefreshToken::WorkspaceId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshToken::Table, RefreshToken::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_refresh_token_workspace_family")
                    .table(RefreshToken::Table)
                    .col(RefreshToken::WorkspaceId)
                    .col(RefreshToken::Family)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RefreshToken::Table.into_iden(),
            ApiToken::Table.into_iden(),
            Membership::Table.into_iden(),
            User::Table.into_iden(),
            Workspace::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
