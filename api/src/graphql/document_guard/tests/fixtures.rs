//! Documents the tests share: hostile expansions and the ordinary queries
//! that must keep passing.

use std::fmt::Write as _;

/// Fragments `F0`..`F{levels-1}`, each spreading the next twice; the last
/// selects `leaf` twice. The operation expands to `2^levels` leaves.
pub(super) fn doubling_document(levels: usize, leaf: &str) -> String {
    let mut query = String::from("query Exponential { ...F0 }\n");
    for level in 0..levels {
        let body = if level + 1 == levels {
            format!("{leaf} {leaf}")
        } else {
            format!("...F{next} ...F{next}", next = level + 1)
        };
        let _ = writeln!(query, "fragment F{level} on Query {{ {body} }}");
    }
    query
}

pub(super) fn exponential_document() -> String {
    doubling_document(26, "a")
}

/// graphql-js's `getIntrospectionQuery` with every option on (descriptions,
/// `specifiedByURL`, `isOneOf`, `isRepeatable`, schema description, input
/// value deprecation), the largest form GraphiQL sends. graphql 16 nests
/// `ofType` 7 times; graphql 17 takes `typeDepth`, 9 by default.
pub(super) fn introspection_query(type_depth: usize) -> String {
    let mut type_ref = String::from("kind name");
    for _ in 0..type_depth {
        type_ref = format!("kind name ofType {{ {type_ref} }}");
    }
    format!(
        r"
query IntrospectionQuery {{
  __schema {{
    description
    queryType {{ name kind }}
    mutationType {{ name kind }}
    subscriptionType {{ name kind }}
    types {{ ...FullType }}
    directives {{
      name
      description
      isRepeatable
      locations
      args(includeDeprecated: true) {{ ...InputValue }}
    }}
  }}
}}

fragment FullType on __Type {{
  kind
  name
  description
  specifiedByURL
  isOneOf
  fields(includeDeprecated: true) {{
    name
    description
    args(includeDeprecated: true) {{ ...InputValue }}
    type {{ ...TypeRef }}
    isDeprecated
    deprecationReason
  }}
  inputFields(includeDeprecated: true) {{ ...InputValue }}
  interfaces {{ ...TypeRef }}
  enumValues(includeDeprecated: true) {{
    name
    description
    isDeprecated
    deprecationReason
  }}
  possibleTypes {{ ...TypeRef }}
}}

fragment InputValue on __InputValue {{
  name
  description
  type {{ ...TypeRef }}
  defaultValue
  isDeprecated
  deprecationReason
}}

fragment TypeRef on __Type {{ {type_ref} }}
"
    )
}

pub(super) const DASHBOARD_QUERY: &str = r"
query Dashboard($from: Date!, $to: Date!, $previousFrom: Date!, $previousTo: Date!,
                $first: Int = 20, $after: String, $withLeads: Boolean = true) {
  me { id email role workspace { id name currency timezone } }
  thisPeriod: report(from: $from, to: $to) { ...ReportTotals }
  lastPeriod: report(from: $previousFrom, to: $previousTo) { ...ReportTotals }
  campaigns(first: $first, after: $after, orderBy: { field: SPEND, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id name channel status
        budget { daily { ...Money } monthly { ...Money } }
        spend(from: $from, to: $to) { ...Money }
        leads(first: 5) @include(if: $withLeads) {
          totalCount
          edges {
            node {
              id email createdAt
              source { __typename ... on UtmSource { campaign medium } }
            }
          }
        }
      }
    }
  }
}

fragment ReportTotals on Report {
  spend { ...Money }
  revenue { ...Money }
  leads conversions roi costPerLead
  byChannel { channel leads spend { ...Money } }
}

fragment Money on Money { amount currency }
";
