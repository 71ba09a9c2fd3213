//! NDJSON: one JSON object a line. The first line is the header
//! (`{"kind":"header","record":{…}}`), every other line one record
//! (`{"kind":"organization","record":{…}}`), in dataset order. Writer and reader both work one
//! record at a time.

use std::io::{BufRead, Read, Write};

use engo_model::Dataset;

use crate::{
    Limits, ReadCause, ReadError, WriteError,
    json::check_value,
    limits::{Capped, sniff_utf8, too_large},
    record::{Header, HeaderLine, Kind, Record, records},
};

/// Writes NDJSON one record at a time.
pub struct NdjsonWriter<W: Write> {
    out: W,
}

impl<W: Write> NdjsonWriter<W> {
    /// Writes the header line.
    pub fn new(mut out: W, header: &Header) -> Result<Self, WriteError> {
        let line = serde_json::to_vec(&HeaderLine::Header(header.clone())).map_err(|e| {
            WriteError::Serialize {
                what: "header".to_owned(),
                message: e.to_string(),
            }
        })?;
        out.write_all(&line)?;
        out.write_all(b"\n")?;
        Ok(NdjsonWriter { out })
    }

    /// Writes one record line.
    pub fn write(&mut self, record: &Record) -> Result<(), WriteError> {
        let line = serde_json::to_vec(record).map_err(|e| WriteError::Serialize {
            what: record.kind().name().to_owned(),
            message: e.to_string(),
        })?;
        self.out.write_all(&line)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    /// Flushes and returns the writer.
    pub fn finish(mut self) -> Result<W, WriteError> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes `ds` as NDJSON.
pub fn write<W: Write>(ds: &Dataset, out: W) -> Result<W, WriteError> {
    let mut w = NdjsonWriter::new(out, &Header::of(ds))?;
    for r in records(ds) {
        w.write(&r)?;
    }
    w.finish()
}

/// Reads NDJSON one record at a time: an iterator of records after the header.
///
/// A line that is not a valid record yields an error and the iteration goes on with the next
/// line, so one bad record never hides the others; a failing stream, the size limit or a line
/// longer than the limit end it.
///
/// ```
/// use engo_export::ndjson::{NdjsonReader, write};
/// let ds = engo_model::example::dataset();
/// let bytes = write(&ds, Vec::new())?;
/// let mut reader = NdjsonReader::new(&bytes[..], Default::default())?;
/// assert_eq!(reader.header().publisher, ds.publisher);
/// let first = reader.next().transpose()?;
/// assert!(matches!(first, Some(engo_export::Record::Organization(_))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct NdjsonReader<R: BufRead> {
    lines: Lines<R>,
    header: Header,
    done: bool,
}

/// The lines of an NDJSON input, with their numbers.
struct Lines<R: BufRead> {
    input: Capped<R>,
    line: u64,
    limits: Limits,
    buf: Vec<u8>,
    /// A line was cut at the limit: the rest of the stream cannot be split into lines safely.
    broken: bool,
}

impl<R: BufRead> NdjsonReader<R> {
    /// Reads the header line.
    pub fn new(input: R, limits: Limits) -> Result<Self, ReadError> {
        let mut input = input;
        sniff_utf8(&mut input).map_err(|source| ReadError::Ndjson { line: 1, source })?;
        let mut lines = Lines {
            input: Capped::new(input, limits.max_bytes),
            line: 0,
            limits,
            buf: Vec::new(),
            broken: false,
        };
        let Some(value) = lines.next_value()? else {
            return Err(ReadError::Ndjson {
                line: 1,
                source: ReadCause::refused("empty input: the first line must be the header"),
            });
        };
        match serde_json::from_value::<HeaderLine>(value) {
            Ok(HeaderLine::Header(header)) => Ok(NdjsonReader {
                lines,
                header,
                done: false,
            }),
            Err(e) => Err(lines.error(ReadCause::invalid("the first line must be the header", e))),
        }
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    fn next_record(&mut self) -> Result<Option<Record>, ReadError> {
        self.lines.next_record()
    }
}

impl<R: BufRead> Lines<R> {
    /// The error of the current line.
    fn error(&self, source: impl Into<ReadCause>) -> ReadError {
        ReadError::Ndjson {
            line: self.line,
            source: source.into(),
        }
    }

    /// The next non-blank line as a JSON value.
    fn next_value(&mut self) -> Result<Option<serde_json::Value>, ReadError> {
        loop {
            self.buf.clear();
            let max = self.limits.max_line_bytes as u64 + 1;
            let n = (&mut self.input)
                .take(max)
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| match too_large(&e) {
                    Some(limit) => ReadError::TooLarge { limit },
                    None => ReadError::Io(e),
                })?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            if self.buf.len() > self.limits.max_line_bytes && self.buf.last() != Some(&b'\n') {
                self.broken = true;
                return Err(self.error(ReadCause::refused(format!(
                    "line longer than the limit of {} bytes",
                    self.limits.max_line_bytes
                ))));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let value: serde_json::Value =
                serde_json::from_slice(&self.buf).map_err(|e| self.error(e))?;
            let mut pointer = String::new();
            check_value(&value, &self.limits, &mut pointer, 0)
                .map_err(|e| self.error(ReadCause::refused(e.to_string())))?;
            return Ok(Some(value));
        }
    }

    fn next_record(&mut self) -> Result<Option<Record>, ReadError> {
        let Some(value) = self.next_value()? else {
            return Ok(None);
        };
        let kind = value
            .get("kind")
            .and_then(|k| k.as_str())
            .unwrap_or("")
            .to_owned();
        if kind == "header" {
            return Err(self.error(ReadCause::refused("a second header line")));
        }
        if !Kind::ALL.iter().any(|k| k.name() == kind) {
            return Err(self.error(ReadCause::refused(format!(
                "unknown kind {:?}",
                kind.chars().take(40).collect::<String>()
            ))));
        }
        serde_json::from_value::<Record>(value)
            .map(Some)
            .map_err(|e| self.error(ReadCause::invalid(format!("{kind} record"), e)))
    }
}

impl<R: BufRead> Iterator for NdjsonReader<R> {
    type Item = Result<Record, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let r = self.next_record();
        // A bad line is reported and reading goes on with the next line; the end, a failing
        // stream, the size limit or a line cut at the limit stop the iteration.
        self.done = match &r {
            Ok(Some(_)) => false,
            Err(ReadError::Ndjson { .. }) => self.lines.broken,
            Ok(None) | Err(_) => true,
        };
        r.transpose()
    }
}

/// Reads a whole dataset from NDJSON. Records may come in any order; each is appended to its
/// collection.
pub fn read<R: BufRead>(input: R, limits: &Limits) -> Result<Dataset, ReadError> {
    let mut reader = NdjsonReader::new(input, *limits)?;
    let mut ds = reader.header().clone().into_dataset();
    for r in &mut reader {
        r?.push_into(&mut ds);
    }
    Ok(ds)
}
