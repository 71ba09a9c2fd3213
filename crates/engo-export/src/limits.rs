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
    /// Longest string value, in bytes. Default 1 MiB.
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
