//! A FerretDB process of a test's own, for tests that stop and restart the database: built once
//! by `scripts/ferretdb.sh` (which `scripts/test.sh` runs), found through `FERRETDB_BIN` or in
//! its cache folder. Without it such a test fails saying how to get it; it never skips.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The FerretDB binary `scripts/ferretdb.sh` builds.
pub fn binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("FERRETDB_BIN") {
        return bin.into();
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .expect("HOME or XDG_CACHE_HOME is set");
    cache.join("wisewallet/ferretdb-v1.24.2/ferretdb")
}

/// A free loopback port.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A running FerretDB on SQLite files in `dir`, on `port`; killed when dropped.
pub struct FerretDb {
    child: Option<Child>,
    pub port: u16,
    dir: PathBuf,
}

impl FerretDb {
    /// Starts FerretDB on `port` with its data in `dir` and waits until it accepts connections.
    pub fn start(dir: &Path, port: u16) -> FerretDb {
        let bin = binary();
        assert!(
            bin.is_file(),
            "{} is missing: this test starts and stops its own FerretDB. Run ./scripts/test.sh \
             (it builds FerretDB once), or `FERRETDB_INSTALL_ONLY=1 bash scripts/ferretdb.sh`, \
             or set FERRETDB_BIN",
            bin.display()
        );
        // The debug listener (metrics, pprof) is off: nothing here uses it, and FerretDB exits
        // when its port cannot be bound, even after the main listener answered; a second port
        // found free is one more that a test running beside this one can take first.
        let child = Command::new(&bin)
            .arg("--handler=sqlite")
            .arg(format!("--sqlite-url=file:{}/", dir.display()))
            .arg(format!("--state-dir={}", dir.display()))
            .arg(format!("--listen-addr=127.0.0.1:{port}"))
            .arg("--debug-addr=-")
            .arg("--telemetry=disable")
            .arg("--log-level=error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("FerretDB starts");
        let ferret = FerretDb {
            child: Some(child),
            port,
            dir: dir.to_path_buf(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "FerretDB did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        ferret
    }

    /// The connection string of database `name` on it.
    pub fn url(&self, name: &str) -> String {
        format!("mongodb://127.0.0.1:{}/{name}", self.port)
    }

    /// Kills it (SIGKILL), as a crash or a lost machine would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port and data.
    pub fn restart(&mut self) {
        self.kill();
        *self = FerretDb::start(&self.dir.clone(), self.port);
    }
}

impl Drop for FerretDb {
    fn drop(&mut self) {
        self.kill();
    }
}
