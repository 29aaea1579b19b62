//! The suite's command line.

use std::path::PathBuf;

pub const USAGE: &str = "usage: cargo bench -p leadsource --bench suite -- [--quick] [--runs N] \
[--out FILE] [--postgres ADMIN_URL] [--redis URL] [--reuse-data] \
[--only data,ingest,reports,attribution,http,dashboard,embedded]";

/// The scenarios, in the order they run.
pub const SECTIONS: [&str; 7] = [
    "data",
    "ingest",
    "reports",
    "attribution",
    "http",
    "dashboard",
    "embedded",
];

#[derive(Debug, Clone)]
pub struct Options {
    /// `--scale small` everywhere and small batches: checks the harness, not the speed.
    pub quick: bool,
    pub runs: usize,
    /// Where to write the Markdown report (nothing written when unset); a relative path is
    /// under the repository root.
    pub out: Option<PathBuf>,
    /// An administrative connection; the suite creates its databases beside it.
    pub postgres: String,
    pub redis: String,
    /// Keep the PostgreSQL demo data of an earlier run when it is there (development only:
    /// the data generation time is then not measured).
    pub reuse_data: bool,
    pub only: Vec<String>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            quick: false,
            runs: 3,
            out: None,
            postgres: std::env::var("BENCH_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned()),
            redis: std::env::var("BENCH_REDIS_URL")
                .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned()),
            reuse_data: false,
            only: SECTIONS.iter().map(|s| (*s).to_owned()).collect(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
            };
            match arg.as_str() {
                "--quick" => o.quick = true,
                "--reuse-data" => o.reuse_data = true,
                "--runs" => {
                    let v = value("--runs")?;
                    o.runs = v
                        .parse()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| format!("--runs: {v:?} is not a positive number"))?;
                }
                "--out" => o.out = Some(from_repository_root(value("--out")?)),
                "--postgres" => o.postgres = value("--postgres")?,
                "--redis" => o.redis = value("--redis")?,
                "--only" => {
                    let v = value("--only")?;
                    o.only = v.split(',').map(str::to_owned).collect();
                    if let Some(bad) = o.only.iter().find(|s| !SECTIONS.contains(&s.as_str())) {
                        return Err(format!("--only: unknown scenario {bad:?}\n{USAGE}"));
                    }
                }
                // `cargo bench` passes `--bench` to every bench target.
                "--bench" => {}
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        Ok(o)
    }

    pub fn runs(&self, section: &str) -> bool {
        self.only.iter().any(|s| s == section)
    }

    pub fn scale(&self) -> &'static str {
        if self.quick { "small" } else { "large" }
    }

    pub fn embedded_scale(&self) -> &'static str {
        if self.quick { "small" } else { "medium" }
    }

    /// The URL of database `name` on the server of the admin connection.
    pub fn database_url(&self, name: &str) -> String {
        let server = self
            .postgres
            .rsplit_once('/')
            .map_or(self.postgres.as_str(), |(s, _)| s);
        format!("{server}/{name}")
    }
}

/// `path` as given when absolute, else under the repository root (cargo runs benchmarks from
/// the package directory, `api/`, not from where the command was typed).
fn from_repository_root(path: String) -> PathBuf {
    let path = PathBuf::from(path);
    if path.is_absolute() {
        return path;
    }
    let package = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    package.parent().unwrap_or(package).join(path)
}
