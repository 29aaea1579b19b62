//! A NUL character (U+0000) in any string of a request is refused before execution, naming
//! where it is: PostgreSQL text cannot hold it (each such statement failed as INTERNAL, in
//! `login` among 15 places) and SQLite treats it as the end of a pattern (a `search`
//! containing one matched every lead). No field of this API has a use for it.

use async_graphql::{Name, Request, Value};

/// Where the first NUL of `request` is: `query`, or a variable path such as
/// `variables.inputs[3].email`.
pub fn nul_location(request: &Request) -> Option<String> {
    let query = &request.query;
    if query.contains('\0') || query.to_ascii_lowercase().contains("\\u0000") {
        return Some("query".to_owned());
    }
    request
        .variables
        .iter()
        .find_map(|(name, value)| in_value(value, &format!("variables.{name}")))
}

fn in_value(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::String(s) => s.contains('\0').then(|| path.to_owned()),
        Value::List(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| in_value(v, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields
            .iter()
            .find_map(|(k, v): (&Name, &Value)| in_value(v, &format!("{path}.{k}"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_in_the_document_or_in_any_variable() {
        let plain = Request::new("{ leads(filter: { search: \"ada\" }) { totalCount } }");
        assert_eq!(nul_location(&plain), None);
        let literal = Request::new("{ leads(filter: { search: \"a\\u0000\" }) { totalCount } }");
        assert_eq!(nul_location(&literal).as_deref(), Some("query"));
        let vars = async_graphql::Variables::from_json(serde_json::json!({
            "inputs": [{ "email": "ok@example.com" }, { "email": "bad\u{0}@example.com" }]
        }));
        let nested = Request::new("mutation($inputs: [LeadInput!]!) { x }").variables(vars);
        assert_eq!(
            nul_location(&nested).as_deref(),
            Some("variables.inputs[1].email")
        );
    }
}
