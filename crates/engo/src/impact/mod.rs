//! What a change of the criteria would do: the findings that appear and disappear if a dataset
//! were judged by other criteria, the organisations that would become ineligible or eligible,
//! the applications and projects whose verdict would change, and the money involved — by
//! region, priority area, legal form, year and size of organisation.
//!
//! For the working groups that rewrite the criteria of the state social order: a proposal is a
//! profile file that `extends` the law in force and changes parameters, severities or disabled
//! rules (`engo profile check FILE`), and [`impact`] answers "if the rules were these instead,
//! who would be affected, where, and for how much money?".
//!
//! ```
//! use engo::criteria::Profiles;
//!
//! let mut ds = engo::model::example::dataset();
//! ds.events = engo::sample::synthesize(&ds);
//! let profiles = Profiles::embedded();
//! let law = profiles.by_id("kz-2025-07")?;
//! // A proposal: no more than 5 % of a grant for the organisation's own support.
//! let proposal = profiles.parse_user(
//!     r#"{"extends": "kz-2025-07", "id": "wg-2026-own-support",
//!         "params": {"own_support_max_percent": 5}}"#,
//! )?;
//! let report = engo::impact::impact(&ds, law, &proposal, profiles);
//! assert!(report.removed.is_empty());
//! assert_eq!(report.added[0].code.as_str(), "grant.own_support.exceeds_share");
//! // The same profile twice changes nothing.
//! assert!(engo::impact::impact(&ds, law, law, profiles).added.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod html;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use engo_criteria::{Checker, Code, CriteriaProfile, Finding, Profiles, Purpose, Severity};
use engo_model::{
    Dataset, DatasetIndex, LocalizedText, Money,
    classifier::{legal_forms, priority_areas, regions},
    id::RecordRef,
    record::{ApplicationTarget, Organization, ProjectSource},
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use html::to_html;
pub use text::to_text;

/// Version of the [`ImpactReport`] format.
pub const IMPACT_FORMAT_VERSION: &str = "1";

/// One finding that appears or disappears.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct ChangedFinding {
    /// The rule's code.
    pub code: Code,
    /// The record concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordRef>,
    /// JSON pointer into the dataset.
    pub path: String,
    /// Severity under the profile that has the finding.
    pub severity: Severity,
}

impl ChangedFinding {
    fn of(f: &Finding) -> ChangedFinding {
        ChangedFinding {
            code: f.code,
            record: f.record.clone(),
            path: f.path.clone(),
            severity: f.severity,
        }
    }
}

/// How many organisations change eligibility for one purpose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EligibilityChange {
    /// Eligible before, not after.
    pub became_ineligible: usize,
    /// Not eligible before, eligible after.
    pub became_eligible: usize,
}

/// Organisations whose eligibility changes, by purpose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Eligibility {
    /// For state social orders.
    pub social_order: EligibilityChange,
    /// For grants.
    pub grant: EligibilityChange,
    /// For awards.
    pub award: EligibilityChange,
}

/// Records of one kind whose verdict (any error finding) changes, and their money.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VerdictChange {
    /// Clean before, with an error after.
    pub now_failing: usize,
    /// With an error before, clean after.
    pub now_passing: usize,
    /// The money of the records now failing (exact, ₸).
    pub money_now_failing: Money,
    /// The money of the records now passing (exact, ₸).
    pub money_now_passing: Money,
}

/// One row of a breakdown: what changes for one region, area, legal form, year or size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    /// The key: a KATO region code, a priority-area code, a legal-form code, a year, a size
    /// band.
    pub key: String,
    /// Its name in kk/ru/en, where a classifier has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// Organisations that become ineligible for any purpose.
    pub organizations_ineligible: usize,
    /// Organisations that become eligible for some purpose they were not.
    pub organizations_eligible: usize,
    /// Applications and projects whose verdict changes.
    pub records_changed: usize,
    /// Their money (exact, ₸): applications' requested amounts, projects' budgets.
    pub money: Money,
}

/// Breakdowns of the changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Breakdowns {
    /// By region (KATO, region level).
    pub region: Vec<Row>,
    /// By priority area of the order, grant or award (organisations: not counted here).
    pub priority_area: Vec<Row>,
    /// By legal form of the organisation.
    pub legal_form: Vec<Row>,
    /// By year of the record's decisive date (organisations: not counted here).
    pub year: Vec<Row>,
    /// By size of the organisation: its staff in its latest NGO-database report.
    pub size: Vec<Row>,
}

/// The impact of judging a dataset by the profile `to` instead of `from`: see the [module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "engo impact report")]
pub struct ImpactReport {
    /// Version of this format (`1`).
    pub format_version: String,
    /// The profile the dataset is judged by today.
    pub from: String,
    /// The profile proposed.
    pub to: String,
    /// The day eligibility is judged on: the dataset's publication.
    pub date: chrono::NaiveDate,
    /// Findings under `to` that `from` does not have.
    pub added: Vec<ChangedFinding>,
    /// Findings under `from` that `to` does not have.
    pub removed: Vec<ChangedFinding>,
    /// Error findings before and after.
    pub errors: BeforeAfter,
    /// Organisations whose eligibility changes, by purpose.
    pub eligibility: Eligibility,
    /// Applications whose verdict changes.
    pub applications: VerdictChange,
    /// Projects whose verdict changes.
    pub projects: VerdictChange,
    /// The same changes by region, priority area, legal form, year and size.
    pub breakdowns: Breakdowns,
}

/// A count before and after.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BeforeAfter {
    /// Under `from`.
    pub before: usize,
    /// Under `to`.
    pub after: usize,
}

/// Every finding of `ds` under `profile`, as `engo validate --profile` gives them: the criteria
/// (one profile for every record) and the replay findings with `profile`'s severities.
fn judged(
    ds: &Dataset,
    index: &DatasetIndex,
    profile: &CriteriaProfile,
    replay: &[Finding],
) -> Vec<Finding> {
    let mut all = Checker::new(ds, index, profile).findings();
    all.extend(profile.apply(replay.to_vec()));
    all
}

/// A finding as a comparable key (the whole finding but its parameters' order).
fn key(
    f: &Finding,
) -> (
    Code,
    Severity,
    &str,
    Option<&str>,
    &BTreeMap<String, String>,
) {
    (
        f.code,
        f.severity,
        f.path.as_str(),
        f.record.as_ref().map(RecordRef::as_str),
        &f.params,
    )
}

/// The findings of `a` that `b` lacks, counting repeats (a multiset difference).
fn missing_from<'f>(a: &'f [Finding], b: &[Finding]) -> Vec<&'f Finding> {
    let mut counts: BTreeMap<_, usize> = BTreeMap::new();
    for f in b {
        *counts.entry(key(f)).or_default() += 1;
    }
    a.iter()
        .filter(|f| match counts.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

/// The record pointers (`/applications/3`) of `collection` with an error finding.
fn failing(findings: &[Finding], collection: &str) -> BTreeSet<usize> {
    let prefix = format!("/{collection}/");
    findings
        .iter()
        .filter(|f| f.is_error())
        .filter_map(|f| {
            let rest = f.path.strip_prefix(&prefix)?;
            rest.split('/').next()?.parse().ok()
        })
        .collect()
}

/// The size band of an organisation: its staff in its latest NGO-database report.
fn size_band(org: &Organization) -> &'static str {
    let staff = org
        .database_reports
        .iter()
        .max_by_key(|r| r.year)
        .map(|r| r.staff);
    match staff {
        None => "unknown",
        Some(0) => "0",
        Some(1..=5) => "1-5",
        Some(6..=20) => "6-20",
        Some(21..=100) => "21-100",
        Some(_) => "101+",
    }
}

/// The rows being built, by dimension and key.
#[derive(Default)]
struct Tally {
    rows: [BTreeMap<String, Row>; 5],
}

/// Which breakdown.
#[derive(Clone, Copy)]
enum Dim {
    Region = 0,
    Area = 1,
    LegalForm = 2,
    Year = 3,
    Size = 4,
}

impl Tally {
    fn row(&mut self, dim: Dim, key: &str) -> Option<&mut Row> {
        let rows = self.rows.get_mut(dim as usize)?;
        Some(rows.entry(key.to_owned()).or_insert_with(|| Row {
            key: key.to_owned(),
            ..Row::default()
        }))
    }

    /// An organisation whose eligibility changes.
    fn organization(&mut self, org: &Organization, ineligible: bool) {
        let keys = [
            (Dim::Region, org.region.region_code().to_owned()),
            (Dim::LegalForm, org.legal_form.to_string()),
            (Dim::Size, size_band(org).to_owned()),
        ];
        for (dim, key) in keys {
            if let Some(row) = self.row(dim, &key) {
                if ineligible {
                    row.organizations_ineligible += 1;
                } else {
                    row.organizations_eligible += 1;
                }
            }
        }
    }

    /// An application or project whose verdict changes, with its keys and money.
    fn record(&mut self, keys: &[(Dim, String)], money: Money) {
        for (dim, key) in keys {
            if let Some(row) = self.row(*dim, key) {
                row.records_changed += 1;
                row.money = row.money.checked_add(money).unwrap_or(Money::MAX);
            }
        }
    }

    fn finish(self) -> Breakdowns {
        let [region, area, legal_form, year, size] = self
            .rows
            .map(|rows| rows.into_values().collect::<Vec<Row>>());
        let named = |mut rows: Vec<Row>, name: &dyn Fn(&str) -> Option<LocalizedText>| {
            for row in &mut rows {
                row.name = name(&row.key);
            }
            rows
        };
        Breakdowns {
            region: named(region, &|k| Some(regions().latest(k)?.name.clone())),
            priority_area: named(area, &|k| Some(priority_areas().latest(k)?.name.clone())),
            legal_form: named(legal_form, &|k| Some(legal_forms().latest(k)?.name.clone())),
            year,
            size,
        }
    }
}

/// The impact of judging `ds` by `to` instead of `from` (each profile for every record, as
/// `engo validate --profile` does; the log's events under the profiles they name, from
/// `profiles`). The dataset is indexed once and replayed once; each profile makes one pass.
pub fn impact(
    ds: &Dataset,
    from: &CriteriaProfile,
    to: &CriteriaProfile,
    profiles: &Profiles,
) -> ImpactReport {
    let index = DatasetIndex::new(ds);
    let replay = engo_stages::replay(ds, &index, profiles).findings;
    let before = judged(ds, &index, from, &replay);
    let after = judged(ds, &index, to, &replay);
    let mut added: Vec<ChangedFinding> = missing_from(&after, &before)
        .into_iter()
        .map(ChangedFinding::of)
        .collect();
    let mut removed: Vec<ChangedFinding> = missing_from(&before, &after)
        .into_iter()
        .map(ChangedFinding::of)
        .collect();
    added.sort();
    removed.sort();

    let mut tally = Tally::default();
    let date = ds.published_at.date_naive();
    let (old, new) = (Checker::new(ds, &index, from), Checker::new(ds, &index, to));
    let mut eligibility = Eligibility::default();
    for org in &ds.organizations {
        let (mut lost, mut gained) = (false, false);
        for (purpose, change) in [
            (Purpose::SocialOrder, &mut eligibility.social_order),
            (Purpose::Grant, &mut eligibility.grant),
            (Purpose::Award, &mut eligibility.award),
        ] {
            let eligible = |c: &Checker<'_>| {
                !c.eligibility(&org.bin, purpose, date, "")
                    .iter()
                    .any(Finding::is_error)
            };
            match (eligible(&old), eligible(&new)) {
                (true, false) => {
                    change.became_ineligible += 1;
                    lost = true;
                }
                (false, true) => {
                    change.became_eligible += 1;
                    gained = true;
                }
                _ => {}
            }
        }
        if lost {
            tally.organization(org, true);
        } else if gained {
            tally.organization(org, false);
        }
    }

    let org_keys = |bin: &str| -> Vec<(Dim, String)> {
        index.organization(ds, bin).map_or_else(Vec::new, |(_, o)| {
            vec![
                (Dim::Region, o.region.region_code().to_owned()),
                (Dim::LegalForm, o.legal_form.to_string()),
                (Dim::Size, size_band(o).to_owned()),
            ]
        })
    };
    let mut applications = VerdictChange::default();
    let (was, is) = (
        failing(&before, "applications"),
        failing(&after, "applications"),
    );
    for (i, app) in ds.applications.iter().enumerate() {
        let (now_failing, now_passing) = (
            !was.contains(&i) && is.contains(&i),
            was.contains(&i) && !is.contains(&i),
        );
        if !now_failing && !now_passing {
            continue;
        }
        count(&mut applications, now_failing, app.requested);
        let mut keys = org_keys(app.applicant.as_str());
        let (area, year) = match &app.target {
            ApplicationTarget::SocialOrder(id) => index
                .social_order(ds, id.as_str())
                .map(|(_, o)| (Some(o.area.to_string()), o.financial_year)),
            ApplicationTarget::Grant(id) => index
                .grant(ds, id.as_str())
                .map(|(_, g)| (Some(g.area.to_string()), g.period.start.year())),
            ApplicationTarget::Award(id) => {
                index.award(ds, id.as_str()).map(|(_, a)| (None, a.year))
            }
            _ => None,
        }
        .unwrap_or((None, app.period.start.year()));
        let year = app.submitted_at.map_or(year, |at| at.year());
        keys.extend(area.map(|a| (Dim::Area, a)));
        keys.push((Dim::Year, year.to_string()));
        tally.record(&keys, app.requested);
    }
    let mut projects = VerdictChange::default();
    let (was, is) = (failing(&before, "projects"), failing(&after, "projects"));
    for (i, project) in ds.projects.iter().enumerate() {
        let (now_failing, now_passing) = (
            !was.contains(&i) && is.contains(&i),
            was.contains(&i) && !is.contains(&i),
        );
        if !now_failing && !now_passing {
            continue;
        }
        count(&mut projects, now_failing, project.budget);
        let mut keys = org_keys(project.implementer.as_str());
        let area = match &project.source {
            ProjectSource::SocialOrder(id) => index
                .social_order(ds, id.as_str())
                .map(|(_, o)| o.area.to_string()),
            ProjectSource::Grant(id) => index
                .grant(ds, id.as_str())
                .map(|(_, g)| g.area.to_string()),
            _ => None,
        };
        keys.extend(area.map(|a| (Dim::Area, a)));
        keys.push((Dim::Year, project.period.start.year().to_string()));
        tally.record(&keys, project.budget);
    }

    ImpactReport {
        format_version: IMPACT_FORMAT_VERSION.to_owned(),
        from: from.id.clone(),
        to: to.id.clone(),
        date,
        added,
        removed,
        errors: BeforeAfter {
            before: before.iter().filter(|f| f.is_error()).count(),
            after: after.iter().filter(|f| f.is_error()).count(),
        },
        eligibility,
        applications,
        projects,
        breakdowns: tally.finish(),
    }
}

/// Counts one record whose verdict changes.
fn count(change: &mut VerdictChange, now_failing: bool, money: Money) {
    if now_failing {
        change.now_failing += 1;
        change.money_now_failing = change
            .money_now_failing
            .checked_add(money)
            .unwrap_or(Money::MAX);
    } else {
        change.now_passing += 1;
        change.money_now_passing = change
            .money_now_passing
            .checked_add(money)
            .unwrap_or(Money::MAX);
    }
}
