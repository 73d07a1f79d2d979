use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Like other command-line tools, stop quietly when the reader of our output goes away
    // (`resv queue | head`), instead of panicking on a broken pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = resv::cli::Cli::parse();
    let _log = resv::logging::init();
    match resv::cli::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            // Line by line, so a report of several problems stays one per line.
            let text = resv::core::sanitize::clean_lines(&format!("{e:#}")).join("\n");
            eprintln!("resv: {text}");
            ExitCode::from(2)
        }
    }
}
