//! End-to-end test harness: a real Leadsource server on an ephemeral port, a fresh
//! database per test, and a small GraphQL client.
//!
//! By default each test gets its own SQLite file and the in-process cache. With
//! `TEST_DATABASE_URL=postgres://…` (an admin URL) each test gets its own freshly
//! created PostgreSQL database, and `TEST_REDIS_URL` selects Redis.

use std::net::SocketAddr;

use leadsource::app::{Server, build_state};
use leadsource::auth::{Role, Scope};
use leadsource::config::{Secret, Settings};
use leadsource::services::access::{NewUser, bootstrap_user};
use leadsource::services::api_token::create_api_token;
use leadsource::services::workspace::{NewWorkspace, create_workspace};
use leadsource::state::AppState;
use rand::Rng;
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub database_url: String,
    http: reqwest::Client,
    _shutdown: oneshot::Sender<()>,
}

/// A workspace created for a test, with a token holding every scope.
pub struct TestWorkspace {
    pub id: i64,
    pub slug: String,
    pub token: String,
}

/// A GraphQL response: HTTP status and the JSON body.
#[derive(Debug)]
pub struct GqlResponse {
    pub status: u16,
    pub body: Value,
}

impl GqlResponse {
    /// `data` at a `/`-separated path, e.g. `campaigns/totalCount`.
    pub fn data(&self, path: &str) -> &Value {
        let mut v = &self.body["data"];
        for part in path.split('/').filter(|p| !p.is_empty()) {
            v = match part.parse::<usize>() {
                Ok(i) => &v[i],
                Err(_) => &v[part],
            };
        }
        v
    }

    /// The `extensions.code` of the first error, if any.
    pub fn error_code(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["code"].as_str()
    }

    pub fn error_field(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["field"].as_str()
    }

    /// Sends a request and reads its answer, which must be JSON.
    async fn of(req: reqwest::RequestBuilder) -> Self {
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("request failed: {e}"));
        let status = resp.status().as_u16();
        let text = resp
            .text()
            .await
            .unwrap_or_else(|e| panic!("body of a {status} answer: {e}"));
        let body = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("a {status} answer that is not JSON ({e}): {text}"));
        GqlResponse { status, body }
    }

    /// Panics with the body when the response carries errors.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert!(
            self.body.get("errors").is_none_or(Value::is_null),
            "unexpected errors: {}",
            self.body
        );
        self
    }
}

fn random_suffix() -> String {
    let mut rng = rand::rng();
    (0..10)
        .map(|_| (b'a' + rng.random_range(0..26u8)) as char)
        .collect()
}

/// A fresh database URL: a new PostgreSQL database, or a new SQLite file.
async fn fresh_database_url() -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => {
            let name = format!("lst_{}", random_suffix());
            let db = leadsource::db::connect(&admin, 1)
                .await
                .unwrap_or_else(|e| panic!("TEST_DATABASE_URL unreachable: {e}"));
            use sea_orm::ConnectionTrait;
            db.conn
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap_or_else(|e| panic!("cannot create test database: {e}"));
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
        _ => {
            let path = std::env::temp_dir().join(format!("leadsource-test-{}.db", random_suffix()));
            format!("sqlite://{}", path.display())
        }
    }
}

/// Settings for a test server on an ephemeral port over `database_url`.
pub fn test_settings(database_url: &str) -> Settings {
    let mut settings = Settings::defaults();
    settings.database_url = database_url.to_owned();
    settings.listen_addr = SocketAddr::from(([127, 0, 0, 1], 0));
    settings.redis_url = std::env::var("TEST_REDIS_URL")
        .ok()
        .filter(|s| !s.is_empty());
    settings.database_pool_size = 4;
    // PostgreSQL needs a shared secret; SQLite would make up a random one.
    settings.auth.jwt_secret = Some(Secret::new(format!(
        "test-secret-{}",
        random_suffix().repeat(4)
    )));
    // High enough that only the rate-limit tests meet it, low enough to stay on.
    settings.limits.rate_limit_per_minute = 1_000_000;
    settings.limits.rate_limit_burst = 100_000;
    settings.limits.sign_in_rate_per_minute = 1_000_000;
    settings.limits.sign_in_burst = 100_000;
    settings.cache.cache_key_prefix = cache_prefix_for(database_url);
    settings
}

/// Tests share one Redis while each has a fresh database whose workspace ids and
/// generations restart at 1 and 0: one key prefix per database keeps them apart.
fn cache_prefix_for(database_url: &str) -> String {
    let name: String = database_url
        .rsplit(['/', '\\'])
        .next()
        .expect("rsplit yields at least one piece")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("lstest-{name}")
}

impl TestApp {
    /// A server over a fresh database.
    pub async fn spawn() -> Self {
        let url = fresh_database_url().await;
        Self::spawn_with(test_settings(&url)).await
    }

    /// A server with the given settings (a test may share one database between two).
    pub async fn spawn_with(settings: Settings) -> Self {
        let database_url = settings.database_url.clone();
        let state = build_state(settings)
            .await
            .unwrap_or_else(|e| panic!("test server failed to start: {e}"));
        let server = Server::bind(state.clone())
            .await
            .unwrap_or_else(|e| panic!("test server failed to bind: {e}"));
        let addr = server.addr;
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(server.run(async move {
            let _ = rx.await;
        }));
        Self {
            addr,
            state,
            database_url,
            http: reqwest::Client::new(),
            _shutdown: tx,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// A new workspace with its default channels and an all-scopes token.
    pub async fn workspace(&self, slug: &str) -> TestWorkspace {
        let ws = create_workspace(
            &self.state.db.conn,
            NewWorkspace {
                name: format!("Test {slug}"),
                slug: slug.to_owned(),
                currency: "EUR".to_owned(),
                timezone: "Europe/Paris".to_owned(),
            },
        )
        .await
        .unwrap_or_else(|e| panic!("workspace: {e}"));
        let token = self.token(ws.id, &Scope::ALL).await;
        TestWorkspace {
            id: ws.id,
            slug: slug.to_owned(),
            token,
        }
    }

    /// A token of `workspace_id` with `scopes`.
    pub async fn token(&self, workspace_id: i64, scopes: &[Scope]) -> String {
        create_api_token(
            &self.state.db.conn,
            workspace_id,
            "test",
            scopes,
            None,
            None,
        )
        .await
        .unwrap_or_else(|e| panic!("token: {e}"))
        .secret
    }

    /// POSTs a GraphQL request with an optional bearer credential.
    pub async fn gql(
        &self,
        credential: Option<&str>,
        query: &str,
        variables: Value,
    ) -> GqlResponse {
        let mut req = self
            .http
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(c) = credential {
            req = req.bearer_auth(c);
        }
        GqlResponse::of(req).await
    }
}

pub mod facts;

impl TestApp {
    /// A server over a fresh SQLite file, whatever `TEST_DATABASE_URL` says.
    pub async fn spawn_sqlite() -> Self {
        let path = std::env::temp_dir().join(format!("leadsource-test-{}.db", random_suffix()));
        Self::spawn_with(test_settings(&format!("sqlite://{}", path.display()))).await
    }

    /// A server over a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.
    pub async fn spawn_postgres() -> Option<Self> {
        let admin = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())?;
        if !admin.starts_with("postgres") {
            return None;
        }
        Some(Self::spawn().await)
    }
}

pub mod scenario;

/// A user made for a test, with the password to sign in.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: i64,
    pub email: String,
    pub password: String,
}

impl TestApp {
    /// A server over a fresh database, with `adjust` applied to the test settings.
    pub async fn spawn_adjusted(adjust: impl FnOnce(&mut Settings)) -> Self {
        let url = fresh_database_url().await;
        let mut settings = test_settings(&url);
        adjust(&mut settings);
        Self::spawn_with(settings).await
    }

    /// A user with `role` in workspace `workspace_slug`, created without the API.
    pub async fn user(&self, workspace_slug: &str, email: &str, role: Role) -> TestUser {
        let password = format!("pw-{}", random_suffix());
        let outcome = bootstrap_user(
            &self.state.db.conn,
            NewUser {
                email: email.to_owned(),
                password: password.clone(),
                display_name: String::new(),
            },
            workspace_slug,
            role,
        )
        .await
        .unwrap_or_else(|e| panic!("user: {e}"));
        TestUser {
            id: outcome.user_id,
            email: email.to_owned(),
            password,
        }
    }

    /// `login` through the API.
    pub async fn login(&self, email: &str, password: &str) -> GqlResponse {
        let q = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) {
            accessToken refreshToken role workspace { slug } user { email } } }";
        self.gql(None, q, json!({ "e": email, "p": password }))
            .await
    }

    /// An access JWT of a new user with `role` in `workspace_slug`.
    pub async fn session(&self, workspace_slug: &str, role: Role) -> String {
        let email = format!(
            "{}-{}@example.com",
            role.as_str().to_lowercase(),
            random_suffix()
        );
        let user = self.user(workspace_slug, &email, role).await;
        let resp = self.login(&user.email, &user.password).await.ok();
        resp.data("login/accessToken")
            .as_str()
            .unwrap_or_else(|| panic!("no access token in {}", resp.body))
            .to_owned()
    }

    /// POSTs `body` to `/graphql` with exactly `headers`; answers status, headers and body.
    pub async fn post_raw(
        &self,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> (u16, reqwest::header::HeaderMap, String) {
        let mut req = self.http.post(self.url("/graphql")).body(body);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("request failed: {e}"));
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp
            .text()
            .await
            .unwrap_or_else(|e| panic!("body of a {status} answer: {e}"));
        (status, headers, text)
    }
}
// ---- Helpers for the ingestion tests ----

impl GqlResponse {
    /// The `(index, field)` of each bad row in `extensions.rows` of the first error; fails
    /// when the response has no such list.
    #[track_caller]
    pub fn bad_rows(&self) -> Vec<(u64, String)> {
        let what = |part: &str| format!("errors/0/extensions/rows{part} of {}", self.body);
        json::list(&self.body["errors"][0]["extensions"]["rows"], &what(""))
            .iter()
            .map(|r| {
                let index = r["index"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("no index in {}", what(&format!(": {r}"))));
                (index, json::text(&r["field"], &what("/field")).to_owned())
            })
            .collect()
    }
}

impl TestApp {
    /// Creates a campaign on the default channel of `kind` (e.g. PAID_SEARCH); returns its id.
    pub async fn campaign(&self, token: &str, name: &str, utm: Option<&str>, kind: &str) -> String {
        let channels = self
            .gql(Some(token), "{ channels { id kind } }", json!({}))
            .await
            .ok();
        let channel = channels
            .data("channels")
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["kind"] == kind))
            .map(|c| c["id"].clone())
            .unwrap_or_else(|| panic!("no default channel of kind {kind}"));
        let resp = self
            .gql(
                Some(token),
                "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }",
                json!({ "input": { "channelId": channel, "name": name, "utmCampaign": utm } }),
            )
            .await
            .ok();
        resp.text("createCampaign/id").to_owned()
    }

    /// The workspace's data generation, read from the database.
    pub async fn generation(&self, workspace_id: i64) -> i64 {
        self.scalar(&format!(
            "SELECT data_generation AS n FROM workspace WHERE id = {workspace_id}"
        ))
        .await
    }

    /// Rows of `table` in the workspace.
    pub async fn count(&self, table: &str, workspace_id: i64) -> i64 {
        self.scalar(&format!(
            "SELECT COUNT(*) AS n FROM {table} WHERE workspace_id = {workspace_id}"
        ))
        .await
    }

    /// The integer column `n` of the first row of `sql`.
    pub async fn scalar(&self, sql: &str) -> i64 {
        use sea_orm::ConnectionTrait;
        let db = &self.state.db.conn;
        let stmt = sea_orm::Statement::from_string(db.get_database_backend(), sql.to_owned());
        let row = db
            .query_one_raw(stmt)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .unwrap_or_else(|| panic!("{sql}: no row"));
        row.try_get::<i64>("", "n")
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Every row of `sql` as `(text, integer)` pairs from the columns `k` and `v`.
    pub async fn pairs(&self, sql: &str) -> Vec<(String, i64)> {
        use sea_orm::ConnectionTrait;
        let db = &self.state.db.conn;
        let stmt = sea_orm::Statement::from_string(db.get_database_backend(), sql.to_owned());
        db.query_all_raw(stmt)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .into_iter()
            .map(|row| {
                (
                    row.try_get::<String>("", "k")
                        .unwrap_or_else(|e| panic!("{sql}: {e}")),
                    row.try_get::<i64>("", "v")
                        .unwrap_or_else(|e| panic!("{sql}: {e}")),
                )
            })
            .collect()
    }
}

/// Today in the test workspaces' time zone (Europe/Paris).
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}

/// The local day `n` days before today (negative: after), as "YYYY-MM-DD".
pub fn day(n: i64) -> String {
    (today() - chrono::Duration::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

pub mod budget;
pub mod demo;
pub mod import;
pub mod json;
pub mod prometheus;

pub use prometheus::metric_in;

/// `/metrics` and requests with extra headers.
impl TestApp {
    /// POSTs a GraphQL request with extra headers (e.g. the cache debug header).
    pub async fn gql_with_headers(
        &self,
        credential: Option<&str>,
        query: &str,
        variables: Value,
        headers: &[(&str, &str)],
    ) -> GqlResponse {
        let mut req = self
            .http
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(c) = credential {
            req = req.bearer_auth(c);
        }
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        GqlResponse::of(req).await
    }

    /// The text of `GET /metrics`.
    pub async fn metrics_text(&self) -> String {
        let resp = self
            .http
            .get(self.url("/metrics"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET /metrics failed: {e}"));
        assert_eq!(resp.status().as_u16(), 200, "GET /metrics");
        resp.text()
            .await
            .unwrap_or_else(|e| panic!("body of GET /metrics: {e}"))
    }

    /// One sample of `/metrics`, written as it appears there, e.g.
    /// `leadsource_cache_lookups_total{kind="performance",result="hit"}`; panics when absent.
    pub async fn metric(&self, sample: &str) -> f64 {
        metric_in(&self.metrics_text().await, sample)
    }
}

/// A test that cannot run without a service says so and returns. Under
/// `LEADSOURCE_REQUIRE_SERVICES=1` (CI's PostgreSQL + Redis pass) that is a failure instead:
/// a missing service must never turn a test into a silent pass.
pub fn skip(reason: &str) {
    if std::env::var("LEADSOURCE_REQUIRE_SERVICES").is_ok_and(|v| v == "1") {
        panic!("{reason}, and LEADSOURCE_REQUIRE_SERVICES=1 forbids skipping");
    }
    eprintln!("skipped: {reason}");
}

/// The shared Redis of the suite (`TEST_REDIS_URL`), when set.
pub fn shared_redis_url() -> Option<String> {
    std::env::var("TEST_REDIS_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// A private `redis-server` (no persistence) on its own port, for tests that stop
/// and restart Redis: the suite's shared Redis is never touched. Killed on drop.
pub struct RedisServer {
    pub port: u16,
    child: Option<std::process::Child>,
}

impl RedisServer {
    /// Whether `redis-server` can be run here.
    pub fn available() -> bool {
        std::process::Command::new("redis-server")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// A server on a free port, answering PING when this returns.
    pub async fn start() -> Self {
        Self::start_on(free_port()).await
    }

    /// A server on `port` (to bring Redis back where the app expects it).
    pub async fn start_on(port: u16) -> Self {
        let child = std::process::Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run redis-server: {e}"));
        let server = Self {
            port,
            child: Some(child),
        };
        for _ in 0..200 {
            if server.pings().await {
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("redis-server on port {port} did not answer PING");
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    async fn pings(&self) -> bool {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await else {
            return false;
        };
        let mut reply = [0u8; 7];
        stream.write_all(b"PING\r\n").await.is_ok()
            && stream.read_exact(&mut reply).await.is_ok()
            && &reply == b"+PONG\r\n"
    }

    /// Kills the server (SIGKILL: no goodbye to its clients) and waits for it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A Redis for a test: the suite's shared one (`TEST_REDIS_URL`), else a private
/// `redis-server`, else none (the test then says it skipped).
pub struct TestRedis {
    pub url: String,
    _own: Option<RedisServer>,
}

impl TestRedis {
    pub async fn get() -> Option<Self> {
        if let Some(url) = shared_redis_url() {
            return Some(Self { url, _own: None });
        }
        if !RedisServer::available() {
            skip("neither TEST_REDIS_URL nor redis-server is available");
            return None;
        }
        let own = RedisServer::start().await;
        Some(Self {
            url: own.url(),
            _own: Some(own),
        })
    }
}

/// Settings for a fresh database, with the given Redis (None: in-process cache).
pub async fn fresh_settings(redis_url: Option<&str>) -> Settings {
    let mut settings = test_settings(&fresh_database_url().await);
    settings.redis_url = redis_url.map(str::to_owned);
    settings
}

/// The kind of [`TestApp::cached_campaign_count`]'s stand-in report.
pub const CAMPAIGN_COUNT: leadsource::cache::ReportKind =
    leadsource::cache::ReportKind::new("test_campaign_count");

/// A stand-in report for cache tests, and writes that must invalidate it.
impl TestApp {
    /// The workspace's campaigns counted in the database, through this server's
    /// report cache, the computation taking at least `delay` (to overlap callers).
    pub async fn cached_campaign_count(
        &self,
        workspace_id: i64,
        delay: std::time::Duration,
    ) -> u64 {
        use leadsource::db::scope::InWorkspace;
        use sea_orm::PaginatorTrait;
        let db = self.state.db.conn.clone();
        let compute = || async move {
            tokio::time::sleep(delay).await;
            let n = entity::campaign::Entity::find_in_workspace(workspace_id)
                .count(&db)
                .await?;
            Ok::<u64, leadsource::error::AppError>(n)
        };
        self.state
            .cache
            .get_or_compute(
                CAMPAIGN_COUNT,
                workspace_id,
                &json!({ "of": "campaigns" }),
                compute,
            )
            .await
            .unwrap_or_else(|e| panic!("cached campaign count: {e}"))
    }

    /// Creates a campaign through the API (a write: bumps the data generation).
    pub async fn create_campaign(&self, token: &str, name: &str) {
        let channels = self
            .gql(Some(token), "{ channels { id kind } }", json!({}))
            .await
            .ok();
        let channel = channels.data("channels/0/id").clone();
        self.gql(
            Some(token),
            "mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }",
            json!({ "i": { "channelId": channel, "name": name } }),
        )
        .await
        .ok();
    }

    /// `leadsource_report_computations_total` of `kind` on this server.
    pub async fn computations(&self, kind: &str) -> f64 {
        self.metric(&format!(
            r#"leadsource_report_computations_total{{kind="{kind}"}}"#
        ))
        .await
    }
}
