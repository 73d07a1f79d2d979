use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = resv::cli::Cli::parse();
    let _log = resv::logging::init();
    match resv::cli::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("resv: {}", resv::core::sanitize::clean(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}
