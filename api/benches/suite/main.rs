//! Every performance figure of Leadsource in one run, each beside a baseline measured in the
//! same run, as one table (issue 8). `.ci/bench` is the front door: it checks PostgreSQL and
//! Redis, builds in release mode and runs
//!
//! ```sh
//! cargo bench -p leadsource --bench suite -- [--quick] [--out docs/BENCHMARKS.md]
//! ```
//!
//! 1. ingestion via the API vs `COPY`, into scratch databases (`ingest.rs`);
//! 2. `demo-data --scale large` (small with `--quick`) into a fresh PostgreSQL database, timed,
//!    then vacuumed, analyzed and checkpointed (timed too);
//! 3. cold `performance` reports from the rollups vs the streaming engine on the raw tables
//!    and hand-written SQL by `psql` (`reports.rs`);
//! 4. every attribution model, cold: time and peak RSS (`reports.rs`);
//! 5. warm and cold reports over HTTP vs `{ __typename }`, PostgreSQL + Redis (`http.rs`);
//! 6. the dashboard under ingestion: repeated reports while leads and spend stream in
//!    (`dashboard.rs`);
//! 7. the same HTTP scenarios with the embedded default, SQLite + in-process cache, on
//!    `--scale medium`.
//!
//! Each figure is the median of `--runs` runs (3) with min and max. Nothing asserts a time:
//! targets are reported as met or not; the run fails only when a query errs or answers wrong.

mod child;
mod dashboard;
mod data;
mod http;
mod ingest;
mod load;
mod machine;
mod options;
mod reports;
mod server;
mod stats;
mod table;

use std::process::ExitCode;
use std::time::Instant;

use leadsource::db::connect;

use machine::Machine;
use options::Options;
use table::{Row, Table, Unit};

type Fallible<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The database of the PostgreSQL scenarios, recreated by each run (`--quick` has its own,
/// so that a quick run leaves the large data set of a full one alone).
fn database(options: &Options) -> &'static str {
    if options.quick {
        "leadsource_bench_quick"
    } else {
        "leadsource_bench"
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        return match child::run(&args[i + 1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let options = match Options::parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let outcome = tokio::runtime::Runtime::new()
        .map_err(Into::into)
        .and_then(|rt| rt.block_on(run(&options)));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nbenchmark FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(options: &Options) -> Fallible<()> {
    let machine = Machine::read();
    let started = Instant::now();
    println!(
        "Leadsource benchmarks{}: {} ({} cores, {}), {}, commit {}",
        if options.quick { " (--quick)" } else { "" },
        machine.cpu,
        machine.cores,
        machine.memory,
        machine.date,
        machine.commit
    );
    let mut table = Table::new(options.quick);
    // First, on a quiet database server: the large data set written next leaves it
    // vacuuming and checkpointing for a while.
    if options.runs("ingest") {
        ingest::run(options, &mut table).await?;
    }
    let url = options.database_url(database(options));
    let needs_data = ["data", "reports", "attribution", "http", "dashboard"]
        .iter()
        .any(|s| options.runs(s));
    if needs_data {
        postgres_data(options, &url, &mut table).await?;
    }
    let db = connect(&url, 2).await;
    let span = match (needs_data, db) {
        (true, Ok(db)) => {
            let span = data::span(&db)
                .await?
                .ok_or("the demo workspace has no leads")?;
            table.note(format!(
                "PostgreSQL data (`demo-data --scale {}`): {}",
                options.scale(),
                data::describe(&db, &span).await?
            ));
            Some(span)
        }
        (true, Err(e)) => return Err(e.into()),
        (false, _) => None,
    };
    if let Some(span) = &span {
        if options.runs("reports") {
            reports::performance(options, &url, span, &mut table).await?;
        }
        if options.runs("attribution") {
            reports::attribution(options, &url, span, &mut table).await?;
        }
        if options.runs("http") {
            let title = format!(
                "Over HTTP, PostgreSQL + Redis, `--scale {}`, 1-year CHANNEL reports",
                options.scale()
            );
            http::run(options, title, &url, Some(&options.redis), &mut table).await?;
        }
        if options.runs("dashboard") {
            dashboard::run(options, &url, &mut table).await?;
        }
    }
    if options.runs("embedded") {
        embedded(options, &mut table).await?;
    }
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    println!("\nfinished in {minutes:.1} min\n");
    let markdown = render(options, &machine, &table, minutes);
    println!("{markdown}");
    if let Some(path) = &options.out {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, &markdown)?;
        println!("written to {}", path.display());
    }
    Ok(())
}

/// Writes the demo data into a fresh database (or keeps it with `--reuse-data`), timed.
async fn postgres_data(options: &Options, url: &str, table: &mut Table) -> Fallible<()> {
    table.section("Demo data");
    if options.reuse_data {
        let filled = match connect(url, 1).await {
            Ok(db) => data::span(&db).await.ok().flatten().is_some(),
            Err(_) => false,
        };
        if filled {
            table.note(format!(
                "--reuse-data: kept the data of database {}; its generation was not timed",
                database(options)
            ));
            return Ok(());
        }
    }
    let name = database(options);
    data::recreate(&options.postgres, name).await?;
    let scale = options.scale();
    println!("writing demo-data --scale {scale} into PostgreSQL database {name} …");
    let took = data::demo_data(url, scale)?;
    table.push(Row::new(
        format!("`leadsource demo-data --scale {scale}` into a fresh PostgreSQL database"),
        Unit::Seconds,
        &[took.as_secs_f64()],
    ));
    // What autovacuum would do over the next minutes, done now, so that the reports below
    // (ours and psql's alike) run on settled tables rather than beside a vacuum.
    let took = data::settle(url).await?;
    table.push(Row::new(
        "`VACUUM (ANALYZE)` and `CHECKPOINT` after the load",
        Unit::Seconds,
        &[took.as_secs_f64()],
    ));
    // demo-data built the rollups in its own transaction; this is the repair command alone.
    let took = data::rebuild_rollups(url)?;
    let row = Row::new(
        "`leadsource rebuild-rollups --workspace demo`",
        Unit::Seconds,
        &[took.as_secs_f64()],
    );
    table.push(if options.quick {
        row
    } else {
        row.target("≤ 60 s", took.as_secs_f64() <= 60.0)
    });
    Ok(())
}

/// The embedded default: SQLite file and in-process cache, `--scale medium`.
async fn embedded(options: &Options, table: &mut Table) -> Fallible<()> {
    let scale = options.embedded_scale();
    let path = std::env::temp_dir().join(format!("leadsource-bench-{}.db", std::process::id()));
    let url = format!("sqlite://{}", path.display());
    table.section(format!(
        "Embedded default: SQLite + in-process cache, `--scale {scale}`"
    ));
    let took = data::demo_data(&url, scale)?;
    table.push(Row::new(
        format!("`leadsource demo-data --scale {scale}` into a new SQLite file"),
        Unit::Seconds,
        &[took.as_secs_f64()],
    ));
    let title =
        format!("Over HTTP, SQLite + in-process cache, `--scale {scale}`, 1-year CHANNEL reports");
    let outcome = http::run(options, title, &url, None, table).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    outcome
}

fn render(options: &Options, machine: &Machine, table: &Table, minutes: f64) -> String {
    let mut out = String::new();
    out.push_str("# Leadsource benchmarks\n\n");
    out.push_str(
        "Produced by `bash .ci/bench` (see the README); every figure is the median of the runs, \
         with min and max, and every baseline ran in the same run as the figure beside it. \
         \"Cost vs baseline\" is our time over the baseline's (for rates: the baseline's rate \
         over ours), run by run. Targets are reported, never enforced.\n\n",
    );
    out.push_str(&format!(
        "- Machine: {}, {} cores, {} RAM\n- Date: {}\n- Commit: {}\n- Runs per figure: {}{}\n- Whole run: {minutes:.1} min\n\n",
        machine.cpu,
        machine.cores,
        machine.memory,
        machine.date,
        machine.commit,
        options.runs,
        if options.quick { " (--quick: small data, figures not comparable)" } else { "" },
    ));
    out.push_str(&table.markdown());
    if !table.notes.is_empty() {
        out.push('\n');
        for note in &table.notes {
            out.push_str(&format!("- {note}\n"));
        }
    }
    out
}
