//! Row keys: which channel, campaign or UTM value a report row stands for.

use serde::{Deserialize, Serialize};

use super::args::Dimension;

/// The value of the report's dimension that a row stands for. `None` is "not set" (a lead
/// or touch without campaign, or without that UTM value): such rows are kept, so that the
/// rows always add up to the totals.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RowKey {
    Channel(i64),
    Campaign(Option<i64>),
    Value(Option<String>),
}

impl RowKey {
    /// The key of an aggregate row of `dimension`.
    pub fn of(dimension: Dimension, key_id: Option<i64>, key_text: Option<String>) -> Self {
        match dimension {
            // channel_id is NOT NULL on every table it is read from.
            Dimension::Channel => Self::Channel(key_id.unwrap_or_default()),
            Dimension::Campaign => Self::Campaign(key_id),
            _ => Self::Value(key_text),
        }
    }

    /// A stable text form, e.g. `channel:3`, `campaign:-`, `value:google`.
    pub fn stable_id(&self) -> String {
        match self {
            Self::Channel(id) => format!("channel:{id}"),
            Self::Campaign(Some(id)) => format!("campaign:{id}"),
            Self::Campaign(None) => "campaign:-".to_owned(),
            Self::Value(Some(v)) => format!("value:{v}"),
            Self::Value(None) => "value:-".to_owned(),
        }
    }

    pub fn channel_id(&self) -> Option<i64> {
        match self {
            Self::Channel(id) => Some(*id),
            _ => None,
        }
    }

    pub fn campaign_id(&self) -> Option<i64> {
        match self {
            Self::Campaign(id) => *id,
            _ => None,
        }
    }

    /// The UTM value, for UTM rows.
    pub fn value(&self) -> Option<&str> {
        match self {
            Self::Value(v) => v.as_deref(),
            _ => None,
        }
    }
}
