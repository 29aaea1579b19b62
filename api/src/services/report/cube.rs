//! The metrics of one period per row key and bucket, filled from the aggregates.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::args::Dimension;
use super::key::RowKey;
use super::metrics::Metrics;
use super::period::{Bucket, bucket_of};
use crate::db::analytics::facts::FactRow;

/// Per row key, one [`Metrics`] per bucket (one bucket when there is no time series).
#[derive(Debug)]
pub(super) struct Cube {
    pub dimension: Dimension,
    pub buckets: Vec<Bucket>,
    pub cells: BTreeMap<RowKey, Vec<Metrics>>,
}

impl Cube {
    pub fn new(dimension: Dimension, buckets: Vec<Bucket>) -> Self {
        Self {
            dimension,
            buckets,
            cells: BTreeMap::new(),
        }
    }

    /// The cell of `key` in bucket `b` (created as zeros).
    pub fn cell(&mut self, key: RowKey, b: usize) -> Option<&mut Metrics> {
        let (n, spend) = (self.buckets.len(), self.dimension.carries_spend());
        self.cells
            .entry(key)
            .or_insert_with(|| vec![Metrics::zero(spend); n])
            .get_mut(b)
    }

    /// Adds aggregate rows with `apply`; a row's day picks its bucket (bucket 0 when the
    /// rows are not split by day). Rows outside every bucket are ignored.
    pub fn add_facts(&mut self, rows: Vec<FactRow>, apply: impl Fn(&mut Metrics, i64, i64)) {
        for row in rows {
            let b = match row.day {
                Some(day) => bucket_of(&self.buckets, day),
                None => Some(0),
            };
            let key = RowKey::of(self.dimension, row.key_id, row.key_text);
            if let Some(cell) = b.and_then(|b| self.cell(key, b)) {
                apply(cell, row.n, row.m);
            }
        }
    }

    /// Adds credited conversions and revenue. A zero credit makes no row: the engine lists
    /// every value it saw, the SQL of the single-touch models only the credited ones.
    pub fn add_credit(&mut self, key: RowKey, b: usize, conversions: Decimal, revenue: Decimal) {
        if conversions.is_zero() && revenue.is_zero() {
            return;
        }
        if let Some(cell) = self.cell(key, b) {
            cell.conversions += conversions;
            cell.revenue += revenue;
        }
    }

    /// Σ over the buckets of each key.
    pub fn row_sums(&self) -> BTreeMap<RowKey, Metrics> {
        let zero = Metrics::zero(self.dimension.carries_spend());
        self.cells
            .iter()
            .map(|(key, cells)| {
                let mut sum = zero.clone();
                cells.iter().for_each(|c| sum += c);
                (key.clone(), sum)
            })
            .collect()
    }
}
