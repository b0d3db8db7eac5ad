//! The accept loop: every TCP connection is served by hyper's HTTP/1 server under three bounds
//! that `axum::serve` does not have (it sets no timer), and graceful shutdown.
//!
//! - **Connections** ([`ConnectionLimits::max_connections`], `MAX_CONNECTIONS`): past the cap
//!   the server stops accepting until a connection closes. New clients wait in the kernel's
//!   listen queue (backpressure) instead of each costing a task, buffers and a file descriptor.
//! - **Header read** ([`ConnectionLimits::header_read`], `HEADER_READ_TIMEOUT_SECS`): a request's
//!   head (request line and headers) must be complete this long after its first byte arrived —
//!   on a new connection, after it was accepted. Trickling bytes does not extend it, so a
//!   client sending one header byte at a time (slowloris) is closed.
//! - **Idle** ([`ConnectionLimits::idle`], `IDLE_TIMEOUT_SECS`): a kept-alive connection with no
//!   request in progress and no bytes moving either way is closed after this long. (While the
//!   response is still being written, every byte written counts as activity.)
//!
//! A request whose head is complete is the request timeout's business (`REQUEST_TIMEOUT_SECS`,
//! a tower layer in [`crate::http`]), including a body that arrives slowly.
//!
//! hyper's own `header_read_timeout` is not used: in hyper 1 its timer starts when the server
//! begins waiting for a head, so on a kept-alive connection it would also be the idle timeout
//! and the two could not differ. Here a small watch per connection tracks the phase (waiting,
//! reading a head, serving) from the bytes its socket reads and writes and from the service's
//! calls, and the connection's task sleeps until the current deadline.
//!
//! On shutdown the listener is closed, every connection finishes the request it is serving
//! (hyper's graceful shutdown) and closes, and [`serve`] returns once all have.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore, watch};
use tokio::time::Instant;
use tower::ServiceExt;

/// How long connections may wait and how many may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// From a request's first byte (a new connection: from its accept) to its complete head.
    pub header_read: Duration,
    /// Longest a connection may sit with no request in progress and no bytes moving.
    pub idle: Duration,
    /// Most connections open at once; past it, no new one is accepted until one closes.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            max_connections: 4096,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets every connection finish
/// the request it is serving and returns when all are closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    // Connections watch `stop` to begin their graceful shutdown, and each holds a `done`
    // receiver: when the last is dropped, every connection has closed.
    let (stop, stopping) = watch::channel(false);
    let (done, running) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let connection = Connection {
            router: router.clone(),
            limits,
            stopping: stopping.clone(),
        };
        let running = running.clone();
        tokio::spawn(async move {
            connection.run(stream, peer).await;
            drop(permit);
            drop(running);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    drop(running);
    done.closed().await;
}

/// An `accept` that failed: a connection reset before it was accepted is nothing; running out
/// of file descriptors (or memory) is waited out briefly instead of spinning.
async fn accept_failed(error: &io::Error) {
    let transient = matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::Interrupted
    );
    if !transient {
        tracing::warn!(error = %error, "could not accept a connection; pausing for a second");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// What one connection's task needs.
struct Connection {
    router: Router,
    limits: ConnectionLimits,
    stopping: watch::Receiver<bool>,
}

impl Connection {
    async fn run(mut self, stream: TcpStream, peer: SocketAddr) {
        let clock = Arc::new(Clock::new());
        let io = TokioIo::new(Watched {
            inner: stream,
            clock: clock.clone(),
        });
        let router = self.router.clone();
        let service_clock = clock.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            // The peer feeds the per-address sign-in throttle, as axum's `ConnectInfo`.
            request.extensions_mut().insert(ConnectInfo(peer));
            let serving = Serving::start(service_clock.clone());
            let response = router.clone().oneshot(request.map(Body::new));
            async move {
                let response = response.await;
                drop(serving);
                response
            }
        });
        let mut connection = pin!(http1::Builder::new().serve_connection(io, service));
        let mut stopping = *self.stopping.borrow();
        if stopping {
            connection.as_mut().graceful_shutdown();
        }
        loop {
            let deadline = clock.deadline(&self.limits);
            let expired = async {
                match deadline {
                    Some(deadline) => tokio::time::sleep_until(deadline).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(error = %e, "a connection ended with an error");
                    }
                    return;
                }
                changed = self.stopping.changed(), if !stopping => {
                    stopping = true;
                    if changed.is_ok() {
                        connection.as_mut().graceful_shutdown();
                    }
                }
                () = clock.changed.notified() => {}
                () = expired => {
                    if let Some(why) = clock.expired(&self.limits, Instant::now()) {
                        tracing::debug!(%why, "closing a connection");
                        // Dropping hyper's connection closes the socket.
                        return;
                    }
                }
            }
        }
    }
}

/// Where a connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// No request in progress and no byte of the next one yet.
    Waiting,
    /// The first bytes of a request (or a new connection) arrived at this time; its head is not
    /// complete.
    ReadingHead(Instant),
    /// This many requests are being served (HTTP/1: at most one).
    Serving(usize),
}

/// A connection's phase and its last activity, shared by its socket, its service and its task.
struct Clock {
    state: Mutex<ClockState>,
    /// Wakes the task when the phase changes, so it sleeps until the right deadline.
    changed: Notify,
}

struct ClockState {
    phase: Phase,
    /// The last time a byte was read or written, or a request finished.
    last_activity: Instant,
}

impl Clock {
    fn new() -> Self {
        let now = Instant::now();
        Clock {
            // A new connection is waiting for its first request's head: the header-read timeout
            // runs from the accept.
            state: Mutex::new(ClockState {
                phase: Phase::ReadingHead(now),
                last_activity: now,
            }),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, ClockState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Bytes were read (`read`) or written.
    fn activity(&self, read: bool) {
        let now = Instant::now();
        let mut state = self.lock();
        state.last_activity = now;
        if read && state.phase == Phase::Waiting {
            state.phase = Phase::ReadingHead(now);
            drop(state);
            self.changed.notify_one();
        }
    }

    /// When the connection is to be closed if nothing changes; `None` while serving.
    fn deadline(&self, limits: &ConnectionLimits) -> Option<Instant> {
        let state = self.lock();
        match state.phase {
            Phase::Waiting => Some(state.last_activity + limits.idle),
            Phase::ReadingHead(since) => Some(since + limits.header_read),
            Phase::Serving(_) => None,
        }
    }

    /// Why the connection is to be closed at `now`, if it is.
    fn expired(&self, limits: &ConnectionLimits, now: Instant) -> Option<&'static str> {
        let state = self.lock();
        match state.phase {
            Phase::Waiting if now >= state.last_activity + limits.idle => Some("idle"),
            Phase::ReadingHead(since) if now >= since + limits.header_read => {
                Some("the request headers did not arrive in time")
            }
            _ => None,
        }
    }
}

/// A request being served: the phase is `Serving` until it is dropped (the response is ready,
/// or the connection went away).
struct Serving(Arc<Clock>);

impl Serving {
    fn start(clock: Arc<Clock>) -> Self {
        {
            let mut state = clock.lock();
            state.phase = match state.phase {
                Phase::Serving(n) => Phase::Serving(n + 1),
                _ => Phase::Serving(1),
            };
        }
        clock.changed.notify_one();
        Serving(clock)
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        {
            let mut state = self.0.lock();
            state.last_activity = Instant::now();
            state.phase = match state.phase {
                Phase::Serving(n) if n > 1 => Phase::Serving(n - 1),
                _ => Phase::Waiting,
            };
        }
        self.0.changed.notify_one();
    }
}

/// A socket that tells its [`Clock`] about every byte it moves.
struct Watched {
    inner: TcpStream,
    clock: Arc<Clock>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.clock.activity(true);
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.activity(false);
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.activity(false);
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
