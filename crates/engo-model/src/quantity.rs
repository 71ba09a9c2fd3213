//! Exact decimal quantities for indicators (people reached, events held, a share in per cent).

use std::{borrow::Cow, fmt, str::FromStr};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A quantity that is not a decimal with at most three fraction digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "quantity must be a decimal with at most 3 fraction digits and 15 integer digits, found {found:?}"
)]
pub struct QuantityError {
    /// The text found (cut to 40 characters).
    pub found: String,
}

/// An exact signed decimal with three fraction digits, written as a string (`"1250"`, `"87.5"`).
///
/// ```
/// use engo_model::Quantity;
/// let q: Quantity = "87.50".parse()?;
/// assert_eq!(q.to_string(), "87.5");
/// assert!(q < "100".parse()?);
/// # Ok::<(), engo_model::QuantityError>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

impl Quantity {
    /// Zero.
    pub const ZERO: Quantity = Quantity(0);

    /// A whole number.
    pub fn from_int(n: i32) -> Quantity {
        Quantity(i64::from(n) * 1000)
    }

    /// The value in thousandths.
    pub fn thousandths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Quantity {
    /// The shortest exact decimal: no trailing zeros, no trailing dot.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 1000, abs % 1000);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl fmt::Debug for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quantity({self})")
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;
    fn from_str(s: &str) -> Result<Quantity, QuantityError> {
        let err = || QuantityError {
            found: s.chars().take(40).collect(),
        };
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || whole.len() > 15
            || frac.len() > 3
            || !digits(whole)
            || !digits(frac)
            || (body.contains('.') && frac.is_empty())
        {
            return Err(err());
        }
        let w: i64 = whole.parse().map_err(|_| err())?;
        let f: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<3}").parse().map_err(|_| err())?
        };
        let v = w
            .checked_mul(1000)
            .and_then(|v| v.checked_add(f))
            .ok_or_else(err)?;
        Ok(Quantity(if negative { -v } else { v }))
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Quantity {
    fn schema_name() -> Cow<'static, str> {
        "Quantity".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]{1,15}(\\.[0-9]{1,3})?$",
            "description": "Exact decimal quantity as a string, at most three fraction digits.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        for (s, shown) in [
            ("0", "0"),
            ("-1.5", "-1.5"),
            ("12.250", "12.25"),
            ("007", "7"),
        ] {
            assert_eq!(s.parse::<Quantity>().unwrap().to_string(), shown);
        }
        for bad in ["", "-", "1.", ".1", "1.2345", "1e3", "--1", "1 000"] {
            assert!(bad.parse::<Quantity>().is_err(), "{bad}");
        }
    }
}
