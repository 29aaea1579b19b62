//! Lower-cased copies of the text that case-insensitive filters search: a lead's name and
//! company, a campaign's name. SQLite's LOWER and LIKE fold only ASCII letters while
//! PostgreSQL's fold every letter, so `search: "ÉMILE"` found Émile on one backend and not
//! on the other. The application writes these columns with Rust's Unicode lower-casing and
//! compares them with a needle folded the same way, so both backends answer alike.
//! (E-mail addresses are already stored lower-cased.) Existing rows are backfilled here, in
//! Rust, for the same reason: LOWER cannot do it on SQLite.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement, Value};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Lead {
    Table,
    NameFolded,
    CompanyFolded,
}

#[derive(DeriveIden)]
enum Campaign {
    Table,
    NameFolded,
}

/// Rows read per query; each is then rewritten by one bound UPDATE.
const BATCH: usize = 1000;

/// One backfill: the table, the text columns to fold, and their folded columns.
struct Backfill {
    table: &'static str,
    sources: &'static [&'static str],
    targets: &'static [&'static str],
}

const BACKFILLS: [Backfill; 2] = [
    Backfill {
        table: "lead",
        sources: &["name", "company"],
        targets: &["name_folded", "company_folded"],
    },
    Backfill {
        table: "campaign",
        sources: &["name"],
        targets: &["name_folded"],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Lead::Table)
                    .add_column(ColumnDef::new(Lead::NameFolded).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Lead::Table)
                    .add_column(ColumnDef::new(Lead::CompanyFolded).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Campaign::Table)
                    .add_column(
                        ColumnDef::new(Campaign::NameFolded)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        for backfill in &BACKFILLS {
            backfill.run(manager.get_connection()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Campaign::Table)
                    .drop_column(Campaign::NameFolded)
                    .to_owned(),
            )
            .await?;
        for column in [Lead::CompanyFolded, Lead::NameFolded] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Lead::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

impl Backfill {
    /// Folds every row, `BATCH` rows at a time in id order, so memory stays bounded.
    async fn run<C: ConnectionTrait>(&self, db: &C) -> Result<(), DbErr> {
        let backend = db.get_database_backend();
        let select = format!(
            "SELECT id, {} FROM {} WHERE id > $1 ORDER BY id LIMIT {BATCH}",
            self.sources.join(", "),
            self.table
        );
        let select = backend_placeholders(backend, &select);
        let mut after = 0_i64;
        loop {
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    &select,
                    [Value::from(after)],
                ))
                .await?;
            let Some(last) = rows.last() else {
                return Ok(());
            };
            after = last.try_get::<i64>("", "id")?;
            for row in &rows {
                let id = row.try_get::<i64>("", "id")?;
                let mut values = Vec::with_capacity(self.targets.len() + 1);
                for source in self.sources {
                    let text: Option<String> = row.try_get("", source)?;
                    values.push(Value::from(text.map(|t| t.to_lowercase())));
                }
                values.push(Value::from(id));
                let sets: Vec<String> = self
                    .targets
                    .iter()
                    .enumerate()
                    .map(|(i, target)| format!("{target} = ${}", i + 1))
                    .collect();
                let update = format!(
                    "UPDATE {} SET {} WHERE id = ${}",
                    self.table,
                    sets.join(", "),
                    self.targets.len() + 1
                );
                let update = backend_placeholders(backend, &update);
                db.execute_raw(Statement::from_sql_and_values(backend, &update, values))
                    .await?;
            }
        }
    }
}

/// `$n` placeholders as the backend writes them (`?` on SQLite).
fn backend_placeholders(backend: sea_orm_migration::sea_orm::DatabaseBackend, sql: &str) -> String {
    match backend {
        sea_orm_migration::sea_orm::DatabaseBackend::Postgres => sql.to_owned(),
        _ => {
            let mut out = String::with_capacity(sql.len());
            let mut chars = sql.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '$' {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                    out.push('?');
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}
