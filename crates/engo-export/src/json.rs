//! Canonical JSON of a dataset: pretty-printed with two spaces, fields in the model's order,
//! a final newline. The writer takes records one at a time and the streaming reader
//! ([`for_each_record`]) hands them over one at a time, so neither holds the whole file in
//! memory; [`read`], which builds the whole dataset anyway, holds the input (at most
//! [`Limits::max_bytes`]) and parses it in one go when it can, with the same results.

use std::{
    cell::RefCell,
    fmt,
    io::{BufRead, Cursor, Read, Write},
};

use engo_model::Dataset;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::{
    Limits, ReadError, WriteError,
    limits::{Capped, JsonGuard, JsonScan, check_value, sniff_utf8},
    record::{Header, Kind, Record, records},
};

/// Writes a dataset's canonical JSON record by record.
///
/// The output is byte-identical to `serde_json::to_string_pretty(&dataset)` plus a newline.
/// Records must come in dataset order (all organisations, then state bodies, …, then events);
/// a record out of order is an error, never a silently different file.
pub struct JsonWriter<W: Write> {
    out: W,
    /// The collection being written and how many of its records were written.
    open: Option<(Kind, usize)>,
    /// Kinds whose collections are closed.
    next: usize,
}

impl<W: Write> JsonWriter<W> {
    /// Starts the document with the header fields.
    pub fn new(mut out: W, header: &Header) -> Result<Self, WriteError> {
        let ser = |what: &str, r: Result<Vec<u8>, serde_json::Error>| {
            r.map_err(|e| WriteError::Serialize {
                what: what.to_owned(),
                message: e.to_string(),
            })
        };
        let version = ser("schema_version", serde_json::to_vec(&header.schema_version))?;
        let publisher = ser("publisher", serde_json::to_vec_pretty(&header.publisher))?;
        let at = ser("published_at", serde_json::to_vec(&header.published_at))?;
        out.write_all(b"{\n  \"schema_version\": ")?;
        out.write_all(&version)?;
        out.write_all(b",\n  \"publisher\": ")?;
        out.write_all(&indent(&publisher, 2))?;
        out.write_all(b",\n  \"published_at\": ")?;
        out.write_all(&at)?;
        Ok(JsonWriter {
            out,
            open: None,
            next: 0,
        })
    }

    /// Closes collections up to (not including) `upto` in [`Kind::ALL`].
    fn close_until(&mut self, upto: usize) -> Result<(), WriteError> {
        if let Some((_, n)) = self.open.take()
            && n > 0
        {
            self.out.write_all(b"\n  ]")?;
        }
        while self.next < upto {
            if let Some(kind) = Kind::ALL.get(self.next) {
                write!(self.out, ",\n  \"{}\": []", kind.collection())?;
            }
            self.next += 1;
        }
        Ok(())
    }

    /// Writes one record.
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        let kind = record.kind();
        let pos = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        match self.open {
            Some((open, _)) if open == kind => {}
            _ => {
                if pos < self.next {
                    let last = self
                        .open
                        .map(|(k, _)| k)
                        .or_else(|| Kind::ALL.get(self.next.saturating_sub(1)).copied())
                        .unwrap_or(kind);
                    return Err(WriteError::OutOfOrder {
                        got: kind.name(),
                        last: last.name(),
                    });
                }
                self.close_until(pos)?;
                write!(self.out, ",\n  \"{}\": [", kind.collection())?;
                self.open = Some((kind, 0));
                self.next = pos + 1;
            }
        }
        let body = record.to_json_pretty();
        let body = body.map_err(|e| WriteError::Serialize {
            what: kind.name().to_owned(),
            message: e.to_string(),
        })?;
        if let Some((_, n)) = &mut self.open {
            self.out
                .write_all(if *n == 0 { b"\n    " } else { b",\n    " })?;
            *n += 1;
        }
        self.out.write_all(&indent(&body, 4))?;
        Ok(())
    }

    /// Closes the document and returns the writer.
    pub fn finish(mut self) -> Result<W, WriteError> {
        self.close_until(Kind::ALL.len())?;
        self.out.write_all(b"\n}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Indents every line after the first by `n` spaces (JSON strings never hold a raw newline).
fn indent(json: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + json.len() / 8);
    for b in json {
        out.push(*b);
        if *b == b'\n' {
            out.extend(std::iter::repeat_n(b' ', n));
        }
    }
    out
}

/// Writes the canonical JSON of `ds`.
///
/// ```
/// let ds = engo_model::example::dataset();
/// let mut out = Vec::new();
/// engo_export::json::write(&ds, &mut out)?;
/// assert_eq!(engo_export::json::read(&out[..], &Default::default())?, ds);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write<W: Write>(ds: &Dataset, out: W) -> Result<W, WriteError> {
    let mut w = JsonWriter::new(out, &Header::of(ds))?;
    for r in records(ds) {
        w.write(&r)?;
    }
    w.finish()
}

/// Reads a whole dataset from canonical (or any equivalent) JSON, in memory.
///
/// The result, and every error with its place, is exactly what [`for_each_record`] gives on
/// the same input (records collected into the dataset); only the way there differs. The input
/// is read into memory, at most [`Limits::max_bytes`] of it (after a UTF-8 byte-order mark),
/// while a fast pre-scan checks every limit of [`Limits`] and what else could make the
/// streaming reader refuse a document that `serde_json` parses (a repeated top-level property,
/// a lone surrogate or a number beyond `f64` in a field that a typed parse skips, invalid UTF-8
/// there). If it passes, the dataset is parsed from the slice directly with
/// `serde_json::from_slice`, several times faster than the streaming reader. On anything else
/// — a limit that may be exceeded, an input over `max_bytes`, a read error, a document that
/// `from_slice` refuses — it falls back to [`for_each_record`] over the same bytes (those
/// held, then the rest of `input`), which gives the error (or, e.g. with a duplicate key
/// inside a record, the dataset). The pre-scan stops the reading soon after a string grows
/// longer than [`Limits::max_string_bytes`] (a number longer than 4 KiB), so a hostile input is
/// not read further than the streaming reader reads it.
///
/// Memory: the input held (at most `max_bytes` + 1 bytes) and the dataset; use
/// [`for_each_record`] to read a file larger than memory.
pub fn read<R: BufRead>(input: R, limits: &Limits) -> Result<Dataset, ReadError> {
    let mut input = input;
    sniff_utf8(&mut input).map_err(sniff_error)?;
    let (text, failed) = match read_and_scan(&mut input, limits) {
        Held::Certain(text) => {
            if std::str::from_utf8(&text).is_ok()
                && let Ok(ds) = serde_json::from_slice::<Dataset>(&text)
            {
                return Ok(ds);
            }
            (text, None)
        }
        Held::Uncertain(text, failed) => (text, failed),
    };
    let rest = PendingError {
        error: failed,
        inner: input,
    };
    let mut recs = Vec::new();
    let header = stream(Cursor::new(text).chain(rest), limits, |r| {
        recs.push(r);
        Ok(())
    })?;
    Ok(header.with_records(recs))
}

/// The input of [`read`] held in memory.
enum Held {
    /// All of it, and [`JsonScan`] passed it.
    Certain(Vec<u8>),
    /// What was read before the pre-scan, the size limit or a read error (returned) stopped it.
    Uncertain(Vec<u8>, Option<std::io::Error>),
}

/// Reads `input` into memory, up to `limits.max_bytes` + 1 bytes, scanning it as it comes.
fn read_and_scan<R: Read>(input: &mut R, limits: &Limits) -> Held {
    /// Bytes read between two scans: at least this many…
    const MIN_BATCH: usize = 64 << 10;
    /// …and at most this many, so that a too-long string stops the reading soon after its
    /// limit (a quarter of what is held in between).
    const MAX_BATCH: usize = 1 << 20;
    let cap = usize::try_from(limits.max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let mut scan = JsonScan::new(limits);
    let mut text = Vec::new();
    loop {
        let room = cap.saturating_sub(text.len());
        if room == 0 {
            // Over `max_bytes`: the streaming reader says so, or what comes before.
            return Held::Uncertain(text, None);
        }
        let batch = (text.len() / 4).clamp(MIN_BATCH, MAX_BATCH).min(room);
        let need = text.len().saturating_add(batch);
        if text.capacity() < need {
            // Grow geometrically, but never beyond the cap.
            let target = need.max(text.capacity().saturating_mul(2)).min(cap);
            text.reserve_exact(target.saturating_sub(text.len()));
        }
        let limit = u64::try_from(batch).unwrap_or(u64::MAX);
        match Read::take(&mut *input, limit).read_to_end(&mut text) {
            Ok(n) => {
                let eof = n < batch;
                if scan.scan(&text, eof).is_err() {
                    return Held::Uncertain(text, None);
                }
                if eof {
                    return Held::Certain(text);
                }
            }
            Err(e) => return Held::Uncertain(text, Some(e)),
        }
    }
}

/// A reader that first returns the error that reading it failed with in [`read`], so that the
/// streaming reader meets it at the same place as it would have, then reads on.
struct PendingError<R> {
    error: Option<std::io::Error>,
    inner: R,
}

impl<R: Read> Read for PendingError<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.error.take() {
            Some(e) => Err(e),
            None => self.inner.read(buf),
        }
    }
}

impl<R: BufRead> BufRead for PendingError<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match self.error.take() {
            Some(e) => Err(e),
            None => self.inner.fill_buf(),
        }
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
    }
}

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

/// The error of [`sniff_utf8`].
fn sniff_error(message: String) -> ReadError {
    ReadError::Json {
        line: 1,
        column: 1,
        message,
    }
}

/// [`for_each_record`] after the byte-order mark.
fn stream<R, F>(input: R, limits: &Limits, f: F) -> Result<Header, ReadError>
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

pub(crate) fn json_error(e: serde_json::Error) -> ReadError {
    ReadError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
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
                Record::from_value(self.kind, value).map_err(|e| ReadError::Record {
                    pointer: pointer.clone(),
                    message: e.to_string(),
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

/// The schema version, a plain string of the model (see [`engo_model::deserialize_plain`]).
#[derive(serde::Deserialize)]
struct Plain(#[serde(deserialize_with = "engo_model::deserialize_plain")] String);
