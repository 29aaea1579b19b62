//! CORS for browser dashboards: only the origins listed in `CORS_ORIGINS`.

use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method, header};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Refuses origins that are not `scheme://host[:port]`, naming the setting.
pub fn check_origins(origins: &[String]) -> Result<(), String> {
    for origin in origins.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
        let parsed = url::Url::parse(origin).map_err(|_| {
            format!("CORS_ORIGINS: {origin:?} is not an origin such as https://app.example.com")
        })?;
        let bare = parsed.path() == "/" && !origin.ends_with('/') && parsed.query().is_none();
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() || !bare {
            return Err(format!(
                "CORS_ORIGINS: {origin:?} is not an origin such as https://app.example.com"
            ));
        }
    }
    Ok(())
}

/// The layer for `origins`, or `None` when no origin is allowed (no CORS headers at all).
pub fn layer(origins: &[String]) -> Option<CorsLayer> {
    let allowed: Vec<HeaderValue> = origins
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if allowed.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(allowed))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
            .expose_headers([header::RETRY_AFTER, HeaderName::from_static("x-request-id")])
            .max_age(Duration::from_secs(600)),
    )
}

#[cfg(test)]
mod tests {
    use super::check_origins;

    #[test]
    fn only_bare_http_origins_are_accepted() {
        let ok = [
            "https://app.example.com".to_owned(),
            "http://localhost:5173".to_owned(),
        ];
        assert!(check_origins(&ok).is_ok());
        for bad in [
            "*",
            "app.example.com",
            "https://app.example.com/",
            "ftp://x.org",
            "https://x.org/path",
        ] {
            assert!(check_origins(&[bad.to_owned()]).is_err(), "{bad}");
        }
    }
}
