//! `resv-bench`: measures the speed targets on synthetic plans and prints the figures
//! recorded in `docs/performance.md`. A development tool, outside the product's modules and
//! the `resv` binary. Run it with `cargo run --release --bin resv-bench`.

mod funding;
mod national;
mod synthetic;
mod workbench;

use clap::Parser;

/// Measure import, rendering, filtering and double-funding speed on synthetic plans
#[derive(Parser, Debug)]
#[command(name = "resv-bench")]
struct Args {
    /// Plans in the queue for the render and filter measurements
    #[arg(long, default_value_t = 10_000)]
    queue_size: usize,
    /// Plans imported for the import measurement
    #[arg(long, default_value_t = 1_000)]
    import_size: usize,
    /// Arrangements in the synthetic registry for the double-funding measurement
    #[arg(long, default_value_t = 100_000)]
    registry_size: usize,
    /// Only the national-scale table: whole `resv` processes on databases of these plan
    /// counts, without a registry and with one of --registry-size arrangements
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    national: Option<Vec<usize>>,
    /// With --national: keep the databases and the registry file in this directory (which
    /// must not exist yet) instead of a temporary one, to profile or inspect them afterwards
    #[arg(long, value_name = "DIR", requires = "national")]
    keep: Option<std::path::PathBuf>,
    /// (internal) open the workbench on this database, draw one frame, print ms and peak MiB
    #[arg(long, hide = true, value_name = "DB")]
    first_frame: Option<std::path::PathBuf>,
    /// (internal) with --first-frame: then tick the workbench until its background
    /// recomputation is done, and print that time and the peak too
    #[arg(long, hide = true, requires = "first_frame")]
    until_recomputed: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(db) = &args.first_frame {
        return national::first_frame(db, args.until_recomputed);
    }
    println!(
        "resv-bench: {} build",
        if cfg!(debug_assertions) {
            "DEBUG (use --release)"
        } else {
            "release"
        }
    );
    if let Some(sizes) = &args.national {
        return national::run(sizes, args.registry_size, args.keep.as_deref());
    }
    // Double funding first, so the peak memory it reports is its own.
    funding::run(args.registry_size)?;
    workbench::run(args.queue_size, args.import_size)
}
