//! Streams the leads of the demo, with their touchpoints and conversions, into the
//! database in full statements; lead ids come back from `INSERT … RETURNING`.

use entity::{conversion, lead, touchpoint};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, Iterable, QueryTrait};

use super::DemoSummary;
use super::calendar::local_date;
use super::journey::{Lead, Touch};
use super::plan::Plan;
use super::write::{id_of, returned_ids, rows_per_statement};
use crate::services::page::folded;

/// Streams leads into the database in full statements: leads are buffered until a
/// statement's worth, then their touchpoints and conversions are buffered the same way.
/// Few, same-sized statements also reuse the driver's prepared statements.
pub(super) struct LeadWriter<'a> {
    workspace_id: i64,
    plan: &'a Plan,
    campaign_ids: &'a [i64],
    /// Sequence number of the next lead (external ids `demo-0000001`, …).
    next_seq: u64,
    /// Rows per statement for leads, touchpoints and conversions.
    rows: (usize, usize, usize),
    leads: Vec<Lead>,
    touches: Vec<touchpoint::ActiveModel>,
    conversions: Vec<conversion::ActiveModel>,
}

impl<'a> LeadWriter<'a> {
    pub fn new(
        backend: DbBackend,
        workspace_id: i64,
        plan: &'a Plan,
        campaign_ids: &'a [i64],
    ) -> Self {
        // Every column but the id is bound; counted from the entity so a new column cannot
        // push a statement past the backend's bind limit.
        let lead_columns = lead::Column::iter().count() - 1;
        let rows = (
            rows_per_statement(backend, lead_columns),
            rows_per_statement(backend, 13),
            rows_per_statement(backend, 7),
        );
        LeadWriter {
            workspace_id,
            plan,
            campaign_ids,
            next_seq: 1,
            rows,
            leads: Vec::with_capacity(rows.0),
            touches: Vec::with_capacity(rows.1),
            conversions: Vec::with_capacity(rows.2),
        }
    }

    pub async fn push<C: ConnectionTrait>(
        &mut self,
        db: &C,
        leads: Vec<Lead>,
        sum: &mut DemoSummary,
    ) -> Result<(), DbErr> {
        for lead in leads {
            self.leads.push(lead);
            if self.leads.len() == self.rows.0 {
                self.flush_leads(db, sum).await?;
            }
        }
        Ok(())
    }

    /// Writes whatever is still buffered.
    pub async fn finish<C: ConnectionTrait>(
        mut self,
        db: &C,
        sum: &mut DemoSummary,
    ) -> Result<(), DbErr> {
        self.flush_leads(db, sum).await?;
        self.flush_touches(db, sum).await?;
        self.flush_conversions(db, sum).await
    }

    async fn flush_touches<C: ConnectionTrait>(
        &mut self,
        db: &C,
        sum: &mut DemoSummary,
    ) -> Result<(), DbErr> {
        if !self.touches.is_empty() {
            let rows = self.touches.drain(..);
            sum.touchpoints += touchpoint::Entity::insert_many(rows)
                .exec_without_returning(db)
                .await?;
        }
        Ok(())
    }

    async fn flush_conversions<C: ConnectionTrait>(
        &mut self,
        db: &C,
        sum: &mut DemoSummary,
    ) -> Result<(), DbErr> {
        if !self.conversions.is_empty() {
            let rows = self.conversions.drain(..);
            sum.conversions += conversion::Entity::insert_many(rows)
                .exec_without_returning(db)
                .await?;
        }
        Ok(())
    }

    /// Inserts the buffered leads, then queues their touchpoints and conversions.
    async fn flush_leads<C: ConnectionTrait>(
        &mut self,
        db: &C,
        sum: &mut DemoSummary,
    ) -> Result<(), DbErr> {
        if self.leads.is_empty() {
            return Ok(());
        }
        let leads = std::mem::take(&mut self.leads);
        let externals: Vec<String> = (0..leads.len() as u64)
            .map(|k| format!("demo-{:07}", self.next_seq + k))
            .collect();
        self.next_seq += leads.len() as u64;
        let mut stmt =
            lead::Entity::insert_many(leads.iter().zip(&externals).map(|(l, e)| self.lead(l, e)))
                .into_query();
        stmt.returning(Query::returning().columns([lead::Column::Id, lead::Column::ExternalId]));
        let ids = returned_ids(db, &stmt, "external_id").await?;
        sum.leads += leads.len() as u64;
        for (l, external) in leads.iter().zip(&externals) {
            let lead_id = id_of(&ids, external)?;
            for t in &l.touches {
                self.touches.push(self.touchpoint(lead_id, t));
                if self.touches.len() == self.rows.1 {
                    self.flush_touches(db, sum).await?;
                }
            }
            for c in &l.conversions {
                sum.revenue_cents += c.revenue_cents;
                self.conversions.push(conversion::ActiveModel {
                    id: NotSet,
                    workspace_id: Set(self.workspace_id),
                    lead_id: Set(lead_id),
                    occurred_at: Set(c.at),
                    occurred_on: Set(local_date(self.plan.tz, c.at)),
                    kind: Set(c.kind.to_owned()),
                    revenue_cents: Set(c.revenue_cents),
                    external_id: Set(format!("{external}-{}", c.kind)),
                    original_amount_cents: NotSet,
                    original_currency: NotSet,
                });
                if self.conversions.len() == self.rows.2 {
                    self.flush_conversions(db, sum).await?;
                }
            }
        }
        self.leads = leads;
        self.leads.clear();
        Ok(())
    }

    fn lead(&self, l: &Lead, external: &str) -> lead::ActiveModel {
        let s = l.source();
        lead::ActiveModel {
            id: NotSet,
            workspace_id: Set(self.workspace_id),
            external_id: Set(external.to_owned()),
            email: Set(Some(l.person.email.clone())),
            name: Set(Some(l.person.name.clone())),
            company: Set(l.person.company.clone()),
            name_folded: Set(Some(folded(&l.person.name))),
            company_folded: Set(l.person.company.as_deref().map(folded)),
            status: Set(l.status.to_owned()),
            created_at: Set(s.at),
            created_on: Set(local_date(self.plan.tz, s.at)),
            channel_id: Set(self.plan.channels[s.channel].id),
            campaign_id: Set(s.campaign.map(|i| self.campaign_ids[i])),
            utm_source: Set(s.fields.utm_source.map(str::to_owned)),
            utm_medium: Set(s.fields.utm_medium.map(str::to_owned)),
            utm_campaign: Set(s.fields.utm_campaign.map(str::to_owned)),
            utm_term: Set(s.fields.utm_term.map(str::to_owned)),
            utm_content: Set(s.fields.utm_content.map(str::to_owned)),
            referrer: Set(s.fields.referrer.map(str::to_owned)),
            landing_page: Set(s.fields.landing_page.clone()),
            updated_at: Set(l.updated_at()),
        }
    }

    fn touchpoint(&self, lead_id: i64, t: &Touch) -> touchpoint::ActiveModel {
        touchpoint::ActiveModel {
            id: NotSet,
            workspace_id: Set(self.workspace_id),
            lead_id: Set(lead_id),
            occurred_at: Set(t.at),
            channel_id: Set(self.plan.channels[t.channel].id),
            campaign_id: Set(t.campaign.map(|i| self.campaign_ids[i])),
            utm_source: Set(t.fields.utm_source.map(str::to_owned)),
            utm_medium: Set(t.fields.utm_medium.map(str::to_owned)),
            utm_campaign: Set(t.fields.utm_campaign.map(str::to_owned)),
            utm_term: Set(t.fields.utm_term.map(str::to_owned)),
            utm_content: Set(t.fields.utm_content.map(str::to_owned)),
            referrer: Set(t.fields.referrer.map(str::to_owned)),
            landing_page: Set(t.fields.landing_page.clone()),
            event_id: Set(None),
        }
    }
}
