//! Configuration: environment variables → a typed [`Config`], validated once at start.
//!
//! Every variable is documented in the README. A bad value stops start-up with one readable
//! error naming the variable; secrets (the database URL's password) are never logged.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::auth::Limits;
use crate::connections::ConnectionLimits;

/// Where the data lives.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A MongoDB server or Atlas cluster (`mongodb://…` or `mongodb+srv://…`).
    Mongo(String),
    /// An embedded SQLite file (`sqlite://PATH`).
    Sqlite(PathBuf),
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // The URL may carry a password: show only the scheme and host part after '@'.
            DatabaseUrl::Mongo(url) => {
                let scheme_end = url.find("://").map_or(0, |i| i + 3);
                let host = url.rsplit_once('@').map_or(&url[scheme_end..], |(_, h)| h);
                write!(f, "{}{}", &url[..scheme_end], host)
            }
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
        }
    }
}

impl std::str::FromStr for DatabaseUrl {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> anyhow::Result<Self> {
        if s.starts_with("mongodb://") || s.starts_with("mongodb+srv://") {
            Ok(DatabaseUrl::Mongo(s.to_string()))
        } else if let Some(path) = s.strip_prefix("sqlite://") {
            if path.is_empty() {
                bail!("sqlite:// needs a file path, e.g. sqlite://data/wisewallet.db");
            }
            Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
        } else {
            bail!("expected mongodb://…, mongodb+srv://… or sqlite://PATH")
        }
    }
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The whole configuration of a server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the data lives (`DATABASE_URL`).
    pub database_url: DatabaseUrl,
    /// Address to bind (`HOST`).
    pub host: IpAddr,
    /// Port to bind; 0 picks a free one (`PORT`).
    pub port: u16,
    /// The built frontend to serve (`STATIC_DIR`).
    pub static_dir: PathBuf,
    /// Origins allowed to call the API from a browser (`CORS_ORIGINS`, comma-separated).
    pub cors_origins: Vec<String>,
    /// Serve GraphiQL on `GET /graphql` (`GRAPHIQL`).
    pub graphiql: bool,
    /// Answer introspection queries (`INTROSPECTION`).
    pub introspection: bool,
    /// Log format (`LOG_FORMAT`).
    pub log_format: LogFormat,
    /// How long a session lasts (`SESSION_TTL_DAYS`).
    pub session_ttl: Duration,
    /// Always mark the session cookie `Secure` (`COOKIE_SECURE`); otherwise only over HTTPS.
    pub cookie_secure: bool,
    /// Longest a request may take before it is answered 408 (`REQUEST_TIMEOUT_SECS`).
    pub request_timeout: Duration,
    /// Proxies whose client-address header is believed (`TRUSTED_PROXIES`); none by default.
    pub trusted_proxies: Vec<IpNet>,
    /// The header a trusted proxy puts the client's address in (`CLIENT_IP_HEADER`,
    /// lower-case; default `x-forwarded-for`).
    pub client_ip_header: String,
    /// The address people reach the API at, e.g. `https://api.example.com` (`PUBLIC_URL`):
    /// links the server hands out (the calendar feed) start with it. Unset, they start with
    /// the scheme and `Host` of the request that asks for them.
    pub public_url: Option<String>,
    /// Sign-in and sign-up attempts allowed per 15 minutes (`SIGNIN_LIMIT_PER_ADDRESS`,
    /// `SIGNIN_LIMIT_GLOBAL`); 5 failures per email is fixed.
    pub signin_limits: Limits,
    /// Slow and idle clients, and how many connections may be open
    /// (`HEADER_READ_TIMEOUT_SECS`, `IDLE_TIMEOUT_SECS`, `MAX_CONNECTIONS`).
    pub connections: ConnectionLimits,
}

/// An IP network such as `10.0.0.0/8` or a single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u32,
}

impl IpNet {
    /// Whether `ip` is in this network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - self.prefix).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - self.prefix).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl std::str::FromStr for IpNet {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> anyhow::Result<Self> {
        let (addr, prefix) = match s.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (s, None),
        };
        let addr: IpAddr = addr
            .trim()
            .parse()
            .with_context(|| format!("{s:?} is not an IP address or network"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|p| *p <= max)
                .with_context(|| format!("{s:?}: the prefix must be 0–{max}"))?,
            None => max,
        };
        Ok(IpNet { addr, prefix })
    }
}

impl Config {
    /// Reads and validates the process environment.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads and validates configuration from any variable lookup (testable without `set_var`).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let parse = |name: &'static str, default: &str| -> anyhow::Result<String> {
            Ok(var(name).unwrap_or_else(|| default.to_string()))
        };
        let flag = |name: &'static str, default: bool| -> anyhow::Result<bool> {
            match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => Ok(default),
                Some("1" | "true" | "yes" | "on") => Ok(true),
                Some("0" | "false" | "no" | "off") => Ok(false),
                Some(other) => bail!("{name}: expected true or false, got {other:?}"),
            }
        };
        let number = |name: &'static str, default: u64, max: u64| -> anyhow::Result<u64> {
            let raw = parse(name, &default.to_string())?;
            let value: u64 = raw
                .trim()
                .parse()
                .with_context(|| format!("{name}: expected a whole number, got {raw:?}"))?;
            if value == 0 || value > max {
                bail!("{name}: must be between 1 and {max}, got {value}");
            }
            Ok(value)
        };

        let database_url = parse("DATABASE_URL", "sqlite://data/wisewallet.db")?
            .trim()
            .parse::<DatabaseUrl>()
            .context("DATABASE_URL")?;
        let host_raw = parse("HOST", "127.0.0.1")?;
        let host = host_raw
            .trim()
            .parse()
            .with_context(|| format!("HOST: expected an IP address, got {host_raw:?}"))?;
        let port_raw = parse("PORT", "8000")?;
        let port = port_raw
            .trim()
            .parse()
            .with_context(|| format!("PORT: expected 0–65535, got {port_raw:?}"))?;
        let cors_origins = var("CORS_ORIGINS")
            .map(|v| {
                v.split(',')
                    .map(|o| o.trim().trim_end_matches('/').to_string())
                    .filter(|o| !o.is_empty())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for origin in &cors_origins {
            if !(origin.starts_with("http://") || origin.starts_with("https://")) {
                bail!("CORS_ORIGINS: {origin:?} is not an http(s) origin");
            }
        }
        let trusted_proxies = var("TRUSTED_PROXIES")
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::parse)
                    .collect::<anyhow::Result<Vec<IpNet>>>()
            })
            .transpose()
            .context("TRUSTED_PROXIES")?
            .unwrap_or_default();
        let client_ip_header = parse("CLIENT_IP_HEADER", "x-forwarded-for")?
            .trim()
            .to_ascii_lowercase();
        if axum::http::HeaderName::from_bytes(client_ip_header.as_bytes()).is_err() {
            bail!("CLIENT_IP_HEADER: {client_ip_header:?} is not a header name");
        }
        let public_url = var("PUBLIC_URL")
            .map(|v| v.trim().trim_end_matches('/').to_string())
            .map(|url| {
                let rest = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"));
                match rest {
                    Some(host)
                        if !host.is_empty()
                            && host.len() <= 253
                            && host.bytes().all(|b| {
                                b.is_ascii_alphanumeric() || b".-:[]/_".contains(&b)
                            }) =>
                    {
                        Ok(url)
                    }
                    _ => Err(anyhow::anyhow!(
                        "PUBLIC_URL: expected an http(s) URL such as https://api.example.com, got {url:?}"
                    )),
                }
            })
            .transpose()?;
        let defaults = Limits::default();
        let connection_defaults = ConnectionLimits::default();
        let log_format = match parse("LOG_FORMAT", "text")?.to_ascii_lowercase().as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => bail!("LOG_FORMAT: expected text or json, got {other:?}"),
        };

        Ok(Config {
            database_url,
            host,
            port,
            static_dir: PathBuf::from(parse("STATIC_DIR", "frontend/dist")?),
            cors_origins,
            graphiql: flag("GRAPHIQL", true)?,
            introspection: flag("INTROSPECTION", true)?,
            log_format,
            session_ttl: Duration::from_secs(number("SESSION_TTL_DAYS", 30, 365)? * 86_400),
            cookie_secure: flag("COOKIE_SECURE", false)?,
            request_timeout: Duration::from_secs(number("REQUEST_TIMEOUT_SECS", 30, 600)?),
            trusted_proxies,
            client_ip_header,
            public_url,
            signin_limits: Limits {
                per_address: usize::try_from(number(
                    "SIGNIN_LIMIT_PER_ADDRESS",
                    defaults.per_address as u64,
                    1_000_000,
                )?)?,
                global: usize::try_from(number(
                    "SIGNIN_LIMIT_GLOBAL",
                    defaults.global as u64,
                    10_000_000,
                )?)?,
                ..defaults
            },
            connections: ConnectionLimits {
                header_read: Duration::from_secs(number(
                    "HEADER_READ_TIMEOUT_SECS",
                    connection_defaults.header_read.as_secs(),
                    600,
                )?),
                idle: Duration::from_secs(number(
                    "IDLE_TIMEOUT_SECS",
                    connection_defaults.idle.as_secs(),
                    3600,
                )?),
                max_connections: usize::try_from(number(
                    "MAX_CONNECTIONS",
                    connection_defaults.max_connections as u64,
                    1_000_000,
                )?)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<Config> {
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_are_the_embedded_store_on_localhost_8000() -> anyhow::Result<()> {
        let c = config(&[])?;
        assert_eq!(
            c.database_url,
            DatabaseUrl::Sqlite("data/wisewallet.db".into())
        );
        assert_eq!(c.host.to_string(), "127.0.0.1");
        assert_eq!(c.port, 8000);
        assert!(c.graphiql && c.introspection);
        assert_eq!(c.connections.header_read, Duration::from_secs(10));
        assert_eq!(c.connections.idle, Duration::from_secs(60));
        assert_eq!(c.connections.max_connections, 4096);
        Ok(())
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (var, value) in [
            ("DATABASE_URL", "postgres://x"),
            ("PORT", "80000"),
            ("HOST", "localhost:1"),
            ("GRAPHIQL", "maybe"),
            ("LOG_FORMAT", "xml"),
            ("CORS_ORIGINS", "example.com"),
            ("SESSION_TTL_DAYS", "0"),
            ("TRUSTED_PROXIES", "10.0.0.0/33"),
            ("TRUSTED_PROXIES", "proxy.example.com"),
            ("CLIENT_IP_HEADER", "bad header"),
            ("PUBLIC_URL", "api.example.com"),
            ("PUBLIC_URL", "https://exa mple.com"),
            ("SIGNIN_LIMIT_PER_ADDRESS", "0"),
            ("HEADER_READ_TIMEOUT_SECS", "0"),
            ("IDLE_TIMEOUT_SECS", "ten"),
            ("MAX_CONNECTIONS", "0"),
        ] {
            let err = config(&[(var, value)]).expect_err(var);
            assert!(format!("{err:#}").contains(var), "{err:#}");
        }
    }

    #[test]
    fn trusted_proxies_are_networks_or_addresses() -> anyhow::Result<()> {
        let c = config(&[("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1")])?;
        let [net, one, six] = c.trusted_proxies.as_slice() else {
            panic!("three entries: {:?}", c.trusted_proxies);
        };
        assert!(net.contains("10.1.2.3".parse()?));
        assert!(!net.contains("11.0.0.1".parse()?));
        assert!(one.contains("127.0.0.1".parse()?));
        assert!(one.contains("::ffff:127.0.0.1".parse()?));
        assert!(!one.contains("127.0.0.2".parse()?));
        assert!(six.contains("::1".parse()?));
        assert!(config(&[])?.trusted_proxies.is_empty());
        Ok(())
    }

    #[test]
    fn the_database_password_is_not_in_debug_output() -> anyhow::Result<()> {
        let c = config(&[(
            "DATABASE_URL",
            "mongodb+srv://u:s3cret@cluster.example.net/db",
        )])?;
        let shown = format!("{:?}", c.database_url);
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("cluster.example.net"), "{shown}");
        Ok(())
    }
}
