//! Parsed documents, kept by their text.
//!
//! Clients send the same few documents again and again (the web app has a dozen, each sent
//! as the same text every time), and parsing one is a fair part of a small request: about
//! 0.6 M of the household forecast's 3.5 M instructions went to async-graphql's parser (pest)
//! (`docs/benchmarks.md` §7). Parsing is a pure function of the text, so a document that
//! parsed and passed [`super::limits::analyse`] is kept, and the same text later gets a copy
//! of it instead of a parse. Validation still runs on every request, against the schema as it
//! is.
//!
//! The cache is bounded for an endpoint anyone may call: only documents of at most
//! [`MAX_TEXT_BYTES`] are kept, at most [`MAX_DOCUMENTS`] of them, and a new one past that
//! replaces an arbitrary old one. A stream of distinct documents therefore costs what it would
//! without the cache (one parse each) plus a look-up, and never grows memory; refused
//! documents (parse errors, limits) are never kept, so each is refused again from scratch.
//! The lock is held only for the look-up or the insertion; the copy is made outside it.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use async_graphql::parser::types::ExecutableDocument;

/// The longest document text that is kept.
pub const MAX_TEXT_BYTES: usize = 4096;
/// The most documents kept at once.
pub const MAX_DOCUMENTS: usize = 256;

/// Documents by their text.
pub struct Documents {
    kept: Mutex<HashMap<Box<str>, Arc<ExecutableDocument>>>,
}

impl Documents {
    /// An empty cache.
    pub fn new() -> Self {
        Documents {
            kept: Mutex::new(HashMap::new()),
        }
    }

    /// A copy of the document parsed from `text`, if it is kept.
    pub fn get(&self, text: &str) -> Option<ExecutableDocument> {
        if text.len() > MAX_TEXT_BYTES {
            return None;
        }
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(text)
            .cloned()?;
        Some(ExecutableDocument::clone(&kept))
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
        kept.insert(text.into(), document);
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
/// schema or the request.
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
        assert!(documents.get(text).is_none());
        documents.keep(text, &parse(text));
        let again = documents.get(text).expect("kept");
        assert_eq!(format!("{again:?}"), format!("{:?}", parse(text)));
        assert!(documents.get("{ me { id } }").is_none(), "another text");
    }

    #[test]
    fn long_texts_are_not_kept() {
        let documents = Documents::new();
        let text = format!("{{ me {{ id }} }}{}", " ".repeat(MAX_TEXT_BYTES));
        documents.keep(&text, &parse(&text));
        assert!(documents.get(&text).is_none());
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
        assert!(documents.get(last).is_some(), "the newest is kept");
        // Keeping a text again replaces it without evicting another.
        documents.keep(last, &parse(last));
        assert_eq!(documents.len(), MAX_DOCUMENTS);
    }
}
