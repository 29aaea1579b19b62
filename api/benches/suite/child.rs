//! Measurements that must start cold run in a fresh process: this benchmark binary again,
//! with `--child TASK ARGS…`, answering one JSON line on stdout.

use std::process::Command;

use super::{Fallible, dashboard, http, reports};

/// Runs one child task and returns its answer; its stderr is passed through on failure.
pub fn spawn(args: &[&str]) -> Fallible<serde_json::Value> {
    let out = Command::new(std::env::current_exe()?)
        .arg("--child")
        .args(args)
        .env("LOG", "warn")
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            args.first().copied().unwrap_or("child"),
            String::from_utf8_lossy(&out.stderr).trim()
        )
        .into());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().ok_or_else(|| {
        format!(
            "{} answered nothing",
            args.first().copied().unwrap_or("child")
        )
    })?;
    Ok(serde_json::from_str(last)?)
}

/// The number at the JSON pointer `pointer` of a child's answer: a figure it did not report
/// (or reported as null, as serde_json writes NaN) fails the run instead of becoming a NaN
/// sample.
pub fn figure(answer: &serde_json::Value, pointer: &str) -> Fallible<f64> {
    answer
        .pointer(pointer)
        .and_then(serde_json::Value::as_f64)
        .ok_or_else(|| format!("no number at {pointer} in the child's answer {answer}").into())
}

/// The child side: runs the task named by `args[0]` and prints its answer.
pub fn run(args: &[String]) -> Fallible<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (task, rest) = args.split_first().ok_or("--child needs a task")?;
    let answer = match task.as_str() {
        "performance" => runtime.block_on(reports::child_performance(rest))?,
        "attribution" => runtime.block_on(reports::child_attribution(rest))?,
        "http" => http::child(rest)?,
        "dashboard" => dashboard::child(rest)?,
        other => return Err(format!("unknown child task {other:?}").into()),
    };
    println!("{answer}");
    Ok(())
}
