//! Identifiers: BIN and IIN with their check digit, KATO codes, org-id and record ids.
//!
//! Every identifier is a validated newtype with a private field. It is built only through
//! [`FromStr`] / [`TryFrom<&str>`] (or serde, which goes through the same validation), so a value
//! of the type is always valid. Identifiers are text: a BIN may start with zeros and is never a
//! number.

use std::{fmt, str::FromStr};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::classifier::{Region, regions};

/// Why a string is not a valid identifier. Each variant names the rule that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The value has the wrong number of characters.
    #[error("{kind} must have {expected} characters, found {found}")]
    Length {
        /// Which identifier was parsed (`BIN`, `IIN`, `KATO`…).
        kind: &'static str,
        /// The required length.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// A character that must be an ASCII digit is not one.
    #[error("{kind} must contain only digits 0-9, found {found:?} at position {position}")]
    NotDigit {
        /// Which identifier was parsed.
        kind: &'static str,
        /// 1-based position of the offending character.
        position: usize,
        /// The offending character.
        found: char,
    },
    /// Digits 3–4 of a BIN are not a month 01–12.
    #[error("BIN digits 3-4 must be a registration month 01-12, found {found:02}")]
    BinMonth {
        /// The number found in digits 3–4.
        found: u8,
    },
    /// The 5th digit of a BIN is not 4, 5 or 6 (the legal-entity type).
    #[error("BIN digit 5 must be 4 (resident), 5 (non-resident) or 6 (joint IP), found {found}")]
    BinEntityType {
        /// The digit found.
        found: u8,
    },
    /// The 6th digit of a BIN is not 0–3 (head unit, branch, representative office, farm).
    #[error("BIN digit 6 must be 0-3 (head unit, branch, office, farm), found {found}")]
    BinUnitType {
        /// The digit found.
        found: u8,
    },
    /// Digits 1–6 of an IIN are not a real date of birth.
    #[error("IIN digits 1-6 must be a real birth date YYMMDD, found {found}")]
    IinBirthDate {
        /// The six digits found.
        found: String,
    },
    /// The 7th digit of an IIN is not 1–6 (century and sex).
    #[error("IIN digit 7 must be 1-6 (century and sex), found {found}")]
    IinCentury {
        /// The digit found.
        found: u8,
    },
    /// No check digit exists for the first 11 digits: both weight passes give 10.
    #[error("{kind} has no valid check digit: both weight passes give remainder 10")]
    NoCheckDigit {
        /// Which identifier was parsed.
        kind: &'static str,
    },
    /// The 12th digit is not the check digit of the first eleven.
    #[error("{kind} check digit is wrong: expected {expected}, found {found}")]
    CheckDigit {
        /// Which identifier was parsed.
        kind: &'static str,
        /// The computed check digit.
        expected: u8,
        /// The digit found.
        found: u8,
    },
    /// The first two digits of a KATO code are not a region the classifier knows.
    #[error("KATO digits 1-2 must be a known region code, found {found:?}")]
    KatoRegion {
        /// The two digits found.
        found: String,
    },
    /// An org-id does not start with `KZ-BIN-`.
    #[error("org-id must have the form KZ-BIN-<12 digits>, found {found:?}")]
    OrgIdScheme {
        /// The value found (cut to 40 characters).
        found: String,
    },
    /// A record id does not match `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`.
    #[error(
        "record id must be 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit, found {found:?}"
    )]
    RecordId {
        /// The value found (cut to 40 characters).
        found: String,
    },
}

/// Cuts a value for an error message, by characters.
fn cut(s: &str) -> String {
    s.chars().take(40).collect()
}

// The path is explicit because build.rs compiles this file too, as a module of its own.
#[path = "id/digits.rs"]
mod digits;
use digits::Digits;

/// Value of an ASCII digit.
const fn val(d: u8) -> u8 {
    d.wrapping_sub(b'0')
}

/// The check digit shared by BIN and IIN, or `None` when none exists.
///
/// Pass 1 weighs the first 11 digits with 1..=11; if the remainder mod 11 is 10, pass 2 uses
/// 3,4,…,11,1,2; a second remainder of 10 means no number with these digits is ever issued.
pub(crate) fn check_digit(first11: &[u8]) -> Option<u8> {
    const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let pass = |w: &[u32; 11]| -> u32 {
        first11
            .iter()
            .zip(w)
            .map(|(d, w)| u32::from(val(*d)) * w)
            .sum::<u32>()
            % 11
    };
    let c = match pass(&W1) {
        10 => pass(&W2),
        c => c,
    };
    u8::try_from(c).ok().filter(|c| *c < 10)
}

/// Checks the 12th digit against the first eleven.
fn verify_check_digit(kind: &'static str, d: &[u8; 12]) -> Result<(), IdError> {
    let (first11, last) = d.split_at(11);
    let found = last.first().map_or(0, |c| val(*c));
    match check_digit(first11) {
        None => Err(IdError::NoCheckDigit { kind }),
        Some(expected) if expected != found => Err(IdError::CheckDigit {
            kind,
            expected,
            found,
        }),
        Some(_) => Ok(()),
    }
}

/// Two digits as a number.
fn two(a: u8, b: u8) -> u8 {
    val(a) * 10 + val(b)
}

/// Implements the string plumbing every text identifier shares, from its `as_str` and its
/// `FromStr`: `Display`, `AsRef<str>`, `TryFrom<&str>`, `TryFrom<String>`, `Serialize` as a
/// string and a `Deserialize` that validates through `FromStr` (here and in the classifier
/// codes). A non-string is refused as not "a <Type> string", or as not `$expecting`.
macro_rules! string_id {
    ($ty:ident) => {
        $crate::id::string_id!($ty, concat!("a ", stringify!($ty), " string"));
    };
    ($ty:ident, $expecting:expr) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl TryFrom<&str> for $ty {
            type Error = <$ty as std::str::FromStr>::Err;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
        impl TryFrom<String> for $ty {
            type Error = <$ty as std::str::FromStr>::Err;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}
pub(crate) use string_id;

/// Implements a string `JsonSchema` with a pattern and a description.
macro_rules! schema_pattern {
    ($ty:ident, $name:expr, $pattern:literal, $desc:expr) => {
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $desc,
                })
            }
        }
    };
}
pub(crate) use schema_pattern;

/// Business identification number (БИН / БСН) of a legal entity: 12 digits with a check digit.
///
/// ```
/// use engo_model::Bin;
///
/// let bin: Bin = "000640002067".parse()?;
/// assert_eq!(bin.as_str(), "000640002067");
/// assert!("000640002068".parse::<Bin>().is_err()); // wrong check digit
/// # Ok::<(), engo_model::IdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bin(Digits<12>);

impl Bin {
    /// The BIN as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The registration year and month encoded in digits 1–4 (`YY`, `MM`).
    pub fn registration_year_month(&self) -> (u8, u8) {
        let [a, b, c, d, ..] = *self.0.bytes();
        (two(a, b), two(c, d))
    }

    /// Whether digit 5 says the entity is a resident legal entity (`4`).
    pub fn is_resident(&self) -> bool {
        self.0.bytes()[4] == b'4'
    }

    /// A valid BIN for internal fallbacks: the org-id register's own example.
    pub(crate) fn example() -> Bin {
        Bin(Digits::EXAMPLE_BIN)
    }

    /// The org-id of this BIN (`KZ-BIN-…`).
    pub fn org_id(&self) -> OrgId {
        OrgId(*self)
    }
}

impl fmt::Debug for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bin({})", self.as_str())
    }
}

impl FromStr for Bin {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let d = Digits::<12>::parse("BIN", s)?;
        let [_, _, m1, m2, entity, unit, ..] = *d.bytes();
        let month = two(m1, m2);
        if !(1..=12).contains(&month) {
            return Err(IdError::BinMonth { found: month });
        }
        if !matches!(entity, b'4'..=b'6') {
            return Err(IdError::BinEntityType { found: val(entity) });
        }
        if !matches!(unit, b'0'..=b'3') {
            return Err(IdError::BinUnitType { found: val(unit) });
        }
        verify_check_digit("BIN", d.bytes())?;
        Ok(Self(d))
    }
}
string_id!(Bin);
schema_pattern!(
    Bin,
    "Bin",
    "^[0-9]{4}[4-6][0-3][0-9]{6}$",
    "Business identification number (BIN): 12 digits, digits 3-4 a month, digit 5 entity type 4-6, digit 6 unit type 0-3, digit 12 the check digit. Always a string."
);

/// Sex encoded in an IIN's 7th digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Sex {
    /// Odd 7th digit.
    Male,
    /// Even 7th digit.
    Female,
}

/// Individual identification number (ИИН / ЖСН) of a person: birth date, century and sex, serial,
/// check digit.
///
/// An IIN is personal data. It exists in engo to check input and to find personal numbers in text
/// ([`Iin::find_in`]); no open record has an IIN field.
///
/// ```
/// use engo_model::Iin;
///
/// let iin: Iin = "061211600012".parse()?;
/// assert_eq!(iin.birth_date().to_string(), "2006-12-11");
/// assert!("061211600011".parse::<Iin>().is_err());
/// # Ok::<(), engo_model::IdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iin {
    digits: Digits<12>,
    birth: NaiveDate,
}

impl Iin {
    /// The IIN as text.
    pub fn as_str(&self) -> &str {
        self.digits.as_str()
    }

    /// The date of birth from digits 1–6 and the century in digit 7.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// The sex from digit 7 (odd male, even female).
    pub fn sex(&self) -> Sex {
        if val(self.digits.bytes()[6]) % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Every valid IIN written in `text` as a run of exactly 12 digits (not part of a longer run of
    /// digits), with its byte offset. Used to keep personal numbers out of open exports.
    ///
    /// ```
    /// use engo_model::Iin;
    ///
    /// let found: Vec<_> = Iin::find_in("Жетекші ЖСН 061211600012, тел. 87011234567").collect();
    /// assert_eq!(found.len(), 1);
    /// assert_eq!(found[0].1.as_str(), "061211600012");
    /// ```
    pub fn find_in(text: &str) -> impl Iterator<Item = (usize, Iin)> + '_ {
        let bytes = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < bytes.len() {
                let start = i;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                if i - start == 12
                    && let Some(iin) = text.get(start..i).and_then(|s| s.parse::<Iin>().ok())
                {
                    return Some((start, iin));
                }
            }
            None
        })
    }
}

impl fmt::Debug for Iin {
    // An IIN is personal data: keep it out of debug logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Iin(<redacted>)")
    }
}

impl FromStr for Iin {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let d = Digits::<12>::parse("IIN", s)?;
        let [y1, y2, m1, m2, d1, d2, c, ..] = *d.bytes();
        let century = match val(c) {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            found => return Err(IdError::IinCentury { found }),
        };
        let birth = NaiveDate::from_ymd_opt(
            century + i32::from(two(y1, y2)),
            u32::from(two(m1, m2)),
            u32::from(two(d1, d2)),
        )
        .ok_or_else(|| IdError::IinBirthDate {
            found: s.chars().take(6).collect(),
        })?;
        verify_check_digit("IIN", d.bytes())?;
        Ok(Self { digits: d, birth })
    }
}
string_id!(Iin);
schema_pattern!(
    Iin,
    "Iin",
    "^[0-9]{2}(0[1-9]|1[0-2])[0-3][0-9][1-6][0-9]{5}$",
    "Individual identification number (IIN): personal data, never published."
);

/// A code of the administrative-territorial classifier (KATO / КАТО / ӘАОЖ): 9 digits `AB CD EF
/// HIJ`, where `AB` is the region.
///
/// Parsing accepts any region the embedded classifier knows, current or historic (`51` South
/// Kazakhstan stays resolvable for old records); whether the region is valid at a date is the
/// classifier's question ([`Kato::is_valid_at`]).
///
/// ```
/// use engo_model::Kato;
///
/// let kato: Kato = "101033102".parse()?; // a settlement in Abai region
/// assert_eq!(kato.region().map(|r| r.attrs.iso_3166_2.as_deref()), Some(Some("KZ-10")));
/// # Ok::<(), engo_model::IdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kato(Digits<9>);

impl Kato {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The two-digit region code (`AB`).
    pub fn region_code(&self) -> &str {
        self.0.first_two()
    }

    /// The region entry of the embedded classifier (any version).
    pub fn region(&self) -> Option<&'static Region> {
        regions().latest(self.region_code())
    }

    /// Whether the region of this code is in force at `date` in the embedded classifier.
    pub fn is_valid_at(&self, date: NaiveDate) -> bool {
        regions().at(self.region_code(), date).is_some()
    }

    /// The code of a whole region (`AB0000000`).
    pub fn is_region(&self) -> bool {
        self.0.bytes().iter().skip(2).all(|d| *d == b'0')
    }
}

impl fmt::Debug for Kato {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kato({})", self.as_str())
    }
}

impl FromStr for Kato {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let d = Digits::<9>::parse("KATO", s)?;
        let region = d.first_two();
        if regions().latest(region).is_none() {
            return Err(IdError::KatoRegion {
                found: region.to_owned(),
            });
        }
        Ok(Self(d))
    }
}
string_id!(Kato);
schema_pattern!(
    Kato,
    "Kato",
    "^[0-9]{9}$",
    "KATO administrative-territorial code: 9 digits, the first two a region of the KATO classifier. Always a string."
);

/// An organisation identifier in the org-id.guide form `KZ-BIN-<bin>`, as used by OCDS and
/// 360Giving.
///
/// ```
/// use engo_model::{Bin, OrgId};
///
/// let bin: Bin = "940140000385".parse()?;
/// assert_eq!(bin.org_id().to_string(), "KZ-BIN-940140000385");
/// let back: OrgId = "KZ-BIN-940140000385".parse()?;
/// assert_eq!(back.bin(), bin);
/// # Ok::<(), engo_model::IdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrgId(Bin);

impl OrgId {
    /// The org-id.guide list code for Kazakh business identification numbers.
    pub const SCHEME: &'static str = "KZ-BIN";

    /// The BIN inside.
    pub fn bin(&self) -> Bin {
        self.0
    }

    /// The org-id as text. Allocates; use `Display` to write it without allocating.
    pub fn as_string(&self) -> String {
        self.to_string()
    }
}

impl From<Bin> for OrgId {
    fn from(bin: Bin) -> Self {
        Self(bin)
    }
}

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", Self::SCHEME, self.0)
    }
}

impl fmt::Debug for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OrgId({self})")
    }
}

impl FromStr for OrgId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let bin = s
            .strip_prefix("KZ-BIN-")
            .ok_or_else(|| IdError::OrgIdScheme { found: cut(s) })?;
        Ok(Self(bin.parse()?))
    }
}

impl TryFrom<&str> for OrgId {
    type Error = IdError;
    fn try_from(s: &str) -> Result<Self, IdError> {
        s.parse()
    }
}

impl Serialize for OrgId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OrgId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
schema_pattern!(
    OrgId,
    "OrgId",
    "^KZ-BIN-[0-9]{4}[4-6][0-3][0-9]{6}$",
    "org-id.guide identifier of a Kazakh legal entity: KZ-BIN- followed by its BIN."
);

/// Defines a newtype of checked text, `$ty(Box<str>)`: `as_str`, `Debug` as `Type(text)`,
/// `FromStr` through `$check`, the plumbing of `string_id!` and a pattern schema. The record ids
/// below and the classifier codes are such newtypes.
macro_rules! text_id {
    (
        $(#[$doc:meta])*
        $ty:ident,
        check: $check:path => $err:ty,
        expecting: $expecting:expr,
        schema: ($name:expr, $pattern:literal, $description:expr)
    ) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $ty(Box<str>);

        impl $ty {
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($ty), self.0)
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, $err> {
                $check(s).map(|()| Self(s.into()))
            }
        }

        $crate::id::string_id!($ty, $expecting);
        $crate::id::schema_pattern!($ty, $name, $pattern, $description);
    };
}
pub(crate) use text_id;

/// Whether `s` matches the one record-id pattern `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`.
fn check_record_id(s: &str) -> Result<(), IdError> {
    let b = s.as_bytes();
    let valid = (1..=64).contains(&b.len())
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'));
    if valid {
        Ok(())
    } else {
        Err(IdError::RecordId { found: cut(s) })
    }
}

/// Defines record-id newtypes that share the one documented pattern.
macro_rules! record_ids {
    ($($(#[$doc:meta])* $ty:ident;)*) => {$(
        text_id! {
            $(#[$doc])*
            ///
            /// A record id is 1–64 ASCII characters matching `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`.
            $ty,
            check: check_record_id => IdError,
            expecting: concat!("a ", stringify!($ty), " string"),
            schema: (
                "RecordId",
                "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
                "Record id: 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit."
            )
        }
    )*};
}

record_ids! {
    /// Id of a state social order (e.g. `SO-2025-000123`).
    SocialOrderId;
    /// Id of a grant (e.g. `GR-2025-0042`).
    GrantId;
    /// Id of an award (премия) given to a laureate.
    AwardId;
    /// Id of an application to an order, a grant competition or an award call.
    ApplicationId;
    /// Id of an evaluation (expert scoring of a project's results or of an application).
    EvaluationId;
    /// Opaque id of an expert; never a personal number.
    ExpertId;
    /// Id of a social project (delivered under an order or a grant).
    ProjectId;
    /// Id of a milestone, unique inside its project.
    MilestoneId;
    /// Id of an indicator, unique inside its project, order or application.
    IndicatorId;
    /// Id of a project report.
    ReportId;
    /// Id of a payment tranche.
    TrancheId;
    /// Id of a mediation case.
    MediationCaseId;
    /// Id of a plan of state grants or of the state social order (e.g. `PL-2025-0003`).
    PlanId;
    /// Id of a state order for strategic partnership (e.g. `SP-2024-0001`).
    PartnershipOrderId;
    /// Id of an entry of the register of foreign funding (e.g. `FF-2025-H1-0001`).
    ForeignFundingId;
    /// Id of an expert or civil-society body (e.g. `BD-PC-0001`).
    BodyId;
    /// Id of a volunteer programme (project) or action (e.g. `VA-2025-0001`).
    VolunteerActivityId;
    /// A reference to a record of any kind (the subject of an audit-log event, a finding).
    RecordRef;
}

/// Converts a typed record id into an untyped reference.
macro_rules! into_ref {
    ($($ty:ident),*) => {$(
        impl From<&$ty> for RecordRef {
            fn from(id: &$ty) -> RecordRef {
                RecordRef(id.0.clone())
            }
        }
    )*};
}
into_ref!(
    SocialOrderId,
    GrantId,
    AwardId,
    ApplicationId,
    EvaluationId,
    ExpertId,
    ProjectId,
    MilestoneId,
    IndicatorId,
    ReportId,
    TrancheId,
    MediationCaseId,
    PlanId,
    PartnershipOrderId,
    ForeignFundingId,
    BodyId,
    VolunteerActivityId
);

impl From<&Bin> for RecordRef {
    fn from(bin: &Bin) -> RecordRef {
        RecordRef(bin.as_str().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_second_pass() {
        // 11 digits whose first pass gives 10: 1·1+0+...: find one by search and check both paths.
        let mut needed_second = 0;
        let mut none = 0;
        for n in 0..20_000u32 {
            let s = format!("{n:011}");
            let d = s.as_bytes();
            let first: u32 = d
                .iter()
                .zip(1..=11)
                .map(|(d, w)| u32::from(val(*d)) * w)
                .sum();
            if first % 11 == 10 {
                match check_digit(d) {
                    Some(_) => needed_second += 1,
                    None => none += 1,
                }
            }
        }
        assert!(needed_second > 0 && none > 0);
    }

    #[test]
    fn record_id_pattern() {
        let valid = |s: &str| check_record_id(s).is_ok();
        assert!(valid("SO-2025.001_a"));
        assert!(!valid("-SO"));
        assert!(!valid(""));
        assert!(!valid("SO 1"));
        assert!(!valid("Ә-1"));
        assert!(valid(&"a".repeat(64)));
        assert!(!valid(&"a".repeat(65)));
    }
}
