//! Shared by every test crate: where the MongoDB tests get their database, the backend matrix
//! ([`backend_tests!`]), and the running binary ([`process`]).
//!
//! Each crate uses only a part of these, so unused ones are allowed here (an `expect` would
//! fail in the crates that do use them).
#![allow(dead_code, unused_imports, unused_macros)]

pub mod ferretdb;
pub mod process;

/// Which store a test runs on.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Mongo,
    Sqlite,
}

/// The URL of a fresh, uniquely named database (`<prefix>_<id>`) on the server `MONGODB_URI`
/// names. Without `MONGODB_URI` the test fails saying how to get one: MongoDB tests never pass
/// by skipping.
pub fn fresh_mongo_url(prefix: &str) -> String {
    let uri = std::env::var("MONGODB_URI").unwrap_or_else(|_| {
        panic!(
            "MONGODB_URI is not set: the MongoDB tests need a MongoDB-wire server. \
             Run the README's test command (./scripts/test.sh), which starts FerretDB, \
             or set MONGODB_URI=mongodb://HOST:PORT"
        )
    });
    let database = format!("{prefix}_{}", wisewallet::domain::id::Id::generate());
    let (base, query) = match uri.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (uri.as_str(), String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{database}{query}", &base[..host_end])
}

/// The Python of the venv that holds the reference packages (`holidays` 0.108, `icalendar`),
/// made once by `scripts/python-env.sh` and cached. Without `python3`, `venv` or PyPI the test
/// fails saying so: a reference that cannot be consulted is not a pass.
pub fn reference_python() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new("bash")
        .arg(root.join("scripts/python-env.sh"))
        .output()
        .unwrap_or_else(|e| panic!("could not run scripts/python-env.sh: {e}"));
    assert!(
        output.status.success(),
        "scripts/python-env.sh failed (it needs python3 with venv and PyPI):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Declares each test once and runs it on both stores, as `name::mongo` and `name::sqlite`:
///
/// ```ignore
/// backend_tests! {
///     fixture: TestApp = spawn_app;
///     async fn a_bill_is_created(app) { … }
/// }
/// ```
/// `spawn_app` is an `async fn(Backend) -> TestApp`; each body gets what it returned for that
/// backend (a running app, a store) as the named argument, kept alive until the test ends.
macro_rules! backend_tests {
    (
        fixture: $fixture:ty = $open:path;
        $(async fn $name:ident($arg:ident) $body:block)*
    ) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($arg: $fixture) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn mongo() {
                    run($open($crate::common::Backend::Mongo).await).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    run($open($crate::common::Backend::Sqlite).await).await
                }
            }
        )*
    };
}
pub(crate) use backend_tests;
