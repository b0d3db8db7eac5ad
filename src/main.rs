//! The `wisewallet` binary: parses the subcommand, runs it, prints one readable error.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match wisewallet::cli::run(std::env::args().skip(1).collect()).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wisewallet: {err:#}");
            ExitCode::FAILURE
        }
    }
}
