//! The tape: a record serialized once into reused buffers — the same tree as
//! `serde_json::to_value` builds, without an allocation per value — and read by the
//! shape-driven writers (XML, CSV).

mod serializer;

use engo_model::Dataset;
use serde_json::{Map, Value};

use crate::{
    WriteError,
    record::{Kind, Record, with_body},
};

/// A node of a [`Tape`]. Objects and arrays are followed by their content in document order;
/// an object's content alternates keys ([`Node::Str`] or [`Node::Static`]) and values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Node {
    /// `null` (also `None` and `()`).
    Null,
    /// A boolean.
    Bool(bool),
    /// A non-negative integer.
    U64(u64),
    /// A negative integer (or any `i64`).
    I64(i64),
    /// A float (only from a [`Value`]).
    F64(f64),
    /// A string or a key: the byte range of the tape's text.
    Str(usize, usize),
    /// A string or a key whose text is static (a struct's field name, a variant's name): not
    /// copied, and the same field gives the same pointer every time
    /// ([`KeyCache`](super::key_index::KeyCache)).
    Static(&'static str),
    /// An array; the index past its last node.
    Array(usize),
    /// An object; the index past its last node.
    Object(usize),
}

/// A serialized value as a flat list of nodes and one text buffer: the same tree as
/// `serde_json::to_value` builds, without an allocation per value. Reused from record to record.
#[derive(Debug, Default)]
pub(crate) struct Tape {
    nodes: Vec<Node>,
    text: String,
}

/// Why the tape serializer stopped: something it does not mirror exactly (floats, non-string
/// map keys…) or an error of the value's `Serialize` impl. The caller then goes through
/// `serde_json::to_value`, which gives the exact value or the exact error.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not supported by the tape serializer")
    }
}

impl std::error::Error for Unsupported {}

impl serde::ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

impl Tape {
    /// Empties the tape, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
        self.text.clear();
    }

    /// The node at `i`.
    pub(crate) fn node(&self, i: usize) -> Option<Node> {
        self.nodes.get(i).copied()
    }

    /// The text of a [`Node::Str`] range.
    pub(crate) fn str(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The bytes of a [`Node::Str`] range (no check of character boundaries: for writers
    /// that copy bytes).
    pub(crate) fn bytes(&self, start: usize, end: usize) -> &[u8] {
        self.text.as_bytes().get(start..end).unwrap_or_default()
    }

    /// The string at `i`, if it is one.
    pub(crate) fn as_str(&self, i: usize) -> Option<&str> {
        match self.node(i)? {
            Node::Str(s, e) => Some(self.str(s, e)),
            Node::Static(s) => Some(s),
            _ => None,
        }
    }

    /// The index past the last node of the value at `i`.
    pub(crate) fn end(&self, i: usize) -> usize {
        match self.node(i) {
            Some(Node::Array(e) | Node::Object(e)) => e,
            _ => i + 1,
        }
    }

    /// The items of the array at `i` (nothing if it is not an array).
    pub(crate) fn items(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = match self.node(i) {
            Some(Node::Array(e)) => e,
            _ => 0,
        };
        self.inside(i, end, false)
    }

    /// The entries (key, index of the value) of the object at `i`, in serialization order
    /// (nothing if it is not an object).
    pub(crate) fn entries(&self, i: usize) -> impl Iterator<Item = (&str, usize)> + '_ {
        let end = match self.node(i) {
            Some(Node::Object(e)) => e,
            _ => 0,
        };
        self.inside(i, end, true)
            .map(|key| (self.as_str(key).unwrap_or_default(), key + 1))
    }

    /// The nodes directly inside the container at `i`, which ends before `end`: its items, or
    /// when `keyed` its keys (each followed by its value).
    fn inside(&self, i: usize, end: usize, keyed: bool) -> impl Iterator<Item = usize> + '_ {
        let mut at = i + 1;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let node = at;
            at = self.end(if keyed { at + 1 } else { at });
            Some(node)
        })
    }

    /// The value of `key` in the object at `i` (the last one, as a JSON map keeps it).
    pub(crate) fn get(&self, i: usize, key: &str) -> Option<usize> {
        let mut found = None;
        for (k, v) in self.entries(i) {
            if k == key {
                found = Some(v);
            }
        }
        found
    }

    /// The value at `i` as a JSON value (for error messages and rare cells).
    pub(crate) fn to_value(&self, i: usize) -> Value {
        match self.node(i) {
            None | Some(Node::Null) => Value::Null,
            Some(Node::Bool(b)) => Value::Bool(b),
            Some(Node::U64(n)) => Value::from(n),
            Some(Node::I64(n)) => Value::from(n),
            Some(Node::F64(f)) => {
                serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
            }
            Some(Node::Str(s, e)) => Value::String(self.str(s, e).to_owned()),
            Some(Node::Static(s)) => Value::String(s.to_owned()),
            Some(Node::Array(_)) => Value::Array(self.items(i).map(|x| self.to_value(x)).collect()),
            Some(Node::Object(_)) => {
                let mut map = Map::new();
                for (k, v) in self.entries(i) {
                    map.insert(k.to_owned(), self.to_value(v));
                }
                Value::Object(map)
            }
        }
    }

    fn push_str(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.nodes.push(Node::Str(start, self.text.len()));
    }

    /// Appends a static string (not copied).
    fn push_static(&mut self, s: &'static str) {
        self.nodes.push(Node::Static(s));
    }

    /// Sets the end of the container opened at `at` to the current end of the tape.
    fn close(&mut self, at: usize) {
        let end = self.nodes.len();
        if let Some(Node::Array(e) | Node::Object(e)) = self.nodes.get_mut(at) {
            *e = end;
        }
    }

    /// Appends `v`; returns the index of its node.
    pub(crate) fn push_value(&mut self, v: &Value) -> usize {
        let at = self.nodes.len();
        match v {
            Value::Null => self.nodes.push(Node::Null),
            Value::Bool(b) => self.nodes.push(Node::Bool(*b)),
            Value::Number(n) => self.nodes.push(if let Some(u) = n.as_u64() {
                Node::U64(u)
            } else if let Some(i) = n.as_i64() {
                Node::I64(i)
            } else {
                Node::F64(n.as_f64().unwrap_or_default())
            }),
            Value::String(s) => self.push_str(s),
            Value::Array(items) => {
                self.nodes.push(Node::Array(at));
                for x in items {
                    self.push_value(x);
                }
                self.close(at);
            }
            Value::Object(map) => {
                self.nodes.push(Node::Object(at));
                for (k, x) in map {
                    self.push_str(k);
                    self.push_value(x);
                }
                self.close(at);
            }
        }
        at
    }

    /// Appends `v` serialized as `serde_json::to_value` would; returns the index of its node.
    /// On [`Unsupported`] the tape is left as it was.
    pub(crate) fn push_serialize<T: serde::Serialize + ?Sized>(
        &mut self,
        v: &T,
    ) -> Result<usize, Unsupported> {
        let (at, text) = (self.nodes.len(), self.text.len());
        match v.serialize(serializer::TapeSerializer { tape: self }) {
            Ok(()) => Ok(at),
            Err(e) => {
                self.nodes.truncate(at);
                self.text.truncate(text);
                Err(e)
            }
        }
    }

    /// Appends `v` (a record, the header…) as `serde_json::to_value` would build it, through
    /// `to_value` itself when the tape serializer cannot mirror it; `what` names it in errors.
    pub(crate) fn push<T: serde::Serialize>(
        &mut self,
        v: &T,
        what: &str,
    ) -> Result<usize, WriteError> {
        match self.push_serialize(v) {
            Ok(at) => Ok(at),
            Err(Unsupported) => {
                let value = serde_json::to_value(v).map_err(|e| WriteError::Serialize {
                    what: what.to_owned(),
                    message: e.to_string(),
                })?;
                Ok(self.push_value(&value))
            }
        }
    }
}

/// Appends the decimal digits of `n`.
fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            // `n % 10` is a digit.
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    buf.extend_from_slice(digits.get(at..).unwrap_or_default());
}

/// Appends a number of the tape as serde_json writes it.
pub(crate) fn push_number(buf: &mut Vec<u8>, n: Node) {
    match n {
        Node::U64(u) => push_u64(buf, u),
        Node::I64(i) => {
            if i < 0 {
                buf.push(b'-');
            }
            push_u64(buf, i.unsigned_abs());
        }
        Node::F64(f) => {
            if let Some(n) = serde_json::Number::from_f64(f) {
                buf.extend_from_slice(n.to_string().as_bytes());
            }
        }
        _ => {}
    }
}
/// Appends the body of `record` to `tape` (as [`Record::to_value`] builds it).
pub(crate) fn push_record(tape: &mut Tape, record: &Record) -> Result<usize, WriteError> {
    let what = record.kind().name();
    with_body!(record, body => tape.push(body, what))
}

/// A writer that serializes each record onto a [`Tape`] and writes it from there, driven by
/// the schema shape (XML, CSV).
pub(crate) trait TapeWriter {
    /// Writes one record of `kind`, which `push` serializes onto the tape (returning the index
    /// of its node).
    fn write_tape(
        &mut self,
        kind: Kind,
        push: impl FnOnce(&mut Tape) -> Result<usize, WriteError>,
    ) -> Result<(), WriteError>;

    /// Writes one record.
    fn write_record(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_tape(record.kind(), |tape| push_record(tape, record))
    }

    /// Writes every record of `ds` in dataset order (the order of [`crate::record::records`]),
    /// borrowed rather than cloned.
    fn write_records(&mut self, ds: &Dataset) -> Result<(), WriteError> {
        fn all<W: TapeWriter + ?Sized, T: serde::Serialize>(
            writer: &mut W,
            kind: Kind,
            items: &[T],
        ) -> Result<(), WriteError> {
            items
                .iter()
                .try_for_each(|r| writer.write_tape(kind, |tape| tape.push(r, kind.name())))
        }
        all(self, Kind::Organization, &ds.organizations)?;
        all(self, Kind::StateBody, &ds.state_bodies)?;
        all(self, Kind::SocialOrder, &ds.social_orders)?;
        all(self, Kind::Grant, &ds.grants)?;
        all(self, Kind::Award, &ds.awards)?;
        all(self, Kind::Application, &ds.applications)?;
        all(self, Kind::Evaluation, &ds.evaluations)?;
        all(self, Kind::Expert, &ds.experts)?;
        all(self, Kind::Project, &ds.projects)?;
        all(self, Kind::MediationCase, &ds.mediation_cases)?;
        all(self, Kind::Plan, &ds.plans)?;
        all(self, Kind::PartnershipOrder, &ds.partnership_orders)?;
        all(self, Kind::ForeignFundingEntry, &ds.foreign_funding_entries)?;
        all(self, Kind::Body, &ds.bodies)?;
        all(self, Kind::VolunteerActivity, &ds.volunteer_activities)?;
        all(self, Kind::Event, &ds.events)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The tape holds what `serde_json::to_value` builds, for every record of a sample.
    #[test]
    fn the_tape_mirrors_to_value() {
        let ds = engo_sample::generate(&engo_sample::Config::new(0.01, 3, 0.05).unwrap())
            .unwrap()
            .dataset;
        let mut tape = Tape::default();
        let mut n = 0;
        for r in crate::record::records(&ds) {
            tape.clear();
            let at = push_record(&mut tape, &r).unwrap();
            assert_eq!(tape.to_value(at), r.to_value().unwrap());
            n += 1;
        }
        assert!(n > 100);
        let header = crate::record::Header::of(&ds);
        tape.clear();
        let at = tape.push(&header, "header").unwrap();
        assert_eq!(tape.to_value(at), serde_json::to_value(&header).unwrap());
        // What the tape serializer leaves to `to_value` still comes out the same.
        let odd = serde_json::json!({"f": 1.5, "n": -3, "big": u64::MAX, "a": [null, true, "x"]});
        let map: std::collections::BTreeMap<i32, f64> = [(1, 0.5), (-2, 2.0)].into();
        for v in [&odd as &dyn erased::Ser, &map] {
            tape.clear();
            let at = v.push(&mut tape);
            assert_eq!(tape.to_value(at), v.value());
        }
    }

    mod erased {
        use super::*;
        pub(super) trait Ser {
            fn push(&self, tape: &mut Tape) -> usize;
            fn value(&self) -> Value;
        }
        impl<T: serde::Serialize> Ser for T {
            fn push(&self, tape: &mut Tape) -> usize {
                tape.push(self, "x").unwrap()
            }
            fn value(&self) -> Value {
                serde_json::to_value(self).unwrap()
            }
        }
    }
}
