//! Relay connections with `totalCount`, built from a service `Page`.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{OutputType, SimpleObject};

use crate::graphql::ids::encode_cursor;
use crate::services::page::Page;

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
