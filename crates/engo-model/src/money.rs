//! Exact money in Kazakhstani tenge, and the monthly calculation index (MRP / АЕК / МРП).
//!
//! Amounts are whole tiyn (1 ₸ = 100 tiyn) in a `u64`: no floating point on any path, arithmetic
//! is checked, and serde writes a decimal string (`"1500000.00"`) that reads back exactly.

use std::{fmt, str::FromStr, sync::LazyLock};

use chrono::NaiveDate;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{classifier::Evidence, format_version::FormatVersion, text::LocalizedText};

/// Why an amount could not be parsed or computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The text is not a decimal amount `digits[.d[d]]`.
    #[error(
        "amount must be a non-negative decimal with at most 2 fraction digits, found {found:?}"
    )]
    Syntax {
        /// The text found (cut to 40 characters).
        found: String,
    },
    /// The amount is above [`Money::MAX`], or an operation overflowed.
    #[error("amount is above the largest supported amount (999 999 999 999 999.99 ₸)")]
    Overflow,
    /// A subtraction would give a negative amount.
    #[error("amount would be negative: {minuend} - {subtrahend}")]
    Negative {
        /// The amount subtracted from.
        minuend: Money,
        /// The amount subtracted.
        subtrahend: Money,
    },
    /// A division by zero.
    #[error("division by zero")]
    DivisionByZero,
}

/// An exact non-negative amount of Kazakhstani tenge (KZT), stored in tiyn.
///
/// ```
/// use engo_model::Money;
///
/// let budget: Money = "1500000.50".parse()?;
/// let paid = Money::from_tenge(500_000)?;
/// assert_eq!(budget.checked_sub(paid)?.to_string(), "1 000 000.50 ₸");
/// assert_eq!(serde_json::to_string(&budget).unwrap(), "\"1500000.50\"");
/// # Ok::<(), engo_model::MoneyError>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(u64);

impl Money {
    /// Zero tenge.
    pub const ZERO: Money = Money(0);
    /// The largest supported amount: 999 999 999 999 999.99 ₸ (15 integer digits).
    pub const MAX: Money = Money(99_999_999_999_999_999);

    /// An amount from whole tiyn.
    pub fn from_tiyn(tiyn: u64) -> Result<Money, MoneyError> {
        if tiyn > Self::MAX.0 {
            Err(MoneyError::Overflow)
        } else {
            Ok(Money(tiyn))
        }
    }

    /// An amount from whole tenge.
    pub fn from_tenge(tenge: u64) -> Result<Money, MoneyError> {
        tenge
            .checked_mul(100)
            .ok_or(MoneyError::Overflow)
            .and_then(Self::from_tiyn)
    }

    /// The amount in tiyn.
    pub fn tiyn(self) -> u64 {
        self.0
    }

    /// Whole tenge (fraction dropped).
    pub fn whole_tenge(self) -> u64 {
        self.0 / 100
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + other`, or [`MoneyError::Overflow`].
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.0
            .checked_add(other.0)
            .ok_or(MoneyError::Overflow)
            .and_then(Self::from_tiyn)
    }

    /// `self - other`, or [`MoneyError::Negative`].
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.0
            .checked_sub(other.0)
            .map(Money)
            .ok_or(MoneyError::Negative {
                minuend: self,
                subtrahend: other,
            })
    }

    /// `self × n`, or [`MoneyError::Overflow`].
    pub fn checked_mul(self, n: u64) -> Result<Money, MoneyError> {
        self.0
            .checked_mul(n)
            .ok_or(MoneyError::Overflow)
            .and_then(Self::from_tiyn)
    }

    /// `self × numerator / denominator`, rounded down to a tiyn (exact: 128-bit intermediate).
    ///
    /// ```
    /// use engo_model::Money;
    /// let grant = Money::from_tenge(1_000_001)?;
    /// assert_eq!(grant.checked_ratio(10, 100)?.to_string(), "100 000.10 ₸");
    /// # Ok::<(), engo_model::MoneyError>(())
    /// ```
    pub fn checked_ratio(self, numerator: u64, denominator: u64) -> Result<Money, MoneyError> {
        if denominator == 0 {
            return Err(MoneyError::DivisionByZero);
        }
        let v = u128::from(self.0) * u128::from(numerator) / u128::from(denominator);
        u64::try_from(v)
            .map_err(|_| MoneyError::Overflow)
            .and_then(Self::from_tiyn)
    }

    /// Sum of amounts, or [`MoneyError::Overflow`].
    pub fn checked_sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    /// The canonical decimal text: whole tenge, a dot, two tiyn digits (`"1500000.00"`).
    pub fn to_decimal_string(self) -> String {
        self.decimal(&mut [0; DECIMAL_BYTES]).to_owned()
    }

    /// [`Money::to_decimal_string`] written into `buf`, right-aligned, without allocating
    /// (every serialization of an amount goes through here).
    fn decimal(self, buf: &mut [u8; DECIMAL_BYTES]) -> &str {
        let mut rest = self.0;
        let mut start = DECIMAL_BYTES;
        for (i, slot) in buf.iter_mut().enumerate().rev() {
            start = i;
            if i == DECIMAL_BYTES - 3 {
                *slot = b'.';
                continue;
            }
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
            // Two tiyn digits, the dot and at least one tenge digit are always written.
            if rest == 0 && i < DECIMAL_BYTES - 3 {
                break;
            }
        }
        buf.get(start..)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .unwrap_or_default()
    }
}

/// The longest decimal text of a `u64` amount: 18 tenge digits, a dot, two tiyn digits.
const DECIMAL_BYTES: usize = 21;

impl fmt::Display for Money {
    /// Readable form with thousands grouped by spaces: `1 500 000.00 ₸`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = (self.0 / 100).to_string();
        let len = whole.len();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (len - i).is_multiple_of(3) {
                f.write_str(" ")?;
            }
            write!(f, "{c}")?;
        }
        write!(f, ".{:02} ₸", self.0 % 100)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({})", self.to_decimal_string())
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    /// Parses `digits`, `digits.d` or `digits.dd` (at most 15 integer digits).
    fn from_str(s: &str) -> Result<Money, MoneyError> {
        let syntax = || MoneyError::Syntax {
            found: s.chars().take(40).collect(),
        };
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(frac)
            || frac.len() > 2
            || (s.contains('.') && frac.is_empty())
        {
            return Err(syntax());
        }
        let whole_digits = whole.trim_start_matches('0');
        if whole_digits.len() > 15 {
            return Err(MoneyError::Overflow);
        }
        let tenge: u64 = if whole_digits.is_empty() {
            0
        } else {
            whole_digits.parse().map_err(|_| syntax())?
        };
        let tiyn: u64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<u64>().map_err(|_| syntax())? * 10,
            _ => frac.parse().map_err(|_| syntax())?,
        };
        Money::from_tenge(tenge)?.checked_add(Money(tiyn))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.decimal(&mut [0; DECIMAL_BYTES]))
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{1,15}(\\.[0-9]{1,2})?$",
            "description": "Amount in Kazakhstani tenge (KZT) as an exact decimal string with at most two fraction digits (tiyn). Never a float.",
        })
    }
}

/// Why an MRP conversion failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MrpError {
    /// The table has no MRP in force on the date (it is earlier than the first value).
    #[error("no MRP value is known on {date}; the table starts on {first}")]
    UnknownDate {
        /// The date asked for.
        date: NaiveDate,
        /// The first day the table has a value for (empty for an empty table).
        first: String,
    },
    /// The amount overflowed.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The MRP table JSON is malformed.
    #[error("MRP table: {0}")]
    Table(String),
}

/// An amount expressed in MRP, exact to a hundredth of an MRP (rounded down).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MrpAmount {
    hundredths: u64,
}

impl MrpAmount {
    /// Whole MRP (fraction dropped).
    pub fn whole(self) -> u64 {
        self.hundredths / 100
    }

    /// The amount in hundredths of an MRP.
    pub fn hundredths(self) -> u64 {
        self.hundredths
    }
}

impl fmt::Display for MrpAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{:02} MRP",
            self.hundredths / 100,
            self.hundredths % 100
        )
    }
}

/// One value of the MRP: the amount in force from a day until the next value's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MrpValue {
    /// First day in force (1 January, unless the budget law was amended during the year).
    pub from: NaiveDate,
    /// MRP value in whole tenge.
    pub tenge: u64,
    /// `V` a source read says exactly this, `P` partly, `U` unverified.
    pub evidence: Evidence,
    /// Addresses of the sources read (the budget law, or the pages that quote it).
    pub sources: Vec<String>,
    /// What the sources say where it is not plain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The MRP by date, as reference data (the crate's `data/mrp.json`): the republican budget law
/// sets it for each year, and twice a year when it is amended (2020, 2022).
///
/// ```
/// use chrono::NaiveDate;
/// use engo_model::{Money, MrpTable};
///
/// let mrp = MrpTable::embedded();
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(mrp.value_on(day(2025, 9, 1))?, Money::from_tenge(3_932)?);
/// assert_eq!(mrp.to_money(2_000, day(2025, 9, 1))?, Money::from_tenge(7_864_000)?);
/// assert_eq!(mrp.to_mrp(Money::from_tenge(7_864_000)?, day(2025, 9, 1))?.whole(), 2_000);
/// // 2022 had two values: 3 063 ₸ until 31 March, 3 180 ₸ from 1 April.
/// assert_eq!(mrp.value_on(day(2022, 3, 31))?, Money::from_tenge(3_063)?);
/// assert_eq!(mrp.value_on(day(2022, 4, 1))?, Money::from_tenge(3_180)?);
/// assert!(mrp.value_on(day(1990, 1, 1)).is_err());
/// # Ok::<(), engo_model::MrpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MrpTable {
    /// Version of the file format; only `"1"` is read.
    pub format_version: FormatVersion,
    /// Name of the index in kk/ru/en.
    pub title: LocalizedText,
    /// The values, in date order, each in force until the next.
    pub values: Vec<MrpValue>,
}

/// The MRP table embedded from `data/mrp.json`, parsed on first use.
///
/// Invariant: `build.rs` compiles this module and runs this same [`MrpTable::from_json`] on this
/// same file, and refuses to build the crate on any error; so in every build of the crate the
/// parse succeeds. Library code does not panic, so the `Err` arm, which no build can reach, still
/// returns a value: a table without values, titled with the error.
static EMBEDDED_MRP: LazyLock<MrpTable> =
    LazyLock::new(
        || match MrpTable::from_json(include_str!("../data/mrp.json")) {
            Ok(table) => table,
            Err(e) => MrpTable {
                format_version: FormatVersion::V1,
                title: LocalizedText::ru_only(&format!("embedded data/mrp.json: {e}")),
                values: Vec::new(),
            },
        },
    );

impl MrpTable {
    /// The table embedded from the crate's `data/mrp.json`.
    pub fn embedded() -> &'static MrpTable {
        &EMBEDDED_MRP
    }

    /// A table from JSON in the format of the crate's `data/mrp.json`; a `format_version` other
    /// than `"1"` is refused, like any other error, with its line and column, and so are values
    /// out of date order or repeating a day.
    pub fn from_json(json: &str) -> Result<MrpTable, MrpError> {
        let table: MrpTable =
            serde_json::from_str(json).map_err(|e| MrpError::Table(e.to_string()))?;
        if let Some(pair) = table.values.windows(2).find(|w| match w {
            [a, b] => a.from >= b.from,
            _ => false,
        }) {
            let days: Vec<String> = pair.iter().map(|v| v.from.to_string()).collect();
            return Err(MrpError::Table(format!(
                "values must be in date order, one a day: {} then {}",
                days.first().map_or("", String::as_str),
                days.get(1).map_or("", String::as_str),
            )));
        }
        Ok(table)
    }

    /// The value in force on `date`.
    pub fn entry_on(&self, date: NaiveDate) -> Result<&MrpValue, MrpError> {
        self.values
            .iter()
            .rev()
            .find(|v| v.from <= date)
            .ok_or_else(|| MrpError::UnknownDate {
                date,
                first: self
                    .values
                    .first()
                    .map(|v| v.from.to_string())
                    .unwrap_or_default(),
            })
    }

    /// The MRP in force on `date`, in tenge.
    pub fn value_on(&self, date: NaiveDate) -> Result<Money, MrpError> {
        Ok(Money::from_tenge(self.entry_on(date)?.tenge)?)
    }

    /// `count` MRP in force on `date`, in tenge.
    pub fn to_money(&self, count: u64, date: NaiveDate) -> Result<Money, MrpError> {
        Ok(self.value_on(date)?.checked_mul(count)?)
    }

    /// `amount` in MRP in force on `date`, rounded down to a hundredth of an MRP.
    pub fn to_mrp(&self, amount: Money, date: NaiveDate) -> Result<MrpAmount, MrpError> {
        let one = self.value_on(date)?;
        let hundredths = u128::from(amount.tiyn()) * 100 / u128::from(one.tiyn().max(1));
        Ok(MrpAmount {
            hundredths: u64::try_from(hundredths).map_err(|_| MoneyError::Overflow)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_forms() {
        assert_eq!("0".parse::<Money>().unwrap(), Money::ZERO);
        assert_eq!("12.5".parse::<Money>().unwrap().tiyn(), 1250);
        assert_eq!("12.05".parse::<Money>().unwrap().tiyn(), 1205);
        assert_eq!("007.00".parse::<Money>().unwrap().tiyn(), 700);
        for bad in ["", ".5", "1.", "1.234", "-1", "1e3", "1,5", " 1", "1.5 "] {
            assert!(
                matches!(bad.parse::<Money>(), Err(MoneyError::Syntax { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            "1000000000000000".parse::<Money>(),
            Err(MoneyError::Overflow)
        );
        assert_eq!("999999999999999.99".parse::<Money>(), Ok(Money::MAX));
    }

    #[test]
    fn display_groups_thousands() {
        assert_eq!(Money::from_tiyn(5).unwrap().to_string(), "0.05 ₸");
        assert_eq!(Money::from_tenge(999).unwrap().to_string(), "999.00 ₸");
        assert_eq!(Money::from_tenge(1000).unwrap().to_string(), "1 000.00 ₸");
        assert_eq!(Money::MAX.to_string(), "999 999 999 999 999.99 ₸");
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(Money::MAX.checked_add(Money(1)), Err(MoneyError::Overflow));
        assert!(matches!(
            Money::ZERO.checked_sub(Money(1)),
            Err(MoneyError::Negative { .. })
        ));
        assert_eq!(Money::MAX.checked_mul(2), Err(MoneyError::Overflow));
        assert_eq!(
            Money(u64::MAX / 2).checked_mul(3),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::MAX.checked_ratio(1, 0),
            Err(MoneyError::DivisionByZero)
        );
        assert_eq!(
            Money::MAX.checked_ratio(u64::MAX, 1),
            Err(MoneyError::Overflow)
        );
        assert_eq!(Money(1001).checked_ratio(1, 10), Ok(Money(100)));
    }

    #[test]
    fn decimal_text_is_exact_to_the_tiyn() {
        for (tiyn, text) in [
            (0, "0.00"),
            (5, "0.05"),
            (150, "1.50"),
            (150_000_000, "1500000.00"),
        ] {
            assert_eq!(Money(tiyn).to_decimal_string(), text);
        }
        assert_eq!(Money::MAX.to_decimal_string(), "999999999999999.99");
        assert_eq!(Money(u64::MAX).to_decimal_string(), "184467440737095516.15");
        assert_eq!(serde_json::to_string(&Money(1205)).unwrap(), "\"12.05\"");
    }

    proptest::proptest! {
        /// The digits written by hand are those `format!` writes.
        #[test]
        fn decimal_text_agrees_with_format(tiyn: u64) {
            let want = format!("{}.{:02}", tiyn / 100, tiyn % 100);
            proptest::prop_assert_eq!(Money(tiyn).to_decimal_string(), want);
        }
    }
}
