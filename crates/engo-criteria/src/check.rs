//! The rules, applied to a dataset in one pass with indexes.

use std::{collections::BTreeSet, sync::Arc};

use chrono::{Datelike, NaiveDate};
use engo_model::{
    Bin, Dataset, Money, MrpTable,
    classifier::{AreaCode, legal_forms, priority_areas},
    id::RecordRef,
    index::ById,
    lifecycle::{ApplicationStage, MilestoneStage},
    record::*,
};

use crate::{Code, CriteriaProfile, Finding, Report};

/// What an organisation takes part in: the eligibility rules are asked for one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Purpose {
    /// A state social order.
    SocialOrder,
    /// A grant.
    Grant,
    /// An award.
    Award,
}

/// The computed rating of an evaluation against the profile's pass mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    /// Total as a share of the highest possible total, in whole per cent (rounded down).
    pub percent: u32,
    /// Whether `percent` reaches the pass mark.
    pub passed: bool,
}

/// Monday-to-Friday days after `from` up to and including `to` (negative when `to` is earlier).
/// Public holidays are not known to engo and count as working days.
///
/// ```
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(engo_criteria::working_days_between(d(2025, 3, 7), d(2025, 3, 21)), 10); // Fri → Fri
/// assert_eq!(engo_criteria::working_days_between(d(2025, 3, 21), d(2025, 3, 7)), -10);
/// ```
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return -working_days_between(to, from);
    }
    // Count weekdays in (from, to]: whole weeks, then the remaining days one by one.
    let days = (to - from).num_days();
    let mut count = days / 7 * 5;
    let mut d = from + chrono::Days::new(u64::try_from(days / 7 * 7).unwrap_or(0));
    while d < to {
        d = d.succ_opt().unwrap_or(to);
        if d.weekday().number_from_monday() <= 5 {
            count += 1;
        }
    }
    count
}

/// A JSON pointer, written out only when a finding needs it: checking a record that has no
/// finding builds no string.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ptr<'a> {
    /// A pointer given as text.
    Text(&'a str),
    /// `/{collection}/{index}`.
    Item(&'static str, usize),
    /// `{parent}/{field}`.
    Field(&'a Ptr<'a>, &'static str),
    /// `{parent}/{index}`.
    Index(&'a Ptr<'a>, usize),
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ptr::Text(s) => f.write_str(s),
            Ptr::Item(collection, i) => write!(f, "/{collection}/{i}"),
            Ptr::Field(parent, field) => write!(f, "{parent}/{field}"),
            Ptr::Index(parent, i) => write!(f, "{parent}/{i}"),
        }
    }
}

/// Indexes of the dataset, built once.
#[derive(Debug)]
struct Index<'a> {
    orgs: ById<'a, Organization>,
    bodies: ById<'a, StateBody>,
    orders: ById<'a, SocialOrder>,
    grants: ById<'a, Grant>,
    awards: ById<'a, Award>,
    applications: ById<'a, Application>,
    evaluations: ById<'a, Evaluation>,
    experts: ById<'a, Expert>,
    projects: ById<'a, Project>,
    /// (order id, applicant) of winning applications.
    winners: BTreeSet<(&'a str, Bin)>,
    /// `id.duplicate` findings met while indexing.
    duplicates: Vec<Finding>,
}

/// Indexes the records of one collection by id, reporting each repeated id (`id.duplicate`).
fn by_id<'a, T>(
    collection: &str,
    kind: &str,
    items: &'a [T],
    key: impl Fn(&'a T) -> &'a str,
    duplicates: &mut Vec<Finding>,
) -> ById<'a, T> {
    ById::new(
        items,
        |item| Some(key(item)),
        |i, id| {
            duplicates.push(Finding::new(
                Code::IdDuplicate,
                format!("/{collection}/{i}"),
                None,
                [("kind", kind.to_owned()), ("id", id.to_owned())],
            ));
        },
    )
}

impl<'a> Index<'a> {
    fn new(ds: &'a Dataset) -> Index<'a> {
        let mut d = Vec::new();
        let orgs = by_id(
            "organizations",
            "organization",
            &ds.organizations,
            |o| o.bin.as_str(),
            &mut d,
        );
        let bodies = by_id(
            "state_bodies",
            "state_body",
            &ds.state_bodies,
            |b| b.bin.as_str(),
            &mut d,
        );
        let orders = by_id(
            "social_orders",
            "social_order",
            &ds.social_orders,
            |o| o.id.as_str(),
            &mut d,
        );
        let grants = by_id("grants", "grant", &ds.grants, |g| g.id.as_str(), &mut d);
        let awards = by_id("awards", "award", &ds.awards, |a| a.id.as_str(), &mut d);
        let applications = by_id(
            "applications",
            "application",
            &ds.applications,
            |a| a.id.as_str(),
            &mut d,
        );
        let evaluations = by_id(
            "evaluations",
            "evaluation",
            &ds.evaluations,
            |e| e.id.as_str(),
            &mut d,
        );
        let experts = by_id("experts", "expert", &ds.experts, |e| e.id.as_str(), &mut d);
        let projects = by_id(
            "projects",
            "project",
            &ds.projects,
            |p| p.id.as_str(),
            &mut d,
        );
        let _ = by_id(
            "mediation_cases",
            "mediation_case",
            &ds.mediation_cases,
            |m| m.id.as_str(),
            &mut d,
        );
        let winners = ds
            .applications
            .iter()
            .filter(|a| a.stage == ApplicationStage::Winner)
            .filter_map(|a| match &a.target {
                ApplicationTarget::SocialOrder(id) => Some((id.as_str(), a.applicant)),
                _ => None,
            })
            .collect();
        Index {
            orgs,
            bodies,
            orders,
            grants,
            awards,
            applications,
            evaluations,
            experts,
            projects,
            winners,
            duplicates: d,
        }
    }
}

/// Applies the criteria of one profile to one dataset.
///
/// Building a checker indexes the dataset once; every rule then looks records up in the
/// indexes, so checking a whole dataset is a single linear pass (no quadratic scans). The
/// stage guards of `engo-stages` call the per-record methods.
#[derive(Debug)]
pub struct Checker<'a> {
    ds: &'a Dataset,
    profile: &'a CriteriaProfile,
    /// Shared by the checkers of one dataset under several profiles ([`Checker::with_profile`]).
    idx: Arc<Index<'a>>,
    mrp: &'a MrpTable,
}

fn s(v: impl ToString) -> String {
    v.to_string()
}

impl<'a> Checker<'a> {
    /// A checker of `ds` under `profile`, with the embedded MRP table.
    pub fn new(ds: &'a Dataset, profile: &'a CriteriaProfile) -> Checker<'a> {
        Checker {
            ds,
            profile,
            idx: Arc::new(Index::new(ds)),
            mrp: MrpTable::embedded(),
        }
    }

    /// A checker of the same dataset under another profile. The indexes are shared, not rebuilt:
    /// a second profile costs no second pass over the dataset.
    ///
    /// ```
    /// use engo_criteria::{Checker, Profiles};
    ///
    /// let ds = engo_model::example::dataset();
    /// let profiles = Profiles::embedded();
    /// let new = Checker::new(&ds, profiles.by_id("kz-2025-07")?);
    /// let old = new.with_profile(profiles.by_id("kz-2018-09")?);
    /// assert_eq!(old.profile().id, "kz-2018-09");
    /// # Ok::<(), engo_criteria::ProfileError>(())
    /// ```
    pub fn with_profile(&self, profile: &'a CriteriaProfile) -> Checker<'a> {
        Checker {
            ds: self.ds,
            profile,
            idx: Arc::clone(&self.idx),
            mrp: self.mrp,
        }
    }

    /// The same checker with another MRP table.
    pub fn with_mrp(self, mrp: &'a MrpTable) -> Checker<'a> {
        Checker { mrp, ..self }
    }

    /// The profile applied.
    pub fn profile(&self) -> &'a CriteriaProfile {
        self.profile
    }

    /// The dataset's social order with id `id` (the first, if the id repeats), from the
    /// checker's index: callers that look records up by id (the stage guards) share it.
    pub fn order(&self, id: &str) -> Option<&'a SocialOrder> {
        self.idx.orders.record(id)
    }

    /// The dataset's grant with id `id` (the first, if the id repeats).
    pub fn grant(&self, id: &str) -> Option<&'a Grant> {
        self.idx.grants.record(id)
    }

    /// The dataset's award with id `id` (the first, if the id repeats).
    pub fn award(&self, id: &str) -> Option<&'a Award> {
        self.idx.awards.record(id)
    }

    /// The dataset's application with id `id` (the first, if the id repeats).
    pub fn application(&self, id: &str) -> Option<&'a Application> {
        self.idx.applications.record(id)
    }

    /// The dataset's evaluation with id `id` (the first, if the id repeats).
    pub fn evaluation(&self, id: &str) -> Option<&'a Evaluation> {
        self.idx.evaluations.record(id)
    }

    /// Applies the profile: severity overrides, disabled rules dropped.
    fn policy(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                f.severity = self.profile.severity_of(f.code.as_str())?;
                Some(f)
            })
            .collect()
    }

    fn dangling(path: String, kind: &str, id: impl ToString) -> Finding {
        Finding::new(
            Code::RefDangling,
            path,
            None,
            [("kind", kind.to_owned()), ("id", id.to_string())],
        )
    }

    /// Whether the organisation `bin` may take part in `purpose` at `at`: legal form, registry
    /// status, NGO-database report, time since registration, disqualifications.
    ///
    /// ```
    /// use engo_criteria::{Checker, Purpose, profile_for};
    /// use engo_model::{Lang, example};
    ///
    /// let mut ds = example::dataset();
    /// ds.organizations[0].legal_form = "religious_association".parse()?;
    /// let at = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("date")?;
    /// let checker = Checker::new(&ds, profile_for(at)?);
    /// let findings = checker.eligibility(&ds.organizations[0].bin, Purpose::SocialOrder, at, "/organizations/0");
    /// assert_eq!(findings.len(), 1);
    /// println!("{}", findings[0].message(Lang::Kk));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn eligibility(
        &self,
        bin: &Bin,
        purpose: Purpose,
        at: NaiveDate,
        path: &str,
    ) -> Vec<Finding> {
        self.eligibility_at(bin, purpose, at, Ptr::Text(path))
    }

    fn eligibility_at(
        &self,
        bin: &Bin,
        purpose: Purpose,
        at: NaiveDate,
        path: Ptr<'_>,
    ) -> Vec<Finding> {
        let _ = purpose; // The same rules apply to orders, grants and awards today.
        let Some((_, org)) = self.idx.orgs.get(bin) else {
            return self.policy(vec![Self::dangling(path.to_string(), "organization", bin)]);
        };
        let record = || Some(RecordRef::from(bin));
        let mut out = Vec::new();
        let f = |code: Code, params: Vec<(&str, String)>| {
            let mut all = vec![("bin", s(bin))];
            all.extend(params);
            Finding::new(code, path.to_string(), record(), all)
        };
        match legal_forms().at(org.legal_form.as_str(), at) {
            None => out.push(f(
                Code::NgoLegalFormUnknown,
                vec![("legal_form", s(&org.legal_form)), ("date", s(at))],
            )),
            Some(form) if !form.attrs.ngo_eligible => out.push(f(
                Code::NgoLegalFormExcluded,
                vec![("legal_form", s(&org.legal_form))],
            )),
            Some(_) => {}
        }
        if org.status.stage != engo_model::lifecycle::OrganizationStage::Active {
            out.push(f(
                Code::NgoStatusNotActive,
                vec![("status", s(org.status.stage))],
            ));
        }
        let due = self.profile.params.database_due;
        let this_year_due = due.in_year(at.year());
        let year = if this_year_due.is_some_and(|d| at > d) {
            at.year() - 1
        } else {
            at.year() - 2
        };
        let existed = org.registered_on.year() <= year;
        let submitted = org
            .database_reports
            .iter()
            .any(|r| r.year == year && r.submitted_on.is_some_and(|d| d <= at));
        if existed && !submitted {
            let due_date = due.in_year(year + 1).map(s).unwrap_or_default();
            out.push(f(
                Code::NgoDatabaseNotSubmitted,
                vec![("year", s(year)), ("due", due_date)],
            ));
        }
        if let Some(min) = self.profile.params.registration_min_months {
            let old_enough = org
                .registered_on
                .checked_add_months(chrono::Months::new(min));
            if old_enough.is_none_or(|d| d > at) {
                out.push(f(
                    Code::NgoRegistrationTooRecent,
                    vec![
                        ("registered_on", s(org.registered_on)),
                        ("min_months", s(min)),
                    ],
                ));
            }
        }
        for d in org.disqualifications.iter().filter(|d| d.is_active_at(at)) {
            out.push(f(
                Code::NgoDisqualified,
                vec![("kind", name(&d.kind)), ("from", s(d.from))],
            ));
        }
        self.policy(out)
    }

    /// `ngo.area.not_declared`: the organisation has not declared `area` among its activities.
    pub fn area_declared(&self, bin: &Bin, area: &AreaCode, path: &str) -> Vec<Finding> {
        self.area_declared_at(bin, area, Ptr::Text(path))
    }

    fn area_declared_at(&self, bin: &Bin, area: &AreaCode, path: Ptr<'_>) -> Vec<Finding> {
        match self.idx.orgs.get(bin) {
            Some((_, org)) if !org.areas.contains(area) => self.policy(vec![Finding::new(
                Code::NgoAreaNotDeclared,
                path.to_string(),
                Some(RecordRef::from(bin)),
                [("bin", s(bin)), ("area", s(area))],
            )]),
            _ => Vec::new(),
        }
    }

    /// `project.period.inverted` and `project.duration.out_of_range` of a social project's period.
    fn project_period(
        &self,
        period: &Period,
        path: Ptr<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Vec<Finding> {
        if !period.is_ordered() {
            return vec![Finding::new(
                Code::ProjectPeriodInverted,
                format!("{path}/period"),
                record(),
                [("start", s(period.start)), ("end", s(period.end))],
            )];
        }
        let range = self.profile.params.project_months;
        let months = period.months();
        if period.lasts_months(range.min, range.max) {
            return Vec::new();
        }
        vec![Finding::new(
            Code::ProjectDurationOutOfRange,
            format!("{path}/period"),
            record(),
            [
                ("months", s(months)),
                ("min", s(range.min)),
                ("max", s(range.max)),
            ],
        )]
    }

    /// The period rules of a social order's project (`project.period.inverted`,
    /// `project.duration.out_of_range`): what must hold for the order to be formed.
    pub fn order_period(&self, order: &SocialOrder, path: &str) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&order.id));
        self.policy(self.project_period(&order.period, Ptr::Text(path), &record))
    }

    /// The rules of a social order: customer, area and regions in force, budget, duration,
    /// indicators.
    pub fn order_rules(&self, order: &SocialOrder, path: &str) -> Vec<Finding> {
        self.order_rules_at(order, Ptr::Text(path))
    }

    fn order_rules_at(&self, order: &SocialOrder, path: Ptr<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&order.id));
        let mut out = Vec::new();
        if !self.idx.bodies.contains(&order.customer) {
            out.push(Finding::new(
                Code::OrderCustomerNotStateBody,
                format!("{path}/customer"),
                record(),
                [("customer", s(order.customer))],
            ));
        }
        // The lists in force when the order is formed: the start of its financial year.
        let date =
            NaiveDate::from_ymd_opt(order.financial_year, 1, 1).unwrap_or(order.period.start);
        if priority_areas().at(order.area.as_str(), date).is_none() {
            out.push(Finding::new(
                Code::OrderAreaUnknown,
                format!("{path}/area"),
                record(),
                [("area", s(&order.area)), ("date", s(date))],
            ));
        }
        for region in order.regions.iter().filter(|r| !r.is_valid_at(date)) {
            out.push(Finding::new(
                Code::OrderRegionUnknown,
                format!("{path}/regions"),
                record(),
                [("region", s(region)), ("date", s(date))],
            ));
        }
        if order.budget.is_zero() {
            out.push(Finding::new(
                Code::OrderBudgetNotPositive,
                format!("{path}/budget"),
                record(),
                [],
            ));
        }
        out.extend(self.project_period(&order.period, path, &record));
        if order.indicators.is_empty() {
            out.push(Finding::new(
                Code::ProjectIndicatorsMissing,
                format!("{path}/indicators"),
                record(),
                [],
            ));
        }
        self.policy(out)
    }

    /// `project.amount.exceeds_order`: `amount` is above the order's budget.
    pub fn amount_within_order(
        &self,
        order: &SocialOrder,
        amount: Money,
        path: &str,
    ) -> Vec<Finding> {
        self.amount_within_order_at(order, amount, Ptr::Text(path))
    }

    fn amount_within_order_at(
        &self,
        order: &SocialOrder,
        amount: Money,
        path: Ptr<'_>,
    ) -> Vec<Finding> {
        if amount <= order.budget {
            return Vec::new();
        }
        self.policy(vec![Finding::new(
            Code::ProjectAmountExceedsOrder,
            path.to_string(),
            Some(RecordRef::from(&order.id)),
            [("amount", s(amount)), ("budget", s(order.budget))],
        )])
    }

    /// The rules of a project: references, period and duration, amount within the order,
    /// indicators, milestones inside the period, tranches within the budget, met milestones with
    /// a date, and the implementer's eligibility where no winning application shows it.
    pub fn project_rules(&self, project: &Project, path: &str) -> Vec<Finding> {
        self.project_rules_at(project, Ptr::Text(path))
    }

    fn project_rules_at(&self, project: &Project, path: Ptr<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&project.id));
        let mut out = Vec::new();
        if !self.idx.orgs.contains(&project.implementer) {
            out.push(Self::dangling(
                format!("{path}/implementer"),
                "organization",
                project.implementer,
            ));
        }
        match &project.source {
            ProjectSource::SocialOrder(id) => match self.idx.orders.get(id.as_str()) {
                None => out.push(Self::dangling(format!("{path}/source"), "social_order", id)),
                Some((_, order)) => {
                    out.extend(self.project_period(&project.period, path, &record));
                    out.extend(self.amount_within_order_at(
                        order,
                        project.budget,
                        Ptr::Field(&path, "budget"),
                    ));
                    if !self
                        .idx
                        .winners
                        .contains(&(id.as_str(), project.implementer))
                    {
                        out.extend(self.eligibility_at(
                            &project.implementer,
                            Purpose::SocialOrder,
                            project.period.start,
                            Ptr::Field(&path, "implementer"),
                        ));
                    }
                }
            },
            ProjectSource::Grant(id) => {
                if !self.idx.grants.contains(id.as_str()) {
                    out.push(Self::dangling(format!("{path}/source"), "grant", id));
                }
                if !project.period.is_ordered() {
                    out.push(Finding::new(
                        Code::ProjectPeriodInverted,
                        format!("{path}/period"),
                        record(),
                        [
                            ("start", s(project.period.start)),
                            ("end", s(project.period.end)),
                        ],
                    ));
                }
            }
        }
        if project.indicators.is_empty() {
            out.push(Finding::new(
                Code::ProjectIndicatorsMissing,
                format!("{path}/indicators"),
                record(),
                [],
            ));
        }
        let mut milestone_ids = BTreeSet::new();
        let milestones = Ptr::Field(&path, "milestones");
        for (i, m) in project.milestones.iter().enumerate() {
            let mp = Ptr::Index(&milestones, i);
            if !milestone_ids.insert(m.id.as_str()) {
                out.push(Finding::new(
                    Code::IdDuplicate,
                    mp.to_string(),
                    record(),
                    [("kind", s("milestone")), ("id", s(&m.id))],
                ));
            }
            if project.period.is_ordered() && !project.period.contains(m.due_date) {
                out.push(Finding::new(
                    Code::ProjectMilestoneOutsidePeriod,
                    format!("{mp}/due_date"),
                    record(),
                    [
                        ("milestone", s(&m.id)),
                        ("due_date", s(m.due_date)),
                        ("start", s(project.period.start)),
                        ("end", s(project.period.end)),
                    ],
                ));
            }
            let done = matches!(m.status, MilestoneStage::Met | MilestoneStage::PartiallyMet);
            if done && m.date_met.is_none() {
                out.push(Finding::new(
                    Code::CoherenceMilestoneMetWithoutDate,
                    format!("{mp}/date_met"),
                    record(),
                    [("milestone", s(&m.id)), ("status", s(m.status))],
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, ind) in project.indicators.iter().enumerate() {
            if !seen.insert(ind.id.as_str()) {
                out.push(Finding::new(
                    Code::IdDuplicate,
                    format!("{path}/indicators/{i}"),
                    record(),
                    [("kind", s("indicator")), ("id", s(&ind.id))],
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, r) in project.reports.iter().enumerate() {
            if !seen.insert(r.id.as_str()) {
                out.push(Finding::new(
                    Code::IdDuplicate,
                    format!("{path}/reports/{i}"),
                    record(),
                    [("kind", s("report")), ("id", s(&r.id))],
                ));
            }
            if let Some(m) = &r.milestone
                && !milestone_ids.contains(m.as_str())
            {
                out.push(Self::dangling(
                    format!("{path}/reports/{i}/milestone"),
                    "milestone",
                    m,
                ));
            }
        }
        let mut seen = BTreeSet::new();
        let mut paid: Option<Money> = Some(Money::ZERO);
        let tranches = Ptr::Field(&path, "tranches");
        for (i, t) in project.tranches.iter().enumerate() {
            let tp = Ptr::Index(&tranches, i);
            if !seen.insert(t.id.as_str()) {
                out.push(Finding::new(
                    Code::IdDuplicate,
                    tp.to_string(),
                    record(),
                    [("kind", s("tranche")), ("id", s(&t.id))],
                ));
            }
            for (field, bin) in [("payer", t.payer), ("payee", t.payee)] {
                if !self.idx.orgs.contains(&bin) && !self.idx.bodies.contains(&bin) {
                    out.push(Self::dangling(format!("{tp}/{field}"), "organization", bin));
                }
            }
            if let Some(m) = &t.milestone
                && !milestone_ids.contains(m.as_str())
            {
                out.push(Self::dangling(format!("{tp}/milestone"), "milestone", m));
            }
            paid = paid.and_then(|p| p.checked_add(t.amount).ok());
        }
        match paid {
            Some(sum) if sum <= project.budget => {}
            sum => out.push(Finding::new(
                Code::CoherenceTranchesExceedAmount,
                format!("{path}/tranches"),
                record(),
                [
                    (
                        "sum",
                        sum.map_or_else(|| s("> 999 999 999 999 999.99 ₸"), s),
                    ),
                    ("budget", s(project.budget)),
                ],
            )),
        }
        self.policy(out)
    }

    /// The amount of `mrp_count` MRP of `year`, or the `mrp.year.unknown` finding.
    fn mrp(&self, mrp_count: u64, year: i32, path: Ptr<'_>) -> Result<Money, Finding> {
        self.mrp.to_money(mrp_count, year).map_err(|_| {
            Finding::new(
                Code::MrpYearUnknown,
                path.to_string(),
                None,
                [("year", s(year))],
            )
        })
    }

    /// The rules of a grant: term bands, own-support share, language, funding source,
    /// references, and the recipient's eligibility at the award date.
    pub fn grant_rules(&self, grant: &Grant, path: &str) -> Vec<Finding> {
        self.grant_rules_at(grant, Ptr::Text(path))
    }

    fn grant_rules_at(&self, grant: &Grant, path: Ptr<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&grant.id));
        let mut out = Vec::new();
        let p = &self.profile.params;
        if !self.idx.bodies.contains(&grant.funder) {
            out.push(Self::dangling(
                format!("{path}/funder"),
                "state_body",
                grant.funder,
            ));
        }
        let (term, band) = match grant.term {
            GrantTerm::Short => ("short", p.grant_terms.short),
            GrantTerm::Medium => ("medium", p.grant_terms.medium),
            GrantTerm::Long => ("long", p.grant_terms.long),
        };
        if !grant.period.is_ordered() {
            out.push(Finding::new(
                Code::ProjectPeriodInverted,
                format!("{path}/period"),
                record(),
                [
                    ("start", s(grant.period.start)),
                    ("end", s(grant.period.end)),
                ],
            ));
        } else {
            let months = grant.period.months();
            if !grant.period.lasts_months(band.min_months, band.max_months) {
                out.push(Finding::new(
                    Code::GrantTermDurationMismatch,
                    format!("{path}/period"),
                    record(),
                    [
                        ("term", s(term)),
                        ("months", s(months)),
                        ("min", s(band.min_months)),
                        ("max", s(band.max_months)),
                    ],
                ));
            }
        }
        let year = grant.award_date.unwrap_or(grant.period.start).year();
        if let Some(amount) = grant.amount_awarded.or(grant.amount_requested) {
            let field = if grant.amount_awarded.is_some() {
                "amount_awarded"
            } else {
                "amount_requested"
            };
            let bounds = self.mrp(band.min_mrp, year, path).and_then(|min| {
                band.max_mrp
                    .map(|m| self.mrp(m, year, path))
                    .transpose()
                    .map(|max| (min, max))
            });
            match bounds {
                Err(f) => out.push(f),
                Ok((min, max)) => {
                    if amount < min || max.is_some_and(|max| amount > max) {
                        let in_mrp = self.mrp.to_mrp(amount, year).map(s).unwrap_or_default();
                        out.push(Finding::new(
                            Code::GrantTermAmountOutOfRange,
                            format!("{path}/{field}"),
                            record(),
                            [
                                ("term", s(term)),
                                ("amount", s(amount)),
                                ("mrp", in_mrp),
                                ("min_mrp", s(band.min_mrp)),
                                ("max_mrp", band.max_mrp.map_or_else(|| s("∞"), s)),
                                ("year", s(year)),
                            ],
                        ));
                    }
                }
            }
            let limit = amount
                .checked_ratio(u64::from(p.own_support_max_percent), 100)
                .unwrap_or(amount);
            if grant.own_support > limit {
                out.push(Finding::new(
                    Code::GrantOwnSupportExceedsShare,
                    format!("{path}/own_support"),
                    record(),
                    [
                        ("own_support", s(grant.own_support)),
                        ("limit", s(limit)),
                        ("percent", s(p.own_support_max_percent)),
                    ],
                ));
            }
        }
        if !p.application_languages.contains(&grant.language) {
            out.push(Finding::new(
                Code::GrantApplicationLanguage,
                format!("{path}/language"),
                record(),
                [("language", s(grant.language))],
            ));
        }
        let funding_ok = matches!(
            (grant.kind, grant.funding),
            (GrantKind::State, FundingSource::Budget)
                | (GrantKind::NonState, FundingSource::ExtraBudgetary)
        );
        if !funding_ok {
            out.push(Finding::new(
                Code::GrantFundingMismatch,
                format!("{path}/funding"),
                record(),
                [
                    ("kind", name(&grant.kind)),
                    ("funding", name(&grant.funding)),
                ],
            ));
        }
        if let Some(recipient) = &grant.recipient {
            let rp = Ptr::Field(&path, "recipient");
            if let Some(date) = grant.award_date {
                out.extend(self.eligibility_at(recipient, Purpose::Grant, date, rp));
            } else if !self.idx.orgs.contains(recipient) {
                out.push(Self::dangling(rp.to_string(), "organization", recipient));
            }
            out.extend(self.area_declared_at(recipient, &grant.area, rp));
        }
        self.policy(out)
    }

    /// The rules of an award: the minimum amount, references, the laureate's eligibility.
    pub fn award_rules(&self, award: &Award, path: &str) -> Vec<Finding> {
        self.award_rules_at(award, Ptr::Text(path))
    }

    fn award_rules_at(&self, award: &Award, path: Ptr<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&award.id));
        let mut out = Vec::new();
        if !self.idx.bodies.contains(&award.funder) {
            out.push(Self::dangling(
                format!("{path}/funder"),
                "state_body",
                award.funder,
            ));
        }
        let min_mrp = self.profile.params.award_min_mrp;
        match self.mrp(min_mrp, award.year, path) {
            Err(f) => out.push(f),
            Ok(minimum) if award.amount < minimum => out.push(Finding::new(
                Code::AwardAmountBelowMinimum,
                format!("{path}/amount"),
                record(),
                [
                    ("amount", s(award.amount)),
                    ("minimum", s(minimum)),
                    ("min_mrp", s(min_mrp)),
                    ("year", s(award.year)),
                ],
            )),
            Ok(_) => {}
        }
        if let Some(laureate) = &award.laureate {
            let lp = Ptr::Field(&path, "laureate");
            match award.award_date {
                Some(date) => out.extend(self.eligibility_at(laureate, Purpose::Award, date, lp)),
                None if !self.idx.orgs.contains(laureate) => {
                    out.push(Self::dangling(lp.to_string(), "organization", laureate))
                }
                None => {}
            }
        }
        self.policy(out)
    }

    /// `evaluation.expert.conflict_of_interest` of `expert` scoring organisation `bin`.
    fn conflict(
        &self,
        expert: &engo_model::id::ExpertId,
        bin: &Bin,
        path: Ptr<'_>,
        record: &dyn Fn() -> Option<RecordRef>,
    ) -> Option<Finding> {
        let (_, e) = self.idx.experts.get(expert.as_str())?;
        e.affiliations.contains(bin).then(|| {
            Finding::new(
                Code::EvaluationExpertConflictOfInterest,
                path.to_string(),
                record(),
                [("expert", s(expert)), ("bin", s(bin))],
            )
        })
    }

    /// The rules of an application: references, the applicant's eligibility (unless the
    /// application is a draft, rejected or withdrawn), language and own-support share for
    /// grants, experts' conflicts of interest.
    pub fn application_rules(&self, app: &Application, path: &str) -> Vec<Finding> {
        self.application_rules_at(app, Ptr::Text(path))
    }

    fn application_rules_at(&self, app: &Application, path: Ptr<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&app.id));
        let mut out = Vec::new();
        let tp = || format!("{path}/target");
        let purpose = match &app.target {
            ApplicationTarget::SocialOrder(id) => {
                if !self.idx.orders.contains(id.as_str()) {
                    out.push(Self::dangling(tp(), "social_order", id));
                }
                Purpose::SocialOrder
            }
            ApplicationTarget::Grant(id) => {
                if !self.idx.grants.contains(id.as_str()) {
                    out.push(Self::dangling(tp(), "grant", id));
                }
                Purpose::Grant
            }
            ApplicationTarget::Award(id) => {
                if !self.idx.awards.contains(id.as_str()) {
                    out.push(Self::dangling(tp(), "award", id));
                }
                Purpose::Award
            }
        };
        let ap = Ptr::Field(&path, "applicant");
        let considered = !matches!(
            app.stage,
            ApplicationStage::Draft | ApplicationStage::Rejected | ApplicationStage::Withdrawn
        );
        if considered {
            let at = app
                .submitted_at
                .map_or(app.period.start, |t| t.date_naive());
            out.extend(self.eligibility_at(&app.applicant, purpose, at, ap));
        } else if !self.idx.orgs.contains(&app.applicant) {
            out.push(Self::dangling(
                ap.to_string(),
                "organization",
                app.applicant,
            ));
        }
        if !app.period.is_ordered() {
            out.push(Finding::new(
                Code::ProjectPeriodInverted,
                format!("{path}/period"),
                record(),
                [("start", s(app.period.start)), ("end", s(app.period.end))],
            ));
        }
        if purpose == Purpose::Grant {
            let p = &self.profile.params;
            if !p.application_languages.contains(&app.language) {
                out.push(Finding::new(
                    Code::GrantApplicationLanguage,
                    format!("{path}/language"),
                    record(),
                    [("language", s(app.language))],
                ));
            }
            let own = Money::checked_sum(
                app.budget_lines
                    .iter()
                    .filter(|l| l.own_support)
                    .map(|l| l.amount),
            );
            let limit = app
                .requested
                .checked_ratio(u64::from(p.own_support_max_percent), 100)
                .unwrap_or(app.requested);
            match own {
                Ok(own) if own <= limit => {}
                own => out.push(Finding::new(
                    Code::GrantOwnSupportExceedsShare,
                    format!("{path}/budget_lines"),
                    record(),
                    [
                        (
                            "own_support",
                            own.map(s)
                                .unwrap_or_else(|_| s("> 999 999 999 999 999.99 ₸")),
                        ),
                        ("limit", s(limit)),
                        ("percent", s(p.own_support_max_percent)),
                    ],
                )),
            }
        }
        let scores = Ptr::Field(&path, "scores");
        for (i, score) in app.scores.iter().enumerate() {
            let score_at = Ptr::Index(&scores, i);
            let sp = Ptr::Field(&score_at, "expert");
            if !self.idx.experts.contains(score.expert.as_str()) {
                out.push(Self::dangling(sp.to_string(), "expert", &score.expert));
            } else {
                out.extend(self.conflict(&score.expert, &app.applicant, sp, &record));
            }
        }
        self.policy(out)
    }

    /// The organisation an evaluation evaluates, if it resolves.
    fn evaluated_org(&self, eval: &Evaluation) -> Option<Bin> {
        match &eval.subject {
            EvaluationSubject::Project(id) => self
                .idx
                .projects
                .get(id.as_str())
                .map(|(_, p)| p.implementer),
            EvaluationSubject::Application(id) => self
                .idx
                .applications
                .get(id.as_str())
                .map(|(_, a)| a.applicant),
        }
    }

    /// The rules of an evaluation: all five criteria, scores within the scale, the total the sum,
    /// a scale of the profile, no expert affiliated with the organisation evaluated, and the
    /// rating against the pass mark.
    pub fn evaluation_rules(&self, eval: &Evaluation, path: &str) -> Vec<Finding> {
        self.evaluation_rules_at(eval, Ptr::Text(path))
    }

    fn evaluation_rules_at(&self, eval: &Evaluation, path: Ptr<'_>) -> Vec<Finding> {
        let record = || Some(RecordRef::from(&eval.id));
        let mut out = Vec::new();
        let scored: BTreeSet<EvaluationCriterion> =
            eval.scores.iter().map(|c| c.criterion).collect();
        let missing: Vec<String> = EvaluationCriterion::ALL
            .iter()
            .filter(|c| !scored.contains(c))
            .map(name)
            .collect();
        if !missing.is_empty() {
            out.push(Finding::new(
                Code::EvaluationCriteriaIncomplete,
                format!("{path}/scores"),
                record(),
                [("missing", missing.join(", "))],
            ));
        }
        for (i, c) in eval.scores.iter().enumerate() {
            if c.score > eval.scale_max {
                out.push(Finding::new(
                    Code::EvaluationScoreOutOfScale,
                    format!("{path}/scores/{i}/score"),
                    record(),
                    [
                        ("criterion", name(&c.criterion)),
                        ("score", s(c.score)),
                        ("scale", s(eval.scale_max)),
                    ],
                ));
            }
        }
        let sum: u64 = eval.scores.iter().map(|c| u64::from(c.score)).sum();
        if sum != u64::from(eval.total) {
            out.push(Finding::new(
                Code::EvaluationTotalMismatch,
                format!("{path}/total"),
                record(),
                [("total", s(eval.total)), ("sum", s(sum))],
            ));
        }
        let scales = &self.profile.params.evaluation.scales;
        if !scales.contains(&eval.scale_max) {
            let allowed: Vec<String> = scales.iter().map(s).collect();
            out.push(Finding::new(
                Code::EvaluationScaleUnexpected,
                format!("{path}/scale_max"),
                record(),
                [
                    ("scale", s(eval.scale_max)),
                    ("allowed", allowed.join(", ")),
                ],
            ));
        }
        let subject = match &eval.subject {
            EvaluationSubject::Project(id) => {
                (!self.idx.projects.contains(id.as_str())).then(|| ("project", id.as_str()))
            }
            EvaluationSubject::Application(id) => {
                (!self.idx.applications.contains(id.as_str())).then(|| ("application", id.as_str()))
            }
        };
        if let Some((kind, id)) = subject {
            out.push(Self::dangling(format!("{path}/subject"), kind, id));
        }
        let org = self.evaluated_org(eval);
        let experts = Ptr::Field(&path, "experts");
        for (i, expert) in eval.experts.iter().enumerate() {
            let ep = Ptr::Index(&experts, i);
            if !self.idx.experts.contains(expert.as_str()) {
                out.push(Self::dangling(ep.to_string(), "expert", expert));
            } else if let Some(bin) = &org {
                out.extend(self.conflict(expert, bin, ep, &record));
            }
        }
        if out.is_empty()
            && let Some(rating) = self.rating(eval)
            && !rating.passed
        {
            out.push(Finding::new(
                Code::EvaluationRatingBelowPassMark,
                format!("{path}/total"),
                record(),
                [
                    ("percent", s(rating.percent)),
                    ("pass_mark", s(self.profile.params.evaluation.pass_percent)),
                ],
            ));
        }
        self.policy(out)
    }

    /// The rating of an evaluation: its total against the highest possible (five criteria on
    /// its scale), and whether it reaches the profile's pass mark. `None` for a zero scale.
    pub fn rating(&self, eval: &Evaluation) -> Option<Rating> {
        let max = u64::from(eval.scale_max) * EvaluationCriterion::ALL.len() as u64;
        if max == 0 {
            return None;
        }
        let percent = u32::try_from(u64::from(eval.total) * 100 / max).unwrap_or(u32::MAX);
        Some(Rating {
            percent,
            passed: percent >= self.profile.params.evaluation.pass_percent,
        })
    }

    /// Every finding of the dataset: shape, duplicates, references, the rules of every record,
    /// dates after publication, and personal data in free text.
    pub fn findings(&self) -> Vec<Finding> {
        let ds = self.ds;
        let mut out: Vec<Finding> = ds.check_shape().iter().map(Finding::from_shape).collect();
        out.extend(self.idx.duplicates.iter().cloned());
        for (i, o) in ds.social_orders.iter().enumerate() {
            out.extend(self.order_rules_at(o, Ptr::Item("social_orders", i)));
        }
        for (i, g) in ds.grants.iter().enumerate() {
            out.extend(self.grant_rules_at(g, Ptr::Item("grants", i)));
        }
        for (i, a) in ds.awards.iter().enumerate() {
            out.extend(self.award_rules_at(a, Ptr::Item("awards", i)));
        }
        for (i, a) in ds.applications.iter().enumerate() {
            out.extend(self.application_rules_at(a, Ptr::Item("applications", i)));
        }
        for (i, e) in ds.evaluations.iter().enumerate() {
            out.extend(self.evaluation_rules_at(e, Ptr::Item("evaluations", i)));
        }
        for (i, p) in ds.projects.iter().enumerate() {
            out.extend(self.project_rules_at(p, Ptr::Item("projects", i)));
        }
        for (i, m) in ds.mediation_cases.iter().enumerate() {
            for bin in m.parties.iter().filter(|b| !self.idx.orgs.contains(*b)) {
                out.push(Self::dangling(
                    format!("/mediation_cases/{i}/parties"),
                    "organization",
                    bin,
                ));
            }
        }
        out.extend(crate::coherence::dates_in_future(ds));
        out.extend(crate::privacy::scan(ds));
        self.policy(out)
    }

    /// The report of every finding of the dataset under the profile.
    ///
    /// ```
    /// use engo_criteria::{Checker, profile_for};
    /// use engo_model::example;
    ///
    /// let ds = example::dataset();
    /// let profile = profile_for(ds.published_at.date_naive())?;
    /// let report = Checker::new(&ds, profile).check();
    /// assert!(!report.has_errors(), "{}", report.to_text(engo_model::Lang::En, 5));
    /// # Ok::<(), engo_criteria::ProfileError>(())
    /// ```
    pub fn check(&self) -> Report {
        Report::new(self.profile, self.findings())
    }
}

/// The wire name of a unit variant (`tax_arrears`, `non_state`), for messages.
fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
