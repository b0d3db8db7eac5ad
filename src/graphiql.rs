//! The GraphiQL page on `GET /graphql`, with pinned assets.
//!
//! async-graphql's `GraphiQLSource` loads `graphiql@4` and React's *development* builds from a
//! public CDN by major version, without integrity checks: whatever the CDN serves under that
//! name today runs with the page's origin — and the session cookie. This page names exact
//! versions, and each asset carries its Subresource Integrity hash, so the browser refuses any
//! other bytes. Its Content-Security-Policy ([`CONTENT_SECURITY_POLICY`]) allows scripts and
//! styles only from that CDN plus the page's one inline script and style (by hash), API calls
//! only to this origin, and no framing.
//!
//! The hashes are of the files in the npm packages (the CDN serves those files as published);
//! `scripts/graphiql-sri.sh` recomputes them with `npm pack`, and the browser tests
//! (`frontend/e2e/graphiql.mjs`) load the page in Chromium with the packages' files in place
//! of the CDN, so a wrong hash or a blocked script fails there.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

/// One pinned file on the CDN: its URL and SRI hash.
struct Asset {
    url: &'static str,
    integrity: &'static str,
}

const CSS: Asset = Asset {
    url: "https://unpkg.com/graphiql@4.0.3/graphiql.min.css",
    integrity: "sha384-6ZaxvqvxdqMCDsD9wNOq+NxheDM6rTYy4eeE/fZmPonsSKffQ7nV+IQNzLemeuSH",
};

/// In load order: React, ReactDOM, then GraphiQL (its UMD build expects both as globals).
const SCRIPTS: [Asset; 3] = [
    Asset {
        url: "https://unpkg.com/react@18.3.1/umd/react.production.min.js",
        integrity: "sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z",
    },
    Asset {
        url: "https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js",
        integrity: "sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1",
    },
    Asset {
        url: "https://unpkg.com/graphiql@4.0.3/graphiql.min.js",
        integrity: "sha384-naAA3pYPARITlxC7GwToGuWsRdWfcCBgwIRLMDY6t7YKpjASnzW27h0gm4PIW06W",
    },
];

/// Where the assets come from, for the CSP.
const CDN: &str = "https://unpkg.com";

/// The page's own style.
const STYLE: &str = "body{height:100%;margin:0;width:100%;overflow:hidden}#graphiql{height:100vh}";

/// The page's own script: GraphiQL against this origin's `/graphql`, sending the session
/// cookie.
const SCRIPT: &str = "ReactDOM.createRoot(document.getElementById('graphiql')).render(\
React.createElement(GraphiQL,{fetcher:GraphiQL.createFetcher({\
url:new URL('/graphql',window.location.origin).toString(),\
fetch:function(url,options){return fetch(url,Object.assign({},options,{credentials:'same-origin'}));}}),\
defaultEditorToolsVisibility:true}));";

/// The page.
pub static HTML: LazyLock<String> = LazyLock::new(|| {
    let scripts: String = SCRIPTS
        .iter()
        .map(|asset| {
            format!(
                "<script src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>\n",
                asset.url, asset.integrity
            )
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Wisewallet GraphiQL</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <style>{STYLE}</style>\n\
         <link rel=\"stylesheet\" href=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\">\n\
         {scripts}</head>\n<body>\n<div id=\"graphiql\">Loading…</div>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        CSS.url, CSS.integrity
    )
});

/// `'sha256-…'` of an inline script or style, as CSP writes it.
fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

/// Standard base64 with padding (what CSP and SRI use).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The page's Content-Security-Policy.
pub static CONTENT_SECURITY_POLICY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "default-src 'none'; script-src {CDN} {}; style-src {CDN} {}; img-src 'self' data:; \
         font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_the_standard_padded_alphabet() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
        assert_eq!(
            csp_hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_script_and_style_of_the_page() {
        let policy = CONTENT_SECURITY_POLICY.as_str();
        assert!(HTML.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(HTML.contains(&format!("<style>{STYLE}</style>")));
        assert!(policy.contains(&csp_hash(SCRIPT)), "{policy}");
        assert!(policy.contains(&csp_hash(STYLE)), "{policy}");
        assert!(!policy.contains("unsafe"), "{policy}");
    }
}
