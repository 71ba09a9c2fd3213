//! The pre-scan of [`read`](super::read()): whether a document held in memory may be parsed
//! directly with `serde_json::from_slice`, with the same result as the streaming reader.

use crate::Limits;

/// Why [`JsonScan`] cannot vouch for a document: the caller must take the exact (streaming) way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotCertain;

/// Longest number the fast pre-scan lets through, in bytes: far below the limit of
/// [`JsonGuard`](super::limits::JsonGuard) (at least 64 KiB), and far beyond any number of the
/// model.
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

/// A pre-scan of JSON text held in memory, for the fast path of [`crate::json::read()`]: it
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
///   [`SCAN_MAX_NUMBER`]: neither [`JsonGuard`](super::limits::JsonGuard) nor
///   [`check_value`](super::check_value) can refuse it;
/// - no nesting deeper than [`Limits::max_depth`] (counted from the document, so at least as
///   deep as [`check_value`](super::check_value) counts) nor than [`SCAN_MAX_LEVEL`];
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
        // The state is copied out and stored back at the end: `pos` only ever moves past whole
        // tokens, so a token cut by the end of `text` is scanned again, whole, by the next call.
        let (mut pos, mut level, mut key_next) = (self.pos, self.level, self.key_next);
        let result = loop {
            let Some(&b) = text.get(pos) else {
                break Ok(());
            };
            // Outside the document's object: only whitespace, then its `{` (once).
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
            // Inside it, only strings and numbers are scanned token by token (their length is
            // what is limited); brackets are counted for the depth, and commas and colons at
            // level 1 tell a property name from a value. Syntax is left to the parser.
            match b {
                b'"' => {
                    let start = pos + 1;
                    let end = match string_end(text, start, self.max_string) {
                        StringEnd::Closed(end) => end,
                        // Resume at the opening quote when more text has come.
                        StringEnd::Open => break Ok(()),
                        StringEnd::Refused => break Err(NotCertain),
                    };
                    // A property name of the document's object: written without escapes, its
                    // bytes are the name, so comparing bytes finds a repeat.
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
                // `level` ≥ 1 here; the object's own `}` brings it back to 0, where anything
                // but whitespace is refused above.
                b'}' | b']' => {
                    level -= 1;
                    pos += 1;
                }
                // At level 1, a name follows a comma and a value follows a colon.
                b',' => {
                    key_next |= level == 1;
                    pos += 1;
                }
                b':' => {
                    key_next &= level != 1;
                    pos += 1;
                }
                b'-' | b'0'..=b'9' => match number_end(text, pos) {
                    NumberEnd::End(end) => pos = end,
                    NumberEnd::Open => break Ok(()),
                    NumberEnd::Refused => break Err(NotCertain),
                },
                // Whitespace, literals (`true`, `false`, `null`), and bytes a typed parse refuses
                // (then `from_slice` fails and the caller falls back: nothing is lost).
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
enum StringEnd {
    /// At this index (of the closing quote).
    Closed(usize),
    /// Not within the text read so far.
    Open,
    /// Longer than the limit, or with a `\u` escape of a lone surrogate or without four hex
    /// digits.
    Refused,
}

/// Where the string whose contents start at `start` ends.
fn string_end(text: &[u8], start: usize, max: usize) -> StringEnd {
    let mut i = start;
    loop {
        // Skip to the next quote or backslash. The length is counted as written: an escape is
        // never shorter than what it decodes to, so a string within `max` here is within it
        // decoded too (the streaming reader counts decoded bytes).
        i = quote_or_backslash(text, i);
        if i.saturating_sub(start) > max {
            return StringEnd::Refused;
        }
        match text.get(i) {
            None => return StringEnd::Open,
            Some(b'"') => return StringEnd::Closed(i),
            Some(_) => {}
        }
        // A backslash: `\uXXXX` is checked (a high surrogate must be followed by an escaped low
        // one, as a `serde_json::Value` requires); any other escape is two bytes, left to the
        // parser.
        match text.get(i + 1) {
            None => return StringEnd::Open,
            Some(b'u') => {
                let Some(hex) = text.get(i + 2..i + 6) else {
                    return StringEnd::Open;
                };
                match hex4(hex) {
                    Some(0xD800..=0xDBFF) => match text.get(i + 6..i + 12) {
                        None => return StringEnd::Open,
                        Some([b'\\', b'u', low @ ..])
                            if matches!(hex4(low), Some(0xDC00..=0xDFFF)) =>
                        {
                            i += 12;
                        }
                        Some(_) => return StringEnd::Refused,
                    },
                    Some(0xDC00..=0xDFFF) | None => return StringEnd::Refused,
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
enum NumberEnd {
    /// Before this index.
    End(usize),
    /// Not within the text read so far (and not too long yet).
    Open,
    /// Longer than [`SCAN_MAX_NUMBER`], or not below 10^300.
    Refused,
}

/// Where the number that starts at `start` ends. The number's syntax is left to the parser; what
/// matters here is its length and its magnitude, estimated from above as the count of integer
/// digits plus a positive exponent (leading zeros and fraction digits only make it smaller).
fn number_end(text: &[u8], start: usize) -> NumberEnd {
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
        NumberEnd::Refused
    } else if i == text.len() {
        NumberEnd::Open
    } else {
        NumberEnd::End(i)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

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
}
