//! The JSON readers' limits that serde_json cannot enforce itself: a streaming pre-scan of the
//! length of strings and numbers before the parser buffers them ([`JsonGuard`]), and the depth
//! and string lengths of a parsed value, with its JSON pointer ([`check_value`]).

use crate::{
    Limits,
    limits::{Overlong, OverlongIo, Position, overlong},
};

/// The lexical state of [`JsonGuard`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonLex {
    /// Between strings (in a number, a literal, whitespace or punctuation).
    Outside,
    /// Inside a string.
    InString,
    /// After a backslash in a string.
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
    /// Length of the current string or number so far, in decoded bytes.
    len: usize,
    /// Where the last byte scanned is.
    pos: Position,
    /// Where a token went over the limit: every later read fails there again.
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
    ///
    /// `add` is what the byte adds to the decoded length of the token. A run of number
    /// characters counts as a number; any other byte outside a string ends it. In a string, a
    /// byte counts one, an escape one (`\n`), and `\uXXXX` the UTF-8 length of its character —
    /// a surrogate half two, so that a pair counts the four bytes it decodes to.
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
        // Once over the limit, always over: the parser may read again after an error, and the
        // reader asks `overlong` for the place afterwards.
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
    use super::*;

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
