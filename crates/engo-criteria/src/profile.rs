//! Criteria profiles: the parameters of the rules, versioned by the dates they are in force.
//!
//! The criteria of the state social order are being rewritten by law, so they are data: the
//! crate's `data/criteria/*.json`, embedded and checked by its build script, each with its format
//! version, its legal basis, its validity dates, its parameters with their evidence (verified or
//! assumed), per-rule severity overrides and disabled rules. A user profile loaded from JSON
//! replaces an embedded one (same `id`), adds one for other dates, or `extends` one and changes
//! only what it names.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::LazyLock,
};

use chrono::NaiveDate;
use engo_model::{
    FormatVersion, Lang, LocalizedText, classifier::Evidence, record::PartnershipRules,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Severity, rule};

/// Why a profile could not be loaded or found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The JSON is malformed or does not match the profile format.
    #[error("criteria profile at {pointer} (line {line}, column {column}): {message}")]
    Json {
        /// JSON pointer of the offending key or value (`/params/grant_terms/short`).
        pointer: String,
        /// 1-based line (0 when the input was merged from a base profile).
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong, naming the key.
        message: String,
    },
    /// `severity` or `disabled` names a code the catalogue does not have.
    #[error(
        "criteria profile at {pointer} (line {line}, column {column}): unknown rule code {code:?}"
    )]
    UnknownCode {
        /// JSON pointer of the entry.
        pointer: String,
        /// 1-based line of the entry in the file (0 when it is not in the file).
        line: usize,
        /// 1-based column.
        column: usize,
        /// The code.
        code: String,
    },
    /// `evidence` names a parameter that does not exist, or a parameter has no evidence tag.
    #[error("criteria profile at /evidence: {message}")]
    Evidence {
        /// What was wrong.
        message: String,
    },
    /// `extends` names a profile that does not exist.
    #[error("criteria profile extends unknown profile {0:?}")]
    UnknownBase(String),
    /// `effective_to` is before `effective_from`.
    #[error("criteria profile {0:?}: effective_to is before effective_from")]
    InvertedDates(String),
    /// No profile is in force on the date.
    #[error("no criteria profile is in force on {0}")]
    NoneInForce(NaiveDate),
    /// No profile has the id.
    #[error("no criteria profile has the id {0:?}")]
    UnknownId(String),
}

/// An act a profile rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// Title of the act in kk/ru/en.
    pub act: LocalizedText,
    /// Date of the act.
    pub date: NaiveDate,
    /// Number of the act (`36-III`, `144-НҚ`).
    pub number: String,
    /// Article, paragraph or point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// Official text (adilet.zan.kz).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Limits of a duration in whole months, both ends included; `None` where the law sets no
/// limit (or none was found in a source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthRange {
    /// Fewest months.
    pub min: Option<u32>,
    /// Most months.
    pub max: Option<u32>,
}

impl MonthRange {
    /// The range as a reader writes it: `12–36`, `≤ 36`, `≥ 12` (empty without limits).
    pub fn to_text(self) -> String {
        match (self.min, self.max) {
            (Some(min), Some(max)) => format!("{min}–{max}"),
            (None, Some(max)) => format!("≤ {max}"),
            (Some(min), None) => format!("≥ {min}"),
            (None, None) => String::new(),
        }
    }
}

/// How well a parameter is established, and where it was read.
///
/// In a profile file either a bare tag (`"V"`) or an object with the sources:
/// `{"tag": "V", "sources": ["https://adilet.zan.kz/…"], "note": "…"}`. Every parameter of an
/// embedded profile gives its sources; a parameter tagged `D` (a design choice) gives the
/// reasoning in `note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ParamEvidence {
    /// `V` a source read says exactly this, `P` partly (close wording, an adjacent period, a
    /// secondary source), `U` no source read confirms it, `D` a design choice of engo.
    pub tag: Evidence,
    /// Addresses of the sources read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// What the sources say, or why the value was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl<'de> Deserialize<'de> for ParamEvidence {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            tag: Evidence,
            #[serde(default)]
            sources: Vec<String>,
            #[serde(default)]
            note: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Form {
            Tag(Evidence),
            Full(Full),
        }
        Ok(match Form::deserialize(deserializer)? {
            Form::Tag(tag) => ParamEvidence {
                tag,
                sources: Vec::new(),
                note: None,
            },
            Form::Full(f) => ParamEvidence {
                tag: f.tag,
                sources: f.sources,
                note: f.note,
            },
        })
    }
}

/// The duration and amount band of one grant term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermBand {
    /// Shortest duration in months.
    pub min_months: u32,
    /// Longest duration in months.
    pub max_months: u32,
    /// Smallest amount in MRP of the award year.
    pub min_mrp: u64,
    /// Largest amount in MRP; `None` when the law sets no upper bound (or it is unknown).
    pub max_mrp: Option<u64>,
}

/// Bands of the three grant terms (GR-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantTerms {
    /// Short-term grants.
    pub short: TermBand,
    /// Medium-term grants.
    pub medium: TermBand,
    /// Long-term grants.
    pub long: TermBand,
}

/// The rules of the state order for strategic partnership approved by one act, and the days
/// they are in force (SP-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesInForce {
    /// The act that approved the rules.
    pub act: PartnershipRules,
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force; `None` while in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl RulesInForce {
    /// Whether the rules are in force on `date`.
    pub fn is_in_force(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// The fewest and most members of a public council (PC-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CouncilSize {
    /// Fewest members.
    pub min: u32,
    /// Most members.
    pub max: u32,
}

/// A day of the year (`{"month": 3, "day": 31}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl MonthDay {
    /// This day in `year`, or the last valid day of the month before it (29 February falls back
    /// to the 28th).
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        (1..=self.day.min(31))
            .rev()
            .find_map(|d| NaiveDate::from_ymd_opt(year, self.month, d))
    }
}

/// How results are scored (SSO-06).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationParams {
    /// Highest scores per criterion that evaluations may declare.
    pub scales: Vec<u32>,
    /// Pass mark: the share of the highest total, in per cent.
    pub pass_percent: u32,
}

/// The parameters of the rules. Every key is required; a profile that `extends` another gives
/// only the keys it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Duration of a social project (SSO-03).
    pub project_months: MonthRange,
    /// The bands of the terms of state grants (GR-01); `None` while the law set none.
    pub grant_terms: Option<GrantTerms>,
    /// Largest share of a grant for the NGO's own support, in per cent (GR-03).
    pub own_support_max_percent: u32,
    /// Smallest award, in MRP of the award year (AW-01).
    pub award_min_mrp: u64,
    /// Due date of the annual NGO-database report for the previous year (DB-01).
    pub database_due: MonthDay,
    /// Months an organisation must have existed; `None` turns `ngo.registration.too_recent` off.
    pub registration_min_months: Option<u32>,
    /// Scales and pass mark of evaluations (SSO-06).
    pub evaluation: EvaluationParams,
    /// Working days of public discussion of the grant plan (GR-06); `None` turns the guard off.
    pub grant_plan_discussion_working_days: Option<u32>,
    /// Languages an application may be written in (GR-05).
    pub application_languages: Vec<Lang>,
    /// The acts of rules of the state order for strategic partnership, each with the days it is
    /// in force (SP-01): an order rests on an act in force on its agreement date, and none is
    /// dated before the first act came into force.
    pub partnership_rules: Vec<RulesInForce>,
    /// The size of the public council of a central state body (a ministry), counted on the day
    /// of publication (PC-01).
    pub public_council_members: CouncilSize,
}

impl Params {
    /// The names of the parameters, as in JSON.
    pub const NAMES: [&'static str; 11] = [
        "project_months",
        "grant_terms",
        "own_support_max_percent",
        "award_min_mrp",
        "database_due",
        "registration_min_months",
        "evaluation",
        "grant_plan_discussion_working_days",
        "application_languages",
        "partnership_rules",
        "public_council_members",
    ];
}

/// A versioned set of criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "engo criteria profile")]
pub struct CriteriaProfile {
    /// Version of the file format; only `"1"` is read. A user profile that `extends` another
    /// takes its base's unless it gives one.
    pub format_version: FormatVersion,
    /// Stable id (`kz-2025-07`).
    pub id: String,
    /// Title in kk/ru/en.
    pub title: LocalizedText,
    /// First day in force.
    pub effective_from: NaiveDate,
    /// Last day in force; `None` while in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    /// Only in user files: the id of the profile this one changes. Resolved when loading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// The acts the profile rests on.
    pub legal_basis: Vec<LegalBasis>,
    /// Parameters of the rules.
    pub params: Params,
    /// For each parameter, how well it is established (`V` verified … `U` unverified, `D` a
    /// design choice) and the sources read.
    pub evidence: BTreeMap<String, ParamEvidence>,
    /// Severity overrides by rule code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
    /// Rules turned off.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub disabled: BTreeSet<String>,
}

impl CriteriaProfile {
    /// Whether the profile is in force on `date`.
    pub fn is_in_force(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_to.is_none_or(|to| date <= to)
    }

    /// The severity of `code` under this profile, or `None` when the rule is disabled.
    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        if self.disabled.contains(code) {
            return None;
        }
        self.severity
            .get(code)
            .copied()
            .or_else(|| rule(code).map(|r| r.severity))
            .or(Some(Severity::Error))
    }

    /// Parses a complete profile (no `extends`) from JSON, strictly: a leading UTF-8 BOM is
    /// skipped, text after the profile is refused, and so is a `format_version` other than `"1"`
    /// (at `/format_version`).
    pub fn from_json(json: &str) -> Result<CriteriaProfile, ProfileError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let mut de = serde_json::Deserializer::from_str(json);
        let profile: CriteriaProfile =
            serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
        de.end().map_err(end_error)?;
        profile.validate().map_err(|e| placed(e, json))?;
        Ok(profile)
    }

    /// Checks what the types cannot: dates in order, codes known, evidence for every parameter.
    fn validate(&self) -> Result<(), ProfileError> {
        if self.effective_to.is_some_and(|to| to < self.effective_from) {
            return Err(ProfileError::InvertedDates(self.id.clone()));
        }
        for code in self.severity.keys() {
            if rule(code).is_none() {
                return Err(ProfileError::UnknownCode {
                    pointer: format!("/severity/{code}"),
                    line: 0,
                    column: 0,
                    code: code.clone(),
                });
            }
        }
        for (i, code) in self.disabled.iter().enumerate() {
            if rule(code).is_none() {
                return Err(ProfileError::UnknownCode {
                    pointer: format!("/disabled/{i}"),
                    line: 0,
                    column: 0,
                    code: code.clone(),
                });
            }
        }
        for key in self.evidence.keys() {
            if !Params::NAMES.contains(&key.as_str()) {
                return Err(ProfileError::Evidence {
                    message: format!("{key:?} is not a parameter"),
                });
            }
        }
        for name in Params::NAMES {
            if !self.evidence.contains_key(name) {
                return Err(ProfileError::Evidence {
                    message: format!("parameter {name:?} has no evidence tag"),
                });
            }
        }
        Ok(())
    }
}

/// Converts a path-aware serde error into a [`ProfileError::Json`] with a JSON pointer.
/// Text after the profile.
fn end_error(e: serde_json::Error) -> ProfileError {
    ProfileError::Json {
        pointer: String::new(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}

fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> ProfileError {
    let mut pointer = String::new();
    for segment in e.path().iter() {
        use serde_path_to_error::Segment;
        let token = match segment {
            Segment::Seq { index } => index.to_string(),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                key.replace('~', "~0").replace('/', "~1")
            }
            Segment::Unknown => "?".to_owned(),
        };
        pointer.push('/');
        pointer.push_str(&token);
    }
    let inner = e.inner();
    ProfileError::Json {
        pointer,
        line: inner.line(),
        column: inner.column(),
        message: inner.to_string(),
    }
}

/// `e` with the line and column of its pointer in the file `json` (when it has none yet).
fn placed(e: ProfileError, json: &str) -> ProfileError {
    let at = |pointer: &str| locate(json, pointer).unwrap_or((0, 0));
    match e {
        ProfileError::Json {
            pointer,
            line: 0,
            message,
            ..
        } => {
            let (line, column) = at(&pointer);
            ProfileError::Json {
                pointer,
                line,
                column,
                message,
            }
        }
        ProfileError::UnknownCode { pointer, code, .. } => {
            let (line, column) = at(&pointer);
            ProfileError::UnknownCode {
                pointer,
                line,
                column,
                code,
            }
        }
        other => other,
    }
}

/// The line and column (1-based) in `json` of the key of the value at `pointer`, or of its
/// deepest ancestor the text has (a value that comes from a base profile is not in the file):
/// `None` when not even the first token is there. A small scanner over the text, which is
/// valid JSON already (it was parsed).
fn locate(json: &str, pointer: &str) -> Option<(usize, usize)> {
    let bytes = json.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    let mut place = None;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        match bytes.get(pos)? {
            b'{' => {
                let (key_at, value_at) = member(bytes, pos, &token)?;
                place = Some(key_at);
                pos = value_at;
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                pos = element(bytes, pos, index)?;
                place = Some(pos);
            }
            _ => break,
        }
    }
    let at = place?;
    let before = json.get(..at)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// The end of the string starting at `pos` (just after its closing quote).
fn string_end(bytes: &[u8], mut pos: usize) -> Option<usize> {
    pos += 1;
    loop {
        match bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// The end of the value starting at `pos`.
fn value_end(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => string_end(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = pos;
            loop {
                match bytes.get(at)? {
                    b'"' => {
                        at = string_end(bytes, at)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        _ => {
            let mut at = pos;
            while bytes
                .get(at)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                at += 1;
            }
            Some(at)
        }
    }
}

/// In the object starting at `pos`: where the key `name` and its value start.
fn member(bytes: &[u8], pos: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = skip_ws(bytes, pos + 1);
    while bytes.get(at) == Some(&b'"') {
        let key_end = string_end(bytes, at)?;
        let key: String = serde_json::from_slice(bytes.get(at..key_end)?).ok()?;
        let colon = skip_ws(bytes, key_end);
        let value_at = skip_ws(bytes, colon + 1);
        if key == name {
            return Some((at, value_at));
        }
        at = skip_ws(bytes, value_end(bytes, value_at)?);
        if bytes.get(at) == Some(&b',') {
            at = skip_ws(bytes, at + 1);
        }
    }
    None
}

/// In the array starting at `pos`: where element `index` starts.
fn element(bytes: &[u8], pos: usize, index: usize) -> Option<usize> {
    let mut at = skip_ws(bytes, pos + 1);
    for _ in 0..index {
        at = skip_ws(bytes, value_end(bytes, at)?);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_ws(bytes, at + 1);
    }
    (bytes.get(at) != Some(&b']')).then_some(at)
}

/// JSON merge patch (RFC 7396): `patch` onto `base`.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    b.remove(&k);
                } else {
                    merge(b.entry(k).or_insert(serde_json::Value::Null), v);
                }
            }
        }
        (b, p) => *b = p,
    }
}

/// A set of profiles: the embedded ones, and any loaded by the user, which take precedence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profiles {
    list: Vec<CriteriaProfile>,
}

/// A file of `data/criteria/`: its name and its text.
macro_rules! embedded_file {
    ($name:literal) => {
        ($name, include_str!(concat!("../data/criteria/", $name)))
    };
}

/// The profile files embedded from `data/criteria/`, by file name.
pub(crate) const EMBEDDED_FILES: [(&str, &str); 3] = [
    embedded_file!("kz-2018-09.json"),
    embedded_file!("kz-2023-01.json"),
    embedded_file!("kz-2025-07.json"),
];

/// The embedded profiles, parsed on first use.
///
/// Invariant: `build.rs` compiles this module and the catalogue, runs this same
/// [`CriteriaProfile::from_json`] on every one of [`EMBEDDED_FILES`] (and checks that they are
/// every file of `data/criteria/`), and refuses to build the crate on any error; so in every build
/// of the crate each parse succeeds. Library code does not panic, so a failed parse, which no
/// build can reach, would leave its profile out, and asking for it would be an error.
static EMBEDDED: LazyLock<Profiles> = LazyLock::new(|| Profiles {
    list: EMBEDDED_FILES
        .iter()
        .filter_map(|(_, json)| CriteriaProfile::from_json(json).ok())
        .collect(),
});

impl Profiles {
    /// The profiles embedded from the crate's `data/criteria/`.
    pub fn embedded() -> &'static Profiles {
        &EMBEDDED
    }

    /// Every profile, user profiles first.
    pub fn all(&self) -> &[CriteriaProfile] {
        &self.list
    }

    /// The profile with `id`.
    pub fn by_id(&self, id: &str) -> Result<&CriteriaProfile, ProfileError> {
        self.list
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| ProfileError::UnknownId(id.to_owned()))
    }

    /// The profile in force on `date` (a user profile wins over an embedded one).
    pub fn for_date(&self, date: NaiveDate) -> Result<&CriteriaProfile, ProfileError> {
        self.list
            .iter()
            .find(|p| p.is_in_force(date))
            .ok_or(ProfileError::NoneInForce(date))
    }

    /// Parses a user profile: complete, or `extends` a profile of this set and gives only what it
    /// changes (merged as a JSON merge patch).
    ///
    /// ```
    /// use engo_criteria::Profiles;
    ///
    /// let user = Profiles::embedded().parse_user(r#"{
    ///     "extends": "kz-2025-07",
    ///     "id": "akimat-almaty-2026",
    ///     "params": { "own_support_max_percent": 5 }
    /// }"#)?;
    /// assert_eq!(user.params.own_support_max_percent, 5);
    /// assert_eq!(user.params.award_min_mrp, 2_000); // the rest comes from kz-2025-07
    ///
    /// let err = Profiles::embedded().parse_user(r#"{"extends": "kz-2025-07", "params": {"own_support": 5}}"#)
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("/params") && err.to_string().contains("own_support"), "{err}");
    /// # Ok::<(), engo_criteria::ProfileError>(())
    /// ```
    pub fn parse_user(&self, json: &str) -> Result<CriteriaProfile, ProfileError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let mut de = serde_json::Deserializer::from_str(json);
        let value: serde_json::Value =
            serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
        de.end().map_err(end_error)?;
        let Some(base_id) = value
            .get("extends")
            .and_then(|v| v.as_str())
            .map(str::to_owned)
        else {
            return CriteriaProfile::from_json(json);
        };
        let base = self
            .by_id(&base_id)
            .map_err(|_| ProfileError::UnknownBase(base_id.clone()))?;
        let mut merged = serde_json::to_value(base).map_err(|e| ProfileError::Json {
            pointer: String::new(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
        merge(&mut merged, value);
        // The merged profile has no lines: an error's place is found again in the user's file.
        let profile: CriteriaProfile = serde_path_to_error::deserialize(merged).map_err(
            |e: serde_path_to_error::Error<serde_json::Error>| placed(json_error(e), json),
        )?;
        profile.validate().map_err(|e| placed(e, json))?;
        Ok(profile)
    }

    /// This set with `profile` added: it replaces a profile with the same id and otherwise takes
    /// precedence at the dates it covers.
    pub fn with(&self, profile: CriteriaProfile) -> Profiles {
        let id = profile.id.clone();
        let mut list = vec![profile];
        list.extend(self.list.iter().filter(|p| p.id != id).cloned());
        Profiles { list }
    }
}

/// The embedded profile in force on `date`.
///
/// ```
/// use chrono::NaiveDate;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(engo_criteria::profile_for(d(2022, 12, 31))?.id, "kz-2018-09");
/// assert_eq!(engo_criteria::profile_for(d(2025, 6, 30))?.id, "kz-2023-01");
/// assert_eq!(engo_criteria::profile_for(d(2025, 7, 1))?.id, "kz-2025-07");
/// # Ok::<(), engo_criteria::ProfileError>(())
/// ```
pub fn profile_for(date: NaiveDate) -> Result<&'static CriteriaProfile, ProfileError> {
    Profiles::embedded().for_date(date)
}
