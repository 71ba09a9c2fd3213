//! The streaming JSON reader: a record at a time, checked against the [`Limits`] as it comes.

use std::{cell::RefCell, fmt, io::BufRead};

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::limits::{JsonGuard, check_value};
use crate::{
    Limits, ReadCause, ReadError,
    limits::{Capped, sniff_utf8},
    record::{Header, Kind, Record},
};

/// Streams a dataset's JSON: calls `f` with each record as soon as it is parsed, and returns
/// the header at the end. Memory stays bounded by the largest record. Unknown top-level
/// properties are skipped (forward compatibility).
pub fn for_each_record<R, F>(input: R, limits: &Limits, f: F) -> Result<Header, ReadError>
where
    R: BufRead,
    F: FnMut(Record) -> Result<(), ReadError>,
{
    let mut input = input;
    sniff_utf8(&mut input).map_err(sniff_error)?;
    stream(input, limits, f)
}

/// The error of [`sniff_utf8`], at the start of the input.
pub(super) fn sniff_error(source: ReadCause) -> ReadError {
    ReadError::Json {
        line: 1,
        column: 1,
        source,
    }
}

/// [`for_each_record`] after the byte-order mark.
pub(super) fn stream<R, F>(input: R, limits: &Limits, f: F) -> Result<Header, ReadError>
where
    R: BufRead,
    F: FnMut(Record) -> Result<(), ReadError>,
{
    // The pre-scan refuses a string or number over twice the limit (at least 64 KiB) before
    // serde_json buffers it whole, so memory stays bounded; one just over the limit is caught
    // after parsing, by `check_value`, which can say its JSON pointer.
    let mut guarded = JsonGuard::new(
        Capped::new(input, limits.max_bytes),
        limits.max_string_bytes.saturating_mul(2).max(1 << 16),
    );
    let state = State {
        f: RefCell::new(f),
        failure: RefCell::new(None),
        limits: *limits,
    };
    let result = {
        let mut de = serde_json::Deserializer::from_reader(&mut guarded);
        (&mut de)
            .deserialize_map(TopVisitor { state: &state })
            .and_then(|h| de.end().map(|()| h))
    };
    if let Some(e) = state.failure.into_inner() {
        return Err(e);
    }
    let capped = guarded.get_ref();
    if capped.read > capped.limit {
        return Err(ReadError::TooLarge {
            limit: capped.limit,
        });
    }
    if let Some(o) = guarded.overlong() {
        return Err(ReadError::StringTooLong {
            pointer: format!("line {}, column {}", o.line, o.column),
            limit: o.limit,
        });
    }
    result.map_err(json_error)
}

fn json_error(e: serde_json::Error) -> ReadError {
    ReadError::Json {
        line: e.line(),
        column: e.column(),
        source: e.into(),
    }
}

struct State<F> {
    f: RefCell<F>,
    failure: RefCell<Option<ReadError>>,
    limits: Limits,
}

struct TopVisitor<'a, F> {
    state: &'a State<F>,
}

impl<F> TopVisitor<'_, F> {
    /// A header property, checked against the limits like a record.
    fn header_value<'de, A, T>(&self, map: &mut A, key: &str) -> Result<T, A::Error>
    where
        A: MapAccess<'de>,
        T: serde::de::DeserializeOwned,
    {
        use serde::de::Error;
        let value = map.next_value::<serde_json::Value>()?;
        let mut pointer = format!("/{key}");
        if let Err(e) = check_value(&value, &self.state.limits, &mut pointer, 1) {
            let msg = e.to_string();
            *self.state.failure.borrow_mut() = Some(e);
            return Err(A::Error::custom(msg));
        }
        serde_json::from_value(value).map_err(|e| A::Error::custom(format!("/{key}: {e}")))
    }
}

impl<'de, F: FnMut(Record) -> Result<(), ReadError>> Visitor<'de> for TopVisitor<'_, F> {
    type Value = Header;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an engo dataset object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
        use serde::de::Error;
        let mut version = None;
        let mut publisher = None;
        let mut published_at = None;
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            // A repeated property is ambiguous (replace or append?): refused.
            if !seen.insert(key.clone()) {
                let key: String = key.chars().take(40).collect();
                return Err(A::Error::custom(format!("duplicate property {key:?}")));
            }
            match key.as_str() {
                "schema_version" => {
                    let Plain(v) = self.header_value(&mut map, &key)?;
                    version = Some(v);
                }
                "publisher" => publisher = Some(self.header_value(&mut map, &key)?),
                "published_at" => published_at = Some(self.header_value(&mut map, &key)?),
                other => match Kind::from_collection(other) {
                    Some(kind) => map.next_value_seed(Collection {
                        kind,
                        state: self.state,
                    })?,
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(Header {
            schema_version: version.ok_or_else(|| A::Error::missing_field("schema_version"))?,
            publisher: publisher.ok_or_else(|| A::Error::missing_field("publisher"))?,
            published_at: published_at.ok_or_else(|| A::Error::missing_field("published_at"))?,
        })
    }
}

struct Collection<'a, F> {
    kind: Kind,
    state: &'a State<F>,
}

impl<'de, F: FnMut(Record) -> Result<(), ReadError>> DeserializeSeed<'de> for Collection<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Record) -> Result<(), ReadError>> Visitor<'de> for Collection<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of {} records", self.kind.name())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        use serde::de::Error;
        let mut i = 0usize;
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            let mut pointer = format!("/{}/{i}", self.kind.collection());
            let outcome = check_value(&value, &self.state.limits, &mut pointer, 1).and_then(|()| {
                Record::from_value(self.kind, value).map_err(|source| ReadError::Record {
                    pointer: pointer.clone(),
                    source,
                })
            });
            let outcome = outcome.and_then(|r| (self.state.f.borrow_mut())(r));
            if let Err(e) = outcome {
                let msg = e.to_string();
                *self.state.failure.borrow_mut() = Some(e);
                return Err(A::Error::custom(msg));
            }
            i += 1;
        }
        Ok(())
    }
}

/// The schema version, a plain string of the model (see [`engo_model::text::deserialize_plain`]).
#[derive(serde::Deserialize)]
struct Plain(#[serde(deserialize_with = "engo_model::text::deserialize_plain")] String);
