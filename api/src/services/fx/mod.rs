//! Foreign currencies: which codes exist (ISO 4217) and converting an amount into the
//! workspace's reporting currency with its FX table. `recordFxRates` itself is a bulk
//! ingestion call (`services::ingest::fx_rate`).

pub mod currency;
pub mod rate;

pub use currency::iso4217;
pub use rate::{FxTable, MAX_RATE_AGE_DAYS, SentMoney, StoredMoney};
