//! The readers' input limits: the [`Limits`] they all take, and what they share to enforce
//! them — the size cap ([`Capped`]), the place where a streaming pre-scan found a token too long
//! ([`Overlong`]), and the check of a text input's encoding ([`sniff_utf8`]). Each reader's own
//! pre-scan lives beside it: `json/limits.rs`, `xml/limits.rs`, `csv/limits.rs`, `xlsx/limits.rs`
//! (the ZIP archive and its XML parts); NDJSON caps its lines in `ndjson.rs`.

use crate::ReadCause;

/// Limits that every reader enforces, so that a hostile or broken file cannot exhaust memory.
///
/// ```
/// let strict = engo_export::Limits { max_bytes: 1 << 20, ..engo_export::Limits::default() };
/// assert_eq!(strict.max_depth, 32);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes read from one input (a file, or one CSV file of a package; a workbook's file,
    /// and again what its parts unpack to). Default 1 GiB.
    /// [`json::read`](crate::json::read) holds up to this many bytes of its input in memory.
    pub max_bytes: u64,
    /// Deepest nesting of a record's values, or of XML elements. Default 32 (the model needs 8).
    pub max_depth: usize,
    /// Longest string value, in bytes. Default 1 MiB. Readers refuse a longer one while
    /// streaming, before holding it whole: JSON after at most twice this many bytes of it, XML
    /// text, tags and comments after this many (at least 64 KiB), CSV and NDJSON by
    /// [`Limits::max_line_bytes`].
    pub max_string_bytes: usize,
    /// Longest NDJSON line or CSV record, in bytes. Default 16 MiB.
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 1 << 30,
            max_depth: 32,
            max_string_bytes: 1 << 20,
            max_line_bytes: 16 << 20,
        }
    }
}

/// A reader that fails once more than `limit` bytes were read.
pub(crate) struct Capped<R> {
    pub(crate) inner: R,
    pub(crate) read: u64,
    pub(crate) limit: u64,
}

impl<R> Capped<R> {
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        Capped {
            inner,
            read: 0,
            limit,
        }
    }
}

/// The io error [`Capped`] returns; recognised by [`too_large`].
#[derive(Debug, thiserror::Error)]
#[error("input is larger than the limit of {0} bytes")]
pub(crate) struct TooLargeIo(pub(crate) u64);

/// The limit, when `e` is [`Capped`]'s error.
pub(crate) fn too_large(e: &std::io::Error) -> Option<u64> {
    e.get_ref()
        .and_then(|i| i.downcast_ref::<TooLargeIo>())
        .map(|t| t.0)
}

impl<R: std::io::Read> std::io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read = self.read.saturating_add(n as u64);
        if self.read > self.limit {
            return Err(std::io::Error::other(TooLargeIo(self.limit)));
        }
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Capped<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let remaining = usize::try_from(self.limit.saturating_sub(self.read)).unwrap_or(usize::MAX);
        let limit = self.limit;
        let buf = self.inner.fill_buf()?;
        if remaining == 0 && !buf.is_empty() {
            // Exactly `limit` bytes were consumed and there is more.
            return Err(std::io::Error::other(TooLargeIo(limit)));
        }
        // Never hand out more than the limit allows; the next call sees the rest.
        Ok(buf.get(..remaining.min(buf.len())).unwrap_or(buf))
    }
    fn consume(&mut self, amt: usize) {
        self.read = self.read.saturating_add(amt as u64);
        self.inner.consume(amt);
    }
}

/// `Read::read` for a buffered reader: copies what `fill_buf` holds and consumes it (so that a
/// reader whose checks run in `fill_buf` and `consume` reads through them).
pub(crate) fn read_buffered<R: std::io::BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut [u8],
) -> std::io::Result<usize> {
    let n = {
        let src = reader.fill_buf()?;
        let n = src.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), src.get(..n)) {
            dst.copy_from_slice(src);
        }
        n
    };
    reader.consume(n);
    Ok(n)
}

/// Where a streaming pre-scan found a token longer than its limit: 1-based line and column
/// (in bytes) of the byte that went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Overlong {
    pub(crate) line: u64,
    pub(crate) column: u64,
    pub(crate) limit: usize,
}

/// The io error the pre-scans return; recognised by [`overlong`].
#[derive(Debug, thiserror::Error)]
#[error("line {}, column {}: longer than the limit of {} bytes", .0.line, .0.column, .0.limit)]
pub(crate) struct OverlongIo(pub(crate) Overlong);

/// Where the token was, when `e` is a pre-scan's error.
pub(crate) fn overlong(e: &std::io::Error) -> Option<Overlong> {
    e.get_ref()
        .and_then(|i| i.downcast_ref::<OverlongIo>())
        .map(|t| t.0)
}

/// Line and column of the bytes a pre-scan has seen.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Position {
    line: u64,
    column: u64,
}

impl Position {
    pub(crate) fn new() -> Self {
        Position { line: 1, column: 0 }
    }
    pub(crate) fn advance(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
            self.column = 0;
        } else {
            self.column += 1;
        }
    }
    /// The error of a token longer than `limit` that ends here.
    pub(crate) fn over(self, limit: usize) -> std::io::Error {
        std::io::Error::other(OverlongIo(Overlong {
            line: self.line,
            column: self.column,
            limit,
        }))
    }
}

/// Looks at the first bytes of a text input: skips a UTF-8 byte-order mark (spreadsheets and
/// Windows editors write one) and refuses UTF-16 and UTF-32 (a byte-order mark `FF FE` or
/// `FE FF`, or a NUL byte among the first two bytes), saying what was found. The caller adds
/// the place (the start of its input).
pub(crate) fn sniff_utf8<R: std::io::BufRead>(input: &mut R) -> Result<(), ReadCause> {
    let head = input.fill_buf()?;
    match head {
        [0xEF, 0xBB, 0xBF, ..] => {
            input.consume(3);
            Ok(())
        }
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Err(ReadCause::refused(
            "UTF-16 text (a UTF-16 byte-order mark): only UTF-8 is accepted; save the file as UTF-8",
        )),
        [0, ..] | [_, 0, ..] => Err(ReadCause::refused(
            "UTF-16 or UTF-32 text (a NUL byte at the start): only UTF-8 is accepted; save the \
             file as UTF-8",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::io::{BufRead, Read};

    use super::*;

    #[test]
    fn capped_accepts_exactly_the_limit() {
        let mut s = String::new();
        Capped::new(&b"12345"[..], 5)
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "12345");
        let e = Capped::new(&b"123456"[..], 5)
            .read_to_string(&mut String::new())
            .unwrap_err();
        assert_eq!(too_large(&e), Some(5));
        let mut line = String::new();
        let e = Capped::new(&b"123456\n"[..], 5)
            .read_line(&mut line)
            .unwrap_err();
        assert_eq!(too_large(&e), Some(5));
    }
}
