//! Settings: the only place that reads environment variables and flags.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, FromArgMatches, Parser, Subcommand};

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
    /// Send a CSV file of spend, leads, touchpoints, conversions or campaigns to a Leadsource
    /// server, in batches.
    Import(ImportArgs),
    /// Recompute the report rollups from the raw tables (repair; migrations do it by themselves).
    RebuildRollups(RebuildRollupsArgs),
    /// Erase a person's leads with their touchpoints and conversions (support requests).
    Erase(EraseArgs),
}

#[derive(Debug, Args)]
pub struct EraseArgs {
    /// The person's email address (case-insensitive).
    #[arg(long)]
    pub email: String,
    /// Slug of the one workspace to erase in (default: every workspace).
    #[arg(long)]
    pub workspace: Option<String>,
}

#[derive(Debug, Args)]
pub struct RebuildRollupsArgs {
    /// Slug of the one workspace to rebuild (default: every workspace).
    #[arg(long)]
    pub workspace: Option<String>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// What an import file holds; each kind has its documented CSV columns (README, "Ingestion").
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    Spend,
    Leads,
    Touchpoints,
    Conversions,
    /// Created, or updated when a campaign has the row's utm_campaign.
    Campaigns,
    /// FX rates (columns date, currency, rate): `recordFxRates`.
    Fx,
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
    /// An API token with spend:write (spend and fx), leads:write (leads and touchpoints),
    /// conversions:write, or admin (campaigns).
    #[arg(long, env = "LEADSOURCE_TOKEN", hide_env_values = true)]
    pub token: String,
    /// Rows per API call (at most the server's MAX_BATCH_ROWS).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch_size: u32,
    /// Keep going after a batch with bad lines: its good rows are stored, the bad ones reported.
    #[arg(long)]
    pub continue_on_error: bool,
    /// Check every line of the file and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Skip the data lines before this line of the file (the header is line 1): resumes an
    /// import at the line its last run named.
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..))]
    pub from_line: Option<u64>,
    /// Retries of a request refused for the rate limit or an outage (after its Retry-After), or
    /// that could not connect (after a doubling backoff); then the import stops.
    #[arg(long, default_value_t = 8)]
    pub max_retries: u32,
    /// The first backoff after a connection error, in milliseconds; each next one doubles.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    pub retry_wait_ms: u64,
}

#[derive(Debug, Default, Args)]
pub struct ServeArgs {
    /// Load the small demo data set when the database holds no workspace yet.
    #[arg(long)]
    pub demo: bool,
    /// With --demo: the demo data ends at the start of this local day (YYYY-MM-DD; default
    /// today), so the same date always writes the same rows and none lies in the future.
    #[arg(long, requires = "demo")]
    pub as_of: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct DemoDataArgs {
    /// small (a few thousand leads), medium (~100k) or large (~1M).
    #[arg(long, default_value = "small")]
    pub scale: String,
    /// Slug of the workspace to fill (created if missing).
    #[arg(long, default_value = "demo")]
    pub workspace: String,
    /// The data ends at the start of this local day (YYYY-MM-DD; default today), so the same
    /// date always writes the same rows and none lies in the future.
    #[arg(long)]
    pub as_of: Option<chrono::NaiveDate>,
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
    /// ISO 4217 reporting currency of a new workspace (default EUR); an existing workspace
    /// keeps its own (`updateWorkspace` changes it).
    #[arg(long)]
    pub currency: Option<String>,
    /// IANA time zone of a new workspace (default UTC), e.g. America/New_York; an existing
    /// workspace keeps its own.
    #[arg(long)]
    pub timezone: Option<String>,
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
    #[arg(
        long,
        env = "LOG_FORMAT",
        global = true,
        value_enum,
        default_value = "text"
    )]
    pub log_format: LogFormat,
    /// Largest accepted request body in bytes (413 past it).
    #[arg(long, env = "MAX_BODY_BYTES", global = true, default_value_t = 8 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Largest `first` on a connection.
    #[arg(long, env = "MAX_PAGE_SIZE", global = true, default_value_t = 500,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::services::page::PAGE_SIZE_CEILING)))]
    pub max_page_size: u32,
    /// Largest number of rows in one bulk write.
    #[arg(long, env = "MAX_BATCH_ROWS", global = true, default_value_t = 10_000)]
    pub max_batch_rows: usize,
    /// Database connection pool size.
    #[arg(long, env = "DATABASE_POOL_SIZE", global = true, default_value_t = 16)]
    pub database_pool_size: u32,
    /// How long a client may take to send a request's headers, and then its body (seconds).
    #[arg(long, env = "READ_TIMEOUT_SECS", global = true, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub read_timeout_secs: u64,
    /// After SIGTERM or Ctrl-C, how long in-flight requests may take before the server
    /// exits anyway (seconds).
    #[arg(long, env = "SHUTDOWN_GRACE_SECS", global = true, default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub shutdown_grace_secs: u64,
    /// How long a request waits for a database connection (milliseconds). During an
    /// outage only the first requests wait this long: once a probe finds the database down,
    /// requests answer 503 UNAVAILABLE at once until it is back.
    #[arg(
        long,
        env = "DATABASE_ACQUIRE_TIMEOUT_MS",
        global = true,
        default_value_t = 3_000
    )]
    pub database_acquire_timeout_ms: u64,
    /// Where the SQLite data directory lives when `DATABASE_URL` is relative (tests).
    #[arg(skip)]
    pub data_dir: Option<PathBuf>,
    /// How often SQLite's planner statistics are checked (`db::statistics`; tests shorten it).
    #[arg(skip = crate::db::statistics::INTERVAL)]
    pub statistics_interval: std::time::Duration,
    #[command(flatten)]
    pub cache: CacheSettings,
    #[command(flatten)]
    pub auth: AuthSettings,
    #[command(flatten)]
    pub limits: LimitSettings,
    #[command(flatten)]
    pub live: LiveSettings,
}

/// A secret setting: kept out of `Debug` output and therefore out of logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// Sign-in, sessions and access tokens.
#[derive(Debug, Clone, Args)]
pub struct AuthSettings {
    /// HS256 secret for access JWTs, at least 32 bytes. Unset with no key file: a random
    /// per-process secret on SQLite (sessions end at restart), an error on PostgreSQL.
    #[arg(long, env = "JWT_SECRET", global = true, hide_env_values = true)]
    pub jwt_secret: Option<Secret>,
    /// JWT algorithm: HS256 (with JWT_SECRET), EdDSA or RS256 (with JWT_PRIVATE_KEY_FILE).
    #[arg(long, env = "JWT_ALGORITHM", global = true, default_value = "HS256")]
    pub jwt_algorithm: String,
    /// PEM private key that signs access JWTs (EdDSA: Ed25519 PKCS#8; RS256: RSA).
    #[arg(long, env = "JWT_PRIVATE_KEY_FILE", global = true)]
    pub jwt_private_key_file: Option<PathBuf>,
    /// `kid` written into the header of tokens signed with JWT_PRIVATE_KEY_FILE.
    #[arg(long, env = "JWT_KEY_ID", global = true)]
    pub jwt_key_id: Option<String>,
    /// Public keys accepted when verifying, as `kid=path.pem`, comma-separated; must hold
    /// JWT_KEY_ID's key. Keep a retired key listed until its last token expires.
    #[arg(long, env = "JWT_PUBLIC_KEYS", global = true, value_delimiter = ',')]
    pub jwt_public_keys: Vec<String>,
    /// `iss` claim written and required.
    #[arg(long, env = "JWT_ISSUER", global = true, default_value = "leadsource")]
    pub jwt_issuer: String,
    /// `aud` claim written and required.
    #[arg(
        long,
        env = "JWT_AUDIENCE",
        global = true,
        default_value = "leadsource-api"
    )]
    pub jwt_audience: String,
    /// Clock skew tolerated on `exp` and `nbf`, in seconds.
    #[arg(long, env = "JWT_LEEWAY_SECS", global = true, default_value_t = 30)]
    pub jwt_leeway_secs: u64,
    /// Lifetime of an access JWT, in seconds.
    #[arg(
        long,
        env = "ACCESS_TOKEN_TTL_SECS",
        global = true,
        default_value_t = 900
    )]
    pub access_token_ttl_secs: u64,
    /// Lifetime of a refresh token, in seconds (each refresh issues a new one).
    #[arg(long, env = "REFRESH_TOKEN_TTL_SECS", global = true, default_value_t = 30 * 24 * 3600)]
    pub refresh_token_ttl_secs: u64,
    /// How often API tokens' `last_used_at` is written to the database, in seconds.
    #[arg(
        long,
        env = "TOKEN_USAGE_FLUSH_SECS",
        global = true,
        default_value_t = 60
    )]
    pub token_usage_flush_secs: u64,
}

/// Abuse limits: documents, batches, request rate, schema exposure, browsers. The
/// document limits have hard ceilings (100,000 expanded fields, depth 64, …) so that no
/// configuration lets a hostile document reach async-graphql's exponential validation.
#[derive(Debug, Clone, Args)]
pub struct LimitSettings {
    /// Most report fields (performance, attribution, attributionComparison,
    /// budgetSuggestions, budgetPacing) in one operation, aliases and fragments counted.
    #[arg(long, env = "MAX_REPORT_FIELDS", global = true, default_value_t = 5, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=50))]
    pub max_report_fields: usize,
    /// Reports computed at once per workspace (cache misses); more wait their turn, so one
    /// tenant's cold reports cannot take every database connection.
    #[arg(long, env = "REPORT_CONCURRENCY_PER_WORKSPACE", global = true, default_value_t = 2, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=64))]
    pub report_concurrency_per_workspace: usize,
    /// A request still running after this many milliseconds is answered 503 TIMEOUT (its
    /// transaction, if any, rolls back).
    #[arg(long, env = "REQUEST_TIMEOUT_MS", global = true, default_value_t = 30_000, value_parser = clap::value_parser!(u64).range(100..=3_600_000))]
    pub request_timeout_ms: u64,
    /// Largest GraphQL document (the `query` text) in bytes.
    #[arg(
        long,
        env = "MAX_QUERY_BYTES",
        global = true,
        default_value_t = 100_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    pub max_query_bytes: usize,
    /// Deepest field nesting, fragments inlined.
    #[arg(long, env = "MAX_QUERY_DEPTH", global = true, default_value_t = 15, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=64))]
    pub max_query_depth: usize,
    /// Largest complexity: one per field, times `first` under a connection.
    #[arg(
        long,
        env = "MAX_QUERY_COMPLEXITY",
        global = true,
        default_value_t = 20_000
    )]
    pub max_query_complexity: usize,
    /// Most fields in a document with every fragment inlined.
    #[arg(long, env = "MAX_QUERY_FIELDS", global = true, default_value_t = 5_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100_000))]
    pub max_query_fields: usize,
    /// Most aliased fields in a document, fragments inlined.
    #[arg(long, env = "MAX_QUERY_ALIASES", global = true, default_value_t = 50, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=10_000))]
    pub max_query_aliases: usize,
    /// Most directives in a document, fragments inlined.
    #[arg(
        long,
        env = "MAX_QUERY_DIRECTIVES",
        global = true,
        default_value_t = 50, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=10_000))]
    pub max_query_directives: usize,
    /// Most operations in one batched POST.
    #[arg(
        long,
        env = "MAX_BATCH_OPERATIONS",
        global = true,
        default_value_t = 10, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100))]
    pub max_batch_operations: usize,
    /// Sustained GraphQL operations per minute per API token, user, or (anonymous) client
    /// address; 0 turns rate limiting off.
    #[arg(
        long,
        env = "RATE_LIMIT_PER_MINUTE",
        global = true,
        default_value_t = 600
    )]
    pub rate_limit_per_minute: u32,
    /// Operations allowed at once above the sustained rate.
    #[arg(long, env = "RATE_LIMIT_BURST", global = true, default_value_t = 60)]
    pub rate_limit_burst: u32,
    /// Sustained sign-in attempts (`login` fields, `refreshSession`) per minute, counted per
    /// client address and, for `login`, per email too, whatever credentials the request
    /// carries; 0 turns this limit off.
    #[arg(
        long,
        env = "SIGN_IN_RATE_PER_MINUTE",
        global = true,
        default_value_t = 10
    )]
    pub sign_in_rate_per_minute: u32,
    /// Sign-in attempts allowed at once above that rate.
    #[arg(long, env = "SIGN_IN_BURST", global = true, default_value_t = 10)]
    pub sign_in_burst: u32,
    /// Answer introspection queries (`__schema`, `__type`).
    #[arg(long, env = "INTROSPECTION", global = true, default_value_t = true, action = clap::ArgAction::Set)]
    pub introspection: bool,
    /// Suggest field names ("did you mean …") in validation errors.
    #[arg(long, env = "FIELD_SUGGESTIONS", global = true, default_value_t = true, action = clap::ArgAction::Set)]
    pub field_suggestions: bool,
    /// Browser origins allowed by CORS, comma-separated (e.g. https://app.example.com);
    /// empty: no CORS headers, so browsers on other origins cannot call the API.
    #[arg(long, env = "CORS_ORIGINS", global = true, value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Proxies whose `X-Forwarded-For` / `Forwarded` headers are believed, as addresses or
    /// CIDRs, comma-separated (e.g. 10.0.0.0/8); empty: the TCP peer is the client.
    #[arg(long, env = "TRUSTED_PROXIES", global = true, value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
    /// Where `/metrics` is also served, without credentials (an internal address, e.g.
    /// 10.0.0.5:9100); unset: only the main address serves it, to loopback clients and to
    /// `Authorization: Bearer $METRICS_TOKEN`.
    #[arg(long, env = "METRICS_ADDR", global = true)]
    pub metrics_addr: Option<SocketAddr>,
    /// Bearer token that opens `/metrics` on the main address to any client.
    #[arg(long, env = "METRICS_TOKEN", global = true, hide_env_values = true)]
    pub metrics_token: Option<Secret>,
}

/// Live reports: GraphQL subscriptions over a WebSocket at `/graphql` (see `live/`).
#[derive(Debug, Clone, Args)]
pub struct LiveSettings {
    /// Least time between two answers pushed to one subscription (milliseconds): the changes
    /// inside this interval are answered together at its end, never dropped.
    #[arg(long, env = "LIVE_MIN_INTERVAL_MS", global = true, default_value_t = 1_000,
          value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
    pub live_min_interval_ms: u64,
    /// Most live subscriptions open at once per API token or user, on each server process.
    #[arg(long, env = "LIVE_MAX_SUBSCRIPTIONS", global = true, default_value_t = 10,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
    pub live_max_subscriptions: usize,
    /// How often an open subscription checks its credentials (expiry, revocation) and its
    /// workspace's data even when no change notice came (seconds).
    #[arg(long, env = "LIVE_RECHECK_SECS", global = true, default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub live_recheck_secs: u64,
    /// How often the server pings an open WebSocket (seconds); a client that answers nothing,
    /// not even the pong its WebSocket sends by itself, for two intervals is disconnected (1001)
    /// and its subscriptions end.
    #[arg(long, env = "LIVE_PING_SECS", global = true, default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub live_ping_secs: u64,
}

/// How cached reports are kept (see `cache/`).
#[derive(Debug, Clone, Args)]
pub struct CacheSettings {
    /// Seconds a cached report lives. Freshness never depends on it (keys carry the
    /// workspace's data generation); it only bounds memory.
    #[arg(long, env = "CACHE_TTL_SECS", global = true, default_value_t = 600)]
    pub cache_ttl_secs: u64,
    /// Random extra TTL, in percent of CACHE_TTL_SECS, so entries written together
    /// do not all expire together.
    #[arg(long, env = "CACHE_TTL_JITTER_PCT", global = true, default_value_t = 10,
          value_parser = clap::value_parser!(u8).range(0..=100))]
    pub cache_ttl_jitter_pct: u8,
    /// Bound of the in-process cache (used when REDIS_URL is unset), in bytes of values.
    #[arg(long, env = "CACHE_MEMORY_MAX_BYTES", global = true, default_value_t = 64 * 1024 * 1024)]
    pub cache_memory_max_bytes: u64,
    /// Per process, each of: the near cache in front of Redis (decoded reports) and the kept
    /// answers of report-only queries (both backends), in bytes of encoded JSON (the values
    /// in memory take a few times more). Keys carry the data generation, so neither is ever
    /// stale; 0 turns both off.
    #[arg(long, env = "CACHE_NEAR_MAX_BYTES", global = true, default_value_t = 32 * 1024 * 1024)]
    pub cache_near_max_bytes: u64,
    /// With Redis: how long the cross-process compute lock lives, and how long other
    /// processes wait for its holder before computing themselves (milliseconds).
    #[arg(long, env = "CACHE_LOCK_MS", global = true, default_value_t = 5_000)]
    pub cache_lock_ms: u64,
    /// Prefix of every cache key; lets several deployments (or test databases) share one Redis.
    #[arg(long, env = "CACHE_KEY_PREFIX", global = true, default_value = "ls")]
    pub cache_key_prefix: String,
    /// Timeout of one connection attempt to Redis (milliseconds).
    #[arg(
        long,
        env = "REDIS_CONNECT_TIMEOUT_MS",
        global = true,
        default_value_t = 500
    )]
    pub redis_connect_timeout_ms: u64,
    /// Timeout of one Redis command (milliseconds); past it the lookup is a miss.
    #[arg(
        long,
        env = "REDIS_COMMAND_TIMEOUT_MS",
        global = true,
        default_value_t = 200
    )]
    pub redis_command_timeout_ms: u64,
    /// After a Redis failure, Redis is bypassed this long before it is tried again
    /// (milliseconds), so an outage costs requests nothing.
    #[arg(long, env = "REDIS_RETRY_MS", global = true, default_value_t = 1_000)]
    pub redis_retry_ms: u64,
    /// Redis failures are logged at most once per this many seconds (all are counted
    /// in /metrics).
    #[arg(
        long,
        env = "REDIS_ERROR_LOG_SECS",
        global = true,
        default_value_t = 60
    )]
    pub redis_error_log_secs: u64,
}

impl Settings {
    /// Settings with every default and nothing from the environment, for tests and
    /// embedding: an exported `INTROSPECTION=false` or `DATABASE_URL` must not change what a
    /// test server does. `Cli::parse` (the binary) is what reads the environment.
    pub fn defaults() -> Self {
        let command = Self::augment_args(clap::Command::new("leadsource"))
            .mut_args(|arg| arg.env(None::<&'static str>));
        // Without arguments or environment only the declared defaults are parsed: a failure
        // is a mistake in the declarations above, the same in every run.
        let matches = command
            .try_get_matches_from(["leadsource"])
            .unwrap_or_else(|e| panic!("the declared defaults of Settings do not parse: {e}"));
        Self::from_arg_matches(&matches)
            .unwrap_or_else(|e| panic!("the declared defaults of Settings do not parse: {e}"))
    }

    /// The log filter: `LOG`, else `RUST_LOG`, else `info`.
    pub fn log_filter(&self) -> String {
        self.log
            .clone()
            .or_else(|| std::env::var("RUST_LOG").ok())
            .unwrap_or_else(|| "info,sqlx=warn,sea_orm=warn".to_owned())
    }
}
