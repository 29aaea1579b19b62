//! A timing report, ignored by default.

use super::fixtures::{DASHBOARD_QUERY, exponential_document, introspection_query};
use super::{DocumentLimits, inspect_document, unlimited};

/// Prints the CPU time of the guard on hostile and ordinary documents:
/// `cargo test --release -- --ignored --nocapture timing_of_the_guard`
#[test]
#[ignore = "timing report, run by hand with --ignored --nocapture"]
fn timing_of_the_guard() {
    let defaults = DocumentLimits::default();
    // Bytes and tokens unbounded: what parsing 100 KB costs without the scan.
    let parse_all = DocumentLimits {
        max_bytes: usize::MAX,
        max_tokens: usize::MAX,
        ..DocumentLimits::default()
    };
    let fields = |count: usize| format!("{{ {}}}", "a ".repeat(count));
    let lists = |count: usize| format!("{{ {}}}", "a(x: [[[[[[[[1]]]]]]]]) ".repeat(count));
    let cases = [
        ("2^26 fragments", exponential_document(), &defaults),
        (
            "2^26 fragments, no limits",
            exponential_document(),
            &unlimited(),
        ),
        (
            "introspection (graphql 16)",
            introspection_query(7),
            &defaults,
        ),
        (
            "introspection (graphql 17)",
            introspection_query(9),
            &defaults,
        ),
        ("dashboard", DASHBOARD_QUERY.to_owned(), &defaults),
        ("15k tokens of fields", fields(7_498), &parse_all),
        ("15k tokens of nested lists", lists(680), &parse_all),
        ("100 KB of fields, scan on", fields(49_998), &defaults),
        ("100 KB of fields, scan off", fields(49_998), &parse_all),
        ("100 KB of lists, scan off", lists(4_000), &parse_all),
    ];
    for (label, query, limits) in cases {
        let wall = std::time::Instant::now();
        let cpu_start = thread_cpu_nanos();
        let mut rounds = 0_u32;
        let mut outcome = String::new();
        while rounds < 5 || wall.elapsed() < std::time::Duration::from_millis(300) {
            outcome = match inspect_document(&query, None, limits) {
                Ok((_, shape)) => format!("passes, {} fields", shape.fields),
                Err(rejection) => format!("refused: {rejection}"),
            };
            rounds += 1;
        }
        let cpu = match (cpu_start, thread_cpu_nanos()) {
            (Some(start), Some(end)) => {
                format!("{:.3} ms", (end - start) as f64 / 1e6 / f64::from(rounds))
            }
            _ => "n/a".to_owned(),
        };
        println!(
            "{label:<28} {:>6} B  cpu {cpu:>10}  wall {:>10.3?}  {outcome}",
            query.len(),
            wall.elapsed() / rounds,
        );
    }
}

/// CPU time of this thread from `/proc/thread-self/schedstat`, in ns.
fn thread_cpu_nanos() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
