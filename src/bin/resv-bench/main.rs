//! `resv-bench`: measures the speed targets on synthetic plans and prints the figures
//! recorded in `docs/performance.md`. A development tool, outside the product's modules and
//! the `resv` binary. Run it with `cargo run --release --bin resv-bench`.

mod funding;
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
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    println!(
        "resv-bench: {} build",
        if cfg!(debug_assertions) {
            "DEBUG (use --release)"
        } else {
            "release"
        }
    );
    // Double funding first, so the peak memory it reports is its own.
    funding::run(args.registry_size)?;
    workbench::run(args.queue_size, args.import_size)
}
