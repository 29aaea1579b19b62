//! Embeds the dashboard's built files (`api/dashboard/dist`, committed; built with
//! `npm run build` in `api/dashboard`) into the binary, so `cargo build` needs no Node.js.
//! Writes `$OUT_DIR/dashboard_assets.rs`: a sorted table of (path, bytes) with `include_bytes!`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dist = manifest.join("dashboard").join("dist");
    println!("cargo:rerun-if-changed={}", dist.display());
    let mut files = Vec::new();
    collect(&dist, &dist, &mut files);
    assert!(
        files.iter().any(|(path, _)| path == "index.html"),
        "{} has no index.html: build the dashboard (cd api/dashboard && npm ci && npm run build)",
        dist.display()
    );
    files.sort();
    let mut out = String::from("/// The dashboard's files: path under `dist/`, contents.\n");
    out.push_str("pub static ASSETS: &[(&str, &[u8])] = &[\n");
    for (path, file) in &files {
        let _ = writeln!(out, "    ({path:?}, include_bytes!({:?})),", file.display());
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"))
        .join("dashboard_assets.rs");
    std::fs::write(&target, out).expect("write dashboard_assets.rs");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, path.clone()));
        }
    }
}
