//! Parsed documents, kept by their text, and the requests that passed validation with them.
//!
//! Clients send the same few documents again and again (the web app has a dozen, each sent
//! as the same text every time), and parsing one is a fair part of a small request: about
//! 0.6 M of the household forecast's 3.5 M instructions went to async-graphql's parser (pest)
//! (`docs/benchmarks.md` §7). Parsing is a pure function of the text, so a document that
//! parsed and passed [`super::limits::analyse`] is kept, and the same text later gets a copy
//! of it instead of a parse.
//!
//! Validation is a pure function too: of the document, the variables, the operation name and
//! the schema, which never changes while the process runs. Every request is validated, but
//! one whose text, variables and operation name ([`validation_key`]) already passed every
//! rule once needs only the part of validation that also measures the request (depth,
//! complexity, fragment cycles): [`super::AppSchema`] runs it in async-graphql's fast mode.
//! Validation took 0.17 M of the household forecast's 2.66 M instructions; in fast mode it
//! takes 0.05 M (`docs/benchmarks.md` §7).
//!
//! The cache is bounded for an endpoint anyone may call: only documents of at most
//! [`MAX_TEXT_BYTES`] are kept, at most [`MAX_DOCUMENTS`] of them, and a new one past that
//! replaces an arbitrary old one; each keeps at most [`MAX_VALIDATED`] keys of at most
//! [`MAX_KEY_BYTES`]. A stream of distinct documents therefore costs what it would without the
//! cache (one parse and one full validation each) plus a look-up, and never grows memory;
//! refused documents (parse errors, limits) are never kept, so each is refused again from
//! scratch, and a request is marked validated only once it has been executed, which it never
//! is without passing validation. The lock is held only for the look-up or the insertion;
//! the copy is made outside it.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use async_graphql::parser::types::ExecutableDocument;

/// The longest document text that is kept.
pub const MAX_TEXT_BYTES: usize = 4096;
/// The most documents kept at once.
pub const MAX_DOCUMENTS: usize = 256;
/// The most validated requests (variables and operation name) remembered per document.
pub const MAX_VALIDATED: usize = 8;
/// The longest [`validation_key`] remembered.
pub const MAX_KEY_BYTES: usize = 1024;

/// A kept document and the keys of the requests that passed validation with it.
struct Kept {
    document: Arc<ExecutableDocument>,
    validated: Vec<Box<str>>,
}

/// A copy of a kept document, and whether the request asked about passed validation with it.
pub struct Hit {
    /// The document parsed from the text.
    pub document: ExecutableDocument,
    /// The request's [`validation_key`] is one that passed every validation rule before.
    pub validated: bool,
}

/// What, beside the document, validation depends on: the operation name and the variables
/// (argument values are checked with them), as one string; `None` when too long to keep, or
/// when the request's text is too long to be kept itself. The variables are written only up
/// to that length, so a request with megabytes of them costs no more here than one with a
/// kilobyte.
pub fn validation_key(request: &async_graphql::Request) -> Option<String> {
    if request.query.len() > MAX_TEXT_BYTES {
        return None;
    }
    let name = request.operation_name.as_deref().unwrap_or("");
    // A name never holds a space; the variables' JSON follows the first one.
    let mut key = Capped(format!("{name} ").into_bytes());
    serde_json::to_writer(&mut key, &request.variables).ok()?;
    String::from_utf8(key.0).ok()
}

/// A buffer that refuses to grow to [`MAX_KEY_BYTES`].
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + bytes.len() >= MAX_KEY_BYTES {
            return Err(std::io::ErrorKind::FileTooLarge.into());
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Documents by their text.
pub struct Documents {
    kept: Mutex<HashMap<Box<str>, Kept>>,
}

impl Documents {
    /// An empty cache.
    pub fn new() -> Self {
        Documents {
            kept: Mutex::new(HashMap::new()),
        }
    }

    /// A copy of the document parsed from `text`, if it is kept, and whether `key` (a request's
    /// [`validation_key`]) passed validation with it.
    pub fn get(&self, text: &str, key: Option<&str>) -> Option<Hit> {
        if text.len() > MAX_TEXT_BYTES {
            return None;
        }
        let (document, validated) = {
            let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
            let kept = kept.get(text)?;
            let validated = key.is_some_and(|key| kept.validated.iter().any(|k| **k == *key));
            (Arc::clone(&kept.document), validated)
        };
        Some(Hit {
            document: ExecutableDocument::clone(&document),
            validated,
        })
    }

    /// Keeps `document`, parsed from `text` and within the limits, unless the text is too long.
    pub fn keep(&self, text: &str, document: &ExecutableDocument) {
        if text.len() > MAX_TEXT_BYTES {
            return;
        }
        let document = Arc::new(document.clone());
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= MAX_DOCUMENTS && !kept.contains_key(text) {
            let old = kept.keys().next().cloned();
            if let Some(old) = old {
                kept.remove(&old);
            }
        }
        kept.insert(
            text.into(),
            Kept {
                document,
                validated: Vec::new(),
            },
        );
    }

    /// Remembers that the request with this `key` passed every validation rule with the
    /// document kept for `text` (nothing happens if none is kept, or it has enough keys).
    pub fn validated(&self, text: &str, key: &str) {
        if key.len() >= MAX_KEY_BYTES {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = kept.get_mut(text)
            && kept.validated.len() < MAX_VALIDATED
            && !kept.validated.iter().any(|k| **k == *key)
        {
            kept.validated.push(key.into());
        }
    }

    /// How many documents are kept.
    pub fn len(&self) -> usize {
        self.kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for Documents {
    fn default() -> Self {
        Documents::new()
    }
}

/// The process's cache, shared by every schema: a document's parse does not depend on the
/// schema or the request, and every schema this process builds has the same types.
pub static DOCUMENTS: LazyLock<Documents> = LazyLock::new(Documents::new);

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(text).expect("a valid document")
    }

    #[test]
    fn a_kept_document_is_given_back_as_parsed() {
        let documents = Documents::new();
        let text = "query Q($a: Int) { me { id } ...F } fragment F on Query { bills { id } }";
        assert!(documents.get(text, None).is_none());
        documents.keep(text, &parse(text));
        let again = documents.get(text, None).expect("kept").document;
        assert_eq!(format!("{again:?}"), format!("{:?}", parse(text)));
        assert!(
            documents.get("{ me { id } }", None).is_none(),
            "another text"
        );
    }

    #[test]
    fn long_texts_are_not_kept() {
        let documents = Documents::new();
        let text = format!("{{ me {{ id }} }}{}", " ".repeat(MAX_TEXT_BYTES));
        documents.keep(&text, &parse(&text));
        assert!(documents.get(&text, None).is_none());
        assert!(documents.is_empty());
    }

    #[test]
    fn the_cache_never_holds_more_than_its_bound() {
        let documents = Documents::new();
        let texts: Vec<String> = (0..MAX_DOCUMENTS + 50)
            .map(|n| format!("{{ a{n}: __typename }}"))
            .collect();
        for text in &texts {
            documents.keep(text, &parse(text));
            assert!(documents.len() <= MAX_DOCUMENTS);
        }
        assert_eq!(documents.len(), MAX_DOCUMENTS);
        let last = texts.last().expect("texts");
        assert!(documents.get(last, None).is_some(), "the newest is kept");
        // Keeping a text again replaces it without evicting another.
        documents.keep(last, &parse(last));
        assert_eq!(documents.len(), MAX_DOCUMENTS);
    }

    #[test]
    fn validated_keys_are_remembered_per_text_and_bounded() {
        let documents = Documents::new();
        let text = "query Q($a: Int) { me { id } }";
        documents.validated(text, "Q {}");
        assert!(
            documents.get(text, None).is_none(),
            "nothing is kept for a text not kept"
        );
        documents.keep(text, &parse(text));
        documents.validated(text, "Q {\"a\":1}");
        let validated = |key: &str| documents.get(text, Some(key)).expect("kept").validated;
        assert!(validated("Q {\"a\":1}"));
        assert!(!validated("Q {\"a\":2}"), "other variables");
        assert!(!validated(" {\"a\":1}"), "another operation name");
        assert!(
            !documents.get(text, None).expect("kept").validated,
            "no key"
        );
        documents.validated("{ me { id } }", "Q {\"a\":2}");
        assert!(!validated("Q {\"a\":2}"), "marked for another text");

        let long = format!("Q {{\"a\":\"{}\"}}", "x".repeat(MAX_KEY_BYTES));
        documents.validated(text, &long);
        assert!(!validated(&long), "too long to keep");
        let keys: Vec<String> = (0..MAX_VALIDATED + 3)
            .map(|n| format!("Q {{\"a\":{n}}}"))
            .collect();
        for key in &keys {
            documents.validated(text, key);
            documents.validated(text, key);
        }
        let remembered = keys.iter().filter(|key| validated(key)).count();
        // The first key (`1`) held a slot already; it is not remembered twice.
        assert_eq!(remembered, MAX_VALIDATED);
        assert!(!validated(&keys[MAX_VALIDATED + 2]), "past the bound");
        // Keeping the text again starts it over.
        documents.keep(text, &parse(text));
        assert!(!validated("Q {\"a\":1}"));
    }

    #[test]
    fn a_key_names_the_operation_and_the_variables() {
        let request = async_graphql::Request::new("query Q($a: Int) { me { id } }")
            .operation_name("Q")
            .variables(async_graphql::Variables::from_json(
                serde_json::json!({"a": 1}),
            ));
        assert_eq!(validation_key(&request).as_deref(), Some("Q {\"a\":1}"));
        let unnamed = async_graphql::Request::new("{ me { id } }");
        assert_eq!(validation_key(&unnamed).as_deref(), Some(" {}"));
        let long = format!("{{ me {{ id }} }}{}", " ".repeat(MAX_TEXT_BYTES));
        assert_eq!(validation_key(&async_graphql::Request::new(long)), None);
        let huge = async_graphql::Request::new("{ me { id } }").variables(
            async_graphql::Variables::from_json(
                serde_json::json!({"a": "x".repeat(MAX_KEY_BYTES)}),
            ),
        );
        assert_eq!(validation_key(&huge), None);
        // ` {"a":"…"}` is the string's length + 9 bytes: one under the bound, then at it.
        let sized = |n: usize| {
            validation_key(&async_graphql::Request::new("{ me { id } }").variables(
                async_graphql::Variables::from_json(serde_json::json!({"a": "x".repeat(n)})),
            ))
        };
        assert_eq!(
            sized(MAX_KEY_BYTES - 10).map(|key| key.len()),
            Some(MAX_KEY_BYTES - 1)
        );
        assert_eq!(sized(MAX_KEY_BYTES - 9), None);
    }
}
