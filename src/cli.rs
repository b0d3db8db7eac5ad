//! The command line.
//!
//! ```text
//! wisewallet [serve]                 run the server (the default)
//! wisewallet healthcheck             exit 0 when the server on HOST:PORT answers /readyz with 200
//! wisewallet export [--output FILE]  write every user's data as JSON (stdout by default)
//! wisewallet import FILE             load an export into DATABASE_URL
//! ```

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::app::{Application, shutdown_signal};
use crate::config::Config;
use crate::store::{self, Dump};
use crate::telemetry;

const USAGE: &str = "usage: wisewallet [serve | healthcheck | export [--output FILE] | import FILE]

Configuration comes from environment variables (see README): DATABASE_URL, HOST, PORT, …";

/// Runs the subcommand in `args` (without the program name).
pub async fn run(args: Vec<String>) -> anyhow::Result<ExitCode> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["serve"] => serve().await.map(|()| ExitCode::SUCCESS),
        ["healthcheck"] => Ok(healthcheck()),
        ["export"] => export(None).await.map(|()| ExitCode::SUCCESS),
        ["export", "--output" | "-o", "-"] => export(None).await.map(|()| ExitCode::SUCCESS),
        ["export", "--output" | "-o", file] => export(Some(Path::new(file)))
            .await
            .map(|()| ExitCode::SUCCESS),
        ["import", file] => import(Path::new(file)).await.map(|()| ExitCode::SUCCESS),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => bail!("unknown command\n{USAGE}"),
    }
}

async fn serve() -> anyhow::Result<()> {
    let config = Config::from_env().context("invalid configuration")?;
    telemetry::init(config.log_format);
    tracing::info!(database = ?config.database_url, "starting");
    let app = Application::build(&config).await?;
    let addr = app.local_addr();
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
    } else {
        addr
    };
    tracing::info!(%addr, "listening");
    println!("Wisewallet is running at http://{shown}/ (Ctrl-C to stop)");
    app.run_until(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Asks the server at [`healthcheck_addr`] for `/readyz`; for the Docker HEALTHCHECK, which has
/// no shell or curl.
fn healthcheck() -> ExitCode {
    let addr = healthcheck_addr(
        std::env::var("HOST").ok().as_deref(),
        std::env::var("PORT").ok().as_deref(),
    );
    let ready = || -> std::io::Result<bool> {
        let timeout = Duration::from_secs(3);
        let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.write_all(b"GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut status = [0u8; 12];
        stream.read_exact(&mut status)?;
        Ok(status.ends_with(b" 200"))
    };
    match ready() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("wisewallet healthcheck: {addr}/readyz is not ready");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("wisewallet healthcheck: {addr}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Where the server of this environment listens, as a client dials it: `HOST` when it names one
/// address; this machine's loopback when the server listens on every address (`0.0.0.0` →
/// `127.0.0.1`, `::` → `::1`); on `PORT`. Missing or unparsable values get the configuration's
/// defaults (`127.0.0.1`, `8000`), which is where a server would be that started without them.
fn healthcheck_addr(host: Option<&str>, port: Option<&str>) -> SocketAddr {
    let port = port.and_then(|p| p.trim().parse().ok()).unwrap_or(8000);
    let host = host
        .and_then(|h| h.trim().parse().ok())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let ip = match host {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, port)
}

async fn export(output: Option<&Path>) -> anyhow::Result<()> {
    let config = Config::from_env().context("invalid configuration")?;
    let store = store::connect(&config.database_url).await?;
    let dump = store.export().await.context("reading the data")?;
    let json = dump.to_json().context("writing the export as JSON")?;
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(json.as_bytes())?;
            stdout.write_all(b"\n")?;
        }
        Some(path) => {
            write_private(path, json.as_bytes())?;
            let entries: usize = dump.accounts.iter().map(|a| a.entries.len()).sum();
            eprintln!(
                "exported {} users and {entries} bills and paydays to {} (it holds password \
                 hashes: keep it private)",
                dump.accounts.len(),
                path.display()
            );
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` as the owner's private file (mode 0600), whole or not at all.
///
/// An export holds password hashes, and it may be written by root: so a `path` that exists and
/// is not a regular file (a symlink, a directory, a device) is refused; the data goes to a new
/// file created exclusively (never through an existing name or link) beside it, and is renamed
/// into place; on any failure nothing is left behind.
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;

    if let Ok(existing) = std::fs::symlink_metadata(path)
        && !existing.file_type().is_file()
    {
        anyhow::bail!(
            "{} exists and is not a regular file: refusing to replace it",
            path.display()
        );
    }
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut suffix = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut suffix);
    let tmp = folder.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        hex::encode(suffix)
    ));
    let written = (|| -> anyhow::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .with_context(|| format!("creating {}", tmp.display()))?;
        file.write_all(bytes)?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

async fn import(file: &Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let dump =
        Dump::from_json(&text).with_context(|| format!("{} was not imported", file.display()))?;
    let config = Config::from_env().context("invalid configuration")?;
    let store = store::connect(&config.database_url).await?;
    let summary = store
        .import(&dump)
        .await
        .map_err(|e| match e {
            store::StoreError::Internal(cause) | store::StoreError::Unavailable(cause) => cause,
            other => anyhow::anyhow!("{other}"),
        })
        .context("the import stopped")?;
    eprintln!(
        "imported {} new users ({} already present) and {} bills and paydays ({} already present)",
        summary.users_created,
        summary.users_skipped,
        summary.entries_created,
        summary.entries_skipped
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_healthcheck_dials_a_specific_host_and_loopback_for_an_unspecified_one() {
        let dial = |host, port| healthcheck_addr(host, port).to_string();
        assert_eq!(dial(Some("10.0.0.7"), Some("9000")), "10.0.0.7:9000");
        assert_eq!(dial(Some(" 2001:db8::1 "), None), "[2001:db8::1]:8000");
        assert_eq!(dial(Some("0.0.0.0"), Some("8080")), "127.0.0.1:8080");
        assert_eq!(dial(Some("::"), Some("8080")), "[::1]:8080");
        assert_eq!(dial(None, None), "127.0.0.1:8000");
        assert_eq!(dial(Some("localhost"), Some("eighty")), "127.0.0.1:8000");
    }
}
