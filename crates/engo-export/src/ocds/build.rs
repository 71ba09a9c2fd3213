//! The releases of a social order, from the audit log: its events and those of its
//! applications, projects and milestones, replayed through the transition tables.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use engo_model::{
    Bin, Dataset, DatasetIndex, Lang, LocalizedText,
    classifier::priority_areas,
    lifecycle::{
        ApplicationStage, EventKind, EventRecord, Machine, MilestoneStage, Stage, Transition, find,
        import, milestone_entity, shortest_path,
    },
    record::{Indicator, MilestoneType, ProcurementMethod, Project, ReportKind, SocialOrder},
};

use super::{
    OcdsSettings, PRIORITY_AREA_SCHEME,
    bid::bid_status,
    release::{
        Award, AwardId, Bid, Bids, Budget, Classification, Contract, DayEnd, DayStart, Document,
        FieldOrder, Identifier, Implementation, Item, Localized, Metric, Milestone, Observation,
        ObservationId, Ocid, OrgName, OrgRef, Party, PartyName, Planning, Release, ReleaseId,
        ReleaseKind, Tender, TenderPeriod, Transaction, Unit, Value,
    },
};
use crate::pretty::{QuantityNumber, Timestamp};

/// How far a process got, and its statuses, at one release.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Progress<'a> {
    /// 0 planning, 1 tender, 2 award, 3 contract, 4 implementation, 5 terminated.
    phase: u8,
    tender_status: &'static str,
    award_status: &'static str,
    /// `contracts[].status` of every contract, and per project where a project event said more.
    contract_status: &'static str,
    project_status: BTreeMap<&'a str, &'static str>,
    /// When the award was decided and the contract signed (from the events).
    award_date: Option<DateTime<FixedOffset>>,
    date_signed: Option<DateTime<FixedOffset>>,
    /// The application window published: the first one from its `announce`, then each one
    /// once closed by its `open_bid_review` (an open window of a competition announced again
    /// is not published over the closed one before it: the compiled release would keep the
    /// old end after the new start).
    tender_period: Option<TenderPeriod>,
    /// The last `announce` of the order.
    announced: Option<DateTime<FixedOffset>>,
    /// The stage of each application replayed so far, by application id.
    applications: BTreeMap<&'a str, ApplicationStage>,
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

impl<'a> Progress<'a> {
    fn start() -> Progress<'a> {
        Progress {
            phase: 0,
            tender_status: "planning",
            award_status: "pending",
            contract_status: "pending",
            project_status: BTreeMap::new(),
            award_date: None,
            date_signed: None,
            tender_period: None,
            announced: None,
            applications: BTreeMap::new(),
        }
    }

    /// Notes what an event of the log says beyond the crosswalk: the application window (from
    /// the order's events) and the stage an application reached.
    fn observe(&mut self, e: &'a EventRecord, to: Stage) {
        match (e.machine, e.event, to) {
            (Machine::SocialOrder, EventKind::Announce, _) => {
                self.announced = Some(e.at);
                self.tender_period.get_or_insert(TenderPeriod {
                    start_date: Timestamp(e.at),
                    end_date: None,
                });
            }
            (Machine::SocialOrder, EventKind::OpenBidReview, _) => {
                if let Some(start) = self.announced {
                    self.tender_period = Some(TenderPeriod {
                        start_date: Timestamp(start),
                        end_date: Some(Timestamp(e.at)),
                    });
                }
            }
            (Machine::Application, _, Stage::Application(stage)) => {
                self.applications.insert(e.entity.as_str(), stage);
            }
            _ => {}
        }
    }

    /// Applies the crosswalk of a transition (of the order, or of a project when `project`),
    /// and gives its release tag, if it has one.
    fn apply(&mut self, t: &Transition, project: Option<&'a str>) -> Option<&'static str> {
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
                    self.project_status.insert(p, s.as_str());
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

/// The dataset indexed once for the releases of every order.
pub(super) struct Releases<'a> {
    ds: &'a Dataset,
    settings: &'a OcdsSettings,
    /// The dataset's records by id: names by BIN, an order's projects and applications, the
    /// events of each record.
    index: DatasetIndex,
}

fn almaty() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).unwrap_or(*DateTime::UNIX_EPOCH.fixed_offset().offset())
}

/// Whether a day is on or before the release date in Asia/Almaty (every day is, without one).
fn by(day: NaiveDate, upto: Option<DateTime<FixedOffset>>) -> bool {
    upto.is_none_or(|u| day <= u.with_timezone(&almaty()).date_naive())
}

impl<'a> Releases<'a> {
    pub(super) fn new(ds: &'a Dataset, settings: &'a OcdsSettings) -> Releases<'a> {
        Releases {
            ds,
            settings,
            index: DatasetIndex::new(ds),
        }
    }

    /// The ocid of the process of `order`.
    pub(super) fn ocid(&self, order: &'a SocialOrder) -> Ocid<'a> {
        Ocid {
            prefix: &self.settings.ocid_prefix,
            order: &order.id,
        }
    }

    fn lang(&self) -> Lang {
        self.settings.language
    }

    fn text(&self, field: &'static str, text: &'a LocalizedText) -> Localized<'a> {
        Localized {
            field,
            lang: self.lang(),
            text,
        }
    }

    fn name_of(&self, bin: Bin) -> OrgName<'a> {
        OrgName::of(self.index.name_of(self.ds, bin.as_str()), bin, self.lang())
    }

    fn org_ref(&self, bin: Bin) -> OrgRef<'a> {
        OrgRef {
            id: bin.org_id(),
            name: self.name_of(bin),
        }
    }

    fn party(&self, bin: Bin, roles: Vec<&'static str>) -> Party<'a> {
        Party {
            id: bin.org_id(),
            name: match self.index.name_of(self.ds, bin.as_str()) {
                Some(name) => PartyName::Named(self.text("name", name)),
                None => PartyName::Unnamed(bin),
            },
            identifier: Identifier {
                scheme: "KZ-BIN",
                id: bin,
                legal_name: self.name_of(bin),
            },
            roles,
        }
    }

    /// The targets of an indicator (`target`), or its baseline and the actuals of periods
    /// ended by the release date.
    fn metric(
        &self,
        ind: &'a Indicator,
        target: bool,
        upto: Option<DateTime<FixedOffset>>,
    ) -> Metric<'a> {
        let unit = ind.unit.get(self.lang());
        let mut observations = Vec::new();
        if target {
            observations.push(Observation::new(ObservationId::Target, ind.target, unit));
        } else {
            if let Some(b) = ind.baseline {
                observations.push(Observation::new(ObservationId::Baseline, b, unit));
            }
            for (i, o) in ind.actuals.iter().enumerate() {
                if by(o.period.end, upto) {
                    observations.push(Observation {
                        id: ObservationId::Actual(i + 1),
                        period: Some(o.period.into()),
                        measure: QuantityNumber(o.value),
                        unit: Unit { name: unit },
                    });
                }
            }
        }
        Metric {
            id: ind.id.as_str(),
            title: self.text("title", &ind.title),
            observations,
        }
    }

    /// What a project delivered by the release date: milestones, tranches, reports and the
    /// indicators' actuals.
    fn implementation(
        &self,
        p: &'a Project,
        upto: Option<DateTime<FixedOffset>>,
    ) -> Implementation<'a> {
        let milestones = p.milestones.iter().map(|m| {
            let met = m.date_met.filter(|d| by(*d, upto));
            let status = match m.status {
                MilestoneStage::Met | MilestoneStage::PartiallyMet if met.is_none() => "scheduled",
                MilestoneStage::Met => "met",
                MilestoneStage::PartiallyMet => "partiallyMet",
                MilestoneStage::NotMet if by(m.due_date, upto) => "notMet",
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
            Milestone {
                id: m.id.as_str(),
                title: self.text("title", &m.title),
                kind,
                due_date: DayEnd(m.due_date),
                status,
                date_met: met
                    .filter(|_| matches!(status, "met" | "partiallyMet"))
                    .map(DayStart),
            }
        });
        let transactions = p
            .tranches
            .iter()
            .filter(|t| by(t.date, upto))
            .map(|t| Transaction {
                id: t.id.as_str(),
                date: DayStart(t.date),
                value: Value::kzt(t.amount),
                payer: self.org_ref(t.payer),
                payee: self.org_ref(t.payee),
            });
        let documents = p
            .reports
            .iter()
            .filter(|r| by(r.submitted_on, upto))
            .map(|r| Document {
                id: r.id.as_str(),
                document_type: match r.kind {
                    ReportKind::Progress => "physicalProgressReport",
                    ReportKind::Financial => "financialProgressReport",
                    ReportKind::FinalAudit => "finalAudit",
                    ReportKind::Completion => "completionCertificate",
                },
                date_published: DayStart(r.submitted_on),
                url: r.url.as_deref(),
            });
        // A metric needs at least one observation (the extension's `minItems`).
        let metrics = p
            .indicators
            .iter()
            .map(|i| self.metric(i, false, upto))
            .filter(|m| !m.observations.is_empty());
        Implementation {
            milestones: milestones.collect(),
            transactions: transactions.collect(),
            documents: documents.collect(),
            metrics: metrics.collect(),
            order: FieldOrder::default(),
        }
    }

    fn contract(
        &self,
        p: &'a Project,
        ocid: Ocid<'a>,
        progress: &Progress<'a>,
        upto: Option<DateTime<FixedOffset>>,
    ) -> Contract<'a> {
        let implementation = (progress.phase >= 4)
            .then(|| self.implementation(p, upto))
            .filter(|imp| !imp.is_empty());
        Contract {
            id: p.id.as_str(),
            award_id: AwardId {
                ocid,
                project: p.id.as_str(),
            },
            title: self.text("title", &p.title),
            status: progress.contract_status_of(p.id.as_str()),
            period: p.period.into(),
            value: Value::kzt(p.budget),
            date_signed: progress.date_signed.map(Timestamp),
            agreed_metrics: p
                .indicators
                .iter()
                .map(|i| self.metric(i, true, upto))
                .collect(),
            implementation,
            order: FieldOrder::default(),
        }
    }

    /// The parties of a release with their roles, in a stable order: the customer, the
    /// applicants, the implementers, the payers and payees of tranches.
    fn parties(
        &self,
        order: &'a SocialOrder,
        applicants: &[Bin],
        projects: &[&'a Project],
        phase: u8,
        upto: Option<DateTime<FixedOffset>>,
    ) -> Vec<Party<'a>> {
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
        if phase >= 1 {
            for a in applicants {
                add(*a, "tenderer");
            }
        }
        if phase >= 2 {
            for p in projects {
                add(p.implementer, "supplier");
                add(p.implementer, "payee");
            }
        }
        if phase >= 4 {
            for p in projects {
                for t in p.tranches.iter().filter(|t| by(t.date, upto)) {
                    add(t.payer, "payer");
                    add(t.payee, "payee");
                }
            }
        }
        roles
            .into_iter()
            .map(|(bin, roles)| self.party(bin, roles))
            .collect()
    }

    fn tender(
        &self,
        order: &'a SocialOrder,
        applicants: &[Bin],
        progress: &Progress<'a>,
        upto: Option<DateTime<FixedOffset>>,
    ) -> Tender<'a> {
        let method = order
            .procurement
            .as_ref()
            .map_or("open", |p| match p.method {
                ProcurementMethod::Open => "open",
                ProcurementMethod::Selective => "selective",
                ProcurementMethod::Limited => "limited",
                ProcurementMethod::Direct => "direct",
            });
        Tender {
            id: order.id.as_str(),
            title: self.text("title", &order.title),
            description: order
                .description
                .as_ref()
                .map(|d| self.text("description", d)),
            status: progress.tender_status,
            procuring_entity: self.org_ref(order.customer),
            items: vec![Item {
                id: "1",
                description: self.text("description", &order.title),
                classification: Classification {
                    scheme: PRIORITY_AREA_SCHEME,
                    id: order.area.as_str(),
                    description: order
                        .area
                        .at(order.period.start)
                        .or_else(|| priority_areas().latest(order.area.as_str()))
                        .map(|a| a.name.get(self.lang())),
                },
            }],
            value: Value::kzt(order.budget),
            procurement_method: method,
            procurement_method_details: "Мемлекеттік әлеуметтік тапсырыс / Государственный социальный заказ",
            main_procurement_category: "services",
            tender_period: progress.tender_period,
            contract_period: order.period.into(),
            tenderers: applicants.iter().map(|b| self.org_ref(*b)).collect(),
            number_of_tenderers: (!applicants.is_empty()).then_some(applicants.len()),
            targets: order
                .indicators
                .iter()
                .map(|i| self.metric(i, true, upto))
                .collect(),
            order: FieldOrder::default(),
        }
    }

    /// One release of `order`, with the sections reached by `progress`.
    fn release(
        &self,
        order: &'a SocialOrder,
        kind: ReleaseKind<'a>,
        date: DateTime<FixedOffset>,
        tag: Vec<&'static str>,
        progress: &Progress<'a>,
        upto: Option<DateTime<FixedOffset>>,
    ) -> Release<'a> {
        let ocid = self.ocid(order);
        let projects: Vec<&'a Project> = self
            .index
            .projects_of_order(self.ds, order.id.as_str())
            .collect();
        let phase = progress.phase;
        let mut applicants: Vec<Bin> = Vec::new();
        let mut bids = Vec::new();
        let mut winners = Vec::new();
        for a in self.index.applications_of_order(self.ds, order.id.as_str()) {
            if a.stage == ApplicationStage::Winner {
                winners.push(a);
            }
            let submitted = a.submitted_at.is_none_or(|s| upto.is_none_or(|u| s <= u));
            if !submitted {
                continue;
            }
            if !applicants.contains(&a.applicant) {
                applicants.push(a.applicant);
            }
            // The stage replayed to the release; an application the log never names is at
            // the stage it has.
            let stage = match progress.applications.get(a.id.as_str()) {
                Some(stage) => *stage,
                None if self
                    .index
                    .events_of(self.ds, Machine::Application, a.id.as_str())
                    .next()
                    .is_some() =>
                {
                    ApplicationStage::Draft
                }
                None => a.stage,
            };
            if let Some(status) = bid_status(stage).filter(|_| phase >= 1) {
                bids.push(Bid {
                    id: a.id.as_str(),
                    date: a.submitted_at.map(Timestamp),
                    status,
                    tenderers: [self.org_ref(a.applicant)],
                    value: Value::kzt(a.requested),
                });
            }
        }
        let awards = projects.iter().map(|p| Award {
            id: AwardId {
                ocid,
                project: p.id.as_str(),
            },
            status: progress.award_status,
            date: progress.award_date.map(Timestamp),
            value: Value::kzt(p.budget),
            suppliers: vec![self.org_ref(p.implementer)],
            related_bid: winners
                .iter()
                .find(|a| a.applicant == p.implementer)
                .map(|a| a.id.as_str()),
            order: FieldOrder::default(),
        });
        let contracts = projects
            .iter()
            .map(|p| self.contract(p, ocid, progress, upto));
        Release {
            ocid,
            id: ReleaseId { ocid, kind },
            date: Timestamp(date),
            tag,
            initiation_type: "tender",
            language: self.lang().code(),
            parties: self.parties(order, &applicants, &projects, phase, upto),
            buyer: self.org_ref(order.customer),
            planning: Planning {
                budget: Budget {
                    id: order.id.as_str(),
                    description: self.text("description", &order.title),
                    amount: Value::kzt(order.budget),
                },
            },
            tender: (phase >= 1).then(|| self.tender(order, &applicants, progress, upto)),
            bids: (!bids.is_empty()).then_some(Bids { details: bids }),
            awards: if phase >= 2 {
                awards.collect()
            } else {
                Vec::new()
            },
            contracts: if phase >= 3 {
                contracts.collect()
            } else {
                Vec::new()
            },
            order: FieldOrder::default(),
        }
    }

    /// Calls `each` with every release of `order`, in date order, one at a time.
    pub(super) fn for_each<E>(
        &self,
        order: &'a SocialOrder,
        mut each: impl FnMut(Release<'a>) -> Result<(), E>,
    ) -> Result<(), E> {
        let published = self.ds.published_at;
        let mut events: Vec<&'a EventRecord> = Vec::new();
        let mut add = |machine: Machine, entity: &str| {
            events.extend(self.index.events_of(self.ds, machine, entity));
        };
        add(Machine::SocialOrder, order.id.as_str());
        for p in self.index.projects_of_order(self.ds, order.id.as_str()) {
            add(Machine::Project, p.id.as_str());
            for m in &p.milestones {
                if let Some(r) = milestone_entity(&p.id, &m.id) {
                    add(Machine::Milestone, r.as_str());
                }
            }
        }
        for a in self.index.applications_of_order(self.ds, order.id.as_str()) {
            add(Machine::Application, a.id.as_str());
        }
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
            let kind = ReleaseKind::Published(published);
            return each(self.release(order, kind, published, tags, &progress, None));
        }
        let mut stages: BTreeMap<(Machine, &str), Stage> = BTreeMap::new();
        let mut any = false;
        for e in events {
            let key = (e.machine, e.entity.as_str());
            let from = stages
                .get(&key)
                .copied()
                .unwrap_or_else(|| Stage::initial(e.machine));
            // A record taken over from an earlier register: one release at the import, tagged
            // with every stage on the table's shortest path to the stage it states.
            if e.event == EventKind::Import {
                let to = e
                    .payload
                    .stage
                    .as_deref()
                    .and_then(|name| Stage::parse(e.machine, name).ok());
                let Some(to) = to.filter(|to| import(from, *to).is_some()) else {
                    continue;
                };
                stages.insert(key, to);
                progress.observe(e, to);
                let project = (e.machine == Machine::Project).then(|| e.entity.as_str());
                let mut tags: Vec<&'static str> = Vec::new();
                for t in shortest_path(from, to).unwrap_or_default() {
                    if let Some(tag) = progress.apply(t, project)
                        && !tags.contains(&tag)
                    {
                        tags.push(tag);
                    }
                }
                if tags.is_empty() {
                    continue;
                }
                if e.machine == Machine::SocialOrder {
                    if tags.contains(&"award") {
                        progress.award_date = Some(e.at);
                    }
                    if tags.contains(&"contract") {
                        progress.date_signed = Some(e.at);
                    }
                }
                let kind = ReleaseKind::Import {
                    machine: e.machine,
                    entity: &e.entity,
                    seq: e.seq,
                };
                any = true;
                each(self.release(order, kind, e.at, tags, &progress, Some(e.at)))?;
                continue;
            }
            // An event the table does not allow from the replayed stage publishes nothing.
            let Some(t) = find(from, e.event) else {
                continue;
            };
            stages.insert(key, t.to);
            progress.observe(e, t.to);
            let project = (e.machine == Machine::Project).then(|| e.entity.as_str());
            let Some(tag) = progress.apply(t, project) else {
                continue;
            };
            if e.machine == Machine::SocialOrder {
                match tag {
                    "award" => progress.award_date = Some(e.at),
                    "contract" => progress.date_signed = Some(e.at),
                    _ => {}
                }
            }
            let kind = ReleaseKind::Event {
                machine: e.machine,
                entity: &e.entity,
                seq: e.seq,
            };
            any = true;
            each(self.release(order, kind, e.at, vec![tag], &progress, Some(e.at)))?;
        }
        if !any {
            let kind = ReleaseKind::Published(published);
            each(self.release(order, kind, published, vec!["planning"], &progress, None))?;
        }
        Ok(())
    }
}
