use std::process::ExitCode;

fn main() -> ExitCode {
    // Like other command-line tools, stop quietly when the reader of our output goes away
    // (`resv queue | head`), instead of panicking on a broken pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Databases, logs, exports, letters, packages and backups hold confidential purchasing
    // decisions: everything resv creates is private to the user (files 0600, folders 0700),
    // whatever the user's umask. Set before anything is created, logging included.
    #[cfg(unix)]
    unsafe {
        libc::umask(0o077);
    }
    // The parser's own errors in the user's language (`cli::args`), exit code 2.
    let cli = resv::cli::args::parse();
    let _log = resv::cli::logging::init();
    let lang = cli.lang;
    match resv::cli::run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            // In the user's language, line by line, so a report of several problems stays
            // one per line.
            let text = resv::core::sanitize::clean_lines(&resv::app::errors::render(&e, lang)).join("\n");
            eprintln!("resv: {text}");
            ExitCode::from(2)
        }
    }
}
