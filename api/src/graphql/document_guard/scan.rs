//! A linear pass over the raw query text, before the parser sees it.
//!
//! The parser recurses once per `{`, `[` and `(` (pest probes the stack, but
//! the AST builder and later walks over values recurse as well), and it costs
//! about a microsecond per token in release builds: 50k one-byte tokens fit in
//! 100 KB. Counting nesting and tokens here bounds both.

use super::DocumentRejection;

/// U+FEFF, which GraphQL ignores like whitespace.
const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// Refuses `query` if `{`, `[` and `(` nest more than `max_nesting` deep or it
/// holds more than `max_tokens` tokens. Brackets inside strings, block strings
/// and comments do not count; a string or a name is one token.
pub(super) fn scan_raw(
    query: &str,
    max_nesting: usize,
    max_tokens: usize,
) -> Result<(), DocumentRejection> {
    let bytes = query.as_bytes();
    let mut depth = 0_usize;
    let mut tokens = 0_usize;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b',') {
            i += 1;
            continue;
        }
        if byte == b'#' {
            i = skip_comment(bytes, i + 1);
            continue;
        }
        if bytes[i..].starts_with(BYTE_ORDER_MARK) {
            i += BYTE_ORDER_MARK.len();
            continue;
        }
        tokens += 1;
        if tokens > max_tokens {
            return Err(DocumentRejection::TooManyTokens { limit: max_tokens });
        }
        i = match byte {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > max_nesting {
                    return Err(DocumentRejection::TooDeeplyNested { limit: max_nesting });
                }
                i + 1
            }
            // Unbalanced closers are the parser's to report.
            b'}' | b']' | b')' => {
                depth = depth.saturating_sub(1);
                i + 1
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => skip_block_string(bytes, i + 3),
            b'"' => skip_string(bytes, i + 1),
            b'.' => skip_while(bytes, i, |b| b == b'.'),
            b'-' | b'0'..=b'9' => skip_while(bytes, i + 1, |b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-')
            }),
            b'_' | b'a'..=b'z' | b'A'..=b'Z' => {
                skip_while(bytes, i, |b| b.is_ascii_alphanumeric() || b == b'_')
            }
            // Other punctuators, and bytes the parser will refuse.
            _ => i + 1,
        };
    }
    Ok(())
}

fn skip_while(bytes: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

/// Index of the comment's line terminator, or the end.
fn skip_comment(bytes: &[u8], i: usize) -> usize {
    skip_while(bytes, i, |b| !matches!(b, b'\n' | b'\r'))
}

/// Index just past the closing `"`. A string cannot span lines, so an
/// unterminated one ends at the line terminator, as the parser sees it.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Index just past the closing `"""`; `\"""` is the only escape.
fn skip_block_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\\\"\"\"") {
            i += 4;
        } else if bytes[i..].starts_with(b"\"\"\"") {
            return i + 3;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::{DocumentRejection, scan_raw};

    fn nesting_exceeds(query: &str, limit: usize) -> bool {
        scan_raw(query, limit, usize::MAX).is_err()
    }

    fn tokens_exceed(query: &str, limit: usize) -> bool {
        scan_raw(query, usize::MAX, limit).is_err()
    }

    #[test]
    fn counts_every_kind_of_bracket() {
        let query = "query($v: [[Int]]) { a(x: {y: [1]}) { b } }";
        // ( [ [ then { ( { [ : at most 4 deep at `[1]`.
        assert!(!nesting_exceeds(query, 4));
        assert!(nesting_exceeds(query, 3));
    }

    #[test]
    fn ignores_brackets_in_strings_block_strings_and_comments() {
        let braces = "{".repeat(1_000);
        let queries = [
            format!("{{ a(x: \"{braces}\") }}"),
            format!("{{ a(x: \"\\\"{braces}\") }}"),
            format!("{{ a(x: \"\"\"{braces}\\\"\"\"{braces}\"\"\") }}"),
            format!("{{ a # {braces}\n b }}"),
        ];
        for query in queries {
            assert!(!nesting_exceeds(&query, 2), "{query}");
            assert!(!tokens_exceed(&query, 9), "{query}");
        }
    }

    #[test]
    fn an_unterminated_string_ends_at_the_line_terminator() {
        let query = format!("{{ a(x: \"oops\n{}", "{".repeat(100));
        assert!(nesting_exceeds(&query, 64));
    }

    #[test]
    fn unbalanced_closers_do_not_underflow() {
        assert!(!nesting_exceeds("}}}]]))) { a }", 1));
        assert!(nesting_exceeds("}}} {{ a }}", 1));
    }

    #[test]
    fn counts_tokens_as_the_lexer_does() {
        let cases = [
            ("{ a }", 3),
            (
                "{ alias: field_2(x: -1.5e+10, y: \"s t\", z: $v) @skip(if: true) }",
                24,
            ),
            ("query Q($v: [Int!]! = [1, 2]) { ...F ... on T { a } }", 27),
            ("\u{feff}{ a }\u{feff}", 3),
            (",,, { a } # comment { b }\n", 3),
        ];
        for (query, tokens) in cases {
            assert!(!tokens_exceed(query, tokens), "{query}");
            assert_eq!(
                scan_raw(query, usize::MAX, tokens - 1),
                Err(DocumentRejection::TooManyTokens { limit: tokens - 1 }),
                "{query}"
            );
        }
    }
}
