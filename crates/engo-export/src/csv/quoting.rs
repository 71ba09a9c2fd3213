//! CSV fields and rows as the `csv` crate writes them (RFC 4180, CRLF), appended straight to a
//! buffer.

use crate::schema_shape::tape::{Node, push_number};

/// Appends an integer of the tape as [`push_number`] does, one- and two-digit numbers (most
/// positions) directly.
#[inline]
pub(super) fn push_int(buf: &mut Vec<u8>, n: Node) {
    match n {
        Node::U64(u @ 0..=9) => buf.push(b'0' + u as u8),
        Node::U64(u @ 10..=99) => {
            buf.extend_from_slice(&[b'0' + (u / 10) as u8, b'0' + (u % 10) as u8])
        }
        n => push_number(buf, n),
    }
}

/// Whether byte `b` makes a CSV field quoted (RFC 4180, as the `csv` crate writes it with a
/// CRLF terminator: delimiter, quote, CR, LF).
fn quoted(b: u8) -> bool {
    matches!(b, b',' | b'"' | b'\r' | b'\n')
}

/// Whether `field` has a byte that makes it [`quoted`]: eight bytes at a time, then byte by byte.
fn needs_quotes(field: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether a byte of `x` is zero.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut words = field.chunks_exact(8);
    for w in words.by_ref() {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let x = u64::from_le_bytes(b);
        if zero(x ^ (ONES * u64::from(b',')))
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\r')))
            | zero(x ^ (ONES * u64::from(b'\n')))
        {
            return true;
        }
    }
    words.remainder().iter().fold(false, |q, b| q | quoted(*b))
}

/// Appends a field to a CSV row, quoted when needed, as the `csv` crate writes it.
#[inline]
pub(super) fn push_field(row: &mut Vec<u8>, field: &[u8], first: bool) {
    if !first {
        row.push(b',');
    }
    if !needs_quotes(field) {
        row.extend_from_slice(field);
        return;
    }
    row.push(b'"');
    for part in field.split_inclusive(|b| *b == b'"') {
        row.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            row.push(b'"');
        }
    }
    row.push(b'"');
}

/// Ends a CSV row of `fields` fields that started at `start` in `row` (an empty record is one
/// empty quoted field, as the `csv` crate writes it).
pub(super) fn end_row(row: &mut Vec<u8>, start: usize) {
    if row.len() == start {
        row.extend_from_slice(b"\"\"");
    }
    row.extend_from_slice(b"\r\n");
}
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let fields = [
            "",
            "a",
            "plain text",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\r",
            "ünï,cödé",
            "0123456789abcdef,",
            "0123456789abcdefg",
            "\"0123456789\"\"abcdef\"",
            "Қазақстан Республикасы, Мәдениет",
        ];
        for f in fields {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            w.write_record([f, "x"]).unwrap();
            let expected = w.into_inner().unwrap();
            let mut mine = Vec::new();
            push_field(&mut mine, f.as_bytes(), true);
            push_field(&mut mine, b"x", false);
            end_row(&mut mine, 0);
            assert_eq!(
                String::from_utf8(mine).unwrap(),
                String::from_utf8(expected).unwrap()
            );
            let mut one = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            one.write_record([f]).unwrap();
            let mut mine = Vec::new();
            push_field(&mut mine, f.as_bytes(), true);
            end_row(&mut mine, 0);
            assert_eq!(mine, one.into_inner().unwrap(), "{f:?}");
        }
    }
}
