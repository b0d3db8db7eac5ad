//! The `wisewallet` binary: parses the subcommand, runs it, prints one readable error.

use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: responses and calendar feeds are built from thousands of
/// small values and strings and freed at once; glibc's malloc and free were a fifth of the
/// server's CPU on the forecast (`docs/benchmarks.md` §7) and a third of a feed's (§6). Only
/// the binary sets it: the library and its tests keep the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Threads tokio may start for blocking work (SQLite calls, file I/O). The default, 512, lets a
/// burst of requests start hundreds of threads, each keeping a malloc arena of its own; the
/// stores already bound their own concurrency well below this.
const MAX_BLOCKING_THREADS: usize = 32;

/// How long an idle blocking thread waits for more work before it ends. Tokio's default, 10 s,
/// makes a steady load end and start threads all the time, and each new one takes fresh stack
/// and heap pages; kept for ten minutes, the pool settles at what the load needs.
const BLOCKING_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(600);

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(MAX_BLOCKING_THREADS)
        .thread_keep_alive(BLOCKING_KEEP_ALIVE)
        .build();
    let result = match runtime {
        Ok(runtime) => runtime.block_on(wisewallet::cli::run(std::env::args().skip(1).collect())),
        Err(err) => Err(anyhow::Error::new(err).context("could not start the async runtime")),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wisewallet: {err:#}");
            ExitCode::FAILURE
        }
    }
}
