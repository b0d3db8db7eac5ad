//! Identifiers: 12-byte ObjectIds, written as 24 lower-case hex digits on every backend.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

/// The id of a user, bill, payday or session: the 12 bytes of a MongoDB ObjectId.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id([u8; 12]);

/// The text is not 24 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an id is 24 hexadecimal digits")]
pub struct MalformedId;

impl Id {
    /// A fresh id laid out like a MongoDB ObjectId: 4 bytes of Unix seconds, 5 random bytes
    /// chosen once per process, 3 bytes of a counter. Ids made in a later second sort later.
    pub fn generate() -> Self {
        static PROCESS: std::sync::OnceLock<[u8; 5]> = std::sync::OnceLock::new();
        static COUNTER: std::sync::OnceLock<AtomicU32> = std::sync::OnceLock::new();
        let process = PROCESS.get_or_init(rand::random);
        let counter = COUNTER
            .get_or_init(|| AtomicU32::new(rand::random::<u32>() & 0x00ff_ffff))
            .fetch_add(1, Ordering::Relaxed);
        let seconds = chrono::Utc::now().timestamp() as u32;
        let mut bytes = [0u8; 12];
        bytes[..4].copy_from_slice(&seconds.to_be_bytes());
        bytes[4..9].copy_from_slice(process);
        bytes[9..].copy_from_slice(&counter.to_be_bytes()[1..]);
        Id(bytes)
    }

    /// From raw bytes.
    pub const fn from_bytes(bytes: [u8; 12]) -> Self {
        Id(bytes)
    }

    /// The raw bytes.
    pub const fn bytes(&self) -> [u8; 12] {
        self.0
    }
}

impl FromStr for Id {
    type Err = MalformedId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 24 {
            return Err(MalformedId);
        }
        let mut bytes = [0u8; 12];
        hex::decode_to_slice(s, &mut bytes).map_err(|_| MalformedId)?;
        Ok(Id(bytes))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_24_hex_digits() {
        let id = Id::generate();
        let text = id.to_string();
        assert_eq!(text.len(), 24);
        assert_eq!(text.parse::<Id>(), Ok(id));
        assert_eq!(
            "65A1B2C3D4E5F60718293A4B"
                .parse::<Id>()
                .map(|i| i.to_string()),
            Ok("65a1b2c3d4e5f60718293a4b".to_string())
        );
    }

    #[test]
    fn malformed_ids_are_rejected() {
        for bad in [
            "",
            "abc",
            "65a1b2c3d4e5f60718293a4",
            "65a1b2c3d4e5f60718293a4bz",
            "zza1b2c3d4e5f60718293a4b",
        ] {
            assert_eq!(bad.parse::<Id>(), Err(MalformedId), "{bad:?}");
        }
    }

    #[test]
    fn generated_ids_are_distinct_and_increase() {
        let a = Id::generate();
        let b = Id::generate();
        assert_ne!(a, b);
        assert!(a.0[..4] <= b.0[..4]);
    }
}
