//! Versioned reference data: regions (KATO), legal forms, priority areas, state-body levels.
//!
//! The law changes these lists (new regions in 2022, the priority areas being rewritten now), so
//! they are data with validity dates, never frozen enums: JSON files in the crate's `data/`,
//! embedded in the library and parsed by its build script, so that no build carries a classifier
//! it cannot read. A record holds a code; whether the code is in force at a date is asked of the
//! classifier.
//!
//! ```
//! use chrono::NaiveDate;
//! use engo_model::classifier::{legal_forms, regions};
//!
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // Abai region (10) exists from 8 June 2022; South Kazakhstan (51) until 2018.
//! assert!(regions().at("10", d(2021, 1, 1)).is_none());
//! assert_eq!(regions().at("10", d(2025, 1, 1)).unwrap().name.get(engo_model::Lang::Kk), "Абай облысы");
//! assert!(regions().at("51", d(2015, 1, 1)).is_some());
//! assert_eq!(regions().valid_at(d(2025, 1, 1)).count(), 20);
//! // Religious associations cannot be NGOs.
//! assert!(!legal_forms().latest("religious_association").unwrap().attrs.ngo_eligible);
//! ```

use std::sync::LazyLock;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{format_version::FormatVersion, id::text_id, text::LocalizedText};

/// How well a fact is established, as tagged in the domain brief.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Evidence {
    /// Verified: stated in a cited source.
    V,
    /// Partly verified: corroborated by secondary sources.
    P,
    /// Unverified: a hypothesis to confirm before relying on it.
    U,
    /// A design proposal, not a legal fact.
    D,
}

/// Why a classifier could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClassifierError {
    /// The JSON does not parse or does not match the format.
    #[error("classifier JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// An entry ends before it starts.
    #[error("classifier {classifier}: entry {code:?} has valid_to before valid_from")]
    InvertedValidity {
        /// The classifier's name.
        classifier: String,
        /// The entry's code.
        code: String,
    },
    /// Two versions of one code overlap in time.
    #[error("classifier {classifier}: versions of {code:?} overlap in time")]
    Overlap {
        /// The classifier's name.
        classifier: String,
        /// The entry's code.
        code: String,
    },
}

/// One version of a classifier entry: a code, its names, when it is in force, and the attributes
/// `A` of its classifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Entry<A> {
    /// The code records use.
    pub code: String,
    /// Name in kk/ru/en.
    pub name: LocalizedText,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Last day in force; `None` while in force.
    pub valid_to: Option<NaiveDate>,
    /// How well the entry is established.
    pub verified: Evidence,
    /// Where it was read (the addresses of the sources), and what they say where it matters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Attributes particular to this classifier.
    #[serde(flatten)]
    pub attrs: A,
}

impl<A> Entry<A> {
    /// Whether this version is in force on `date`.
    pub fn is_valid_at(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }
}

/// Attributes of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RegionAttrs {
    /// ISO 3166-2 subdivision code (`KZ-10`), where one is assigned.
    pub iso_3166_2: Option<String>,
}

/// Attributes of a legal form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LegalFormAttrs {
    /// Code of the statistical classifier of legal forms (KOPF).
    pub kopf: String,
    /// Whether an organisation of this form can be an NGO (parties, trade unions, religious
    /// associations and state institutions cannot).
    pub ngo_eligible: bool,
}

/// No attributes beyond code, name and validity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NoAttrs {}

/// A region of Kazakhstan (oblast or city of republican significance), KATO digits 1–2.
pub type Region = Entry<RegionAttrs>;
/// A legal form of non-commercial organisations.
pub type LegalForm = Entry<LegalFormAttrs>;
/// A priority area of the state social order.
pub type PriorityArea = Entry<NoAttrs>;
/// A level of state body (central or local).
pub type StateBodyLevel = Entry<NoAttrs>;

/// A versioned classifier: every version of every entry, sorted by code then start date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Classifier<A> {
    /// Version of the file format; only `"1"` is read.
    pub format_version: FormatVersion,
    /// Name of the classifier (`regions`, `legal_forms`, …).
    pub classifier: String,
    /// Title in kk/ru/en.
    pub title: LocalizedText,
    /// Where the entries come from and how sure they are.
    pub source: String,
    /// Every version of every entry.
    pub entries: Vec<Entry<A>>,
}

impl<A: serde::de::DeserializeOwned> Classifier<A> {
    /// A classifier from JSON in the format of the crate's `data/` files.
    ///
    /// A `format_version` other than `"1"` is refused, like any other error, with its line and
    /// column. Versions of one code may follow each other but must not overlap.
    pub fn from_json(json: &str) -> Result<Self, ClassifierError> {
        let mut c: Self = serde_json::from_str(json).map_err(|e| ClassifierError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        c.entries
            .sort_by(|a, b| (&a.code, a.valid_from).cmp(&(&b.code, b.valid_from)));
        for e in &c.entries {
            if e.valid_to.is_some_and(|to| to < e.valid_from) {
                return Err(ClassifierError::InvertedValidity {
                    classifier: c.classifier.clone(),
                    code: e.code.clone(),
                });
            }
        }
        for pair in c.entries.windows(2) {
            if let [a, b] = pair
                && a.code == b.code
                && a.valid_to.is_none_or(|to| to >= b.valid_from)
            {
                return Err(ClassifierError::Overlap {
                    classifier: c.classifier.clone(),
                    code: a.code.clone(),
                });
            }
        }
        Ok(c)
    }
}

impl<A> Classifier<A> {
    /// The version of `code` in force on `date`.
    pub fn at(&self, code: &str, date: NaiveDate) -> Option<&Entry<A>> {
        self.versions(code).find(|e| e.is_valid_at(date))
    }

    /// The most recent version of `code`, in force or not.
    pub fn latest(&self, code: &str) -> Option<&Entry<A>> {
        self.versions(code).last()
    }

    /// Every version of `code`, oldest first.
    pub fn versions(&self, code: &str) -> impl Iterator<Item = &Entry<A>> + use<'_, A> {
        let start = self.entries.partition_point(|e| e.code.as_str() < code);
        let end = self.entries.partition_point(|e| e.code.as_str() <= code);
        self.entries.get(start..end).unwrap_or_default().iter()
    }

    /// Every entry in force on `date`, by code.
    pub fn valid_at(&self, date: NaiveDate) -> impl Iterator<Item = &Entry<A>> {
        self.entries.iter().filter(move |e| e.is_valid_at(date))
    }

    /// Every distinct code, in order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        let mut last: Option<&str> = None;
        self.entries.iter().filter_map(move |e| {
            let code = e.code.as_str();
            (last != Some(code)).then(|| {
                last = Some(code);
                code
            })
        })
    }
}

/// Parses an embedded classifier, `data/{name}.json`.
///
/// Invariant: `build.rs` compiles this module and runs this same [`Classifier::from_json`] on
/// these same files, and refuses to build the crate on any error; so in every build of the crate
/// the parse succeeds. Library code does not panic, so the `Err` arm, which no build can reach,
/// still returns a value: a classifier without entries whose `source` names the error.
fn embedded<A: serde::de::DeserializeOwned>(name: &str, json: &str) -> Classifier<A> {
    match Classifier::from_json(json) {
        Ok(classifier) => classifier,
        Err(e) => Classifier {
            format_version: FormatVersion::V1,
            classifier: name.to_owned(),
            title: LocalizedText::ru_only(name),
            source: format!("embedded data/{name}.json does not parse: {e}"),
            entries: Vec::new(),
        },
    }
}

/// The classifier embedded from `data/$name.json`, parsed on first use by [`embedded`].
macro_rules! embedded {
    ($name:literal) => {
        LazyLock::new(|| embedded($name, include_str!(concat!("../data/", $name, ".json"))))
    };
}

static REGIONS: LazyLock<Classifier<RegionAttrs>> = embedded!("regions");
static LEGAL_FORMS: LazyLock<Classifier<LegalFormAttrs>> = embedded!("legal_forms");
static PRIORITY_AREAS: LazyLock<Classifier<NoAttrs>> = embedded!("priority_areas");
static STATE_BODY_LEVELS: LazyLock<Classifier<NoAttrs>> = embedded!("state_body_levels");

/// The regions of KATO (`data/regions.json`): all 20 current regions and historic ones.
pub fn regions() -> &'static Classifier<RegionAttrs> {
    &REGIONS
}

/// Legal forms of non-commercial organisations (`data/legal_forms.json`).
pub fn legal_forms() -> &'static Classifier<LegalFormAttrs> {
    &LEGAL_FORMS
}

/// Priority areas of the state social order (`data/priority_areas.json`).
pub fn priority_areas() -> &'static Classifier<NoAttrs> {
    &PRIORITY_AREAS
}

/// Levels of state bodies (`data/state_body_levels.json`).
pub fn state_body_levels() -> &'static Classifier<NoAttrs> {
    &STATE_BODY_LEVELS
}

/// Why a classifier code is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("classifier code must be 1-32 ASCII letters, digits or '_', found {found:?}")]
pub struct CodeError {
    /// The value found (cut to 40 characters).
    pub found: String,
}

/// Whether `s` is a well-formed classifier code, `^[A-Za-z0-9_]{1,32}$`.
fn check_code(s: &str) -> Result<(), CodeError> {
    let ok =
        (1..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(CodeError {
            found: s.chars().take(40).collect(),
        })
    }
}

/// Defines code newtypes: well-formed text whose meaning a classifier gives at a date. They are
/// checked text like the record ids ([`crate::id`]).
macro_rules! codes {
    ($($(#[$doc:meta])* $ty:ident => $lookup:ident($attrs:ty);)*) => {$(
        text_id! {
            $(#[$doc])*
            ///
            /// Well-formed means `^[A-Za-z0-9_]{1,32}$`; whether the code is in force at a date is
            /// the classifier's question.
            $ty,
            check: check_code => CodeError,
            expecting: "a string",
            schema: (
                stringify!($ty),
                "^[A-Za-z0-9_]{1,32}$",
                concat!(
                    "Code of the versioned classifier `", stringify!($lookup),
                    "` (see crates/engo-model/data/", stringify!($lookup), ".json)."
                )
            )
        }

        impl $ty {
            /// The entry of the embedded classifier in force on `date`.
            pub fn at(&self, date: NaiveDate) -> Option<&'static Entry<$attrs>> {
                $lookup().at(self.as_str(), date)
            }
        }
    )*};
}

codes! {
    /// Code of a legal form (`public_association`, `foundation`, …).
    LegalFormCode => legal_forms(LegalFormAttrs);
    /// Code of a priority area of the state social order (`EDU`, `HEALTH`, …).
    AreaCode => priority_areas(NoAttrs);
    /// Code of a state-body level (`central`, `local`).
    LevelCode => state_body_levels(NoAttrs);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn overlap_is_rejected() {
        let json = r#"{"format_version":"1","classifier":"t","title":{"ru":"т"},"source":"",
          "entries":[
            {"code":"A","name":{"ru":"а"},"valid_from":"2020-01-01","valid_to":"2021-01-01","verified":"U"},
            {"code":"A","name":{"ru":"а2"},"valid_from":"2021-01-01","valid_to":null,"verified":"U"}]}"#;
        assert!(matches!(
            Classifier::<NoAttrs>::from_json(json),
            Err(ClassifierError::Overlap { .. })
        ));
        let ok = json.replace("\"valid_to\":\"2021-01-01\"", "\"valid_to\":\"2020-12-31\"");
        let c = Classifier::<NoAttrs>::from_json(&ok).unwrap();
        assert_eq!(
            c.at("A", d(2020, 6, 1)).unwrap().name.get(crate::Lang::Ru),
            "а"
        );
        assert_eq!(
            c.at("A", d(2022, 6, 1)).unwrap().name.get(crate::Lang::Ru),
            "а2"
        );
        assert_eq!(c.codes().count(), 1);
    }

    #[test]
    fn json_error_has_position() {
        let err = Classifier::<NoAttrs>::from_json("{\n  \"classifier\": 5 }").unwrap_err();
        assert!(
            matches!(err, ClassifierError::Json { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn code_errors_say_what_is_wrong() {
        let e = serde_json::from_str::<AreaCode>("5").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid type: integer `5`, expected a string at line 1 column 1"
        );
        let e = serde_json::from_str::<LevelCode>(r#""a-b""#).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"classifier code must be 1-32 ASCII letters, digits or '_', found "a-b" at line 1 column 5"#
        );
        assert_eq!(
            LegalFormCode::try_from("foundation").unwrap().to_string(),
            "foundation"
        );
        assert_eq!(
            format!("{:?}", "EDU".parse::<AreaCode>().unwrap()),
            "AreaCode(EDU)"
        );
    }

    #[test]
    fn code_syntax() {
        assert!("EDU".parse::<AreaCode>().is_ok());
        assert!("".parse::<AreaCode>().is_err());
        assert!("a-b".parse::<AreaCode>().is_err());
        assert!("ә".parse::<AreaCode>().is_err());
    }
}
