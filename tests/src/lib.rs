//! End-to-end test harness: a real Leadsource server on an ephemeral port, a fresh
//! database per test, and a small GraphQL client.
//!
//! By default each test gets its own SQLite file and the in-process cache. With
//! `TEST_DATABASE_URL=postgres://…` (an admin URL) each test gets its own freshly
//! created PostgreSQL database, and `TEST_REDIS_URL` selects Redis.

use std::net::SocketAddr;

use leadsource::app::{Server, build_state};
use leadsource::auth::Scope;
use leadsource::config::Settings;
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
    settings
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
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("request failed: {e}"));
        let status = resp.status().as_u16();
        let body = resp.json::<Value>().await.unwrap_or(Value::Null);
        GqlResponse { status, body }
    }
}
