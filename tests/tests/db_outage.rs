//! A database outage: requests answer 503 UNAVAILABLE with `Retry-After` (never 401, never
//! INTERNAL), at once once the database is known down, for API tokens, JWT sessions and
//! anonymous callers alike, and the server recovers by itself when the database returns.
//!
//! The server reaches PostgreSQL through a TCP relay that this test stops and starts: stopped,
//! it drops every open connection and refuses new ones, as a stopped PostgreSQL does, without
//! stopping the PostgreSQL that other tests share.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use leadsource::auth::Role;
use leadsource_tests::{TestApp, skip};
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A relay from a local port to `upstream` that can be stopped and started again.
struct Relay {
    addr: SocketAddr,
    upstream: SocketAddr,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Relay {
    async fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("relay bind");
        let addr = listener.local_addr().expect("relay addr");
        let relay = Self {
            addr,
            upstream,
            tasks: Arc::default(),
        };
        relay.serve(listener);
        relay
    }

    fn serve(&self, listener: TcpListener) {
        let upstream = self.upstream;
        let tasks = Arc::clone(&self.tasks);
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let pipe = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                tasks.lock().expect("relay tasks").push(pipe);
            }
        });
        self.tasks.lock().expect("relay tasks").push(accept);
    }

    /// Drops every connection and stops listening: connections are refused.
    fn stop(&self) {
        for task in self.tasks.lock().expect("relay tasks").drain(..) {
            task.abort();
        }
    }

    /// Listens on the same port again.
    async fn restart(&self) {
        let listener = TcpListener::bind(self.addr).await.expect("relay rebind");
        self.serve(listener);
    }
}

const LEADS: &str = "{ leads(first: 1) { totalCount } }";

fn code(body: &serde_json::Value) -> Option<&str> {
    body.pointer("/errors/0/extensions/code")
        .and_then(serde_json::Value::as_str)
}

/// POSTs `query` with an optional bearer: status, `Retry-After`, body.
async fn post(
    app: &TestApp,
    bearer: Option<&str>,
    query: &str,
) -> (u16, Option<String>, serde_json::Value) {
    let mut request = app
        .http()
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }));
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().expect("retry-after text").to_owned());
    let body = response.json().await.expect("JSON body");
    (status, retry_after, body)
}

#[tokio::test]
async fn an_outage_answers_503_unavailable_fast_and_the_server_recovers() {
    let Some(admin) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    else {
        return skip("needs TEST_DATABASE_URL (PostgreSQL) to stop a database");
    };
    let admin = reqwest::Url::parse(&admin).expect("TEST_DATABASE_URL");
    let host = admin.host_str().expect("TEST_DATABASE_URL host");
    let port = admin.port().unwrap_or(5432);
    let upstream = tokio::net::lookup_host((host, port))
        .await
        .expect("resolve PostgreSQL")
        .next()
        .expect("a PostgreSQL address");
    let relay = Relay::start(upstream).await;
    let relay_port = relay.addr.port();
    // A pool wait of 6 s, so an answer well within it shows the pool was not waited on.
    let app = TestApp::spawn_adjusted(|settings| {
        let mut url = reqwest::Url::parse(&settings.database_url).expect("database URL");
        url.set_host(Some("127.0.0.1")).expect("host");
        url.set_port(Some(relay_port)).expect("port");
        settings.database_url = url.to_string();
        settings.database_acquire_timeout_ms = 6_000;
    })
    .await;
    let ws = app.workspace("outage").await;
    let jwt = app.session("outage", Role::Viewer).await;
    let (status, _, body) = post(&app, Some(&ws.token), LEADS).await;
    assert_eq!((status, code(&body)), (200, None), "{body}");

    relay.stop();
    // The first request meets the outage: 503, not 401 INTERNAL as before.
    let (status, retry_after, body) = post(&app, Some(&ws.token), LEADS).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(code(&body), Some("UNAVAILABLE"), "{body}");
    assert!(retry_after.is_some(), "503 carries Retry-After");
    // The probe finds the database down: /readyz says so.
    let mut ready = 200;
    for _ in 0..50 {
        ready = app
            .http()
            .get(app.url("/readyz"))
            .send()
            .await
            .expect("readyz")
            .status()
            .as_u16();
        if ready == 503 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(ready, 503, "/readyz while the database is down");

    // Known down: every kind of principal is answered without waiting for the pool.
    let login = r#"mutation { login(email: "a@example.com", password: "x") { accessToken } }"#;
    for (who, bearer, query) in [
        ("API token", Some(ws.token.as_str()), LEADS),
        ("JWT", Some(jwt.as_str()), LEADS),
        ("anonymous login", None, login),
    ] {
        let started = Instant::now();
        let (status, retry_after, body) = post(&app, bearer, query).await;
        let took = started.elapsed();
        assert_eq!(status, 503, "{who}: {body}");
        assert_eq!(code(&body), Some("UNAVAILABLE"), "{who}: {body}");
        assert_eq!(
            body.pointer("/errors/0/extensions/retryAfter"),
            retry_after
                .as_deref()
                .map(|s| json!(s.parse::<u64>().expect("seconds")))
                .as_ref(),
            "{who}: extensions.retryAfter matches the header"
        );
        assert!(
            took < Duration::from_secs(3),
            "{who}: answered after {took:?}, so it waited on the pool (6 s)"
        );
    }

    relay.restart().await;
    let mut recovered = None;
    for _ in 0..100 {
        let (status, _, body) = post(&app, Some(&ws.token), LEADS).await;
        if status == 200 {
            recovered = Some(body);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let body = recovered.expect("the server answers again once the database is back");
    assert_eq!(body.pointer("/data/leads/totalCount"), Some(&json!(0)));
    let (status, _, body) = post(&app, Some(&jwt), LEADS).await;
    assert_eq!(status, 200, "JWT after recovery: {body}");
}
