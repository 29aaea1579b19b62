//! Bad log settings stop the binary at start with a message naming the setting, like every
//! other bad setting, instead of being ignored (`LOG_FORMAT=xml` once logged as text, and a
//! filter that did not parse once logged at `info`).

use std::process::{Command, Output};

/// `leadsource export-schema` (no database needed) with `env` set and the log variables of
/// the calling shell removed.
fn run(env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leadsource"));
    cmd.arg("export-schema")
        .env_remove("LOG")
        .env_remove("RUST_LOG")
        .env_remove("LOG_FORMAT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run leadsource: {e}"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_log_format_other_than_text_or_json_is_refused_naming_it() {
    let out = run(&[("LOG_FORMAT", "xml")]);
    assert!(!out.status.success(), "LOG_FORMAT=xml was accepted");
    let err = stderr(&out);
    assert!(err.contains("xml") && err.contains("log-format"), "{err}");
    assert!(
        err.contains("text") && err.contains("json"),
        "names the choices: {err}"
    );
    assert!(out.stdout.is_empty(), "nothing was exported");
}

#[test]
fn a_log_filter_that_does_not_parse_is_refused_naming_the_variable() {
    for (name, value) in [("LOG", "leadsource=loud"), ("RUST_LOG", "info,=[")] {
        let out = run(&[(name, value)]);
        assert!(!out.status.success(), "{name}={value} was accepted");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("error: {name}: invalid log filter")),
            "{name}: {err}"
        );
    }
}

#[test]
fn good_log_settings_start() {
    let out = run(&[("LOG", "info,leadsource=debug"), ("LOG_FORMAT", "json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("type Query"));
}
