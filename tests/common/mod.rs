//! Shared by every test crate: where the MongoDB tests get their database.

/// The URL of a fresh, uniquely named database (`<prefix>_<id>`) on the server `MONGODB_URI`
/// names. Without `MONGODB_URI` the test fails saying how to get one: MongoDB tests never pass
/// by skipping.
pub fn fresh_mongo_url(prefix: &str) -> String {
    let uri = std::env::var("MONGODB_URI").unwrap_or_else(|_| {
        panic!(
            "MONGODB_URI is not set: the MongoDB tests need a MongoDB-wire server. \
             Run the README's test command (./scripts/test.sh), which starts FerretDB, \
             or set MONGODB_URI=mongodb://HOST:PORT"
        )
    });
    let database = format!("{prefix}_{}", wisewallet::domain::id::Id::generate());
    let (base, query) = match uri.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (uri.as_str(), String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{database}{query}", &base[..host_end])
}
