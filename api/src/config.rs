//! Settings: the only place that reads environment variables and flags.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Leadsource: which lead sources bring leads and revenue, and where to move budget next.
#[derive(Debug, Parser)]
#[command(name = "leadsource", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the GraphQL server (the default).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Write a deterministic demo data set into the demo workspace.
    DemoData(DemoDataArgs),
    /// Print the GraphQL schema (SDL) to stdout.
    ExportSchema,
    /// Create a user (and the workspace, if new) with a role in it.
    CreateUser(CreateUserArgs),
    /// Send a CSV file of spend, leads or conversions to a Leadsource server, in batches.
    Import(ImportArgs),
}

/// What an import file holds; each kind has its documented CSV columns (README, "Ingestion").
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    Spend,
    Leads,
    Conversions,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// The CSV file; its first line names the columns.
    pub file: PathBuf,
    /// The server, e.g. http://127.0.0.1:8000 (`/graphql` is added when missing).
    #[arg(long, env = "LEADSOURCE_URL")]
    pub url: String,
    /// An API token with spend:write, leads:write or conversions:write.
    #[arg(long, env = "LEADSOURCE_TOKEN", hide_env_values = true)]
    pub token: String,
    /// Rows per API call (at most the server's MAX_BATCH_ROWS).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch_size: u32,
    /// Keep sending the next batches after a batch with bad rows (that batch is never written).
    #[arg(long)]
    pub continue_on_error: bool,
}

#[derive(Debug, Default, Args)]
pub struct ServeArgs {
    /// Load the small demo data set when the database holds no workspace yet.
    #[arg(long)]
    pub demo: bool,
}

#[derive(Debug, Args)]
pub struct DemoDataArgs {
    /// small (a few thousand leads), medium (~100k) or large (~1M).
    #[arg(long, default_value = "small")]
    pub scale: String,
    /// Slug of the workspace to fill (created if missing).
    #[arg(long, default_value = "demo")]
    pub workspace: String,
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub email: String,
    #[arg(long, env = "LEADSOURCE_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// Workspace slug; created if it does not exist.
    #[arg(long)]
    pub workspace: String,
    /// OWNER, ADMIN, ANALYST or VIEWER.
    #[arg(long, default_value = "ANALYST")]
    pub role: String,
}

/// Process-wide configuration, from flags or the environment.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database URL: sqlite://path or postgres://… (default: ./leadsource.db).
    #[arg(
        long,
        env = "DATABASE_URL",
        global = true,
        default_value = "sqlite://leadsource.db"
    )]
    pub database_url: String,
    /// Redis URL; unset means an in-process cache.
    #[arg(long, env = "REDIS_URL", global = true)]
    pub redis_url: Option<String>,
    /// Address the HTTP server listens on.
    #[arg(
        long,
        env = "LISTEN_ADDR",
        global = true,
        default_value = "127.0.0.1:8000"
    )]
    pub listen_addr: SocketAddr,
    /// Log filter (tracing EnvFilter syntax); RUST_LOG is read when LOG is unset.
    #[arg(long, env = "LOG", global = true)]
    pub log: Option<String>,
    /// Log format: text or json.
    #[arg(long, env = "LOG_FORMAT", global = true, default_value = "text")]
    pub log_format: String,
    /// Largest accepted request body in bytes (413 past it).
    #[arg(long, env = "MAX_BODY_BYTES", global = true, default_value_t = 8 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Largest `first` on a connection.
    #[arg(long, env = "MAX_PAGE_SIZE", global = true, default_value_t = 500)]
    pub max_page_size: u32,
    /// Largest number of rows in one bulk write.
    #[arg(long, env = "MAX_BATCH_ROWS", global = true, default_value_t = 10_000)]
    pub max_batch_rows: usize,
    /// Database connection pool size.
    #[arg(long, env = "DATABASE_POOL_SIZE", global = true, default_value_t = 16)]
    pub database_pool_size: u32,
    /// Where the SQLite data directory lives when `DATABASE_URL` is relative (tests).
    #[arg(skip)]
    pub data_dir: Option<PathBuf>,
}

impl Settings {
    /// Settings with every default, for tests and embedding.
    pub fn defaults() -> Self {
        let cli = Cli::parse_from(["leadsource"]);
        cli.settings
    }

    /// The log filter: `LOG`, else `RUST_LOG`, else `info`.
    pub fn log_filter(&self) -> String {
        self.log
            .clone()
            .or_else(|| std::env::var("RUST_LOG").ok())
            .unwrap_or_else(|| "info,sqlx=warn,sea_orm=warn".to_owned())
    }
}
