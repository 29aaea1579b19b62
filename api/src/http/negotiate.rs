//! Content negotiation for the GraphQL endpoint (GraphQL-over-HTTP): which response media
//! type the `Accept` header asks for, and whether a POST body is JSON.

use axum::http::{HeaderMap, header};

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
pub const JSON: &str = "application/json";

/// The response media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `application/graphql-response+json`: request errors get 4xx statuses.
    GraphqlResponse,
    /// `application/json`: a well-formed request answers 200, errors in the body.
    Json,
}

impl Flavor {
    pub fn content_type(self) -> &'static str {
        match self {
            Flavor::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
            Flavor::Json => "application/json; charset=utf-8",
        }
    }
}

/// How well one media range of `Accept` matches a type: exact beats `type/*` beats `*/*`.
fn match_rank(range: &str, media: &str) -> Option<u8> {
    let (ty, _) = media.split_once('/')?;
    if range.eq_ignore_ascii_case(media) {
        Some(3)
    } else if range.eq_ignore_ascii_case(&format!("{ty}/*")) {
        Some(2)
    } else if range == "*/*" {
        Some(1)
    } else {
        None
    }
}

/// `(quality, rank)` of the best range in `accept` that matches `media`.
fn preference(accept: &str, media: &str) -> Option<(u16, u8)> {
    accept
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let range = pieces.next()?.trim();
            let mut quality = 1000_u16;
            for param in pieces {
                if let Some(q) = param.trim().strip_prefix("q=") {
                    let q: f32 = q.trim().parse().ok()?;
                    quality = (q.clamp(0.0, 1.0) * 1000.0).round() as u16;
                }
            }
            match_rank(range, media).map(|rank| (quality, rank))
        })
        .max_by_key(|&(_, rank)| rank)
        .filter(|&(quality, _)| quality > 0)
}

/// The flavor `Accept` asks for; `None` when it accepts neither JSON type (406).
/// No `Accept` means `application/graphql-response+json` (the specification's default
/// since 2025); a bare wildcard gets `application/json`, which every client reads.
pub fn negotiate(headers: &HeaderMap) -> Option<Flavor> {
    let accept = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    if accept.trim().is_empty() {
        return Some(Flavor::GraphqlResponse);
    }
    let graphql = preference(&accept, GRAPHQL_RESPONSE_JSON);
    let json = preference(&accept, JSON);
    match (graphql, json) {
        (None, None) => None,
        (Some(_), None) => Some(Flavor::GraphqlResponse),
        (None, Some(_)) => Some(Flavor::Json),
        (Some(g), Some(j)) if g.0 > j.0 || (g.0 == j.0 && g.1 > j.1) => {
            Some(Flavor::GraphqlResponse)
        }
        (Some(g), Some(j)) if g == j && g.1 == 3 => Some(Flavor::GraphqlResponse),
        _ => Some(Flavor::Json),
    }
}

/// Whether the browser asked for a page (GraphiQL) rather than data.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| preference(accept, "text/html").is_some_and(|(_, rank)| rank == 3))
}

/// Whether a POST body is declared as JSON (`application/json`, any parameters).
pub fn is_json_body(headers: &HeaderMap) -> bool {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case(JSON)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn flavor_for(accept: Option<&str>) -> Option<Flavor> {
        let mut headers = HeaderMap::new();
        if let Some(a) = accept {
            headers.insert(header::ACCEPT, HeaderValue::from_str(a).expect("header"));
        }
        negotiate(&headers)
    }

    #[test]
    fn accept_picks_the_response_media_type() {
        use Flavor::{GraphqlResponse as G, Json as J};
        let cases = [
            (None, Some(G)),
            (Some("application/graphql-response+json"), Some(G)),
            (Some("application/json"), Some(J)),
            (
                Some("application/graphql-response+json, application/json;q=0.9"),
                Some(G),
            ),
            (
                Some("application/json, application/graphql-response+json;q=0.5"),
                Some(J),
            ),
            (
                Some("application/json, application/graphql-response+json"),
                Some(G),
            ),
            (Some("*/*"), Some(J)),
            (Some("application/*"), Some(J)),
            (Some("text/html, */*;q=0.8"), Some(J)),
            (Some("application/graphql-response+json, */*"), Some(G)),
            (Some("text/html"), None),
            (Some("application/xml"), None),
            (Some("application/json;q=0"), None),
        ];
        for (accept, expected) in cases {
            assert_eq!(flavor_for(accept), expected, "{accept:?}");
        }
    }

    #[test]
    fn only_json_bodies_are_accepted() {
        for (content_type, ok) in [
            ("application/json", true),
            ("application/json; charset=utf-8", true),
            ("Application/JSON", true),
            ("text/plain", false),
            ("application/x-www-form-urlencoded", false),
            ("multipart/form-data; boundary=x", false),
            ("", false),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(content_type).expect("h"),
            );
            assert_eq!(is_json_body(&headers), ok, "{content_type}");
        }
    }
}
