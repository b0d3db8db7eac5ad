//! The `wisewallet` binary as a process: started on a free port, or run as a one-off command.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

/// The binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_wisewallet");

/// A `wisewallet serve` process and the base URL it printed; killed when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `wisewallet serve` on `database_url`, on 127.0.0.1 and a free port, and waits for the
/// line that says where it listens.
pub fn serve(database_url: &str) -> Server {
    let mut child = Command::new(BIN)
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("HOST", "127.0.0.1")
        .env("PORT", "0")
        .env("STATIC_DIR", "/nonexistent")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a first line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    Server { child, url }
}

/// Runs `wisewallet <args>` on `database_url` to completion.
pub fn run(database_url: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs")
}
