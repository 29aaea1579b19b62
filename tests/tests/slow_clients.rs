//! Slow clients cannot hold the server: headers and bodies must arrive within
//! `READ_TIMEOUT_SECS`, and after a shutdown signal the server exits within
//! `SHUTDOWN_GRACE_SECS` even while a client stalls mid-request.

use std::time::Duration;

use leadsource::app::{Server, build_state};
use leadsource_tests::{TestApp, test_settings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Far longer than any bound under test: reaching it means the server did not act.
const PATIENCE: Duration = Duration::from_secs(20);

/// Sends `head`, then waits for the server to answer or close: what it sent back.
async fn stall(addr: std::net::SocketAddr, head: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(PATIENCE, stream.read_to_end(&mut answer))
        .await
        .expect("the server neither answered nor closed the stalled connection")
        .expect("read");
    String::from_utf8_lossy(&answer).into_owned()
}

const PARTIAL_BODY: &str = "POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":";

#[tokio::test]
async fn a_stalled_body_is_answered_after_the_read_timeout() {
    let app = TestApp::spawn_adjusted(|s| s.read_timeout_secs = 1).await;
    let answer = stall(app.addr, PARTIAL_BODY).await;
    let status = answer.lines().next().unwrap_or_default();
    assert!(
        status.starts_with("HTTP/1.1 4"),
        "a client error for the stalled body: {answer}"
    );
    assert!(answer.contains("BAD_USER_INPUT"), "{answer}");
}

#[tokio::test]
async fn stalled_headers_are_cut_off_after_the_read_timeout() {
    let app = TestApp::spawn_adjusted(|s| s.read_timeout_secs = 1).await;
    let answer = stall(app.addr, "POST /graphql HTTP/1.1\r\nHost: test\r\n").await;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "closed or 408: {answer}"
    );
}

#[tokio::test]
async fn shutdown_ends_within_the_grace_whatever_clients_do() {
    let app = TestApp::spawn().await;
    let mut settings = test_settings(&app.database_url);
    settings.read_timeout_secs = 3_600;
    settings.shutdown_grace_secs = 1;
    let state = build_state(settings).await.expect("state");
    let server = Server::bind(state).await.expect("bind");
    let addr = server.addr;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async move {
        let _ = stopped.await;
    }));
    let mut stalled = TcpStream::connect(addr).await.expect("connect");
    stalled
        .write_all(PARTIAL_BODY.as_bytes())
        .await
        .expect("write");
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send(()).expect("signal");
    tokio::time::timeout(PATIENCE, running)
        .await
        .expect("the server still runs long after SHUTDOWN_GRACE_SECS")
        .expect("join")
        .expect("served");
}
