//! Building and running the server: `Application::build(config)` connects the store and binds
//! the port (0 picks a free one, for tests); `run_until` serves until a shutdown signal, then
//! lets in-flight requests finish (the accept loop and its bounds are in [`crate::connections`]).

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::connections::{self, ConnectionLimits};
use crate::graphql::{AuthSettings, build_schema_with};
use crate::http::{AppState, ClientAddress, Gate, router};
use crate::store::{self, Store};

/// A bound, ready-to-serve server.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    connections: ConnectionLimits,
}

impl Application {
    /// Connects to the configured store and binds the configured address.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let store = store::connect(&config.database_url).await?;
        Self::with_store(config, store).await
    }

    /// Binds the configured address, serving from an already opened store.
    pub async fn with_store(config: &Config, store: Arc<dyn Store>) -> anyhow::Result<Self> {
        let schema = build_schema_with(
            store.clone(),
            AuthSettings {
                session_ttl: config.session_ttl,
                cookie_secure: config.cookie_secure,
                public_url: config.public_url.clone(),
            },
            config.introspection,
            config.signin_limits,
        );
        let state = AppState {
            schema,
            store,
            graphiql: config.graphiql,
            request_timeout: config.request_timeout,
            client_address: ClientAddress {
                trusted: config.trusted_proxies.clone().into(),
                header: config.client_ip_header.clone(),
            },
            gate: Gate::default(),
        };
        let addr = SocketAddr::new(config.host, config.port);
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("could not listen on {addr}"))?;
        Ok(Application {
            listener,
            router: router(state, config),
            connections: config.connections,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until `shutdown` completes, then waits for in-flight requests to finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        connections::serve(self.listener, self.router, self.connections, shutdown).await;
        Ok(())
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
