//! The CSV reader's input limit that the `csv` crate cannot enforce itself: the length of one
//! record, before the parser buffers it whole.

use crate::limits::Position;

/// A streaming pre-scan of CSV text that fails as soon as one record (from one unquoted line
/// end to the next; a quoted field may span lines) is longer than `limit` bytes, before the
/// CSV parser buffers it.
pub(crate) struct CsvGuard<R> {
    inner: R,
    limit: usize,
    quoted: bool,
    len: usize,
    pos: Position,
}

impl<R> CsvGuard<R> {
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        CsvGuard {
            inner,
            limit,
            quoted: false,
            len: 0,
            pos: Position::new(),
        }
    }
}

impl<R: std::io::Read> std::io::Read for CsvGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for b in buf.iter().take(n) {
            self.pos.advance(*b);
            match *b {
                b'"' => self.quoted = !self.quoted,
                b'\n' | b'\r' if !self.quoted => {
                    self.len = 0;
                    continue;
                }
                _ => {}
            }
            self.len = self.len.saturating_add(1);
            if self.len > self.limit {
                return Err(self.pos.over(self.limit));
            }
        }
        Ok(n)
    }
}
