//! The link of the audit log's hash chain: the SHA-256 hash an event carries of its
//! predecessor. The model only holds it; `engo_stages::chain` computes and verifies it.

use std::{borrow::Cow, fmt, str::FromStr};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

/// A SHA-256 hash of an event of the audit log, written as 64 lowercase hexadecimal digits.
///
/// An event's `prev_hash` is the hash of the event before it in the log, or
/// [`EventHash::GENESIS`] (64 zeros) for the first; how the hash is computed is documented in
/// `engo_stages::chain`.
///
/// ```
/// use engo_model::lifecycle::EventHash;
///
/// let hash: EventHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".parse()?;
/// assert_eq!(hash.as_bytes()[0], 0x9f);
/// assert_eq!(hash.to_string().len(), 64);
/// assert_eq!(EventHash::GENESIS.to_string(), "0".repeat(64));
/// assert!("9F86".parse::<EventHash>().is_err()); // too short, and upper case
/// # Ok::<(), engo_model::lifecycle::BadEventHash>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventHash([u8; 32]);

impl EventHash {
    /// What the first event of a log carries as its predecessor's hash: 32 zero bytes.
    pub const GENESIS: EventHash = EventHash([0; 32]);

    /// The hash with these 32 bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> EventHash {
        EventHash(bytes)
    }

    /// The 32 bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for EventHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for EventHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventHash({self})")
    }
}

/// A text that is not 64 lowercase hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a SHA-256 hash (64 lowercase hexadecimal digits): {found:?}")]
pub struct BadEventHash {
    /// The text found (cut to 70 characters).
    pub found: String,
}

impl FromStr for EventHash {
    type Err = BadEventHash;

    fn from_str(text: &str) -> Result<EventHash, BadEventHash> {
        let bad = || BadEventHash {
            found: text.chars().take(70).collect(),
        };
        let digit = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        if text.len() != 64 {
            return Err(bad());
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
            let [high, low] = pair else {
                return Err(bad());
            };
            *byte = (digit(*high).ok_or_else(bad)? << 4) | digit(*low).ok_or_else(bad)?;
        }
        Ok(EventHash(bytes))
    }
}

impl Serialize for EventHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EventHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EventHash, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

impl JsonSchema for EventHash {
    fn schema_name() -> Cow<'static, str> {
        "EventHash".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "SHA-256 of the previous event of the log in its canonical form (engo_stages::chain), 64 lowercase hexadecimal digits; 64 zeros for the first event.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (i * 37 + 5) as u8;
        }
        let hash = EventHash::from_bytes(bytes);
        let text = hash.to_string();
        assert_eq!(text.parse::<EventHash>().unwrap(), hash);
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<EventHash>(&json).unwrap(), hash);
        for bad in [
            "",
            &text[..62],
            &format!("{text}0"),
            &text.to_uppercase(),
            &format!("{}g", &text[..63]),
            &format!("{}é", &text[..62]),
        ] {
            assert!(bad.parse::<EventHash>().is_err(), "{bad}");
        }
    }
}
