//! Writing marketing facts straight into a test database (entity ActiveModels), so report
//! tests can state small data sets whose numbers are worked out by hand.
//!
//! Times are written like `"2026-03-02T10:00:00+01:00"`; the local dates stored beside them
//! (`created_on`, `occurred_on`) are computed in the workspace time zone, as ingestion does.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use leadsource::db::rollup::{Sign, SpendRows};
use leadsource::services::rollup::RollupWriter;

use entity::{budget, campaign, channel, conversion, lead, spend, touchpoint, workspace};

/// A workspace's facts writer.
pub struct Facts {
    db: DatabaseConnection,
    pub workspace_id: i64,
    tz: Tz,
    channels: HashMap<String, i64>,
    next: u32,
}

/// UTM marks of a lead's source or of a touch.
#[derive(Clone, Copy, Default)]
pub struct Marks<'a> {
    pub campaign: Option<i64>,
    pub utm_source: Option<&'a str>,
    pub utm_medium: Option<&'a str>,
    pub utm_campaign: Option<&'a str>,
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("bad time {text}: {e}"))
        .with_timezone(&Utc)
}

fn day(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|e| panic!("bad date {text}: {e}"))
}

impl Facts {
    pub async fn new(db: &DatabaseConnection, workspace_id: i64) -> Self {
        let ws = workspace::Entity::find_by_id(workspace_id)
            .one(db)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("workspace {workspace_id} missing"));
        let channels = channel::Entity::find()
            .filter(channel::Column::WorkspaceId.eq(workspace_id))
            .filter(channel::Column::IsDefault.eq(true))
            .all(db)
            .await
            .unwrap_or_else(|e| panic!("channels: {e}"))
            .into_iter()
            .map(|c| (c.kind, c.id))
            .collect();
        Self {
            db: db.clone(),
            workspace_id,
            tz: ws.timezone.parse().unwrap_or_else(|e| {
                panic!(
                    "time zone {:?} of workspace {workspace_id}: {e}",
                    ws.timezone
                )
            }),
            channels,
            next: 0,
        }
    }

    /// The default channel of a group, e.g. `"PAID_SEARCH"`.
    pub fn channel(&self, kind: &str) -> i64 {
        *self
            .channels
            .get(kind)
            .unwrap_or_else(|| panic!("no default channel {kind}"))
    }

    fn local_day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    fn external(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}-{}", self.next)
    }

    pub async fn campaign(&self, kind: &str, name: &str, utm: Option<&str>) -> i64 {
        let now = Utc::now();
        campaign::ActiveModel {
            workspace_id: Set(self.workspace_id),
            channel_id: Set(self.channel(kind)),
            name: Set(name.to_owned()),
            utm_campaign: Set(utm.map(str::to_owned)),
            status: Set("ACTIVE".to_owned()),
            starts_on: Set(None),
            ends_on: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap_or_else(|e| panic!("campaign: {e}"))
        .id
    }

    /// A lead created at `created` whose source is `kind` with `marks`, and its first touch.
    pub async fn lead(&mut self, created: &str, kind: &str, marks: Marks<'_>) -> i64 {
        let created = at(created);
        let external_id = self.external("lead");
        let id = lead::ActiveModel {
            workspace_id: Set(self.workspace_id),
            external_id: Set(external_id),
            email: Set(None),
            name: Set(None),
            company: Set(None),
            name_folded: Set(None),
            company_folded: Set(None),
            status: Set("NEW".to_owned()),
            created_at: Set(created),
            created_on: Set(self.local_day(created)),
            channel_id: Set(self.channel(kind)),
            campaign_id: Set(marks.campaign),
            utm_source: Set(marks.utm_source.map(str::to_owned)),
            utm_medium: Set(marks.utm_medium.map(str::to_owned)),
            utm_campaign: Set(marks.utm_campaign.map(str::to_owned)),
            utm_term: Set(None),
            utm_content: Set(None),
            referrer: Set(None),
            landing_page: Set(None),
            updated_at: Set(created),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap_or_else(|e| panic!("lead: {e}"))
        .id;
        self.leads_rollup(id, Sign::Add).await;
        self.touch_at(id, created, kind, marks).await;
        id
    }

    /// A later touch of a lead.
    pub async fn touch(&mut self, lead_id: i64, when: &str, kind: &str, marks: Marks<'_>) {
        self.touch_at(lead_id, at(when), kind, marks).await;
    }

    async fn touch_at(&mut self, lead_id: i64, when: DateTime<Utc>, kind: &str, marks: Marks<'_>) {
        self.leads_rollup(lead_id, Sign::Remove).await;
        touchpoint::ActiveModel {
            workspace_id: Set(self.workspace_id),
            lead_id: Set(lead_id),
            occurred_at: Set(when),
            channel_id: Set(self.channel(kind)),
            campaign_id: Set(marks.campaign),
            utm_source: Set(marks.utm_source.map(str::to_owned)),
            utm_medium: Set(marks.utm_medium.map(str::to_owned)),
            utm_campaign: Set(marks.utm_campaign.map(str::to_owned)),
            utm_term: Set(None),
            utm_content: Set(None),
            referrer: Set(None),
            landing_page: Set(None),
            event_id: Set(None),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap_or_else(|e| panic!("touchpoint: {e}"));
        self.leads_rollup(lead_id, Sign::Add).await;
    }

    pub async fn conversion(&mut self, lead_id: i64, when: &str, kind: &str, revenue_cents: i64) {
        let when = at(when);
        let external_id = self.external("conv");
        self.leads_rollup(lead_id, Sign::Remove).await;
        conversion::ActiveModel {
            workspace_id: Set(self.workspace_id),
            lead_id: Set(lead_id),
            occurred_at: Set(when),
            occurred_on: Set(self.local_day(when)),
            kind: Set(kind.to_owned()),
            revenue_cents: Set(revenue_cents),
            external_id: Set(external_id),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap_or_else(|e| panic!("conversion: {e}"));
        self.leads_rollup(lead_id, Sign::Add).await;
    }

    pub async fn spend(&self, campaign_id: i64, date: &str, amount_cents: i64) {
        spend::ActiveModel {
            workspace_id: Set(self.workspace_id),
            campaign_id: Set(campaign_id),
            date: Set(day(date)),
            amount_cents: Set(amount_cents),
            impressions: Set(0),
            clicks: Set(0),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap_or_else(|e| panic!("spend: {e}"));
        let key = [(campaign_id, day(date))];
        self.rollup()
            .await
            .spend(&self.db, SpendRows::Keys(&key), Sign::Add)
            .await
            .unwrap_or_else(|e| panic!("spend rollup: {e}"));
    }

    /// These rows bypass the ingestion services, so they run the same rollup hooks: a lead's
    /// contribution is taken away before a row of it is written and added back after.
    async fn rollup(&self) -> RollupWriter {
        RollupWriter::load(&self.db, self.workspace_id)
            .await
            .unwrap_or_else(|e| panic!("rollup writer: {e}"))
    }

    async fn leads_rollup(&self, lead_id: i64, sign: Sign) {
        self.rollup()
            .await
            .leads(&self.db, &[lead_id], sign)
            .await
            .unwrap_or_else(|e| panic!("lead rollup: {e}"));
    }

    pub async fn budget(&self, campaign_id: i64, start: &str, end: &str, planned_cents: i64) {
        budget::ActiveModel {
            workspace_id: Set(self.workspace_id),
            campaign_id: Set(campaign_id),
            period_start: Set(day(start)),
            period_end: Set(day(end)),
            planned_cents: Set(planned_cents),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap_or_else(|e| panic!("budget: {e}"));
    }
}
