//! The rules, applied to a dataset in one pass with indexes.
//!
//! A module per record kind holds that kind's rules: `organization` (eligibility, declared
//! areas), `order`, `project`, `grant`, `award`, `application`, `evaluation`, `mediation`,
//! `plan`, `partnership` (the state order for strategic partnership), `foreign_funding`,
//! `volunteering` and `body` (expert and civil-society bodies);
//! `index` builds the indexes they look records up in. This module holds the [`Checker`], the
//! findings shared by several kinds (`ref.dangling`, `id.duplicate`, `project.period.inverted`,
//! `mrp.year.unknown`) and the whole-dataset [`Checker::findings`].

mod application;
mod award;
mod body;
mod dates;
mod evaluation;
mod foreign_funding;
mod grant;
mod mediation;
mod order;
mod organization;
mod partnership;
mod plan;
mod project;
mod volunteering;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use engo_model::{Dataset, DatasetIndex, Money, MrpTable, id::RecordRef, record::Period};

pub use evaluation::Rating;
pub use organization::Purpose;

use crate::{Code, CriteriaProfile, Finding, Profiles, Report, pointer::Pointer};

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
    /// When set, each record is judged under the profile in force on its decisive date.
    by_date: Option<&'a Profiles>,
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
            by_date: None,
            mrp: MrpTable::embedded(),
        }
    }

    /// The same checker judging each record under the profile of `profiles` in force on the
    /// record's decisive date: a grant awarded in 2019 by the rules of 2019, one awarded in
    /// 2025 by those of 2025. The checker's own profile still judges what has no date (shape,
    /// repeated ids, coherence, personal data). A record dated before every profile is not
    /// judged: one `criteria.profile.none` finding says so.
    ///
    /// | record | decisive date |
    /// |---|---|
    /// | social order | its formation (`form` event of the log), else its announcement (`announce`), else 1 January of its financial year |
    /// | grant | its award date, else the grant decision of the log (`decide`), else the start of its period |
    /// | award | its award date, else 1 January of its year |
    /// | application | its submission, else the decisive date of what it applies to |
    /// | evaluation | its date |
    /// | project | the decisive date of the order or grant it delivers, else the start of its period |
    /// | mediation case | the day it was requested |
    /// | plan | its approval, else the start of its public discussion, else 1 January of its financial year |
    /// | state order for strategic partnership | its agreement date |
    /// | entry of the register of foreign funding | the end of its period (none without a period: the checker's own profile) |
    /// | expert or civil-society body | its latest meeting, else the day of publication |
    /// | volunteer programme or action | the start of its period |
    ///
    /// ```
    /// use engo_criteria::{Checker, Profiles, profile_for};
    ///
    /// let ds = engo_model::example::dataset();
    /// let index = engo_model::DatasetIndex::new(&ds);
    /// let checker = Checker::new(&ds, &index, profile_for(ds.published_at.date_naive())?)
    ///     .by_date(Profiles::embedded());
    /// let report = checker.check();
    /// assert!(!report.profiles.is_empty(), "{:?}", report.profiles);
    /// # Ok::<(), engo_criteria::ProfileError>(())
    /// ```
    pub fn by_date(self, profiles: &'a Profiles) -> Checker<'a> {
        Checker {
            by_date: Some(profiles),
            ..self
        }
    }

    /// The checker that judges a record whose decisive date is `date`: this one when it has a
    /// single profile or the record no date, the profile in force on `date` otherwise (`None`
    /// when none is).
    fn at(&self, date: Option<NaiveDate>) -> Option<Checker<'a>> {
        match (self.by_date, date) {
            (Some(profiles), Some(date)) => {
                profiles.for_date(date).ok().map(|p| self.with_profile(p))
            }
            _ => Some(*self),
        }
    }

    /// The findings of one record: `rules` under the profile of its decisive date, with that
    /// profile's severities; or `criteria.profile.none` when no profile is in force then.
    fn judged(
        &self,
        date: Option<NaiveDate>,
        path: Pointer<'_>,
        record: impl FnOnce() -> Option<RecordRef>,
        rules: impl FnOnce(&Checker<'a>) -> Vec<Finding>,
    ) -> Vec<Finding> {
        match self.at(date) {
            Some(checker) => checker.apply_profile(rules(&checker)),
            None => self.apply_profile(vec![Finding::new(
                Code::CriteriaProfileNone,
                path.to_string(),
                record(),
                [("date", date.map(|d| d.to_string()).unwrap_or_default())],
            )]),
        }
    }

    /// The ids of the profiles that judge the dataset: the checker's own, and with
    /// [`Checker::by_date`] every profile in force on a record's decisive date. Sorted.
    pub fn profiles_used(&self) -> BTreeSet<String> {
        let mut used = BTreeSet::from([self.profile.id.clone()]);
        let Some(profiles) = self.by_date else {
            return used;
        };
        for date in self.decisive_dates() {
            if let Ok(p) = profiles.for_date(date)
                && !used.contains(&p.id)
            {
                used.insert(p.id.clone());
            }
        }
        used
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
        self.profile.apply(findings)
    }

    /// The amount of `mrp_count` MRP in force on `date`, or the `mrp.year.unknown` finding.
    fn mrp_in_money(
        &self,
        mrp_count: u64,
        date: NaiveDate,
        path: Pointer<'_>,
    ) -> Result<Money, Finding> {
        self.mrp.to_money(mrp_count, date).map_err(|_| {
            Finding::new(
                Code::MrpYearUnknown,
                path.to_string(),
                None,
                [("date", date.to_string())],
            )
        })
    }

    /// Every finding of the dataset: shape, duplicates, references, the rules of every record
    /// (each under its profile, see [`Checker::by_date`]), dates after publication, and personal
    /// data in free text. Each finding carries its severity under the profile that judged it.
    pub fn findings(&self) -> Vec<Finding> {
        let ds = self.ds;
        let mut dateless: Vec<Finding> = ds.check_shape().iter().map(Finding::from_shape).collect();
        dateless.extend(self.index.repeats(ds).map(|r| {
            let path = format!("/{}/{}", r.collection.field(), r.position);
            duplicate(path, r.collection.kind(), r.id, None)
        }));
        let mut out = self.apply_profile(dateless);
        for (i, order) in ds.social_orders.iter().enumerate() {
            let at = Pointer::Item("social_orders", i);
            let record = || Some(RecordRef::from(&order.id));
            let date = self.order_date(order);
            out.extend(self.judged(date, at, record, |c| c.order_rules_at(order, at)));
        }
        for (i, grant) in ds.grants.iter().enumerate() {
            let at = Pointer::Item("grants", i);
            let record = || Some(RecordRef::from(&grant.id));
            let date = self.grant_date(grant);
            out.extend(self.judged(date, at, record, |c| c.grant_rules_at(grant, at)));
        }
        for (i, award) in ds.awards.iter().enumerate() {
            let at = Pointer::Item("awards", i);
            let record = || Some(RecordRef::from(&award.id));
            let date = self.award_date(award);
            out.extend(self.judged(date, at, record, |c| c.award_rules_at(award, at)));
        }
        for (i, app) in ds.applications.iter().enumerate() {
            let at = Pointer::Item("applications", i);
            let record = || Some(RecordRef::from(&app.id));
            let date = self.application_date(app);
            out.extend(self.judged(date, at, record, |c| c.application_rules_at(app, at)));
        }
        for (i, eval) in ds.evaluations.iter().enumerate() {
            let at = Pointer::Item("evaluations", i);
            let record = || Some(RecordRef::from(&eval.id));
            let date = Some(eval.date);
            out.extend(self.judged(date, at, record, |c| c.evaluation_rules_at(eval, at)));
        }
        for (i, project) in ds.projects.iter().enumerate() {
            let at = Pointer::Item("projects", i);
            let record = || Some(RecordRef::from(&project.id));
            let date = self.project_date(project);
            out.extend(self.judged(date, at, record, |c| c.project_rules_at(project, at)));
        }
        for (i, case) in ds.mediation_cases.iter().enumerate() {
            let at = Pointer::Item("mediation_cases", i);
            let record = || Some(RecordRef::from(&case.id));
            let date = Some(case.requested_on);
            out.extend(self.judged(date, at, record, |c| c.mediation_case_rules_at(case, at)));
        }
        for (i, plan) in ds.plans.iter().enumerate() {
            let at = Pointer::Item("plans", i);
            let record = || Some(RecordRef::from(&plan.id));
            let date = self.plan_date(plan);
            out.extend(self.judged(date, at, record, |c| c.plan_rules_at(plan, at)));
        }
        for (i, order) in ds.partnership_orders.iter().enumerate() {
            let at = Pointer::Item("partnership_orders", i);
            let record = || Some(RecordRef::from(&order.id));
            let date = Some(order.agreement_date);
            out.extend(self.judged(date, at, record, |c| {
                c.partnership_order_rules_at(order, at)
            }));
        }
        for (i, entry) in ds.foreign_funding_entries.iter().enumerate() {
            let at = Pointer::Item("foreign_funding_entries", i);
            let record = || Some(RecordRef::from(&entry.id));
            let date = entry.period.map(|p| p.end);
            out.extend(self.judged(date, at, record, |c| c.foreign_funding_rules_at(entry, at)));
        }
        for (i, body) in ds.bodies.iter().enumerate() {
            let at = Pointer::Item("bodies", i);
            let record = || Some(RecordRef::from(&body.id));
            let date = Some(self.body_date(body));
            out.extend(self.judged(date, at, record, |c| c.body_rules_at(body, at)));
        }
        for (i, activity) in ds.volunteer_activities.iter().enumerate() {
            let at = Pointer::Item("volunteer_activities", i);
            let record = || Some(RecordRef::from(&activity.id));
            let date = Some(activity.period.start);
            out.extend(self.judged(date, at, record, |c| {
                c.volunteer_activity_rules_at(activity, at)
            }));
        }
        let mut scans = crate::coherence::dates_in_future(ds);
        scans.extend(crate::privacy::scan(ds));
        out.extend(self.apply_profile(scans));
        out
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
        Report::judged(self.profiles_used(), self.findings()).with_profile(self.profile)
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
    inverted(period, Pointer::Field(&path, "period"), record)
}

/// `project.period.inverted`: `period`, at `at`, ends before it starts.
fn inverted(
    period: &Period,
    at: Pointer<'_>,
    record: &dyn Fn() -> Option<RecordRef>,
) -> Option<Finding> {
    (!period.is_ordered()).then(|| {
        Finding::new(
            Code::ProjectPeriodInverted,
            at.to_string(),
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
