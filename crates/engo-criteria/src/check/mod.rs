//! The rules, applied to a dataset in one pass with indexes.
//!
//! A module per record kind holds that kind's rules: `organization` (eligibility, declared
//! areas), `order`, `project`, `grant`, `award`, `application`, `evaluation` and `mediation`;
//! `index` builds the indexes they look records up in. This module holds the [`Checker`], the
//! findings shared by several kinds (`ref.dangling`, `id.duplicate`, `project.period.inverted`,
//! `mrp.year.unknown`) and the whole-dataset [`Checker::findings`].

mod application;
mod award;
mod evaluation;
mod grant;
mod mediation;
mod order;
mod organization;
mod project;

use engo_model::{Dataset, DatasetIndex, Money, MrpTable, id::RecordRef, record::Period};

pub use evaluation::Rating;
pub use organization::Purpose;

use crate::{Code, CriteriaProfile, Finding, Report, pointer::Pointer};

/// The text of a sum of money too large to add up, in a message.
const BEYOND_MONEY: &str = "> 999 999 999 999 999.99 ₸";

/// Applies the criteria of one profile to one dataset.
///
/// Every rule looks records up in the dataset's [`DatasetIndex`] (built once by whoever holds
/// the dataset, and shared with replay and the exports), so checking a whole dataset is a single
/// linear pass (no quadratic scans). A checker is cheap to make: one per profile. The stage
/// guards of `engo-stages` call the per-record methods.
#[derive(Debug, Clone, Copy)]
pub struct Checker<'a> {
    ds: &'a Dataset,
    index: &'a DatasetIndex,
    profile: &'a CriteriaProfile,
    mrp: &'a MrpTable,
}

impl<'a> Checker<'a> {
    /// A checker of `ds` (indexed by `index`) under `profile`, with the embedded MRP table.
    pub fn new(
        ds: &'a Dataset,
        index: &'a DatasetIndex,
        profile: &'a CriteriaProfile,
    ) -> Checker<'a> {
        Checker {
            ds,
            index,
            profile,
            mrp: MrpTable::embedded(),
        }
    }

    /// The same checker under another profile (the dataset's index is shared).
    ///
    /// ```
    /// use engo_criteria::{Checker, Profiles};
    ///
    /// let ds = engo_model::example::dataset();
    /// let index = engo_model::DatasetIndex::new(&ds);
    /// let profiles = Profiles::embedded();
    /// let new = Checker::new(&ds, &index, profiles.by_id("kz-2025-07")?);
    /// let old = new.with_profile(profiles.by_id("kz-2018-09")?);
    /// assert_eq!(old.profile().id, "kz-2018-09");
    /// # Ok::<(), engo_criteria::ProfileError>(())
    /// ```
    pub fn with_profile(&self, profile: &'a CriteriaProfile) -> Checker<'a> {
        Checker { profile, ..*self }
    }

    /// The same checker with another MRP table.
    pub fn with_mrp(self, mrp: &'a MrpTable) -> Checker<'a> {
        Checker { mrp, ..self }
    }

    /// The profile applied.
    pub fn profile(&self) -> &'a CriteriaProfile {
        self.profile
    }

    /// The dataset checked.
    pub fn dataset(&self) -> &'a Dataset {
        self.ds
    }

    /// The dataset's index.
    pub fn index(&self) -> &'a DatasetIndex {
        self.index
    }

    /// Applies the profile: severity overrides, disabled rules dropped.
    fn apply_profile(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                f.severity = self.profile.severity_of(f.code.as_str())?;
                Some(f)
            })
            .collect()
    }

    /// The amount of `mrp_count` MRP of `year`, or the `mrp.year.unknown` finding.
    fn mrp_in_money(&self, mrp_count: u64, year: i32, path: Pointer<'_>) -> Result<Money, Finding> {
        self.mrp.to_money(mrp_count, year).map_err(|_| {
            Finding::new(
                Code::MrpYearUnknown,
                path.to_string(),
                None,
                [("year", year.to_string())],
            )
        })
    }

    /// Every finding of the dataset: shape, duplicates, references, the rules of every record,
    /// dates after publication, and personal data in free text.
    pub fn findings(&self) -> Vec<Finding> {
        let ds = self.ds;
        let mut out: Vec<Finding> = ds.check_shape().iter().map(Finding::from_shape).collect();
        out.extend(self.index.repeats(ds).map(|r| {
            let path = format!("/{}/{}", r.collection.field(), r.position);
            duplicate(path, r.collection.kind(), r.id, None)
        }));
        for (i, order) in ds.social_orders.iter().enumerate() {
            out.extend(self.order_rules_at(order, Pointer::Item("social_orders", i)));
        }
        for (i, grant) in ds.grants.iter().enumerate() {
            out.extend(self.grant_rules_at(grant, Pointer::Item("grants", i)));
        }
        for (i, award) in ds.awards.iter().enumerate() {
            out.extend(self.award_rules_at(award, Pointer::Item("awards", i)));
        }
        for (i, app) in ds.applications.iter().enumerate() {
            out.extend(self.application_rules_at(app, Pointer::Item("applications", i)));
        }
        for (i, eval) in ds.evaluations.iter().enumerate() {
            out.extend(self.evaluation_rules_at(eval, Pointer::Item("evaluations", i)));
        }
        for (i, project) in ds.projects.iter().enumerate() {
            out.extend(self.project_rules_at(project, Pointer::Item("projects", i)));
        }
        for (i, case) in ds.mediation_cases.iter().enumerate() {
            out.extend(self.mediation_case_rules_at(case, Pointer::Item("mediation_cases", i)));
        }
        out.extend(crate::coherence::dates_in_future(ds));
        out.extend(crate::privacy::scan(ds));
        self.apply_profile(out)
    }

    /// The report of every finding of the dataset under the profile.
    ///
    /// ```
    /// use engo_criteria::{Checker, profile_for};
    /// use engo_model::example;
    ///
    /// let ds = example::dataset();
    /// let index = engo_model::DatasetIndex::new(&ds);
    /// let profile = profile_for(ds.published_at.date_naive())?;
    /// let report = Checker::new(&ds, &index, profile).check();
    /// assert!(!report.has_errors(), "{}", report.to_text(engo_model::Lang::En, 5));
    /// # Ok::<(), engo_criteria::ProfileError>(())
    /// ```
    pub fn check(&self) -> Report {
        Report::new(self.profile, self.findings())
    }
}

/// `ref.dangling`: a reference at `path` to the `kind` record `id`, which the dataset lacks.
fn dangling(path: String, kind: &str, id: impl ToString) -> Finding {
    Finding::new(
        Code::RefDangling,
        path,
        None,
        [("kind", kind.to_owned()), ("id", id.to_string())],
    )
}

/// `project.period.inverted`: `period`, at `{path}/period`, ends before it starts.
fn inverted_period(
    period: &Period,
    path: Pointer<'_>,
    record: &dyn Fn() -> Option<RecordRef>,
) -> Option<Finding> {
    (!period.is_ordered()).then(|| {
        Finding::new(
            Code::ProjectPeriodInverted,
            format!("{path}/period"),
            record(),
            [
                ("start", period.start.to_string()),
                ("end", period.end.to_string()),
            ],
        )
    })
}

/// `id.duplicate`: the `kind` id `id`, at `path`, repeats an earlier one of its collection.
fn duplicate(path: String, kind: &str, id: &str, record: Option<RecordRef>) -> Finding {
    Finding::new(
        Code::IdDuplicate,
        path,
        record,
        [("kind", kind.to_owned()), ("id", id.to_owned())],
    )
}
