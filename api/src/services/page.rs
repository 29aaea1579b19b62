//! Keyset pagination shared by the list services: a page request and a page of rows.

use crate::error::{AppError, AppResult};

/// Rows per page when `first` is not given.
pub const DEFAULT_PAGE_SIZE: i32 = 50;

/// No configured page size may exceed this (`MAX_PAGE_SIZE` is checked against it).
pub const PAGE_SIZE_CEILING: u32 = 10_000;

/// `first` and an optional keyset position to start after.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest<K> {
    pub first: u64,
    pub after: Option<K>,
}

impl<K> PageRequest<K> {
    /// Checks `first` against the configured maximum page size.
    pub fn new(first: Option<i32>, after: Option<K>, max: u32) -> AppResult<Self> {
        let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
        if first < 0 || first > i32::try_from(max).unwrap_or(i32::MAX) {
            return Err(AppError::bad_input(
                "first",
                format!("must be between 0 and {max} (limit max_page_size = {max})"),
            ));
        }
        Ok(Self {
            first: first as u64,
            after,
        })
    }
}

/// One page: its rows, whether more follow, and the total matching the filter.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_next_page: bool,
    pub total_count: u64,
}

impl<T> Page<T> {
    /// Builds a page from `first + 1` fetched rows.
    pub fn from_overfetch(mut rows: Vec<T>, first: u64, total_count: u64) -> Self {
        let has_next_page = rows.len() as u64 > first;
        rows.truncate(first as usize);
        Self {
            items: rows,
            has_next_page,
            total_count,
        }
    }
}

/// `text` lower-cased by Unicode rules, as the `*_folded` columns hold it (see
/// `entity::folded`): searches compare folded text with a folded needle.
pub use entity::folded;

/// Escapes `%`, `_` and `\` for a LIKE pattern and wraps it as a folded "contains".
pub fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for ch in folded(text).chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}
