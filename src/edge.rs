//! The edge: what every request passes before routing, and every response on its way out —
//! tower middleware that [`crate::http::router`] puts around everything.
//!
//! - [`bound_request_id`]: an `X-Request-Id` longer than [`MAX_REQUEST_ID`] characters or with
//!   anything but visible ASCII is dropped, so a fresh id is generated instead: a client cannot
//!   write megabytes, new lines or escape sequences into the logs through it.
//! - [`log_path`]: the path as the logs show it, cut at [`LOGGED_PATH_CHARS`] characters.
//! - [`bound_target`]: a request target (path and query) over [`MAX_TARGET_BYTES`] is 414, and a
//!   path segment of [`MAX_SEGMENT_BYTES`] or more is 404, before anything routes it — no file
//!   name can be that long, and the file server would otherwise answer the operating system's
//!   "name too long" as a 500.
//! - [`refuse_large_bodies`]: a request that announces a body over
//!   [`MAX_BODY_BYTES`](crate::http::MAX_BODY_BYTES) in `Content-Length` is 413 at once, and the
//!   connection closes. With `Expect: 100-continue` the client is never told to send the body
//!   (hyper says `100 Continue` only when a handler starts reading it), so it is not held
//!   waiting and no byte of the body is read.
//! - [`security_headers`]: every response says `nosniff`, may not be framed (`X-Frame-Options:
//!   DENY`, CSP `frame-ancestors 'none'`) and sends no referrer; an HTML page gets the app's
//!   Content-Security-Policy ([`APP_CSP`]), anything else one that allows nothing
//!   ([`API_CSP`]), unless its handler set its own (GraphiQL, [`crate::graphiql`]). They are
//!   the same policies CloudFront adds in production (`deploy/cloudformation.yml`), so the app
//!   is held to them locally and in the browser tests too.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::error_response;

/// The longest `X-Request-Id` kept from a client, in characters.
pub const MAX_REQUEST_ID: usize = 128;
/// The longest request target (path and query) served, in bytes.
pub const MAX_TARGET_BYTES: usize = 4096;
/// Path segments this long or longer are never found (file names are at most 255 bytes).
pub const MAX_SEGMENT_BYTES: usize = 256;
/// How much of a path the logs show, in characters.
pub const LOGGED_PATH_CHARS: usize = 256;

/// The web app's policy. The built app (Vite) is one module script and stylesheets from
/// `/assets`, with no inline script or style element; React and Recharts set styles through the
/// DOM (`element.style`), which CSP does not restrict. The favicon is a `data:` URL. The API is
/// on this origin.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

/// Everything that is not a page (JSON, scripts, styles, files): nothing may load or run.
pub const API_CSP: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The request-id header.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Whether a client's request id may be kept: 1 to [`MAX_REQUEST_ID`] visible ASCII characters.
pub fn acceptable_request_id(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID).contains(&id.len()) && id.iter().all(|b| b.is_ascii_graphic())
}

/// Drops every `X-Request-Id` unless there is exactly one and it is acceptable; the request-id
/// layer after this one then generates a fresh id.
pub async fn bound_request_id(mut request: Request, next: Next) -> Response {
    let headers = request.headers_mut();
    let mut ids = headers.get_all(REQUEST_ID).iter();
    let keep = match (ids.next(), ids.next()) {
        (Some(id), None) => acceptable_request_id(id.as_bytes()),
        _ => false,
    };
    if !keep {
        headers.remove(REQUEST_ID);
    }
    next.run(request).await
}

/// `path` as the logs show it: at most [`LOGGED_PATH_CHARS`] characters, then `…`.
pub fn log_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.char_indices().nth(LOGGED_PATH_CHARS) {
        None => path.into(),
        Some((cut, _)) => format!("{}…", &path[..cut]).into(),
    }
}

/// Refuses a request target over [`MAX_TARGET_BYTES`] (414) and a path with a segment of
/// [`MAX_SEGMENT_BYTES`] or more (404), before routing.
pub async fn bound_target(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let target = uri.path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_TARGET_BYTES {
        return (
            StatusCode::URI_TOO_LONG,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "The address is too long.",
        )
            .into_response();
    }
    if uri
        .path()
        .split('/')
        .any(|segment| segment.len() >= MAX_SEGMENT_BYTES)
    {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Not found.",
        )
            .into_response();
    }
    next.run(request).await
}

/// Answers 413 before anything reads the body when `Content-Length` announces more than
/// [`MAX_BODY_BYTES`](crate::http::MAX_BODY_BYTES); the connection is closed after the answer,
/// since the body (if the client sends it anyway) is never read.
pub async fn refuse_large_bodies(request: Request, next: Next) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|length| length > crate::http::MAX_BODY_BYTES as u64) {
        let mut response = error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            "LIMIT_EXCEEDED",
            "the request body is over 64 KiB",
        );
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    next.run(request).await
}

/// Whether `response` is an HTML page (the web app or GraphiQL).
pub fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Adds the security headers to every response (see the module docs); a
/// `Content-Security-Policy` set by the handler is kept.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let html = is_html(&response);
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(if html {
            APP_CSP
        } else {
            API_CSP
        }));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_kept_only_when_short_and_visible_ascii() {
        assert!(acceptable_request_id(
            b"0b7e2c4e-6c3a-4a55-9d5e-2f9c1c7a9b10"
        ));
        assert!(acceptable_request_id(&[b'a'; MAX_REQUEST_ID]));
        assert!(!acceptable_request_id(&[b'a'; MAX_REQUEST_ID + 1]));
        assert!(!acceptable_request_id(b""));
        assert!(!acceptable_request_id(b"has space"));
        assert!(!acceptable_request_id(b"tab\there"));
        assert!(!acceptable_request_id("caf\u{e9}".as_bytes()));
        assert!(!acceptable_request_id(b"new\nline"));
    }

    #[test]
    fn logged_paths_are_cut_at_256_characters() {
        assert_eq!(log_path("/bills"), "/bills");
        let long = format!("/{}", "é".repeat(400));
        let logged = log_path(&long);
        assert_eq!(logged.chars().count(), LOGGED_PATH_CHARS + 1);
        assert!(logged.ends_with('…'));
    }
}
