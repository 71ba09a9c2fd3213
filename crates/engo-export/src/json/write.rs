//! The canonical JSON writer, a record at a time.

use std::io::Write;

use engo_model::Dataset;

use crate::{
    WriteError,
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
            if let Some(kind) = Kind::ALL.get(self.next)
                && !kind.omitted_when_empty()
            {
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
