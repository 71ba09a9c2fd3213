//! XML of a dataset, its XSD, and a hardened reader.
//!
//! The document is the JSON form spelled in elements, in the namespace [`NAMESPACE`]:
//!
//! - the root `<dataset xmlns="urn:engo:dataset:1">` holds `schema_version`, `publisher`,
//!   `published_at` and then one element per record, named as its collection
//!   (`<organizations>…</organizations><organizations>…</organizations>`), collections in
//!   dataset order;
//! - inside a record every JSON property is an element of the same name, in alphabetical order;
//!   an array is one element per item, an absent optional value no element;
//! - multilingual text is one `<text xml:lang="kk">…</text>` per language, in the order kk, ru,
//!   en.
//!
//! JSON is the normative form; the XSD ([`xsd()`], checked in as `schemas/engo.xsd`) is generated
//! from the same shapes as the writer and the reader, so the three cannot drift.
//!
//! The reader refuses a DOCTYPE (and so every entity declaration), any entity reference but the
//! five predefined ones and character references, any encoding but UTF-8; it caps the input
//! size, the element depth and the string length ([`Limits`](crate::Limits)), and reports the
//! line and column where it stopped.

pub(crate) mod limits;
mod read;
mod write;
mod xsd;

pub use read::{for_each_record, read};
pub use write::{XmlWriter, write};
pub use xsd::{xml_namespace_xsd, xsd};

/// The namespace of the dataset document.
pub const NAMESPACE: &str = "urn:engo:dataset:1";

/// The header properties, in document order.
const HEADER: [&str; 3] = ["schema_version", "publisher", "published_at"];

/// Whether XML 1.0 allows `c` in a document (§2.2 `Char`; surrogates cannot occur in a `str`).
/// The writer's escaping refuses exactly the others (a test checks it).
fn xml10_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}
