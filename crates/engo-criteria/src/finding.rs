//! Findings: what a rule found, where, with which parameters; messages rendered on demand.

use std::collections::BTreeMap;

use engo_model::{Lang, ShapeViolation, id::RecordRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Code, catalogue::Severity};

/// One finding: a rule's code, its severity, a JSON pointer to the record and field, the record's
/// id, and the parameters its message needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Stable code of the rule (`ngo.legal_form.excluded`).
    pub code: Code,
    /// Severity after the profile's overrides.
    pub severity: Severity,
    /// JSON pointer into the dataset as given (`/organizations/3/legal_form`); empty for the
    /// dataset as a whole.
    pub path: String,
    /// The id of the record concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordRef>,
    /// Parameters of the message.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Finding {
    /// A finding of `code` with the catalogue's default severity.
    pub fn new<'a>(
        code: Code,
        path: impl Into<String>,
        record: Option<RecordRef>,
        params: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Finding {
        Finding {
            code,
            severity: code.rule().severity,
            path: path.into(),
            record,
            params: params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }

    /// A record that could not be read (`input.malformed`), at `path`, with the reader's message.
    pub fn malformed(path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding::new(
            Code::InputMalformed,
            path,
            None,
            [("message", message.into())],
        )
    }

    /// The finding of a shape violation of the model (`shape.*`).
    pub fn from_shape(v: &ShapeViolation) -> Finding {
        let params = v.params.iter().map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.as_str(), text)
        });
        Finding::new(v.code.into(), v.path.clone(), None, params)
    }

    /// Whether the severity is `error`.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in `lang`, with every `{param}` filled.
    ///
    /// ```
    /// use engo_criteria::{Code, Finding};
    /// use engo_model::Lang;
    ///
    /// let f = Finding::new(Code::NgoStatusNotActive, "/organizations/0/status", None,
    ///     [("bin", "940140000385".to_owned()), ("status", "suspended".to_owned())]);
    /// assert_eq!(f.message(Lang::Kk), "940140000385 ұйымы белсенді емес: мәртебесі «қызметі тоқтатылған».");
    /// assert_eq!(f.message(Lang::Ru), "Организация 940140000385 не действует: статус «приостановлена».");
    /// assert_eq!(f.message(Lang::En), "Organisation 940140000385 is not active: its status is suspended.");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let rule = self.code.rule();
        let template = match lang {
            Lang::Kk => rule.kk,
            Lang::Ru => rule.ru,
            Lang::En => rule.en,
        };
        let params = self
            .params
            .iter()
            .map(|(k, v)| {
                let v = if crate::names::NAMED_PARAMS.contains(&k.as_str()) {
                    crate::names::localize(v, lang)
                } else {
                    v.clone()
                };
                (k.clone(), v)
            })
            .collect();
        fill(template, &params)
    }

    /// The part of the path after the record (`/legal_form` of `/organizations/3/legal_form`), and
    /// the collection: used to order findings independently of record positions.
    pub(crate) fn sort_key(&self) -> (&str, &str) {
        let rest = self.path.strip_prefix('/').unwrap_or(&self.path);
        let mut parts = rest.splitn(3, '/');
        let collection = parts.next().unwrap_or_default();
        let _index = parts.next();
        let field = parts.next().unwrap_or_default();
        (collection, field)
    }
}

/// Replaces each `{name}` in `template` by its parameter; an unknown name stays as written.
pub(crate) fn fill(template: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        match after.find('}') {
            Some(close) => {
                let name = after.get(1..close).unwrap_or_default();
                match params.get(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(after.get(..=close).unwrap_or_default()),
                }
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

// Applying a profile to findings lives here, not in `profile.rs`, which the build script compiles
// alone to check the embedded profiles.
impl crate::CriteriaProfile {
    /// `findings` with this profile's severities: its overrides applied, its disabled rules
    /// dropped.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                f.severity = self.severity_of(f.code.as_str())?;
                Some(f)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_and_placeholders() {
        let mut p = BTreeMap::new();
        p.insert("a".to_owned(), "1".to_owned());
        assert_eq!(fill("x {a} y {b} {", &p), "x 1 y {b} {");
    }
}
