//! HTTP: the router, its tower layers, `/graphql`, `/calendar/<token>.ics`, `/healthz`,
//! `/readyz` and the frontend.
//!
//! `POST /graphql` runs exactly one operation from a JSON body:
//! - any other content type → 415; a JSON array (a batch) → 400; malformed JSON → 400;
//! - a body over [`MAX_BODY_BYTES`] → 413.
//!
//! `GET /graphql` only serves GraphiQL (when enabled) and never executes anything, so no link
//! or image tag can trigger a mutation.
//!
//! The [`Viewer`] is an extractor of the handler (auth at the edge): it is resolved from the
//! bearer header or cookie before the body is read — one store read, only when the request
//! carries a token — and a store failure there answers 500 `INTERNAL_SERVER_ERROR`. GraphQL
//! receives the viewer and never looks at headers.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRef, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use http_body::{Frame, SizeHint};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use tokio::sync::Semaphore;

use crate::auth::Viewer;
use crate::config::{Config, IpNet};
use crate::edge;
use crate::error::error_response;
use crate::graphql::{self, AppSchema, RequestMeta, limits};
use crate::store::Store;

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// GraphQL requests executing at once; more wait in the queue.
pub const MAX_RUNNING: usize = 32;
/// GraphQL requests running or waiting; more are refused at once with 503.
pub const MAX_QUEUED: usize = 512;

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The GraphQL schema.
    pub schema: AppSchema,
    /// The store, for `/readyz` and the viewer.
    pub store: Arc<dyn Store>,
    /// Serve GraphiQL on `GET /graphql`.
    pub graphiql: bool,
    /// How long one request may take.
    pub request_timeout: Duration,
    /// Who the client is behind a proxy.
    pub client_address: ClientAddress,
    /// Bounds on GraphQL requests in flight.
    pub gate: Gate,
}

/// What the [`Viewer`] extractor reads the session from.
impl FromRef<AppState> for Arc<dyn Store> {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

/// How many GraphQL requests may run and wait: a flood is answered 503 at once instead of
/// growing memory without bound (each running request may hold a response of up to the
/// budget in [`graphql::budget`]).
#[derive(Clone)]
pub struct Gate {
    queued: Arc<Semaphore>,
    running: Arc<Semaphore>,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            queued: Arc::new(Semaphore::new(MAX_QUEUED)),
            running: Arc::new(Semaphore::new(MAX_RUNNING)),
        }
    }
}

/// Middleware on `POST /graphql`, before anything reads the body or the store: a place in the
/// queue or 503 at once, then a running permit (waiting for one is bounded by the queue and
/// the request timeout).
async fn admit(State(gate): State<Gate>, request: Request, next: Next) -> Response {
    let Ok(_queued) = gate.queued.clone().try_acquire_owned() else {
        return error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "RATE_LIMITED",
            "the server is busy; try again in a moment",
        );
    };
    let Ok(_running) = gate.running.acquire().await else {
        return error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "INTERNAL_SERVER_ERROR",
            "the server is shutting down",
        );
    };
    next.run(request).await
}

/// Where the client's address comes from: the TCP peer, unless the peer is a trusted proxy,
/// in which case the proxy's header says (`TRUSTED_PROXIES`, `CLIENT_IP_HEADER`).
#[derive(Debug, Clone, Default)]
pub struct ClientAddress {
    /// Proxies whose header is believed.
    pub trusted: Arc<[IpNet]>,
    /// The header they set, lower-case.
    pub header: String,
}

impl ClientAddress {
    /// The client's address for a request from `peer` with `headers`. Behind trusted proxies
    /// it is the rightmost address in the header that is not itself a trusted proxy (earlier
    /// entries are whatever the client claimed).
    pub fn of(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer?;
        let trusted = |ip: IpAddr| self.trusted.iter().any(|net| net.contains(ip));
        if !trusted(peer) || self.header.is_empty() {
            return Some(peer);
        }
        let claimed = headers
            .get_all(self.header.as_str())
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect::<Vec<_>>();
        claimed
            .iter()
            .rev()
            .filter_map(|entry| parse_address(entry.trim()))
            .find(|ip| !trusted(*ip))
            .or(Some(peer))
    }
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, or
/// CloudFront's `2001:db8::1:443`.
fn parse_address(text: &str) -> Option<IpAddr> {
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| text.rsplit_once(':').and_then(|(ip, _)| ip.parse().ok()))
}

/// The whole HTTP application.
pub fn router(state: AppState, config: &Config) -> Router {
    let request_id = edge::REQUEST_ID;
    let mut app = Router::new()
        .route(
            "/graphql",
            post(graphql)
                .route_layer(middleware::from_fn_with_state(state.gate.clone(), admit))
                .get(graphiql),
        )
        .route(
            "/calendar/{file}",
            get(crate::calendar::serve)
                .route_layer(middleware::from_fn_with_state(state.gate.clone(), admit)),
        )
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(state);
    app = match frontend(&config.static_dir) {
        // Hashed assets are only ever files: a missing one is 404, never the app's HTML (which
        // would then be cached as if it were the asset).
        Some(frontend) => app
            .nest_service("/assets", ServeDir::new(config.static_dir.join("assets")))
            .fallback_service(frontend),
        None => app.fallback(no_frontend),
    };
    // Layers run top to bottom on the way in:
    app.layer(
        ServiceBuilder::new()
            // 1. every request gets an id (kept if the client sent a short, visible one) …
            .layer(middleware::from_fn(edge::bound_request_id))
            .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
            // 2. … that the trace span records, with method, path (cut short), status and
            //    latency …
            .layer(
                TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                    let id = request
                        .headers()
                        .get(edge::REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    let path = edge::log_path(request.uri().path());
                    tracing::info_span!("request", id, method = %request.method(), path = %path)
                }),
            )
            // 3. … and the response echoes;
            .layer(PropagateRequestIdLayer::new(request_id))
            // 4. every response, errors and refusals included, carries the security headers;
            .layer(middleware::from_fn(edge::security_headers))
            // 5. a panic in a handler becomes a logged 500 instead of a dropped connection;
            .layer(CatchPanicLayer::custom(answer_panic))
            // 6. an overlong address is 414, an overlong path segment 404, before routing;
            .layer(middleware::from_fn(edge::bound_target))
            // 7. a body announced over 64 KiB is 413 at once (no `100 Continue`, no read);
            .layer(middleware::from_fn(edge::refuse_large_bodies))
            // 8. no request may take longer than the configured timeout (408);
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                config.request_timeout,
            ))
            // 9. browsers on other origins are allowed only from the configured list;
            .layer(cors(&config.cors_origins))
            // 10. every response says how it may be cached (see `cache_policy`);
            .layer(middleware::from_fn(cache_policy))
            // 11. responses are gzipped when the client accepts it;
            .layer(CompressionLayer::new())
            // 12. and bodies are capped (413) as they are read, whatever they announced.
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
    )
}

/// The answer to a request whose handler panicked: the panic is logged, and the client gets
/// a 500 shaped like every other error (`INTERNAL_SERVER_ERROR`), with nothing of the panic.
/// The rest of the server is unaffected: the handler ran inside its connection's task.
fn answer_panic(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(a panic without a message)");
    tracing::error!(panic = message, "a request handler panicked");
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL_SERVER_ERROR",
        "internal server error",
    )
}

/// How responses may be cached: the web app's hashed assets (`/assets/…`, named by their
/// content) forever; everything else — the HTML, the API, health checks — not at all, so the
/// Back button after signing out shows nothing from memory and no shared cache keeps a
/// person's balance. A handler that sets its own `Cache-Control` keeps it.
async fn cache_policy(request: Request, next: Next) -> Response {
    let hashed_asset = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
    let html = edge::is_html(&response);
    let value = if hashed_asset && response.status().is_success() && !html {
        "public, max-age=31536000, immutable"
    } else {
        "no-store"
    };
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    response
}

fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .allow_credentials(true)
        .max_age(Duration::from_secs(3600))
}

fn frontend(dir: &Path) -> Option<ServeDir<ServeFile>> {
    let index = dir.join("index.html");
    // Unknown paths are client-side routes: they get the app's index.html with status 200.
    index
        .is_file()
        .then(|| ServeDir::new(dir).fallback(ServeFile::new(index)))
}

async fn no_frontend() -> impl IntoResponse {
    (
        StatusCode::NOT_FOUND,
        "Not found. (The web app is not built: run the README's run command, or set STATIC_DIR.)",
    )
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(Duration::from_secs(3), state.store.ping()).await {
        Ok(Ok(())) => "ready".into_response(),
        Ok(Err(e)) => {
            tracing::warn!(
                error = format!("{:#}", anyhow::Error::new(e)),
                "readiness check failed"
            );
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database timed out").into_response(),
    }
}

async fn graphiql(State(state): State<AppState>) -> Response {
    if state.graphiql {
        (
            [(
                header::CONTENT_SECURITY_POLICY,
                crate::graphiql::CONTENT_SECURITY_POLICY.as_str(),
            )],
            Html(crate::graphiql::HTML.as_str()),
        )
            .into_response()
    } else {
        (StatusCode::METHOD_NOT_ALLOWED, "use POST with a JSON body").into_response()
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"))
}

/// The request's `Host`, when it is a host name or address with an optional port (nothing a
/// link could be made to point elsewhere with).
fn request_host(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let plain = !host.is_empty()
        && host.len() <= 261
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    plain.then(|| host.to_ascii_lowercase())
}

async fn graphql(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    viewer: Viewer,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                "LIMIT_EXCEEDED",
                "the request body is over 64 KiB",
            );
        }
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "BAD_USER_INPUT",
                "the request body could not be read",
            );
        }
    };
    if !is_json(&headers) {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "BAD_USER_INPUT",
            "send the operation as Content-Type: application/json",
        );
    }
    let json: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(json) => json,
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "BAD_USER_INPUT",
                "the body is not valid JSON",
            );
        }
    };
    if json.is_array() {
        return error_response(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "batched operations are not supported: send one operation per request",
        );
    }
    if json
        .get("query")
        .and_then(serde_json::Value::as_str)
        .is_none()
    {
        return error_response(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "the body must be a JSON object with a \"query\" string",
        );
    }
    if let Some(Err(refusal)) = json.get("variables").map(limits::check_variables) {
        return error_response(
            StatusCode::BAD_REQUEST,
            refusal.code(),
            &refusal.to_string(),
        );
    }
    let request: async_graphql::Request = match serde_json::from_value(json) {
        Ok(request) => request,
        Err(e) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "BAD_USER_INPUT",
                &format!("not a GraphQL request: {e}"),
            );
        }
    };

    let meta = RequestMeta {
        https: is_https(&headers),
        client: state
            .client_address
            .of(peer.map(|Extension(ConnectInfo(addr))| addr.ip()), &headers),
        host: request_host(&headers),
    };
    // Dropped with this handler (the timeout layer answered 408, or the client went away): the
    // work stops at its next await instead of running on unobserved. Long synchronous stretches
    // check the budget's deadline. A panic is the catch-panic layer's (a 500).
    let answer = graphql::execute(
        &state.schema,
        &state.store,
        request,
        viewer,
        meta,
        state.request_timeout,
    )
    .await;
    graphql_response(&answer)
}

/// The HTTP response for `answer`: what `async_graphql_axum::GraphQLResponse` makes of a
/// response (7.2.1, `integrations/axum/src/response.rs`), with the body written by
/// [`graphql::Answer::pieces`].
fn graphql_response(answer: &graphql::Answer) -> Response {
    let mut response = Response::new(Body::new(PiecesBody::new(answer.pieces())));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/graphql-response+json"),
    );
    if answer.is_ok()
        && let Some(cache_control) = answer.cache_control().value()
        && let Ok(value) = HeaderValue::from_str(&cache_control)
    {
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    response.headers_mut().extend(answer.http_headers().clone());
    response
}

/// A response body sent as the pieces it was written in, its length known (so it goes out
/// with a `Content-Length`, as one buffer would): the forecast's text is one of the pieces,
/// sent without being copied into a buffer of the whole response first. hyper writes the
/// pieces with one vectored write.
struct PiecesBody {
    pieces: VecDeque<Bytes>,
    left: u64,
}

impl PiecesBody {
    fn new(pieces: Vec<Bytes>) -> Self {
        let left = pieces.iter().map(|piece| piece.len() as u64).sum();
        PiecesBody {
            pieces: pieces.into(),
            left,
        }
    }
}

impl http_body::Body for PiecesBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        let piece = this.pieces.pop_front();
        if let Some(piece) = &piece {
            this.left -= piece.len() as u64;
        }
        Poll::Ready(piece.map(|piece| Ok(Frame::data(piece))))
    }

    fn is_end_stream(&self) -> bool {
        self.pieces.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.left)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::indexmap::IndexMap;
    use async_graphql::{CacheControl, Name, ServerError, Value};
    use async_graphql_axum::GraphQLResponse;

    use super::*;

    /// Responses of every shape the handler sends: data only, data with cache control and a
    /// resolver's header, errors with extensions beside partial data, errors alone.
    fn responses() -> Vec<async_graphql::Response> {
        let mut headers = HeaderMap::new();
        headers.insert("x-answered-by", HeaderValue::from_static("a resolver"));
        let mut fields = IndexMap::new();
        fields.insert(Name::new("a"), Value::from("text \"quoted\" \u{1}"));
        fields.insert(
            Name::new("b"),
            Value::List(vec![Value::from(1), Value::Null]),
        );
        let mut error = ServerError::new("it failed", None);
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", "BAD_USER_INPUT");
        let mut partial = async_graphql::Response::new(Value::Object(fields.clone()))
            .extension("took", Value::from(3))
            .cache_control(CacheControl {
                public: true,
                max_age: 10,
            })
            .http_headers(headers.clone());
        partial.errors = vec![error.clone()];
        vec![
            async_graphql::Response::new(Value::Object(fields.clone())),
            async_graphql::Response::new(Value::Object(fields))
                .cache_control(CacheControl {
                    public: false,
                    max_age: 60,
                })
                .http_headers(headers),
            partial,
            async_graphql::Response::from_errors(vec![error]),
        ]
    }

    async fn parts(response: Response) -> (StatusCode, HeaderMap, Bytes) {
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .expect("a body");
        (parts.status, parts.headers, body)
    }

    #[tokio::test]
    async fn a_graphql_answer_goes_out_exactly_as_async_graphql_axum_sends_it() {
        for (ours, reference) in responses().into_iter().zip(responses()) {
            let ours = parts(graphql_response(&graphql::Answer::from(ours))).await;
            let reference = parts(GraphQLResponse::from(reference).into_response()).await;
            assert_eq!(ours, reference);
        }
    }

    #[tokio::test]
    async fn a_forecasts_text_goes_out_in_pieces_with_its_length_known() {
        let text = r#"{"from":"2026-01-01","periods":[{"start":"2026-01-01","name":"A \"b\""}]}"#;
        let mut fields = IndexMap::new();
        fields.insert(
            Name::new("forecast"),
            Value::Binary(Bytes::from_static(text.as_bytes())),
        );
        fields.insert(Name::new("after"), Value::from("x"));
        let marked = || async_graphql::Response::new(Value::Object(fields.clone()));
        let response = graphql_response(&graphql::Answer::from(marked()));
        let length = http_body::Body::size_hint(response.body()).exact();
        let ours = parts(response).await;
        assert_eq!(length, Some(ours.2.len() as u64), "the length hyper sends");
        let plain = graphql::Answer::from(marked()).into_response();
        let reference = parts(GraphQLResponse::from(plain).into_response()).await;
        assert_eq!(ours, reference);
    }
}
