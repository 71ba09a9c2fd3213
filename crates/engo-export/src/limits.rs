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

/// Why [`JsonScan`] cannot vouch for a document: the caller must take the exact (streaming) way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotCertain;

/// Longest number the fast pre-scan lets through, in bytes: far below [`JsonGuard`]'s limit
/// (at least 64 KiB), and far beyond any number of the model.
const SCAN_MAX_NUMBER: usize = 4096;
/// Deepest nesting the fast pre-scan lets through, whatever [`Limits::max_depth`] says: below
/// serde_json's recursion limit (128), which the streaming reader's `Value`s are subject to and
/// an ignored field of a typed parse is not.
const SCAN_MAX_LEVEL: usize = 100;
/// Most top-level properties the fast pre-scan compares for duplicates (the format has 14).
const SCAN_MAX_TOP_KEYS: usize = 64;
/// Largest `integer digits + exponent` of a number the fast pre-scan lets through: such a number
/// is below 10^300, so it parses into a `serde_json::Value` (beyond `f64::MAX`, ≈ 1.8 × 10^308,
/// it is refused there while an ignored field of a typed parse skips it).
const SCAN_MAX_MAGNITUDE: usize = 300;

/// A pre-scan of JSON text held in memory, for the fast path of [`crate::json::read`]: it
/// passes only a document that the streaming reader ([`crate::json::for_each_record`]) cannot
/// refuse where `serde_json::from_slice::<Dataset>` accepts it, and on which both give the
/// same dataset. It errs on the side of [`NotCertain`], which only costs the slower way.
///
/// What it checks, on top of what a typed parse checks itself (syntax, types, duplicate fields
/// of a record):
/// - the document is an object (a typed parse also accepts an array) whose properties are
///   distinct and written without escapes (the streaming reader refuses a repeated one, even an
///   unknown one that a typed parse ignores);
/// - no string, key or value anywhere, is longer than [`Limits::max_string_bytes`] as written
///   (an escape is never shorter than what it decodes to), and no number longer than
///   [`SCAN_MAX_NUMBER`]: neither [`JsonGuard`] nor [`check_value`] can refuse it;
/// - no nesting deeper than [`Limits::max_depth`] (counted from the document, so at least as
///   deep as [`check_value`] counts) nor than [`SCAN_MAX_LEVEL`];
/// - what a `serde_json::Value` refuses and an ignored field of a typed parse skips: a `\u`
///   escape of a lone surrogate, and a number beyond `f64` (invalid UTF-8 is left to the caller,
///   which validates the whole text).
///
/// The text is scanned as it grows: [`JsonScan::scan`] resumes where it stopped, before the
/// last incomplete token, and refuses a string or number as soon as its part already read is
/// too long, so a reader can stop reading a hostile input early.
#[derive(Debug)]
pub(crate) struct JsonScan {
    max_string: usize,
    max_level: usize,
    /// Next byte to scan: always at a token boundary.
    pos: usize,
    /// Containers open at `pos`; the document's object is level 1.
    level: usize,
    /// Whether the next string at level 1 is a property name.
    key_next: bool,
    /// Whether the document's object was opened.
    started: bool,
    /// The top-level property names seen.
    keys: Vec<Vec<u8>>,
}

impl JsonScan {
    pub(crate) fn new(limits: &Limits) -> Self {
        JsonScan {
            max_string: limits.max_string_bytes,
            max_level: limits.max_depth.min(SCAN_MAX_LEVEL),
            pos: 0,
            level: 0,
            key_next: false,
            started: false,
            keys: Vec::new(),
        }
    }

    /// Scans `text` from where the last call stopped; `text` must be the text of the last call
    /// with more bytes appended, and `eof` says that no more will come. `Ok` when nothing that
    /// was read rules the fast path out (at the end: when the whole document was scanned).
    pub(crate) fn scan(&mut self, text: &[u8], eof: bool) -> Result<(), NotCertain> {
        let (mut pos, mut level, mut key_next) = (self.pos, self.level, self.key_next);
        let result = loop {
            let Some(&b) = text.get(pos) else {
                break Ok(());
            };
            if level == 0 {
                match b {
                    b' ' | b'\n' | b'\t' | b'\r' => pos += 1,
                    b'{' if !self.started && self.max_level > 0 => {
                        self.started = true;
                        level = 1;
                        key_next = true;
                        pos += 1;
                    }
                    // Not an object, or something after it.
                    _ => break Err(NotCertain),
                }
                continue;
            }
            match b {
                b'"' => {
                    let start = pos + 1;
                    let end = match string_end(text, start, self.max_string) {
                        StrEnd::Closed(end) => end,
                        StrEnd::Open => break Ok(()),
                        StrEnd::Refused => break Err(NotCertain),
                    };
                    if level == 1 && key_next {
                        let key = text.get(start..end).unwrap_or_default();
                        if key.contains(&b'\\')
                            || self.keys.len() >= SCAN_MAX_TOP_KEYS
                            || self.keys.iter().any(|k| k == key)
                        {
                            break Err(NotCertain);
                        }
                        self.keys.push(key.to_vec());
                        key_next = false;
                    }
                    pos = end + 1;
                }
                b'{' | b'[' => {
                    level += 1;
                    if level > self.max_level {
                        break Err(NotCertain);
                    }
                    pos += 1;
                }
                b'}' | b']' => {
                    level -= 1;
                    pos += 1;
                }
                b',' => {
                    key_next |= level == 1;
                    pos += 1;
                }
                b':' => {
                    key_next &= level != 1;
                    pos += 1;
                }
                b'-' | b'0'..=b'9' => match number_end(text, pos) {
                    Num::End(end) => pos = end,
                    Num::Open => break Ok(()),
                    Num::Refused => break Err(NotCertain),
                },
                // Whitespace, literals, and bytes a typed parse refuses.
                _ => pos += 1,
            }
        };
        (self.pos, self.level, self.key_next) = (pos, level, key_next);
        match result {
            // At the end, the document must be complete.
            Ok(()) if eof && (pos < text.len() || level != 0 || !self.started) => Err(NotCertain),
            other => other,
        }
    }
}

/// How a string ends, for [`JsonScan`].
enum StrEnd {
    /// At this index (of the closing quote).
    Closed(usize),
    /// Not within the text read so far.
    Open,
    /// Longer than the limit, or with a `\u` escape of a lone surrogate or without four hex
    /// digits.
    Refused,
}

/// Where the string whose contents start at `start` ends.
fn string_end(text: &[u8], start: usize, max: usize) -> StrEnd {
    let mut i = start;
    loop {
        i = quote_or_backslash(text, i);
        if i.saturating_sub(start) > max {
            return StrEnd::Refused;
        }
        match text.get(i) {
            None => return StrEnd::Open,
            Some(b'"') => return StrEnd::Closed(i),
            Some(_) => {}
        }
        // A backslash.
        match text.get(i + 1) {
            None => return StrEnd::Open,
            Some(b'u') => {
                let Some(hex) = text.get(i + 2..i + 6) else {
                    return StrEnd::Open;
                };
                match hex4(hex) {
                    Some(0xD800..=0xDBFF) => match text.get(i + 6..i + 12) {
                        None => return StrEnd::Open,
                        Some([b'\\', b'u', low @ ..])
                            if matches!(hex4(low), Some(0xDC00..=0xDFFF)) =>
                        {
                            i += 12;
                        }
                        Some(_) => return StrEnd::Refused,
                    },
                    Some(0xDC00..=0xDFFF) | None => return StrEnd::Refused,
                    Some(_) => i += 6,
                }
            }
            Some(_) => i += 2,
        }
    }
}

/// The value of four hex digits.
fn hex4(digits: &[u8]) -> Option<u32> {
    digits
        .iter()
        .try_fold(0, |v, d| char::from(*d).to_digit(16).map(|d| v * 16 + d))
}

/// The index of the first `"` or `\` at or after `from`, or the length of `text`. Eight bytes
/// at a time: a byte equal to `c` is a zero byte of `x ^ c…c`, found with the carry trick
/// (the lowest flagged byte is always a true match).
fn quote_or_backslash(text: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    const QUOTE: u64 = ONES * b'"' as u64;
    const BACKSLASH: u64 = ONES * b'\\' as u64;
    let Some(rest) = text.get(from..) else {
        return text.len();
    };
    let (chunks, tail) = rest.as_chunks::<8>();
    for (n, chunk) in chunks.iter().enumerate() {
        let x = u64::from_le_bytes(*chunk);
        let q = x ^ QUOTE;
        let s = x ^ BACKSLASH;
        let hit = ((q.wrapping_sub(ONES) & !q) | (s.wrapping_sub(ONES) & !s)) & HIGH;
        if hit != 0 {
            return from + n * 8 + (hit.trailing_zeros() / 8) as usize;
        }
    }
    let base = from + chunks.len() * 8;
    tail.iter()
        .position(|b| matches!(b, b'"' | b'\\'))
        .map_or(text.len(), |p| base + p)
}

/// How a number ends, for [`JsonScan`].
enum Num {
    /// Before this index.
    End(usize),
    /// Not within the text read so far (and not too long yet).
    Open,
    /// Longer than [`SCAN_MAX_NUMBER`], or not below 10^300.
    Refused,
}

/// Where the number that starts at `start` ends.
fn number_end(text: &[u8], start: usize) -> Num {
    let digits = |mut i: usize| {
        while text.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = start;
    if text.get(i) == Some(&b'-') {
        i += 1;
    }
    let int_end = digits(i);
    let int_digits = int_end - i;
    i = int_end;
    if text.get(i) == Some(&b'.') {
        i = digits(i + 1);
    }
    let mut exponent = 0usize;
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = text.get(i) == Some(&b'-');
        if matches!(text.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let end = digits(i);
        if !negative {
            exponent = text
                .get(i..end)
                .unwrap_or_default()
                .iter()
                .fold(0usize, |e, d| {
                    e.saturating_mul(10).saturating_add(usize::from(d - b'0'))
                });
        }
        i = end;
    }
    if i - start > SCAN_MAX_NUMBER || int_digits.saturating_add(exponent) > SCAN_MAX_MAGNITUDE {
        Num::Refused
    } else if i == text.len() {
        Num::Open
    } else {
        Num::End(i)
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

    /// Scans `doc` in pieces of `step` bytes, as `json::read` does in batches.
    fn scan_in_steps(doc: &[u8], limits: &Limits, step: usize) -> Result<(), NotCertain> {
        let mut scan = JsonScan::new(limits);
        let mut end = 0;
        loop {
            end = (end + step).min(doc.len());
            let eof = end == doc.len();
            scan.scan(&doc[..end], eof)?;
            if eof {
                return Ok(());
            }
        }
    }

    #[test]
    fn json_scan_passes_only_what_is_certain_and_resumes_anywhere() {
        let limits = Limits {
            max_string_bytes: 16,
            max_depth: 4,
            ..Limits::default()
        };
        let cases: [(&str, bool); 17] = [
            (
                r#" {"a": "0123456789abcdef", "b": [1, -2.5E+3, {"c": "\ud83d\ude00\""}], "d": true} "#,
                true,
            ),
            (r#"{"a":[[{}]],"b":null,"c":0}"#, true),
            (r#"{"a": "0123456789abcdefg"}"#, false),
            (r#"{"0123456789abcdefg": 1}"#, false),
            (r#"{"a": [[[[1]]]]}"#, false),
            (r#"{"a": 1e400}"#, false),
            (r#"{"a": 1e-400}"#, true),
            (r#"{"a": "\ud800"}"#, false),
            (r#"{"a": "\udc00"}"#, false),
            (r#"{"a": "\ud800\u0041"}"#, false),
            (r#"{"a": 1, "b": {"a": 2}, "a": 3}"#, false),
            (r#"{"a": {"b": 1, "b": 2}}"#, true),
            (r#"[1]"#, false),
            (r#"{"a\u0062": 1}"#, false),
            (r#"{"a": 1} {}"#, false),
            (r#"{"a": 1"#, false),
            (r#"{"a": "x"#, false),
        ];
        for (doc, certain) in cases {
            let doc = doc.as_bytes();
            for step in 1..=doc.len() {
                assert_eq!(
                    scan_in_steps(doc, &limits, step).is_ok(),
                    certain,
                    "{} in steps of {step}",
                    String::from_utf8_lossy(doc)
                );
            }
        }
        let long = format!("{{\"a\": {}}}", "1".repeat(SCAN_MAX_NUMBER + 1));
        assert!(scan_in_steps(long.as_bytes(), &limits, 1000).is_err());
        let many: String = (0..=SCAN_MAX_TOP_KEYS)
            .map(|i| format!("\"k{i}\":0,"))
            .collect();
        let many = format!("{{{many}\"z\":0}}");
        assert!(scan_in_steps(many.as_bytes(), &Limits::default(), 64).is_err());
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
