//! How the binary serves the web dashboard and GraphiQL: embedded files with the right
//! content types and cache headers, client routes answered by index.html, the API's own
//! paths never, and a Content-Security-Policy on every page.

use leadsource_tests::TestApp;

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} in {:?}", resp.headers()))
}

async fn get(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.http()
        .get(app.url(path))
        .header("accept", accept)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

const HTML: &str = "text/html,application/xhtml+xml,*/*;q=0.8";

#[tokio::test]
async fn the_root_and_client_routes_answer_the_dashboard_page_uncached_with_a_csp() {
    let app = TestApp::spawn().await;
    for path in ["/", "/channels", "/leads/42", "/budget?from=2026-01-01"] {
        let resp = get(&app, path, HTML).await;
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(header(&resp, "content-type"), "text/html; charset=utf-8");
        assert_eq!(header(&resp, "cache-control"), "no-cache", "{path}");
        let csp = header(&resp, "content-security-policy").to_owned();
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        let text = resp.text().await.expect("body");
        assert!(text.contains(r#"<div id="app">"#), "{path}: {text}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_with_their_content_type() {
    let app = TestApp::spawn().await;
    let page = get(&app, "/", HTML).await.text().await.expect("body");
    let script = page
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no script in {page}"));
    assert!(script.starts_with("/assets/"), "{script}");
    let resp = get(&app, script, "*/*").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        header(&resp, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        header(&resp, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&resp, "x-content-type-options"), "nosniff");
    assert!(resp.bytes().await.expect("body").len() > 1000);

    let missing = get(&app, "/assets/nope-123.js", "*/*").await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_api_paths_never_fall_back_to_the_dashboard() {
    let app = TestApp::spawn().await;
    for path in [
        "/graphql/x",
        "/healthz/",
        "/readyz/deep",
        "/metrics/x",
        "/favicon.ico",
    ] {
        let resp = get(&app, path, HTML).await;
        assert_eq!(resp.status(), 404, "{path}");
        let text = resp.text().await.expect("body");
        assert!(!text.contains("<div id=\"app\">"), "{path}");
    }
    // The API's own paths keep their behaviour.
    let health = get(&app, "/healthz", "*/*").await;
    assert_eq!(health.status(), 200);
    let post = app
        .http()
        .post(app.url("/channels"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("POST");
    assert_eq!(post.status(), 404, "only GET and HEAD reach the dashboard");
}

#[tokio::test]
async fn graphiql_is_served_from_the_binary_with_no_cdn() {
    let app = TestApp::spawn().await;
    let resp = get(&app, "/graphql", HTML).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(header(&resp, "content-type"), "text/html; charset=utf-8");
    assert!(header(&resp, "content-security-policy").contains("default-src 'self'"));
    let text = resp.text().await.expect("body");
    assert!(text.contains(r#"<div id="graphiql">"#), "{text}");
    assert!(
        !text.contains("unpkg") && !text.contains("https://"),
        "{text}"
    );
    for script in text.split("src=\"").skip(1) {
        let path = script.split('"').next().unwrap_or_default();
        assert!(path.starts_with("/assets/"), "{path}");
        assert_eq!(get(&app, path, "*/*").await.status(), 200, "{path}");
    }
}
