//! Multi-row inserts within each backend's limits, so a 10,000-row call is a handful of statements.
//!
//! PostgreSQL gets one array parameter per column (`INSERT … SELECT * FROM UNNEST($1, $2, …)`):
//! one statement per call whatever its size, prepared once per connection, and array parsing is as
//! cheap as COPY's text format. SQLite gets `VALUES (…), (…)` chunks of at most 32,766 bind
//! parameters; every full chunk has the same text, so its prepared statement is reused.
//! Callers dedupe rows by key first: an `ON CONFLICT DO UPDATE` may not touch one row twice.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};

use crate::error::AppResult;

/// SQLite's default `SQLITE_MAX_VARIABLE_NUMBER` since 3.32.
pub const SQLITE_MAX_PARAMS: usize = 32_766;
/// Keys per `IN (…)` lookup: under both backends' parameter limits with room for other binds.
pub const LOOKUP_CHUNK: usize = 10_000;

/// The values of one column, one per row.
#[derive(Debug, Clone)]
pub enum Values {
    Int(Vec<i64>),
    OptInt(Vec<Option<i64>>),
    Date(Vec<NaiveDate>),
    Time(Vec<DateTime<Utc>>),
    Text(Vec<String>),
    OptText(Vec<Option<String>>),
}

impl Values {
    pub fn len(&self) -> usize {
        match self {
            Self::Int(v) => v.len(),
            Self::OptInt(v) => v.len(),
            Self::Date(v) => v.len(),
            Self::Time(v) => v.len(),
            Self::Text(v) => v.len(),
            Self::OptText(v) => v.len(),
        }
    }

    fn pg_type(&self) -> &'static str {
        match self {
            Self::Int(_) | Self::OptInt(_) => "bigint",
            Self::Date(_) => "date",
            Self::Time(_) => "timestamptz",
            Self::Text(_) | Self::OptText(_) => "text",
        }
    }

    /// The column as a PostgreSQL array literal, e.g. `{1,NULL}` or `{"a\"b"}`.
    fn pg_array(&self) -> String {
        fn join<T>(items: &[T], each: impl Fn(&T, &mut String)) -> String {
            let mut out = String::with_capacity(items.len() * 12 + 2);
            out.push('{');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                each(item, &mut out);
            }
            out.push('}');
            out
        }
        fn quoted(text: &str, out: &mut String) {
            out.push('"');
            for c in text.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        }
        // `write!` into the one buffer: no string per value (a 10,000-row call has 100,000s).
        match self {
            Self::Int(v) => join(v, |n, out| {
                let _ = write!(out, "{n}");
            }),
            Self::OptInt(v) => join(v, |n, out| match n {
                Some(n) => {
                    let _ = write!(out, "{n}");
                }
                None => out.push_str("NULL"),
            }),
            // NaiveDate's Display is ISO 8601 (`2026-03-01`), without parsing a format string.
            Self::Date(v) => join(v, |d, out| {
                let _ = write!(out, "{d}");
            }),
            Self::Time(v) => join(v, |t, out| {
                out.push_str(&t.to_rfc3339_opts(SecondsFormat::Micros, true));
            }),
            Self::Text(v) => join(v, |s, out| quoted(s, out)),
            Self::OptText(v) => join(v, |s, out| match s {
                Some(s) => quoted(s, out),
                None => out.push_str("NULL"),
            }),
        }
    }

    /// Row `i` as a bind value, typed as sea-orm would type it.
    fn value(&self, i: usize) -> Value {
        match self {
            Self::Int(v) => Value::from(v[i]),
            Self::OptInt(v) => Value::from(v[i]),
            Self::Date(v) => Value::from(v[i]),
            Self::Time(v) => Value::from(v[i]),
            Self::Text(v) => Value::from(v[i].clone()),
            Self::OptText(v) => Value::from(v[i].clone()),
        }
    }
}

/// One multi-row insert: the table, its columns, what to do on a key conflict, what to return.
#[derive(Debug)]
pub struct BulkInsert<'a> {
    pub table: &'static str,
    pub columns: Vec<(&'static str, Values)>,
    /// `ON CONFLICT (…) DO …`: the same text works on both backends.
    pub on_conflict: &'a str,
    /// Columns to return (`id, external_id`), or empty.
    pub returning: &'a str,
}

impl BulkInsert<'_> {
    fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| v.len())
    }

    fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(name, _)| format!("\"{name}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn tail(&self) -> String {
        let mut tail = String::new();
        if !self.on_conflict.is_empty() {
            tail.push(' ');
            tail.push_str(self.on_conflict);
        }
        if !self.returning.is_empty() {
            tail.push_str(" RETURNING ");
            tail.push_str(self.returning);
        }
        tail
    }

    /// `INSERT … SELECT * FROM UNNEST($1::text::bigint[], …) …`; the text parameters are array literals.
    pub fn postgres_sql(&self) -> String {
        let arrays = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, v))| format!("${}::text::{}[]", i + 1, v.pg_type()))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "INSERT INTO \"{}\" ({}) SELECT * FROM UNNEST({arrays}){}",
            self.table,
            self.column_list(),
            self.tail()
        )
    }

    /// `INSERT … VALUES (?, …), … …` for `rows` rows.
    pub fn sqlite_sql(&self, rows: usize) -> String {
        let one = format!("({})", vec!["?"; self.columns.len()].join(","));
        let mut sql = format!(
            "INSERT INTO \"{}\" ({}) VALUES ",
            self.table,
            self.column_list()
        );
        sql.reserve(rows * (one.len() + 1) + 200);
        for i in 0..rows {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&one);
        }
        sql.push_str(&self.tail());
        sql
    }

    /// Rows per SQLite statement.
    pub fn sqlite_chunk(&self) -> usize {
        (SQLITE_MAX_PARAMS / self.columns.len().max(1)).max(1)
    }

    /// Runs the insert; the returned rows (when `returning` is set) come in no particular order.
    pub async fn execute<C: ConnectionTrait>(&self, db: &C) -> AppResult<Vec<QueryResult>> {
        let rows = self.rows();
        if rows == 0 {
            return Ok(Vec::new());
        }
        let backend = db.get_database_backend();
        let mut statements = Vec::new();
        if backend == DbBackend::Postgres {
            let values = self.columns.iter().map(|(_, v)| Value::from(v.pg_array()));
            statements.push(Statement::from_sql_and_values(
                backend,
                self.postgres_sql(),
                values,
            ));
        } else {
            let chunk = self.sqlite_chunk();
            for start in (0..rows).step_by(chunk) {
                let end = (start + chunk).min(rows);
                let mut values = Vec::with_capacity((end - start) * self.columns.len());
                for i in start..end {
                    values.extend(self.columns.iter().map(|(_, v)| v.value(i)));
                }
                statements.push(Statement::from_sql_and_values(
                    backend,
                    self.sqlite_sql(end - start),
                    values,
                ));
            }
        }
        let mut out = Vec::new();
        for stmt in statements {
            if self.returning.is_empty() {
                db.execute_raw(stmt).await?;
            } else {
                out.extend(db.query_all_raw(stmt).await?);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BulkInsert<'static> {
        BulkInsert {
            table: "lead",
            columns: vec![
                ("workspace_id", Values::Int(vec![1, 1])),
                (
                    "email",
                    Values::OptText(vec![Some("a\"b\\c,{d}".to_owned()), None]),
                ),
            ],
            on_conflict: "ON CONFLICT (workspace_id, external_id) DO NOTHING",
            returning: "id",
        }
    }

    #[test]
    fn postgres_gets_one_array_parameter_per_column() {
        assert_eq!(
            sample().postgres_sql(),
            "INSERT INTO \"lead\" (\"workspace_id\", \"email\") SELECT * FROM \
             UNNEST($1::text::bigint[], $2::text::text[]) \
             ON CONFLICT (workspace_id, external_id) DO NOTHING RETURNING id"
        );
    }

    #[test]
    fn array_literals_quote_text_and_keep_nulls() {
        let insert = sample();
        assert_eq!(insert.columns[0].1.pg_array(), "{1,1}");
        assert_eq!(insert.columns[1].1.pg_array(), r#"{"a\"b\\c,{d}",NULL}"#);
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).expect("2026-03-01 is a day");
        assert_eq!(Values::Date(vec![day]).pg_array(), "{2026-03-01}");
        assert_eq!(Values::OptInt(vec![None, Some(-3)]).pg_array(), "{NULL,-3}");
        let at = day
            .and_hms_opt(9, 30, 0)
            .expect("09:30 is a time")
            .and_utc();
        assert_eq!(
            Values::Time(vec![at]).pg_array(),
            "{2026-03-01T09:30:00.000000Z}"
        );
    }

    #[test]
    fn sqlite_statements_stay_under_the_parameter_limit() {
        let insert = sample();
        assert_eq!(
            insert.sqlite_sql(2),
            "INSERT INTO \"lead\" (\"workspace_id\", \"email\") VALUES (?,?),(?,?) \
             ON CONFLICT (workspace_id, external_id) DO NOTHING RETURNING id"
        );
        assert_eq!(insert.sqlite_chunk(), 16_383);
        assert!(insert.sqlite_chunk() * insert.columns.len() <= SQLITE_MAX_PARAMS);
    }
}
