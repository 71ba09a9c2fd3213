//! OCDS 1.1: a release package and a record package of the state social orders.
//!
//! Each social order is one contracting process, `ocid` = `<prefix>-<order id>`. Releases come
//! from the audit log: the events of the order, its applications, its projects and their
//! milestones are replayed through the transition tables of `engo_model::lifecycle`, and every transition
//! whose crosswalk has an OCDS release tag (`engo_model::lifecycle::Transition::crosswalk`: `planning`,
//! `tender`, `tenderUpdate`, `tenderCancellation`, `award`, `contract`, `implementation`,
//! `implementationUpdate`, `contractTermination`, …) gives one release, dated at the event, with
//! the tender, award and contract statuses the crosswalk sets. That crosswalk is the one mapping
//! table; this crate does not keep a second one. An order with no event in the log gets one
//! release dated at publication, tagged with every stage on the table's shortest path to its
//! current stage. Every release carries the sections reached by then (planning,
//! tender, awards, contracts with implementation), with statuses from the event; transactions,
//! reports and met milestones dated after the release are left out of it. The record package
//! holds, per ocid, links to its releases and a compiled release merged by the OCDS rules.
//!
//! Mapping (see also `open-standards.md` §7.3):
//!
//! | engo | OCDS |
//! |---|---|
//! | customer state body | party `buyer`, `procuringEntity`, `payer`; `buyer` |
//! | applicants | parties `tenderer`; `tender.tenderers`, `numberOfTenderers` |
//! | implementer of a project | party `supplier`, `payee`; `awards[].suppliers` |
//! | order budget | `planning.budget.amount`, `tender.value` |
//! | order indicators | `tender.targets` (metrics extension) |
//! | project | `awards[]` (`<ocid>-award-<project>`) and `contracts[]` (id = project id) |
//! | project indicators | `contracts[].agreedMetrics` (targets), `implementation.metrics` (actuals) |
//! | milestones | `contracts[].implementation.milestones` (`partially_met` → `partiallyMet`…) |
//! | tranches | `contracts[].implementation.transactions` |
//! | reports | `contracts[].implementation.documents` (`physicalProgressReport`, …) |
//!
//! Text is written in the release `language` (Russian by default, falling back to Kazakh) and
//! copied into language-suffixed fields (`title_kk`, `title_ru`, `title_en`). Amounts are JSON
//! numbers written from the exact decimal (whole tenge when there are no tiyn), currency `KZT`.
//! Dates of the model are days: a start is written `T00:00:00+05:00`, an end
//! `T23:59:59+05:00` (Asia/Almaty).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use engo_model::{
    Bin, Dataset, Lang, LocalizedText,
    lifecycle::{
        EventRecord, Machine, MilestoneStage, Stage, Transition, find, milestone_entity,
        shortest_path,
    },
    record::{
        ApplicationTarget, Indicator, MilestoneType, Project, ProjectSource, ReportKind,
        SocialOrder,
    },
};

use crate::jtree::{J, merge};

/// The URL of the OCDS metrics extension declared in the packages.
pub const METRICS_EXTENSION: &str = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json";

/// Settings of the OCDS publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcdsSettings {
    /// The ocid prefix registered with the Open Contracting Partnership. The default
    /// `ocds-engo00` is a **placeholder**: it has the form lib-cove checks
    /// (`^ocds-[a-z0-9]{6}`) but is not registered; E-NGO must register its own before
    /// publishing.
    pub ocid_prefix: String,
    /// Base URL where the packages are published (`<base>release-package.json`).
    pub base_uri: String,
    /// Publisher name; `None` uses the dataset's publisher (in the release language).
    pub publisher_name: Option<String>,
    /// Licence URL.
    pub license: String,
    /// Publication policy URL.
    pub publication_policy: String,
    /// Default language of the releases.
    pub language: Lang,
    /// Extensions declared in the packages.
    pub extensions: Vec<String>,
}

impl Default for OcdsSettings {
    fn default() -> Self {
        OcdsSettings {
            ocid_prefix: "ocds-engo00".to_owned(),
            base_uri: "https://example.org/e-ngo/ocds/".to_owned(),
            publisher_name: None,
            license: "https://creativecommons.org/licenses/by/4.0/".to_owned(),
            publication_policy: "https://example.org/e-ngo/publication-policy".to_owned(),
            language: Lang::Ru,
            extensions: vec![METRICS_EXTENSION.to_owned()],
        }
    }
}

/// How far a process got, and its statuses, at one release.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Progress {
    /// 0 planning, 1 tender, 2 award, 3 contract, 4 implementation, 5 terminated.
    phase: u8,
    tender_status: &'static str,
    award_status: &'static str,
    /// `contracts[].status` of every contract, and per project where a project event said more.
    contract_status: &'static str,
    project_status: BTreeMap<String, &'static str>,
    /// When the award was decided and the contract signed (from the events).
    award_date: Option<String>,
    date_signed: Option<String>,
}

fn phase_of(tag: &str) -> u8 {
    match tag {
        "planning" | "planningUpdate" => 0,
        "tender" | "tenderUpdate" | "tenderAmendment" | "tenderCancellation" => 1,
        "award" | "awardUpdate" | "awardCancellation" => 2,
        "contract" | "contractUpdate" | "contractAmendment" => 3,
        "implementation" | "implementationUpdate" => 4,
        _ => 5,
    }
}

impl Progress {
    fn start() -> Progress {
        Progress {
            phase: 0,
            tender_status: "planning",
            award_status: "pending",
            contract_status: "pending",
            project_status: BTreeMap::new(),
            award_date: None,
            date_signed: None,
        }
    }

    /// Applies the crosswalk of a transition (of the order, or of a project when `project`).
    fn apply(&mut self, t: &Transition, project: Option<&str>) -> Option<&'static str> {
        let cw = t.crosswalk;
        if let Some(s) = cw.ocds_tender_status {
            self.tender_status = s.as_str();
        }
        if let Some(s) = cw.ocds_award_status {
            self.award_status = s.as_str();
        }
        if let Some(s) = cw.ocds_contract_status {
            match project {
                Some(p) => {
                    self.project_status.insert(p.to_owned(), s.as_str());
                }
                None => self.contract_status = s.as_str(),
            }
        }
        let tag = cw.ocds_release_tag.map(|r| r.as_str())?;
        self.phase = self.phase.max(phase_of(tag));
        Some(tag)
    }

    fn contract_status_of(&self, project: &str) -> &'static str {
        self.project_status
            .get(project)
            .copied()
            .unwrap_or(self.contract_status)
    }
}

/// Names of organisations and state bodies by BIN.
struct Names<'a> {
    names: BTreeMap<Bin, &'a LocalizedText>,
}

impl<'a> Names<'a> {
    fn of(ds: &'a Dataset) -> Self {
        let mut names = BTreeMap::new();
        for o in &ds.organizations {
            names.insert(o.bin, &o.name);
        }
        for s in &ds.state_bodies {
            names.insert(s.bin, &s.name);
        }
        Names { names }
    }
}

struct Ctx<'a> {
    ds: &'a Dataset,
    settings: &'a OcdsSettings,
    names: Names<'a>,
    /// Projects of each order.
    projects: BTreeMap<&'a str, Vec<&'a Project>>,
    /// Applications of each order.
    applications: BTreeMap<&'a str, Vec<&'a engo_model::record::Application>>,
    /// Events of each (machine, entity), in log order.
    events: BTreeMap<(Machine, &'a str), Vec<&'a EventRecord>>,
}

impl<'a> Ctx<'a> {
    fn new(ds: &'a Dataset, settings: &'a OcdsSettings) -> Ctx<'a> {
        let mut projects: BTreeMap<&str, Vec<&Project>> = BTreeMap::new();
        for p in &ds.projects {
            if let ProjectSource::SocialOrder(o) = &p.source {
                projects.entry(o.as_str()).or_default().push(p);
            }
        }
        let mut applications: BTreeMap<&str, Vec<_>> = BTreeMap::new();
        for a in &ds.applications {
            if let ApplicationTarget::SocialOrder(o) = &a.target {
                applications.entry(o.as_str()).or_default().push(a);
            }
        }
        let mut events: BTreeMap<(Machine, &str), Vec<&EventRecord>> = BTreeMap::new();
        for e in &ds.events {
            events
                .entry((e.machine, e.entity.as_str()))
                .or_default()
                .push(e);
        }
        Ctx {
            ds,
            settings,
            names: Names::of(ds),
            projects,
            applications,
            events,
        }
    }
}

fn almaty() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).unwrap_or(*DateTime::UNIX_EPOCH.fixed_offset().offset())
}

fn start_of(d: NaiveDate) -> String {
    format!("{d}T00:00:00+05:00")
}

fn end_of(d: NaiveDate) -> String {
    format!("{d}T23:59:59+05:00")
}

fn value(m: engo_model::Money) -> J {
    J::obj()
        .with("amount", J::money(m))
        .with("currency", J::s("KZT"))
}

impl Ctx<'_> {
    fn lang(&self) -> Lang {
        self.settings.language
    }

    /// Sets `field` in the release language and `field_<lang>` for every language present.
    fn text(&self, mut obj: J, field: &str, t: &LocalizedText) -> J {
        obj.set(field, J::s(t.get(self.lang())));
        for (lang, s) in t.iter() {
            obj.set(&format!("{field}_{}", lang.code()), J::s(s));
        }
        obj
    }

    fn name_of(&self, bin: Bin) -> Option<&LocalizedText> {
        self.names.names.get(&bin).copied()
    }

    fn org_ref(&self, bin: Bin) -> J {
        let name = self
            .name_of(bin)
            .map(|n| n.get(self.lang()).to_owned())
            .unwrap_or_else(|| bin.org_id().to_string());
        J::obj()
            .with("id", J::s(bin.org_id().to_string()))
            .with("name", J::s(name))
    }

    fn party(&self, bin: Bin, roles: &[&'static str]) -> J {
        let mut p = J::obj().with("id", J::s(bin.org_id().to_string()));
        match self.name_of(bin) {
            Some(n) => p = self.text(p, "name", n),
            None => p = p.with("name", J::s(bin.org_id().to_string())),
        }
        let legal = self
            .name_of(bin)
            .map(|n| n.get(self.lang()).to_owned())
            .unwrap_or_else(|| bin.org_id().to_string());
        p.with(
            "identifier",
            J::obj()
                .with("scheme", J::s("KZ-BIN"))
                .with("id", J::s(bin.as_str()))
                .with("legalName", J::s(legal)),
        )
        .with("roles", J::Arr(roles.iter().map(|r| J::s(*r)).collect()))
    }

    fn metric(&self, ind: &Indicator, target: bool, upto: Option<DateTime<FixedOffset>>) -> J {
        let unit = J::obj().with("name", J::s(ind.unit.get(self.lang())));
        let mut observations = Vec::new();
        if target {
            observations.push(
                J::obj()
                    .with("id", J::s("target"))
                    .with("measure", J::quantity(ind.target))
                    .with("unit", unit.clone()),
            );
        } else {
            if let Some(b) = ind.baseline {
                observations.push(
                    J::obj()
                        .with("id", J::s("baseline"))
                        .with("measure", J::quantity(b))
                        .with("unit", unit.clone()),
                );
            }
            for (i, o) in ind.actuals.iter().enumerate() {
                if !Self::by(o.period.end, upto) {
                    continue;
                }
                observations.push(
                    J::obj()
                        .with("id", J::s(format!("actual-{}", i + 1)))
                        .with(
                            "period",
                            J::obj()
                                .with("startDate", J::s(start_of(o.period.start)))
                                .with("endDate", J::s(end_of(o.period.end))),
                        )
                        .with("measure", J::quantity(o.value))
                        .with("unit", unit.clone()),
                );
            }
        }
        self.text(
            J::obj().with("id", J::s(ind.id.as_str())),
            "title",
            &ind.title,
        )
        .with("observations", J::Arr(observations))
    }

    /// Whether a day is on or before the release date.
    fn by(day: NaiveDate, upto: Option<DateTime<FixedOffset>>) -> bool {
        upto.is_none_or(|u| day <= u.with_timezone(&almaty()).date_naive())
    }

    fn contract(
        &self,
        p: &Project,
        ocid: &str,
        progress: &Progress,
        upto: Option<DateTime<FixedOffset>>,
    ) -> J {
        let mut milestones = Vec::new();
        for m in &p.milestones {
            let met = m.date_met.filter(|d| Self::by(*d, upto));
            let status = match m.status {
                MilestoneStage::Met | MilestoneStage::PartiallyMet if met.is_none() => "scheduled",
                MilestoneStage::Met => "met",
                MilestoneStage::PartiallyMet => "partiallyMet",
                MilestoneStage::NotMet if Self::by(m.due_date, upto) => "notMet",
                MilestoneStage::NotMet | MilestoneStage::Scheduled => "scheduled",
            };
            let kind = match m.kind {
                MilestoneType::PreProcurement => "preProcurement",
                MilestoneType::Approval => "approval",
                MilestoneType::Engagement => "engagement",
                MilestoneType::Assessment => "assessment",
                MilestoneType::Delivery => "delivery",
                MilestoneType::Reporting => "reporting",
                MilestoneType::Financing => "financing",
                MilestoneType::Payment => "payment",
            };
            let mj = self
                .text(J::obj().with("id", J::s(m.id.as_str())), "title", &m.title)
                .with("type", J::s(kind))
                .with("dueDate", J::s(end_of(m.due_date)))
                .with("status", J::s(status))
                .with_opt(
                    "dateMet",
                    met.filter(|_| status == "met" || status == "partiallyMet")
                        .map(|d| J::s(start_of(d))),
                );
            milestones.push(mj);
        }
        let transactions: Vec<J> = p
            .tranches
            .iter()
            .filter(|t| Self::by(t.date, upto))
            .map(|t| {
                J::obj()
                    .with("id", J::s(t.id.as_str()))
                    .with("date", J::s(start_of(t.date)))
                    .with("value", value(t.amount))
                    .with("payer", self.org_ref(t.payer))
                    .with("payee", self.org_ref(t.payee))
            })
            .collect();
        let documents: Vec<J> = p
            .reports
            .iter()
            .filter(|r| Self::by(r.submitted_on, upto))
            .map(|r| {
                let t = match r.kind {
                    ReportKind::Progress => "physicalProgressReport",
                    ReportKind::Financial => "financialProgressReport",
                    ReportKind::FinalAudit => "finalAudit",
                    ReportKind::Completion => "completionCertificate",
                };
                J::obj()
                    .with("id", J::s(r.id.as_str()))
                    .with("documentType", J::s(t))
                    .with("datePublished", J::s(start_of(r.submitted_on)))
                    .with_opt("url", r.url.clone().map(J::s))
            })
            .collect();
        let mut c = J::obj()
            .with("id", J::s(p.id.as_str()))
            .with("awardID", J::s(format!("{ocid}-award-{}", p.id)));
        c = self.text(c, "title", &p.title);
        c = c
            .with("status", J::s(progress.contract_status_of(p.id.as_str())))
            .with(
                "period",
                J::obj()
                    .with("startDate", J::s(start_of(p.period.start)))
                    .with("endDate", J::s(end_of(p.period.end))),
            )
            .with("value", value(p.budget))
            .with_opt("dateSigned", progress.date_signed.clone().map(J::s));
        if !p.indicators.is_empty() {
            c.set(
                "agreedMetrics",
                J::Arr(
                    p.indicators
                        .iter()
                        .map(|i| self.metric(i, true, upto))
                        .collect(),
                ),
            );
        }
        if progress.phase >= 4 {
            let mut imp = J::obj();
            if !milestones.is_empty() {
                imp.set("milestones", J::Arr(milestones));
            }
            if !transactions.is_empty() {
                imp.set("transactions", J::Arr(transactions));
            }
            if !documents.is_empty() {
                imp.set("documents", J::Arr(documents));
            }
            // A metric needs at least one observation (the extension's `minItems`).
            let metrics: Vec<J> = p
                .indicators
                .iter()
                .map(|i| self.metric(i, false, upto))
                .filter(|m| !matches!(m.get("observations"), Some(J::Arr(o)) if o.is_empty()))
                .collect();
            if !metrics.is_empty() {
                imp.set("metrics", J::Arr(metrics));
            }
            if imp != J::obj() {
                c.set("implementation", imp);
            }
        }
        c
    }

    /// One release of `order`.
    fn release(
        &self,
        order: &SocialOrder,
        id: String,
        date: String,
        tags: Vec<&'static str>,
        progress: &Progress,
        upto: Option<DateTime<FixedOffset>>,
    ) -> J {
        let ocid = format!("{}-{}", self.settings.ocid_prefix, order.id);
        let projects: Vec<&Project> = self
            .projects
            .get(order.id.as_str())
            .cloned()
            .unwrap_or_default();
        let applicants: Vec<Bin> = {
            let mut seen = Vec::new();
            for a in self
                .applications
                .get(order.id.as_str())
                .into_iter()
                .flatten()
            {
                let submitted = a.submitted_at.is_none_or(|s| upto.is_none_or(|u| s <= u));
                if submitted && !seen.contains(&a.applicant) {
                    seen.push(a.applicant);
                }
            }
            seen
        };
        // Parties with their roles, in a stable order.
        let mut roles: Vec<(Bin, Vec<&'static str>)> = Vec::new();
        let mut add = |bin: Bin, role: &'static str| match roles.iter_mut().find(|(b, _)| *b == bin)
        {
            Some((_, r)) => {
                if !r.contains(&role) {
                    r.push(role);
                }
            }
            None => roles.push((bin, vec![role])),
        };
        add(order.customer, "buyer");
        add(order.customer, "procuringEntity");
        add(order.customer, "payer");
        if progress.phase >= 1 {
            for a in &applicants {
                add(*a, "tenderer");
            }
        }
        if progress.phase >= 2 {
            for p in &projects {
                add(p.implementer, "supplier");
                add(p.implementer, "payee");
            }
        }
        if progress.phase >= 4 {
            for p in &projects {
                for t in p.tranches.iter().filter(|t| Self::by(t.date, upto)) {
                    add(t.payer, "payer");
                    add(t.payee, "payee");
                }
            }
        }
        let parties: Vec<J> = roles.iter().map(|(b, r)| self.party(*b, r)).collect();
        let mut budget = J::obj().with("id", J::s(order.id.as_str()));
        budget = self.text(budget, "description", &order.title);
        budget = budget.with("amount", value(order.budget));
        let mut rel = J::obj()
            .with("ocid", J::s(&ocid))
            .with("id", J::s(id))
            .with("date", J::s(date))
            .with("tag", J::Arr(tags.into_iter().map(J::s).collect()))
            .with("initiationType", J::s("tender"))
            .with("language", J::s(self.lang().code()))
            .with("parties", J::Arr(parties))
            .with("buyer", self.org_ref(order.customer))
            .with("planning", J::obj().with("budget", budget));
        if progress.phase >= 1 {
            let mut tender = J::obj().with("id", J::s(order.id.as_str()));
            tender = self.text(tender, "title", &order.title);
            if let Some(d) = &order.description {
                tender = self.text(tender, "description", d);
            }
            let method = order
                .procurement
                .as_ref()
                .map_or("open", |p| match p.method {
                    engo_model::record::ProcurementMethod::Open => "open",
                    engo_model::record::ProcurementMethod::Selective => "selective",
                    engo_model::record::ProcurementMethod::Limited => "limited",
                    engo_model::record::ProcurementMethod::Direct => "direct",
                });
            tender = tender
                .with("status", J::s(progress.tender_status))
                .with("procuringEntity", self.org_ref(order.customer))
                .with("value", value(order.budget))
                .with("procurementMethod", J::s(method))
                .with(
                    "procurementMethodDetails",
                    J::s("Мемлекеттік әлеуметтік тапсырыс / Государственный социальный заказ"),
                )
                .with("mainProcurementCategory", J::s("services"))
                .with(
                    "contractPeriod",
                    J::obj()
                        .with("startDate", J::s(start_of(order.period.start)))
                        .with("endDate", J::s(end_of(order.period.end))),
                );
            if !applicants.is_empty() {
                tender = tender
                    .with(
                        "tenderers",
                        J::Arr(applicants.iter().map(|b| self.org_ref(*b)).collect()),
                    )
                    .with("numberOfTenderers", J::int(applicants.len() as i64));
            }
            if !order.indicators.is_empty() {
                tender = tender.with(
                    "targets",
                    J::Arr(
                        order
                            .indicators
                            .iter()
                            .map(|i| self.metric(i, true, upto))
                            .collect(),
                    ),
                );
            }
            rel.set("tender", tender);
        }
        if progress.phase >= 2 && !projects.is_empty() {
            let awards = projects
                .iter()
                .map(|p| {
                    J::obj()
                        .with("id", J::s(format!("{ocid}-award-{}", p.id)))
                        .with("status", J::s(progress.award_status))
                        .with_opt("date", progress.award_date.clone().map(J::s))
                        .with("value", value(p.budget))
                        .with("suppliers", J::Arr(vec![self.org_ref(p.implementer)]))
                })
                .collect();
            rel.set("awards", J::Arr(awards));
        }
        if progress.phase >= 3 && !projects.is_empty() {
            let contracts = projects
                .iter()
                .map(|p| self.contract(p, &ocid, progress, upto))
                .collect();
            rel.set("contracts", J::Arr(contracts));
        }
        rel
    }

    /// The releases of one order, in date order.
    fn releases(&self, order: &SocialOrder) -> Vec<J> {
        let ocid = format!("{}-{}", self.settings.ocid_prefix, order.id);
        let projects = self.projects.get(order.id.as_str());
        let mut keys: Vec<(Machine, String)> =
            vec![(Machine::SocialOrder, order.id.as_str().to_owned())];
        for p in projects.into_iter().flatten() {
            keys.push((Machine::Project, p.id.as_str().to_owned()));
            for m in &p.milestones {
                if let Some(r) = milestone_entity(&p.id, &m.id) {
                    keys.push((Machine::Milestone, r.as_str().to_owned()));
                }
            }
        }
        for a in self
            .applications
            .get(order.id.as_str())
            .into_iter()
            .flatten()
        {
            keys.push((Machine::Application, a.id.as_str().to_owned()));
        }
        let mut events: Vec<&EventRecord> = keys
            .iter()
            .filter_map(|(m, e)| self.events.get(&(*m, e.as_str())))
            .flatten()
            .copied()
            .collect();
        // Stable: each record's events keep their order.
        events.sort_by_key(|e| e.at);
        let mut progress = Progress::start();
        if events.is_empty() {
            // No audit log: one release at publication, tagged with every stage reached on the
            // shortest path of the table to the order's current stage.
            let mut tags: Vec<&'static str> = Vec::new();
            let to = Stage::SocialOrder(order.stage);
            for t in shortest_path(Stage::initial(Machine::SocialOrder), to).unwrap_or_default() {
                if let Some(tag) = progress.apply(t, None)
                    && !tags.contains(&tag)
                {
                    tags.push(tag);
                }
            }
            if tags.is_empty() {
                tags.push("planning");
            }
            let date = self.ds.published_at.to_rfc3339();
            let id = format!("{ocid}-{}", self.ds.published_at.format("%Y%m%dT%H%M%S"));
            return vec![self.release(order, id, date, tags, &progress, None)];
        }
        let mut stages: BTreeMap<(Machine, &str), Stage> = BTreeMap::new();
        let mut out = Vec::new();
        for e in events {
            let key = (e.machine, e.entity.as_str());
            let from = stages
                .get(&key)
                .copied()
                .unwrap_or_else(|| Stage::initial(e.machine));
            // An event the table does not allow from the replayed stage publishes nothing.
            let Some(t) = find(from, e.event) else {
                continue;
            };
            stages.insert(key, t.to);
            let project = (e.machine == Machine::Project).then(|| e.entity.as_str());
            let Some(tag) = progress.apply(t, project) else {
                continue;
            };
            if e.machine == Machine::SocialOrder {
                match tag {
                    "award" => progress.award_date = Some(e.at.to_rfc3339()),
                    "contract" => progress.date_signed = Some(e.at.to_rfc3339()),
                    _ => {}
                }
            }
            let id = format!("{ocid}-{}-{}-{}", e.machine, e.entity, e.seq);
            out.push(self.release(
                order,
                id,
                e.at.to_rfc3339(),
                vec![tag],
                &progress,
                Some(e.at),
            ));
        }
        if out.is_empty() {
            let date = self.ds.published_at.to_rfc3339();
            let id = format!("{ocid}-{}", self.ds.published_at.format("%Y%m%dT%H%M%S"));
            out.push(self.release(order, id, date, vec!["planning"], &progress, None));
        }
        out
    }
}

fn publisher(ds: &Dataset, settings: &OcdsSettings) -> J {
    let name = settings
        .publisher_name
        .clone()
        .unwrap_or_else(|| ds.publisher.name.get(settings.language).to_owned());
    J::obj()
        .with("name", J::s(name))
        .with("scheme", J::s("KZ-BIN"))
        .with("uid", J::s(ds.publisher.org_id.bin().as_str()))
}

/// The release package of the social orders of `ds` (pretty JSON text).
pub fn release_package(ds: &Dataset, settings: &OcdsSettings) -> String {
    release_package_tree(ds, settings).to_pretty()
}

fn release_package_tree(ds: &Dataset, settings: &OcdsSettings) -> J {
    let ctx = Ctx::new(ds, settings);
    let releases: Vec<J> = ds
        .social_orders
        .iter()
        .flat_map(|o| ctx.releases(o))
        .collect();
    package_head(ds, settings, "release-package.json").with("releases", J::Arr(releases))
}

/// The fields a release package and a record package share.
fn package_head(ds: &Dataset, settings: &OcdsSettings, file: &str) -> J {
    J::obj()
        .with("uri", J::s(format!("{}{file}", settings.base_uri)))
        .with("version", J::s("1.1"))
        .with(
            "extensions",
            J::Arr(settings.extensions.iter().map(J::s).collect()),
        )
        .with("publishedDate", J::s(ds.published_at.to_rfc3339()))
        .with("publisher", publisher(ds, settings))
        .with("license", J::s(&settings.license))
        .with("publicationPolicy", J::s(&settings.publication_policy))
}

/// The record package: per ocid, links to its releases and the compiled release.
pub fn record_package(ds: &Dataset, settings: &OcdsSettings) -> String {
    let ctx = Ctx::new(ds, settings);
    let package_uri = format!("{}release-package.json", settings.base_uri);
    let mut records = Vec::new();
    for order in &ds.social_orders {
        let releases = ctx.releases(order);
        let ocid = format!("{}-{}", settings.ocid_prefix, order.id);
        let mut compiled = J::obj();
        let mut links = Vec::new();
        let mut last_date = J::s(ds.published_at.to_rfc3339());
        for r in &releases {
            let id = match r.get("id") {
                Some(J::Str(s)) => s.clone(),
                _ => String::new(),
            };
            if let Some(d) = r.get("date") {
                last_date = d.clone();
            }
            links.push(
                J::obj()
                    .with("url", J::s(format!("{package_uri}#{id}")))
                    .with_opt("date", r.get("date").cloned())
                    .with_opt("tag", r.get("tag").cloned()),
            );
            let mut body = r.clone();
            if let J::Obj(props) = &mut body {
                props.retain(|(k, _)| !matches!(k.as_str(), "id" | "date" | "tag"));
            }
            merge(&mut compiled, &body);
        }
        let mut rel = J::obj()
            .with("ocid", J::s(&ocid))
            .with("id", J::s(format!("{ocid}-compiled")))
            .with("date", last_date)
            .with("tag", J::Arr(vec![J::s("compiled")]));
        if let J::Obj(props) = compiled {
            for (k, v) in props {
                if k != "ocid" {
                    rel.set(&k, v);
                }
            }
        }
        records.push(
            J::obj()
                .with("ocid", J::s(ocid))
                .with("releases", J::Arr(links))
                .with("compiledRelease", rel),
        );
    }
    package_head(ds, settings, "record-package.json")
        .with("packages", J::Arr(vec![J::s(package_uri)]))
        .with("records", J::Arr(records))
        .to_pretty()
}
