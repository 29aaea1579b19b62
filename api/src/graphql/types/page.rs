//! Relay connections with `totalCount`, built from a service `Page`.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{OutputType, SimpleObject};

use crate::graphql::ids::encode_cursor;
use crate::services::page::{DEFAULT_PAGE_SIZE, PAGE_SIZE_CEILING, Page};

/// Extra connection fields.
#[derive(SimpleObject)]
pub struct ConnectionFields {
    /// Rows matching the filter, over all pages.
    pub total_count: u64,
}

pub type PageConnection<N> = Connection<String, N, ConnectionFields, EmptyFields>;

/// Wraps `page` as a connection; `cursor_of` gives each row's keyset position text.
pub fn to_connection<M, N: OutputType>(
    page: Page<M>,
    had_cursor: bool,
    cursor_of: impl Fn(&M) -> String,
    node: impl Fn(M) -> N,
) -> PageConnection<N> {
    let mut connection = Connection::with_additional_fields(
        had_cursor,
        page.has_next_page,
        ConnectionFields {
            total_count: page.total_count,
        },
    );
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|row| Edge::new(encode_cursor(&cursor_of(&row)), node(row))),
    );
    connection
}

/// Complexity of a connection field: its selection counts once per requested row, so
/// `first: 500` of ten fields weighs 5,000 (`MAX_QUERY_COMPLEXITY` bounds the sum). A
/// `first` that no page size allows counts one row: the resolver refuses it, naming it.
pub fn connection_complexity(first: Option<i32>, child_complexity: usize) -> usize {
    let rows = usize::try_from(first.unwrap_or(DEFAULT_PAGE_SIZE))
        .ok()
        .filter(|&rows| rows <= PAGE_SIZE_CEILING as usize)
        .unwrap_or(1);
    rows.max(1)
        .saturating_mul(child_complexity)
        .saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::connection_complexity;

    #[test]
    fn a_connection_weighs_its_selection_once_per_requested_row() {
        assert_eq!(connection_complexity(Some(500), 10), 5_001);
        assert_eq!(connection_complexity(None, 2), 101);
        assert_eq!(connection_complexity(Some(0), 2), 3);
        assert_eq!(
            connection_complexity(Some(-5), 2),
            3,
            "refused by the resolver"
        );
        assert_eq!(
            connection_complexity(Some(100_000), 2),
            3,
            "refused by the resolver"
        );
    }
}
