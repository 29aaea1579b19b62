//! The marketing facts: channel, campaign, budget, spend, lead, touchpoint, conversion.

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261127_000001_identity::fk_workspace;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Channel {
    Table,
    Id,
    WorkspaceId,
    Name,
    Kind,
    IsPaid,
    IsDefault,
    ArchivedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
#[expect(clippy::enum_variant_names, reason = "column names mirror the entity")]
enum Campaign {
    Table,
    Id,
    WorkspaceId,
    ChannelId,
    Name,
    UtmCampaign,
    Status,
    StartsOn,
    EndsOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Budget {
    Table,
    Id,
    WorkspaceId,
    CampaignId,
    PeriodStart,
    PeriodEnd,
    PlannedCents,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Spend {
    Table,
    Id,
    WorkspaceId,
    CampaignId,
    Date,
    AmountCents,
    Impressions,
    Clicks,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Lead {
    Table,
    Id,
    WorkspaceId,
    ExternalId,
    Email,
    Name,
    Company,
    Status,
    CreatedAt,
    CreatedOn,
    ChannelId,
    CampaignId,
    UtmSource,
    UtmMedium,
    UtmCampaign,
    UtmTerm,
    UtmContent,
    Referrer,
    LandingPage,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Touchpoint {
    Table,
    Id,
    WorkspaceId,
    LeadId,
    OccurredAt,
    ChannelId,
    CampaignId,
    UtmSource,
    UtmMedium,
    UtmCampaign,
    UtmTerm,
    UtmContent,
    Referrer,
    LandingPage,
    EventId,
}

#[derive(DeriveIden)]
enum Conversion {
    Table,
    Id,
    WorkspaceId,
    LeadId,
    OccurredAt,
    OccurredOn,
    Kind,
    RevenueCents,
    ExternalId,
}

fn fk<
    F: IntoIden + 'static,
    C: IntoIden + 'static,
    T: IntoIden + 'static,
    K: IntoIden + 'static,
>(
    from: F,
    column: C,
    to: T,
    key: K,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, key)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

/// An index named `name` on `table(cols…)`; `unique` for the idempotency keys.
fn index<T: IntoIden + 'static>(
    name: &str,
    table: T,
    cols: Vec<DynIden>,
    unique: bool,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for col in cols {
        stmt.col(col);
    }
    if unique {
        stmt.unique();
    }
    stmt.take()
}

/// The UTM and referrer columns shared by lead and touchpoint.
fn utm_columns<C: IntoIden>(cols: [C; 7]) -> Vec<ColumnDef> {
    cols.into_iter().map(|c| text_null(c)).collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Channel::Table)
                    .col(big_pk_auto(Channel::Id))
                    .col(big_integer(Channel::WorkspaceId))
                    .col(string(Channel::Name))
                    .col(string(Channel::Kind))
                    .col(boolean(Channel::IsPaid))
                    .col(boolean(Channel::IsDefault))
                    .col(timestamp_with_time_zone_null(Channel::ArchivedAt))
                    .col(timestamp_with_time_zone(Channel::CreatedAt))
                    .foreign_key(&mut fk_workspace(Channel::Table, Channel::WorkspaceId))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Campaign::Table)
                    .col(big_pk_auto(Campaign::Id))
                    .col(big_integer(Campaign::WorkspaceId))
                    .col(big_integer(Campaign::ChannelId))
                    .col(string(Campaign::Name))
                    .col(string_null(Campaign::UtmCampaign))
                    .col(string(Campaign::Status))
                    .col(date_null(Campaign::StartsOn))
                    .col(date_null(Campaign::EndsOn))
                    .col(timestamp_with_time_zone(Campaign::CreatedAt))
                    .col(timestamp_with_time_zone(Campaign::UpdatedAt))
                    .foreign_key(&mut fk_workspace(Campaign::Table, Campaign::WorkspaceId))
                    .foreign_key(&mut fk(
                        Campaign::Table,
                        Campaign::ChannelId,
                        Channel::Table,
                        Channel::Id,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Budget::Table)
                    .col(big_pk_auto(Budget::Id))
                    .col(big_integer(Budget::WorkspaceId))
                    .col(big_integer(Budget::CampaignId))
                    .col(date(Budget::PeriodStart))
                    .col(date(Budget::PeriodEnd))
                    .col(big_integer(Budget::PlannedCents))
                    .col(timestamp_with_time_zone(Budget::UpdatedAt))
                    .foreign_key(&mut fk_workspace(Budget::Table, Budget::WorkspaceId))
                    .foreign_key(&mut fk(
                        Budget::Table,
                        Budget::CampaignId,
                        Campaign::Table,
                        Campaign::Id,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Spend::Table)
                    .col(big_pk_auto(Spend::Id))
                    .col(big_integer(Spend::WorkspaceId))
                    .col(big_integer(Spend::CampaignId))
                    .col(date(Spend::Date))
                    .col(big_integer(Spend::AmountCents))
                    .col(big_integer(Spend::Impressions))
                    .col(big_integer(Spend::Clicks))
                    .col(timestamp_with_time_zone(Spend::UpdatedAt))
                    .foreign_key(&mut fk_workspace(Spend::Table, Spend::WorkspaceId))
                    .foreign_key(&mut fk(
                        Spend::Table,
                        Spend::CampaignId,
                        Campaign::Table,
                        Campaign::Id,
                    ))
                    .take(),
            )
            .await?;
        let mut lead = Table::create();
        lead.table(Lead::Table)
            .col(big_pk_auto(Lead::Id))
            .col(big_integer(Lead::WorkspaceId))
            .col(string(Lead::ExternalId))
            .col(string_null(Lead::Email))
            .col(string_null(Lead::Name))
            .col(string_null(Lead::Company))
            .col(string(Lead::Status))
            .col(timestamp_with_time_zone(Lead::CreatedAt))
            .col(date(Lead::CreatedOn))
            .col(big_integer(Lead::ChannelId))
            .col(big_integer_null(Lead::CampaignId));
        for col in utm_columns([
            Lead::UtmSource,
            Lead::UtmMedium,
            Lead::UtmCampaign,
            Lead::UtmTerm,
            Lead::UtmContent,
            Lead::Referrer,
            Lead::LandingPage,
        ]) {
            lead.col(col);
        }
        lead.col(timestamp_with_time_zone(Lead::UpdatedAt))
            .foreign_key(&mut fk_workspace(Lead::Table, Lead::WorkspaceId))
            .foreign_key(&mut fk(
                Lead::Table,
                Lead::ChannelId,
                Channel::Table,
                Channel::Id,
            ))
            .foreign_key(
                ForeignKey::create()
                    .from(Lead::Table, Lead::CampaignId)
                    .to(Campaign::Table, Campaign::Id)
                    .on_delete(ForeignKeyAction::SetNull),
            );
        manager.create_table(lead.take()).await?;
        let mut touchpoint = Table::create();
        touchpoint
            .table(Touchpoint::Table)
            .col(big_pk_auto(Touchpoint::Id))
            .col(big_integer(Touchpoint::WorkspaceId))
            .col(big_integer(Touchpoint::LeadId))
            .col(timestamp_with_time_zone(Touchpoint::OccurredAt))
            .col(big_integer(Touchpoint::ChannelId))
            .col(big_integer_null(Touchpoint::CampaignId));
        for col in utm_columns([
            Touchpoint::UtmSource,
            Touchpoint::UtmMedium,
            Touchpoint::UtmCampaign,
            Touchpoint::UtmTerm,
            Touchpoint::UtmContent,
            Touchpoint::Referrer,
            Touchpoint::LandingPage,
        ]) {
            touchpoint.col(col);
        }
        touchpoint
            .col(string_null(Touchpoint::EventId))
            .foreign_key(&mut fk_workspace(
                Touchpoint::Table,
                Touchpoint::WorkspaceId,
            ))
            .foreign_key(&mut fk(
                Touchpoint::Table,
                Touchpoint::LeadId,
                Lead::Table,
                Lead::Id,
            ))
            .foreign_key(&mut fk(
                Touchpoint::Table,
                Touchpoint::ChannelId,
                Channel::Table,
                Channel::Id,
            ))
            .foreign_key(
                ForeignKey::create()
                    .from(Touchpoint::Table, Touchpoint::CampaignId)
                    .to(Campaign::Table, Campaign::Id)
                    .on_delete(ForeignKeyAction::SetNull),
            );
        manager.create_table(touchpoint.take()).await?;
        manager
            .create_table(
                Table::create()
                    .table(Conversion::Table)
                    .col(big_pk_auto(Conversion::Id))
                    .col(big_integer(Conversion::WorkspaceId))
                    .col(big_integer(Conversion::LeadId))
                    .col(timestamp_with_time_zone(Conversion::OccurredAt))
                    .col(date(Conversion::OccurredOn))
                    .col(string(Conversion::Kind))
                    .col(big_integer(Conversion::RevenueCents))
                    .col(string(Conversion::ExternalId))
                    .foreign_key(&mut fk_workspace(
                        Conversion::Table,
                        Conversion::WorkspaceId,
                    ))
                    .foreign_key(&mut fk(
                        Conversion::Table,
                        Conversion::LeadId,
                        Lead::Table,
                        Lead::Id,
                    ))
                    .take(),
            )
            .await?;

        let indexes = [
            index(
                "ux_channel_workspace_name",
                Channel::Table,
                vec![Channel::WorkspaceId.into_iden(), Channel::Name.into_iden()],
                true,
            ),
            index(
                "ix_campaign_workspace_channel",
                Campaign::Table,
                vec![
                    Campaign::WorkspaceId.into_iden(),
                    Campaign::ChannelId.into_iden(),
                ],
                false,
            ),
            index(
                "ux_campaign_workspace_utm",
                Campaign::Table,
                vec![
                    Campaign::WorkspaceId.into_iden(),
                    Campaign::UtmCampaign.into_iden(),
                ],
                true,
            ),
            index(
                "ux_budget_workspace_campaign_period",
                Budget::Table,
                vec![
                    Budget::WorkspaceId.into_iden(),
                    Budget::CampaignId.into_iden(),
                    Budget::PeriodStart.into_iden(),
                ],
                true,
            ),
            index(
                "ix_budget_workspace_period",
                Budget::Table,
                vec![
                    Budget::WorkspaceId.into_iden(),
                    Budget::PeriodStart.into_iden(),
                ],
                false,
            ),
            index(
                "ux_spend_workspace_campaign_date",
                Spend::Table,
                vec![
                    Spend::WorkspaceId.into_iden(),
                    Spend::CampaignId.into_iden(),
                    Spend::Date.into_iden(),
                ],
                true,
            ),
            index(
                "ix_spend_workspace_date",
                Spend::Table,
                vec![Spend::WorkspaceId.into_iden(), Spend::Date.into_iden()],
                false,
            ),
            index(
                "ux_lead_workspace_external",
                Lead::Table,
                vec![Lead::WorkspaceId.into_iden(), Lead::ExternalId.into_iden()],
                true,
            ),
            index(
                "ix_lead_workspace_created",
                Lead::Table,
                vec![Lead::WorkspaceId.into_iden(), Lead::CreatedOn.into_iden()],
                false,
            ),
            index(
                "ix_lead_workspace_channel_created",
                Lead::Table,
                vec![
                    Lead::WorkspaceId.into_iden(),
                    Lead::ChannelId.into_iden(),
                    Lead::CreatedOn.into_iden(),
                ],
                false,
            ),
            index(
                "ix_lead_workspace_status",
                Lead::Table,
                vec![Lead::WorkspaceId.into_iden(), Lead::Status.into_iden()],
                false,
            ),
            index(
                "ux_touchpoint_workspace_event",
                Touchpoint::Table,
                vec![
                    Touchpoint::WorkspaceId.into_iden(),
                    Touchpoint::EventId.into_iden(),
                ],
                true,
            ),
            index(
                "ix_touchpoint_workspace_lead_time",
                Touchpoint::Table,
                vec![
                    Touchpoint::WorkspaceId.into_iden(),
                    Touchpoint::LeadId.into_iden(),
                    Touchpoint::OccurredAt.into_iden(),
                ],
                false,
            ),
            index(
                "ux_conversion_workspace_external",
                Conversion::Table,
                vec![
                    Conversion::WorkspaceId.into_iden(),
                    Conversion::ExternalId.into_iden(),
                ],
                true,
            ),
            index(
                "ix_conversion_workspace_occurred",
                Conversion::Table,
                vec![
                    Conversion::WorkspaceId.into_iden(),
                    Conversion::OccurredOn.into_iden(),
                ],
                false,
            ),
            index(
                "ix_conversion_workspace_lead",
                Conversion::Table,
                vec![
                    Conversion::WorkspaceId.into_iden(),
                    Conversion::LeadId.into_iden(),
                ],
                false,
            ),
        ];
        for stmt in indexes {
            manager.create_index(stmt).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Conversion::Table.into_iden(),
            Touchpoint::Table.into_iden(),
            Lead::Table.into_iden(),
            Spend::Table.into_iden(),
            Budget::Table.into_iden(),
            Campaign::Table.into_iden(),
            Channel::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
