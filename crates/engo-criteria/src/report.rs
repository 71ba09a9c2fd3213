//! Reports: findings grouped by code, in a deterministic order, with totals by severity.

use std::{collections::BTreeMap, fmt::Write as _};

use engo_model::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Code, CriteriaProfile, Finding, Severity};

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Totals {
    /// Findings of severity `error`.
    pub error: usize,
    /// Findings of severity `warning`.
    pub warning: usize,
    /// Findings of severity `info`.
    pub info: usize,
}

/// The findings of one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Group {
    /// The rule's code.
    pub code: Code,
    /// Its severity under the profile.
    pub severity: Severity,
    /// The rule's legal basis.
    pub basis: String,
    /// How many findings.
    pub count: usize,
    /// Every finding, none left out.
    pub findings: Vec<Finding>,
}

/// The result of checking a dataset: every finding, grouped by code, under a named profile.
///
/// Groups are ordered by severity (errors first) then code; findings inside a group by
/// collection, record id, field and parameters — never by the position of a record in the file,
/// so the same records in another order give the same report (the JSON pointers still say where
/// each record is in the file checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "engo findings report")]
pub struct Report {
    /// Id of the criteria profile used.
    pub profile: String,
    /// Totals by severity.
    pub totals: Totals,
    /// Findings grouped by code.
    pub groups: Vec<Group>,
}

impl Report {
    /// A report of `findings` under `profile`: its severity overrides apply and its disabled
    /// rules are dropped.
    pub fn new(profile: &CriteriaProfile, findings: impl IntoIterator<Item = Finding>) -> Report {
        let mut by_code: BTreeMap<Code, Vec<Finding>> = BTreeMap::new();
        for mut f in findings {
            let Some(severity) = profile.severity_of(f.code.as_str()) else {
                continue;
            };
            f.severity = severity;
            by_code.entry(f.code).or_default().push(f);
        }
        let mut totals = Totals::default();
        let mut groups: Vec<Group> = by_code
            .into_iter()
            .map(|(code, mut findings)| {
                findings.sort_by(|a, b| {
                    let (ca, fa) = a.sort_key();
                    let (cb, fb) = b.sort_key();
                    (ca, &a.record, fa, &a.params, &a.path)
                        .cmp(&(cb, &b.record, fb, &b.params, &b.path))
                });
                let severity = findings.first().map_or(Severity::Error, |f| f.severity);
                match severity {
                    Severity::Error => totals.error += findings.len(),
                    Severity::Warning => totals.warning += findings.len(),
                    Severity::Info => totals.info += findings.len(),
                }
                Group {
                    basis: code.rule().basis.to_owned(),
                    code,
                    severity,
                    count: findings.len(),
                    findings,
                }
            })
            .collect();
        groups.sort_by_key(|g| (g.severity, g.code));
        Report {
            profile: profile.id.clone(),
            totals,
            groups,
        }
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.totals.error > 0
    }

    /// Every finding, group by group.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.groups.iter().flat_map(|g| g.findings.iter())
    }

    /// The group of `code`.
    pub fn group(&self, code: Code) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// A human-readable report in `lang`, showing at most `per_code` findings of each code and
    /// saying how many were left out.
    ///
    /// ```
    /// use engo_criteria::{Code, Finding, Report, profile_for};
    /// use engo_model::Lang;
    ///
    /// let profile = profile_for(chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())?;
    /// let findings = (0..3).map(|i| Finding::new(Code::OrderBudgetNotPositive,
    ///     format!("/social_orders/{i}/budget"), None, []));
    /// let text = Report::new(profile, findings).to_text(Lang::Ru, 2);
    /// assert!(text.contains("Бюджет социального заказа равен нулю."));
    /// assert!(text.contains("… и ещё 1"));
    /// # Ok::<(), engo_criteria::ProfileError>(())
    /// ```
    pub fn to_text(&self, lang: Lang, per_code: usize) -> String {
        let mut out = String::new();
        let (errors, warnings, infos) = match lang {
            Lang::Kk => ("қате", "ескерту", "ақпарат"),
            Lang::Ru => ("ошибок", "предупреждений", "сведений"),
            Lang::En => ("errors", "warnings", "info"),
        };
        let _ = writeln!(
            out,
            "{}: {} {errors}, {} {warnings}, {} {infos}",
            self.profile, self.totals.error, self.totals.warning, self.totals.info
        );
        for g in &self.groups {
            let _ = writeln!(out, "\n[{}] {} × {}", g.severity.as_str(), g.code, g.count);
            for f in g.findings.iter().take(per_code) {
                let at = if f.path.is_empty() {
                    "/"
                } else {
                    f.path.as_str()
                };
                let _ = writeln!(out, "  {at}: {}", f.message(lang));
            }
            let left = g.count.saturating_sub(per_code);
            if left > 0 {
                let more = match lang {
                    Lang::Kk => format!("  … тағы {left}"),
                    Lang::Ru => format!("  … и ещё {left}"),
                    Lang::En => format!("  … and {left} more"),
                };
                let _ = writeln!(out, "{more}");
            }
        }
        out
    }
}
