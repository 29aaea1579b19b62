//! Case folding for the `*_folded` columns that case-insensitive filters compare.
//!
//! SQLite's LOWER folds only ASCII letters, PostgreSQL's every letter, so folding in SQL
//! answered `search: "ÉMILE"` differently on the two backends. The application folds instead:
//! the entities' `before_save` keeps each folded copy in step with its text, bulk writers
//! fold the rows they bind, and searches fold their needle with the same function.

/// `text` lower-cased by Unicode rules.
pub fn folded(text: &str) -> String {
    text.to_lowercase()
}
