//! Typed cells: how the text of a column (as the CSV package writes it) becomes a number, a date,
//! a boolean or a string of a sheet, and how a cell of a sheet — typed by whoever edited it —
//! becomes that text again, or is refused with the reason.
//!
//! Amounts and quantities are exact decimals. A sheet holds them as numbers (binary floating
//! point) only when that is exact both ways: an amount below 10 000 000 000 000 ₸ (10¹⁵ tiyn,
//! fifteen significant digits) and a quantity below 10¹² (10¹⁵ thousandths); a larger one is
//! written as text. Dates from 1900-03-01 are Excel dates; an earlier one (before Excel's
//! 1900 leap-year bug) is text. Date-times carry a UTC offset, which a spreadsheet cannot hold:
//! they stay text.

use calamine::DataRef;
use chrono::NaiveDate;
use engo_model::{Money, Quantity};

use crate::{
    csv::plan::{Column, Content},
    schema_shape::Type,
};

/// How a column's values are typed in a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CellKind {
    /// A string; `digits`: a code of exactly this many digits (a BIN, a KATO code), whose
    /// leading zeros a spreadsheet drops when it takes it for a number.
    Text { digits: Option<usize> },
    /// An amount in tenge, at most two decimals.
    Money,
    /// A quantity, at most three decimals.
    Quantity,
    /// A date.
    Date,
    /// A date and time with its UTC offset (always text).
    DateTime,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
}

/// The largest number of thousandths (or tiyn) that a sheet holds as a number: fifteen
/// significant digits go through a binary double and back unchanged.
const EXACT: u64 = 1_000_000_000_000_000;

/// The largest integer a double holds exactly (2⁵³).
const EXACT_INT: u64 = 1 << 53;

/// The day before Excel's day 1 in the 1900 date system, as Excel counts from 1900-03-01 on.
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// The first day Excel's 1900 date system counts right (serial 61).
fn first_exact_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 3, 1).unwrap_or_default()
}

/// The number of digits of a code whose pattern is only digit classes (`^[0-9]{4}[4-6][0-9]$`:
/// 6), `None` for any other pattern.
fn fixed_digits(pattern: &str) -> Option<usize> {
    let mut rest = pattern.strip_prefix('^')?.strip_suffix('$')?;
    let mut n = 0usize;
    while !rest.is_empty() {
        let class = rest.strip_prefix('[')?;
        let end = class.find(']')?;
        let (set, after) = class.split_at(end);
        if set.is_empty() || !set.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return None;
        }
        rest = after.strip_prefix(']')?;
        let count = match rest.strip_prefix('{') {
            Some(r) => {
                let close = r.find('}')?;
                let (digits, after) = r.split_at(close);
                rest = after.strip_prefix('}')?;
                digits.parse::<usize>().ok()?
            }
            None => 1,
        };
        n = n.checked_add(count)?;
    }
    (n > 0).then_some(n)
}

/// The kind of a scalar of type `ty`.
fn kind_of_type(ty: &Type) -> CellKind {
    match ty {
        Type::Integer { .. } => CellKind::Integer,
        Type::Boolean => CellKind::Boolean,
        Type::String(s) => match (s.def.as_deref(), s.format.as_deref()) {
            (Some("Money"), _) => CellKind::Money,
            (Some("Quantity"), _) => CellKind::Quantity,
            (_, Some("date")) => CellKind::Date,
            (_, Some("date-time")) => CellKind::DateTime,
            _ => CellKind::Text {
                digits: s.pattern.as_deref().and_then(fixed_digits),
            },
        },
        _ => CellKind::Text { digits: None },
    }
}

/// How column `c`'s values are typed in a sheet.
pub(super) fn kind_of(c: &Column) -> CellKind {
    match &c.content {
        Content::Index => CellKind::Integer,
        Content::Lang { .. } => CellKind::Text { digits: None },
        Content::ParentKey { ty } | Content::Scalar { ty, .. } | Content::Value { ty } => {
            kind_of_type(ty)
        }
    }
}

/// A value as a sheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Typed<'a> {
    /// A number (with the column's number format).
    Number(f64),
    /// An Excel date serial (with the date format).
    Date(f64),
    /// A boolean.
    Bool(bool),
    /// A string.
    Text(&'a str),
}

/// How the text `text` of a column of kind `kind` is written to a sheet (empty text: no cell,
/// decided by the caller).
pub(super) fn typed(kind: CellKind, text: &str) -> Typed<'_> {
    match kind {
        CellKind::Money => match text.parse::<Money>() {
            Ok(m) if m.tiyn() < EXACT => Typed::Number(m.tiyn() as f64 / 100.0),
            _ => Typed::Text(text),
        },
        CellKind::Quantity => match text.parse::<Quantity>() {
            Ok(q) if q.thousandths().unsigned_abs() < EXACT => {
                Typed::Number(q.thousandths() as f64 / 1000.0)
            }
            _ => Typed::Text(text),
        },
        CellKind::Date => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) if d >= first_exact_day() && text.len() == 10 => {
                Typed::Date((d - excel_epoch()).num_days() as f64)
            }
            _ => Typed::Text(text),
        },
        CellKind::Integer => match text.parse::<i64>() {
            Ok(n) if n.unsigned_abs() <= EXACT_INT => Typed::Number(n as f64),
            _ => Typed::Text(text),
        },
        CellKind::Boolean => match text {
            "true" => Typed::Bool(true),
            "false" => Typed::Bool(false),
            _ => Typed::Text(text),
        },
        CellKind::Text { .. } | CellKind::DateTime => Typed::Text(text),
    }
}

/// An integer as a sheet holds it: a number when a double holds it exactly.
pub(super) fn typed_int(n: i128) -> Option<f64> {
    (n.unsigned_abs() <= u128::from(EXACT_INT)).then_some(n as f64)
}

/// The first characters of `s`, for a message.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

/// A decimal typed as text, in the form the model parses: grouping spaces removed, a decimal
/// comma made a dot. At most `frac` decimals. A text that could be read two ways is refused:
/// both a comma and a dot, or a comma followed by exactly three digits (a thousands
/// separator, or three decimals?).
fn decimal_text(s: &str, frac: usize) -> Result<String, String> {
    let compact: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let commas = compact.matches(',').count();
    if commas == 0 {
        return Ok(compact);
    }
    if compact.contains('.') {
        return Err(format!(
            "{} has both a comma and a dot: write the amount as 1234.50 or 1 234,50",
            shown(s)
        ));
    }
    let after = compact.rsplit(',').next().unwrap_or_default();
    if commas > 1 || after.len() == 3 || after.len() > frac {
        return Err(format!(
            "{} is ambiguous: a comma groups thousands or marks decimals; write 1234.50 or \
             1 234,50",
            shown(s)
        ));
    }
    Ok(compact.replace(',', "."))
}

/// Whether `x` is within rounding of the whole number `r`.
fn is_whole(x: f64, r: f64) -> bool {
    (x - r).abs() <= 1e-6 * r.abs().max(1.0)
}

/// The exact decimal with `scale` (100: tiyn, 1000: thousandths) of the number `x`, when it has
/// at most that many decimals and fifteen significant digits; says why not.
fn scaled(x: f64, scale: f64, what: &str) -> Result<i64, String> {
    if !x.is_finite() {
        return Err(format!("{x} is not a number"));
    }
    let units = x * scale;
    let r = units.round();
    if r.abs() >= EXACT as f64 {
        return Err(format!(
            "{x} is too large to be exact as a number: type the {what} as text"
        ));
    }
    if !is_whole(units, r) {
        let decimals = if scale > 100.0 { 3 } else { 2 };
        return Err(format!("{x} has more than {decimals} decimals"));
    }
    Ok(r as i64)
}

/// The date of the Excel date serial `serial` in the 1900 (or 1904) date system; says why not.
fn excel_date(serial: f64, is_1904: bool) -> Result<NaiveDate, String> {
    if !serial.is_finite() || serial.fract() != 0.0 {
        return Err("a date with a time of day: a date is expected".to_owned());
    }
    let (epoch, first) = if is_1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1).unwrap_or_default(), 0.0)
    } else {
        (excel_epoch(), 61.0)
    };
    if !(first..=2_958_465.0).contains(&serial) {
        return Err("a date before 1900-03-01 or after 9999: type it as text YYYY-MM-DD".into());
    }
    epoch
        .checked_add_signed(chrono::TimeDelta::days(serial as i64))
        .ok_or_else(|| "a date out of range".to_owned())
}

/// A date typed as text: `YYYY-MM-DD`, or `DD.MM.YYYY` as Kazakhstan writes it.
fn date_text(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let iso = t.len() == 10 && t.as_bytes().get(4) == Some(&b'-');
    let dotted = t.len() == 10 && t.as_bytes().get(2) == Some(&b'.');
    let parsed = if iso {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
    } else if dotted {
        NaiveDate::parse_from_str(t, "%d.%m.%Y").ok()
    } else {
        None
    };
    parsed.ok_or_else(|| format!("{} is not a date: write YYYY-MM-DD", shown(s)))
}

/// Reads the cell `cell` of a column of kind `kind` into `out` as the column's text (nothing:
/// no value); says why the cell is refused. `is_1904`: the workbook's date system.
pub(super) fn read_cell(
    kind: CellKind,
    cell: &DataRef<'_>,
    is_1904: bool,
    out: &mut String,
) -> Result<(), String> {
    use std::fmt::Write as _;
    out.clear();
    let text = match cell {
        DataRef::Empty => return Ok(()),
        DataRef::String(s) => s.as_str(),
        DataRef::SharedString(s) => s,
        DataRef::DateTimeIso(s) => s.as_str(),
        DataRef::Error(e) => return Err(format!("an error value ({e})")),
        DataRef::DurationIso(_) => return Err("a duration".to_owned()),
        DataRef::Int(i) => return number(kind, *i as f64, out),
        DataRef::Float(x) => return number(kind, *x, out),
        DataRef::Bool(b) => {
            return match kind {
                CellKind::Boolean => {
                    out.push_str(if *b { "true" } else { "false" });
                    Ok(())
                }
                _ => Err("TRUE or FALSE where a value of another kind is expected".to_owned()),
            };
        }
        DataRef::DateTime(dt) => {
            return match kind {
                CellKind::Date if dt.is_datetime() => {
                    let d = excel_date(dt.as_f64(), is_1904)?;
                    let _ = write!(out, "{}", d.format("%Y-%m-%d"));
                    Ok(())
                }
                CellKind::DateTime => Err("a date and time without its UTC offset is \
                                           ambiguous: type it as text, e.g. \
                                           2025-09-01T10:00:00+05:00"
                    .to_owned()),
                _ => Err("a date where a value of another kind is expected".to_owned()),
            };
        }
    };
    match kind {
        CellKind::Text { .. } => out.push_str(text),
        CellKind::Money => {
            let d = decimal_text(text, 2)?;
            let m: Money = d
                .parse()
                .map_err(|e: engo_model::MoneyError| e.to_string())?;
            out.push_str(&m.to_decimal_string());
        }
        CellKind::Quantity => {
            let d = decimal_text(text, 3)?;
            let q: Quantity = d
                .parse()
                .map_err(|e: engo_model::QuantityError| e.to_string())?;
            let _ = write!(out, "{q}");
        }
        CellKind::Date => {
            // An ISO date-time cell (`t="d"`) at midnight is a date.
            let t = text.trim();
            let day = t.strip_suffix("T00:00:00").unwrap_or(t);
            let d = date_text(day)?;
            let _ = write!(out, "{}", d.format("%Y-%m-%d"));
        }
        CellKind::DateTime => {
            let t = text.trim();
            chrono::DateTime::parse_from_rfc3339(t).map_err(|e| {
                format!(
                    "{} is not a date and time with its UTC offset \
                     (2025-09-01T10:00:00+05:00): {e}",
                    shown(text)
                )
            })?;
            out.push_str(t);
        }
        CellKind::Integer => {
            let compact: String = text
                .trim()
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .collect();
            let n: i128 = compact
                .parse()
                .map_err(|_| format!("{} is not a whole number", shown(text)))?;
            let _ = write!(out, "{n}");
        }
        CellKind::Boolean => match text.trim() {
            "true" | "True" | "TRUE" | "1" => out.push_str("true"),
            "false" | "False" | "FALSE" | "0" => out.push_str("false"),
            _ => return Err(format!("{} is not TRUE or FALSE", shown(text))),
        },
    }
    Ok(())
}

/// Reads the number `x` of a column of kind `kind` into `out`.
fn number(kind: CellKind, x: f64, out: &mut String) -> Result<(), String> {
    use std::fmt::Write as _;
    match kind {
        CellKind::Money => {
            if x < 0.0 {
                return Err(format!("{x} is negative: an amount is not"));
            }
            let tiyn = scaled(x, 100.0, "amount")?;
            let m = Money::from_tiyn(tiyn.unsigned_abs()).map_err(|e| e.to_string())?;
            out.push_str(&m.to_decimal_string());
        }
        CellKind::Quantity => {
            let th = scaled(x, 1000.0, "quantity")?;
            let sign = if th < 0 { "-" } else { "" };
            let text = format!(
                "{sign}{}.{:03}",
                th.unsigned_abs() / 1000,
                th.unsigned_abs() % 1000
            );
            let q: Quantity = text
                .parse()
                .map_err(|e: engo_model::QuantityError| e.to_string())?;
            let _ = write!(out, "{q}");
        }
        CellKind::Integer => {
            let n = whole(x)?;
            let _ = write!(out, "{n}");
        }
        CellKind::Text { digits } => {
            // A code a spreadsheet took for a number: its digits, with the leading zeros it
            // dropped when the code has a fixed length. Any other number: as typed.
            match whole(x) {
                Ok(n) if n >= 0 => match digits {
                    Some(w) => {
                        let _ = write!(out, "{n:0w$}");
                    }
                    None => {
                        let _ = write!(out, "{n}");
                    }
                },
                _ if digits.is_some() => {
                    return Err(format!(
                        "{x} is not a code of digits: format the column as text"
                    ));
                }
                _ => {
                    let _ = write!(out, "{x}");
                }
            }
        }
        CellKind::Date => {
            return Err(format!(
                "the number {x} where a date is expected: format the cell as a date, or type \
                 YYYY-MM-DD"
            ));
        }
        CellKind::DateTime => {
            return Err(format!(
                "the number {x} where a date and time is expected: type it as text, e.g. \
                 2025-09-01T10:00:00+05:00"
            ));
        }
        CellKind::Boolean => match x {
            1.0 => out.push_str("true"),
            0.0 => out.push_str("false"),
            _ => return Err(format!("the number {x} is not TRUE or FALSE")),
        },
    }
    Ok(())
}

/// The whole number `x`, when a double holds it exactly.
fn whole(x: f64) -> Result<i64, String> {
    if x.is_finite() && x.fract() == 0.0 && x.abs() <= EXACT_INT as f64 {
        Ok(x as i64)
    } else {
        Err(format!("{x} is not a whole number"))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn read(kind: CellKind, cell: DataRef<'_>) -> Result<String, String> {
        let mut out = String::new();
        read_cell(kind, &cell, false, &mut out).map(|()| out)
    }

    #[test]
    fn fixed_digit_patterns() {
        assert_eq!(fixed_digits("^[0-9]{4}[4-6][0-3][0-9]{6}$"), Some(12));
        assert_eq!(fixed_digits("^[0-9]{9}$"), Some(9));
        assert_eq!(fixed_digits("^[0-9]{1,15}(\\.[0-9]{1,2})?$"), None);
        assert_eq!(fixed_digits("^KZ-BIN-[0-9]{12}$"), None);
    }

    #[test]
    fn amounts_are_numbers_only_when_exact() {
        assert_eq!(
            typed(CellKind::Money, "1500000.50"),
            Typed::Number(1_500_000.5)
        );
        assert_eq!(
            typed(CellKind::Money, "9999999999999.99"),
            Typed::Number(9_999_999_999_999.99)
        );
        assert_eq!(
            typed(CellKind::Money, "10000000000000.00"),
            Typed::Text("10000000000000.00")
        );
        // Every amount below the bound reads back to its text.
        for tiyn in [0u64, 1, 5, 10, 99, 12_345, 2_200_198_005, EXACT - 1] {
            let text = Money::from_tiyn(tiyn).unwrap().to_decimal_string();
            let Typed::Number(x) = typed(CellKind::Money, &text) else {
                panic!("{text}")
            };
            assert_eq!(read(CellKind::Money, DataRef::Float(x)).unwrap(), text);
        }
    }

    #[test]
    fn amounts_typed_by_people() {
        let m = |s: &str| read(CellKind::Money, DataRef::SharedString(s));
        assert_eq!(m("1 234,50").unwrap(), "1234.50");
        assert_eq!(m("1\u{a0}234 567,5").unwrap(), "1234567.50");
        assert_eq!(m("1234.5").unwrap(), "1234.50");
        assert_eq!(m(" 12 ").unwrap(), "12.00");
        assert!(m("1,234").unwrap_err().contains("ambiguous"));
        assert!(m("1,234.50").unwrap_err().contains("comma and a dot"));
        assert!(m("1.234,50").unwrap_err().contains("comma and a dot"));
        assert!(m("12,345").is_err());
        assert!(m("abc").is_err());
        assert_eq!(read(CellKind::Money, DataRef::Int(7)).unwrap(), "7.00");
        assert!(
            read(CellKind::Money, DataRef::Float(1.005))
                .unwrap_err()
                .contains("more than 2 decimals")
        );
        assert!(read(CellKind::Money, DataRef::Float(-1.0)).is_err());
        assert!(
            read(CellKind::Money, DataRef::Float(1e14))
                .unwrap_err()
                .contains("as text")
        );
    }

    #[test]
    fn quantities() {
        let q = |s: &str| read(CellKind::Quantity, DataRef::SharedString(s));
        assert_eq!(q("87,5").unwrap(), "87.5");
        assert_eq!(q("-12.345").unwrap(), "-12.345");
        assert!(q("1,234").is_err());
        assert_eq!(
            read(CellKind::Quantity, DataRef::Float(-12.345)).unwrap(),
            "-12.345"
        );
        assert_eq!(
            read(CellKind::Quantity, DataRef::Float(100.0)).unwrap(),
            "100"
        );
        assert_eq!(typed(CellKind::Quantity, "87.5"), Typed::Number(87.5));
    }

    #[test]
    fn dates() {
        let d = |s: &str| read(CellKind::Date, DataRef::SharedString(s));
        assert_eq!(d("2025-09-01").unwrap(), "2025-09-01");
        assert_eq!(d("01.09.2025").unwrap(), "2025-09-01");
        assert!(d("09/01/2025").is_err());
        assert!(d("2025-02-30").is_err());
        let Typed::Date(serial) = typed(CellKind::Date, "2025-09-01") else {
            panic!()
        };
        assert_eq!(serial, 45901.0);
        let cell = DataRef::DateTime(calamine::ExcelDateTime::new(
            serial,
            calamine::ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(read(CellKind::Date, cell).unwrap(), "2025-09-01");
        let noon = DataRef::DateTime(calamine::ExcelDateTime::new(
            serial + 0.5,
            calamine::ExcelDateTimeType::DateTime,
            false,
        ));
        assert!(
            read(CellKind::Date, noon)
                .unwrap_err()
                .contains("time of day")
        );
        assert!(read(CellKind::Date, DataRef::Float(serial)).is_err());
        assert_eq!(
            typed(CellKind::Date, "1899-12-31"),
            Typed::Text("1899-12-31")
        );
        assert_eq!(
            read(
                CellKind::Date,
                DataRef::DateTimeIso("2025-09-01T00:00:00".into())
            )
            .unwrap(),
            "2025-09-01"
        );
    }

    #[test]
    fn codes_keep_their_leading_zeros() {
        let bin = CellKind::Text { digits: Some(12) };
        assert_eq!(
            read(bin, DataRef::Float(71_040_095_467.0)).unwrap(),
            "071040095467"
        );
        assert!(read(bin, DataRef::Float(1.5)).is_err());
        assert_eq!(
            read(CellKind::Text { digits: None }, DataRef::Float(2.5)).unwrap(),
            "2.5"
        );
    }

    #[test]
    fn date_times_need_their_offset() {
        let dt = CellKind::DateTime;
        assert_eq!(
            read(dt, DataRef::SharedString("2025-09-01T10:00:00+05:00")).unwrap(),
            "2025-09-01T10:00:00+05:00"
        );
        let excel = DataRef::DateTime(calamine::ExcelDateTime::new(
            45901.5,
            calamine::ExcelDateTimeType::DateTime,
            false,
        ));
        assert!(read(dt, excel).unwrap_err().contains("UTC offset"));
    }
}
