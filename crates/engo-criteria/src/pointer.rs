//! JSON pointers into the dataset, built only when a finding needs one.

use std::fmt;

/// A JSON pointer, written out only when a finding needs it: checking a record that has no
/// finding builds no string.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pointer<'a> {
    /// A pointer given as text.
    Text(&'a str),
    /// `/{collection}/{index}`.
    Item(&'static str, usize),
    /// `{parent}/{field}`.
    Field(&'a Pointer<'a>, &'static str),
    /// `{parent}/{index}`.
    Index(&'a Pointer<'a>, usize),
}

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pointer::Text(text) => f.write_str(text),
            Pointer::Item(collection, i) => write!(f, "/{collection}/{i}"),
            Pointer::Field(parent, field) => write!(f, "{parent}/{field}"),
            Pointer::Index(parent, i) => write!(f, "{parent}/{i}"),
        }
    }
}
