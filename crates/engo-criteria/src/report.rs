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
    /// Id of the criteria profile that judged the dataset as a whole (the one in force on the
    /// publication date, or the one forced).
    pub profile: String,
    /// Every profile that judged a record, sorted: with rules by each record's own date, the
    /// profiles of several periods.
    pub profiles: Vec<String>,
    /// Totals by severity.
    pub totals: Totals,
    /// Findings grouped by code.
    pub groups: Vec<Group>,
}

impl Report {
    /// A report of `findings` under `profile`: its severity overrides apply and its disabled
    /// rules are dropped.
    pub fn new(profile: &CriteriaProfile, findings: impl IntoIterator<Item = Finding>) -> Report {
        let findings = findings.into_iter().filter_map(|mut f| {
            f.severity = profile.severity_of(f.code.as_str())?;
            Some(f)
        });
        Report::judged([profile.id.clone()], findings)
    }

    /// A report of `findings` already judged: each keeps the severity it carries (given by the
    /// profile that judged its record). `profiles` lists the ids of the profiles used; the
    /// report's `profile` is the first of them in order until [`Report::with_profile`] names
    /// the one that judged the dataset as a whole.
    pub fn judged(
        profiles: impl IntoIterator<Item = String>,
        findings: impl IntoIterator<Item = Finding>,
    ) -> Report {
        let mut by_code: BTreeMap<Code, Vec<Finding>> = BTreeMap::new();
        for f in findings {
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
                for f in &findings {
                    match f.severity {
                        Severity::Error => totals.error += 1,
                        Severity::Warning => totals.warning += 1,
                        Severity::Info => totals.info += 1,
                    }
                }
                // Profiles of several periods may rate one code differently: the group shows
                // the most serious.
                let severity = findings
                    .iter()
                    .map(|f| f.severity)
                    .min()
                    .unwrap_or(Severity::Error);
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
        let profiles: std::collections::BTreeSet<String> = profiles.into_iter().collect();
        Report {
            profile: profiles.first().cloned().unwrap_or_default(),
            profiles: profiles.into_iter().collect(),
            totals,
            groups,
        }
    }

    /// The same report naming `profile` as the one that judged the dataset as a whole (it is
    /// added to [`Report::profiles`] if missing).
    pub fn with_profile(mut self, profile: &CriteriaProfile) -> Report {
        if !self.profiles.contains(&profile.id) {
            self.profiles.push(profile.id.clone());
            self.profiles.sort();
        }
        self.profile = profile.id.clone();
        self
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
