//! What the OCDS and 360Giving packages share: a package is written as pretty JSON (two-space
//! indentation, a final newline) straight into a writer, its amounts and measures are JSON
//! numbers written from their exact decimals (never through floating point), and its times are
//! RFC 3339 text.

use std::io::Write;

use chrono::{DateTime, FixedOffset};
use engo_model::{Bin, Lang, LocalizedText, Money, Quantity};
use serde::{Serialize, Serializer, ser::Error as _};
use serde_json::value::RawValue;

use crate::WriteError;

/// Writes `value` as pretty JSON and a final newline into `out`, in blocks of 64 KiB (the
/// serializer's many small writes stay out of `out`, which may be a `dyn Write`); `what` names
/// the document in an error that is not the writer's.
pub(crate) fn write_pretty<W: Write, T: Serialize>(
    out: W,
    value: &T,
    what: &str,
) -> Result<W, WriteError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| {
        if e.is_io() {
            WriteError::Stream(e.into())
        } else {
            WriteError::Serialize {
                what: what.to_owned(),
                message: e.to_string(),
            }
        }
    })?;
    out.write_all(b"\n")?;
    out.into_inner()
        .map_err(|e| WriteError::Stream(e.into_error()))
}

/// Exact decimal text as a raw JSON number.
fn raw_number<S: Serializer>(serializer: S, text: String) -> Result<S::Ok, S::Error> {
    RawValue::from_string(text)
        .map_err(S::Error::custom)?
        .serialize(serializer)
}

/// An amount in tenge as a JSON number: whole tenge without a fraction when there are no tiyn
/// (`1500000`), else the exact two-digit fraction (`1500000.50`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MoneyNumber(pub(crate) Money);

impl Serialize for MoneyNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let tiyn = self.0.tiyn();
        let (tenge, fraction) = (tiyn / 100, tiyn % 100);
        if fraction == 0 {
            serializer.serialize_u64(tenge)
        } else {
            raw_number(serializer, format!("{tenge}.{fraction:02}"))
        }
    }
}

/// A quantity as a JSON number, from its shortest exact decimal (`1250`, `87.5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuantityNumber(pub(crate) Quantity);

impl Serialize for QuantityNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let thousandths = self.0.thousandths();
        if thousandths % 1000 == 0 {
            serializer.serialize_i64(thousandths / 1000)
        } else {
            raw_number(serializer, self.0.to_string())
        }
    }
}

/// A moment as RFC 3339 text (`2025-03-01T10:00:00+05:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamp(pub(crate) DateTime<FixedOffset>);

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_rfc3339())
    }
}

/// An organisation's name in one language, or its org-id (`KZ-BIN-…`) when the dataset does
/// not name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrgName<'a> {
    Named(&'a str),
    Unnamed(Bin),
}

impl<'a> OrgName<'a> {
    /// `name` in `lang`, or `bin` when the dataset has no name for it
    /// ([`engo_model::DatasetIndex::name_of`]).
    pub(crate) fn of(name: Option<&'a LocalizedText>, bin: Bin, lang: Lang) -> Self {
        match name {
            Some(name) => OrgName::Named(name.get(lang)),
            None => OrgName::Unnamed(bin),
        }
    }
}

impl Serialize for OrgName<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OrgName::Named(name) => serializer.serialize_str(name),
            OrgName::Unnamed(bin) => bin.org_id().serialize(serializer),
        }
    }
}

/// Implements `Serialize` for types that are written as their `Display` text, without an
/// intermediate `String`.
macro_rules! serialize_as_text {
    ($($ty:ty),* $(,)?) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
    )*};
}
pub(crate) use serialize_as_text;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn text<T: Serialize>(value: T) -> String {
        String::from_utf8(write_pretty(Vec::new(), &value, "test").unwrap()).unwrap()
    }

    #[test]
    fn numbers_are_exact() {
        let m: Money = "99999999999999.99".parse().unwrap();
        assert_eq!(text(MoneyNumber(m)), "99999999999999.99\n");
        let m: Money = "1500000.5".parse().unwrap();
        assert_eq!(text(MoneyNumber(m)), "1500000.50\n");
        let m = Money::from_tenge(1_500_000).unwrap();
        assert_eq!(text(MoneyNumber(m)), "1500000\n");
        for (q, json) in [("87.50", "87.5"), ("-0.125", "-0.125"), ("-12", "-12")] {
            let q: Quantity = q.parse().unwrap();
            assert_eq!(text(QuantityNumber(q)), format!("{json}\n"));
        }
    }
}
