//! The version of the format of engo's reference-data files.

use std::{borrow::Cow, fmt};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The version of the format of a reference-data file: the `"format_version"` key that every
/// classifier, the MRP table and every criteria profile carries, embedded or given by a user.
///
/// This engo reads version `"1"` and refuses any other with an error that names the version
/// found (and, from JSON, where it is), so that a file written for another engo is never read
/// half-understood.
///
/// ```
/// use engo_model::FormatVersion;
///
/// let v: FormatVersion = serde_json::from_str(r#""1""#)?;
/// assert_eq!(v, FormatVersion::V1);
/// let err = serde_json::from_str::<FormatVersion>(r#""2""#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"format_version "2" is not supported: this engo reads format_version "1" at line 1 column 3"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FormatVersion {
    /// Version `"1"`.
    V1,
}

impl FormatVersion {
    /// The version as it is written in a file (`"1"`).
    pub fn as_str(self) -> &'static str {
        match self {
            FormatVersion::V1 => "1",
        }
    }
}

impl fmt::Display for FormatVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FormatVersion;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"the format_version "1" (a string)"#)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FormatVersion, E> {
                match v {
                    "1" => Ok(FormatVersion::V1),
                    other => {
                        let found: String = other.chars().take(40).collect();
                        Err(E::custom(format_args!(
                            r#"format_version {found:?} is not supported: this engo reads format_version "1""#
                        )))
                    }
                }
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for FormatVersion {
    fn schema_name() -> Cow<'static, str> {
        "FormatVersion".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "const": "1",
            "description": "Version of the format of the file; this engo reads \"1\".",
        })
    }
}
