//! Input limits of every reader.

/// Limits that every reader enforces, so that a hostile or broken file cannot exhaust memory.
///
/// ```
/// let strict = engo_export::Limits { max_bytes: 1 << 20, ..engo_export::Limits::default() };
/// assert_eq!(strict.max_depth, 32);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes read from one input (a file, or one CSV file of a package). Default 1 GiB.
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
struct Position {
    line: u64,
    column: u64,
}

impl Position {
    fn new() -> Self {
        Position { line: 1, column: 0 }
    }
    fn advance(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
            self.column = 0;
        } else {
            self.column += 1;
        }
    }
    fn over(self, limit: usize) -> std::io::Error {
        std::io::Error::other(OverlongIo(Overlong {
            line: self.line,
            column: self.column,
            limit,
        }))
    }
}

/// The lexical state of [`JsonGuard`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonLex {
    Outside,
    InString,
    Escape,
    /// Inside `\u`: digits seen, value so far.
    Hex(u8, u32),
}

/// A streaming pre-scan of JSON text that fails as soon as one string (a value or a key,
/// counted in decoded UTF-8 bytes) or one number is longer than `limit` bytes, before the
/// parser buffers it. Memory stays O(1); for well-formed JSON the count is exact.
pub(crate) struct JsonGuard<R> {
    inner: R,
    limit: usize,
    lex: JsonLex,
    len: usize,
    pos: Position,
    hit: Option<Overlong>,
}

impl<R> JsonGuard<R> {
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        JsonGuard {
            inner,
            limit,
            lex: JsonLex::Outside,
            len: 0,
            pos: Position::new(),
            hit: None,
        }
    }

    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }

    /// Where the scan stopped, when a token was too long.
    pub(crate) fn overlong(&self) -> Option<Overlong> {
        self.hit
    }

    /// Takes one byte; false when it makes the current token too long.
    fn step(&mut self, b: u8) -> bool {
        self.pos.advance(b);
        let add = match self.lex {
            JsonLex::Outside => {
                if b == b'"' {
                    self.lex = JsonLex::InString;
                    self.len = 0;
                    0
                } else if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E') {
                    1
                } else {
                    self.len = 0;
                    0
                }
            }
            JsonLex::InString => match b {
                b'"' => {
                    self.lex = JsonLex::Outside;
                    self.len = 0;
                    0
                }
                b'\\' => {
                    self.lex = JsonLex::Escape;
                    0
                }
                _ => 1,
            },
            JsonLex::Escape => {
                if b == b'u' {
                    self.lex = JsonLex::Hex(0, 0);
                    0
                } else {
                    self.lex = JsonLex::InString;
                    1
                }
            }
            JsonLex::Hex(n, v) => match char::from(b).to_digit(16) {
                Some(d) if n == 3 => {
                    self.lex = JsonLex::InString;
                    match v * 16 + d {
                        0..0x80 => 1,
                        0x80..0x800 | 0xD800..=0xDFFF => 2,
                        _ => 3,
                    }
                }
                Some(d) => {
                    self.lex = JsonLex::Hex(n + 1, v * 16 + d);
                    0
                }
                // Not JSON: the parser reports it.
                None => {
                    self.lex = JsonLex::InString;
                    1
                }
            },
        };
        self.len = self.len.saturating_add(add);
        self.len <= self.limit
    }
}

impl<R: std::io::Read> std::io::Read for JsonGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(o) = self.hit {
            return Err(std::io::Error::other(OverlongIo(o)));
        }
        let n = self.inner.read(buf)?;
        for b in buf.iter().take(n) {
            if !self.step(*b) {
                let e = self.pos.over(self.limit);
                self.hit = overlong(&e);
                return Err(e);
            }
        }
        Ok(n)
    }
}

/// The lexical state of [`XmlGuard`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum XmlLex {
    /// Character data.
    Text,
    /// After `&`, up to `;`.
    Ref,
    /// After `<`, deciding what follows.
    Open,
    /// After `<!`: the bytes matched so far of `--` or `[CDATA[`.
    Bang(u8),
    /// A start or end tag; the open quote, if any.
    Tag(Option<u8>),
    /// A comment; trailing `-` seen.
    Comment(u8),
    /// A CDATA section; trailing `]` seen.
    CData(u8),
    /// A processing instruction; whether `?` was the last byte.
    Pi(bool),
    /// A DOCTYPE or other `<!…>` declaration; `[` depth.
    Decl(u32),
}

/// A streaming pre-scan of an XML document that fails as soon as one piece that the parser
/// buffers whole — a run of text, a tag with its attributes, a comment, a CDATA section, a
/// processing instruction or a declaration — is longer than `limit` bytes. Text is counted
/// between markup and entity references, so its count equals the decoded length.
pub(crate) struct XmlGuard<R> {
    inner: R,
    limit: usize,
    lex: XmlLex,
    len: usize,
    pos: Position,
    /// Bytes at the front of `inner`'s buffer that were already scanned.
    scanned: usize,
}

impl<R> XmlGuard<R> {
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        XmlGuard {
            inner,
            limit,
            lex: XmlLex::Text,
            len: 0,
            pos: Position::new(),
            scanned: 0,
        }
    }

    /// The next state after byte `b`, and whether `b` starts a new piece.
    fn next(lex: XmlLex, b: u8) -> (XmlLex, bool) {
        use XmlLex::*;
        const CDATA: &[u8] = b"[CDATA[";
        match (lex, b) {
            (Text, b'<') => (Open, true),
            (Text, b'&') => (Ref, true),
            (Text, _) => (Text, false),
            (Ref, b';') => (Text, true),
            (Ref, b'<') => (Open, true),
            (Ref, _) => (Ref, false),
            (Open, b'!') => (Bang(0), false),
            (Open, b'?') => (Pi(false), false),
            (Open, b'>') => (Text, true),
            (Open, q @ (b'"' | b'\'')) => (Tag(Some(q)), false),
            (Open, _) => (Tag(None), false),
            (Bang(0), b'-') => (Bang(1), false),
            (Bang(1), b'-') => (Comment(0), false),
            (Bang(n), _) if n >= 2 && CDATA.get(usize::from(n - 2)) == Some(&b) => {
                if usize::from(n - 1) == CDATA.len() {
                    (CData(0), false)
                } else {
                    (Bang(n + 1), false)
                }
            }
            (Bang(0), b'[') => (Bang(3), false),
            (Bang(_), b'>') => (Text, true),
            (Bang(_), b'[') => (Decl(1), false),
            (Bang(_), _) => (Decl(0), false),
            (Tag(None), b'>') => (Text, true),
            (Tag(None), q @ (b'"' | b'\'')) => (Tag(Some(q)), false),
            (Tag(Some(q)), c) if c == q => (Tag(None), false),
            (Tag(q), _) => (Tag(q), false),
            (Comment(n), b'-') => (Comment((n + 1).min(2)), false),
            (Comment(2), b'>') => (Text, true),
            (Comment(_), _) => (Comment(0), false),
            (CData(n), b']') => (CData((n + 1).min(2)), false),
            (CData(2), b'>') => (Text, true),
            (CData(_), _) => (CData(0), false),
            (Pi(true), b'>') => (Text, true),
            (Pi(_), c) => (Pi(c == b'?'), false),
            (Decl(d), b'[') => (Decl(d.saturating_add(1)), false),
            (Decl(d), b']') => (Decl(d.saturating_sub(1)), false),
            (Decl(0), b'>') => (Text, true),
            (Decl(d), _) => (Decl(d), false),
        }
    }
}

impl<R: std::io::BufRead> std::io::Read for XmlGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::io::BufRead as _;
        let n = {
            let src = self.fill_buf()?;
            let n = src.len().min(buf.len());
            if let (Some(dst), Some(src)) = (buf.get_mut(..n), src.get(..n)) {
                dst.copy_from_slice(src);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for XmlGuard<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let limit = self.limit;
        let mut scanned = self.scanned;
        let (mut lex, mut len, mut pos) = (self.lex, self.len, self.pos);
        let buf = self.inner.fill_buf()?;
        let mut over = false;
        for b in buf.iter().skip(scanned) {
            let (next, fresh) = Self::next(lex, *b);
            let n = if fresh { 0 } else { len.saturating_add(1) };
            if n > limit {
                over = true;
                break;
            }
            pos.advance(*b);
            (lex, len) = (next, n);
            scanned += 1;
        }
        if over && scanned == 0 {
            pos.advance(0);
            return Err(pos.over(limit));
        }
        let ok = buf.get(..scanned).unwrap_or(buf);
        (self.lex, self.len, self.pos, self.scanned) = (lex, len, pos, scanned);
        Ok(ok)
    }
    fn consume(&mut self, amt: usize) {
        self.scanned = self.scanned.saturating_sub(amt);
        self.inner.consume(amt);
    }
}

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

/// Looks at the first bytes of a text input: skips a UTF-8 byte-order mark (spreadsheets and
/// Windows editors write one) and refuses UTF-16 and UTF-32 (a byte-order mark `FF FE` or
/// `FE FF`, or a NUL byte among the first two bytes), saying what was found.
pub(crate) fn sniff_utf8<R: std::io::BufRead>(input: &mut R) -> Result<(), String> {
    let head = input.fill_buf().map_err(|e| e.to_string())?;
    match head {
        [0xEF, 0xBB, 0xBF, ..] => {
            input.consume(3);
            Ok(())
        }
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Err(
            "UTF-16 text (a UTF-16 byte-order mark): only UTF-8 is accepted; save the file as UTF-8"
                .to_owned(),
        ),
        [0, ..] | [_, 0, ..] => Err(
            "UTF-16 or UTF-32 text (a NUL byte at the start): only UTF-8 is accepted; save the \
             file as UTF-8"
                .to_owned(),
        ),
        _ => Ok(()),
    }
}

/// Checks depth and string lengths of a parsed value, reporting a JSON pointer.
pub(crate) fn check_value(
    v: &serde_json::Value,
    limits: &Limits,
    pointer: &mut String,
    depth: usize,
) -> Result<(), crate::ReadError> {
    use serde_json::Value;
    if depth > limits.max_depth {
        return Err(crate::ReadError::TooDeep {
            pointer: pointer.clone(),
            limit: limits.max_depth,
        });
    }
    match v {
        Value::String(s) if s.len() > limits.max_string_bytes => {
            Err(crate::ReadError::StringTooLong {
                pointer: pointer.clone(),
                limit: limits.max_string_bytes,
            })
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                check_value(x, limits, pointer, depth + 1)?;
                pointer.truncate(len);
            }
            Ok(())
        }
        Value::Object(m) => {
            for (k, x) in m {
                if k.len() > limits.max_string_bytes {
                    return Err(crate::ReadError::StringTooLong {
                        pointer: pointer.clone(),
                        limit: limits.max_string_bytes,
                    });
                }
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                check_value(x, limits, pointer, depth + 1)?;
                pointer.truncate(len);
            }
            Ok(())
        }
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

    #[test]
    fn check_value_reports_pointers() {
        let v = serde_json::json!({"a": [{"b/c": "long string"}]});
        let limits = Limits {
            max_string_bytes: 4,
            ..Limits::default()
        };
        let e = check_value(&v, &limits, &mut String::new(), 0).unwrap_err();
        assert!(e.to_string().starts_with("/a/0/b~1c:"), "{e}");
        let deep = Limits {
            max_depth: 1,
            ..Limits::default()
        };
        assert!(check_value(&v, &deep, &mut String::new(), 0).is_err());
    }
}
