//! One record of any kind, the NDJSON line, and the conversion of a [`Dataset`] to and from a
//! stream of records.

use chrono::{DateTime, FixedOffset};
use engo_model::{
    Dataset, Publisher,
    lifecycle::EventRecord,
    record::{
        Application, Award, Body, Evaluation, Expert, ForeignFundingEntry, Grant, MediationCase,
        Organization, PartnershipOrder, Plan, Project, SocialOrder, StateBody, VolunteerActivity,
    },
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a dataset says about itself: format version, publisher and publication time. The first
/// line of an NDJSON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Header {
    /// Version of the dataset format ([`engo_model::SCHEMA_VERSION`]).
    #[serde(deserialize_with = "engo_model::text::deserialize_plain")]
    pub schema_version: String,
    /// Publisher.
    pub publisher: Publisher,
    /// When published.
    pub published_at: DateTime<FixedOffset>,
}

impl Header {
    /// The header of `ds`.
    pub fn of(ds: &Dataset) -> Header {
        Header {
            schema_version: ds.schema_version.clone(),
            publisher: ds.publisher.clone(),
            published_at: ds.published_at,
        }
    }

    /// An empty dataset with this header.
    pub fn into_dataset(self) -> Dataset {
        let mut ds = Dataset::new(self.publisher, self.published_at);
        ds.schema_version = self.schema_version;
        ds
    }

    /// The dataset of this header with `records` appended to their collections, in order.
    pub fn with_records(self, records: impl IntoIterator<Item = Record>) -> Dataset {
        let mut ds = self.into_dataset();
        for r in records {
            r.push_into(&mut ds);
        }
        ds
    }
}

/// One record of a dataset, with its kind.
///
/// Serialized as `{"kind": "organization", "record": {…}}`. The kinds follow the order of the
/// dataset's collections ([`Kind`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Record {
    /// An NGO of the register.
    Organization(Organization),
    /// A state body.
    StateBody(StateBody),
    /// A state social order.
    SocialOrder(SocialOrder),
    /// A grant.
    Grant(Grant),
    /// An award.
    Award(Award),
    /// An application.
    Application(Application),
    /// An evaluation.
    Evaluation(Evaluation),
    /// An expert.
    Expert(Expert),
    /// A project.
    Project(Project),
    /// A mediation case.
    MediationCase(MediationCase),
    /// A plan of grants or of the social order.
    Plan(Plan),
    /// A state order for strategic partnership.
    PartnershipOrder(PartnershipOrder),
    /// An entry of the register of foreign funding.
    ForeignFundingEntry(ForeignFundingEntry),
    /// An expert or civil-society body.
    Body(Body),
    /// A volunteer programme or action.
    VolunteerActivity(VolunteerActivity),
    /// A stage event of the audit log.
    Event(EventRecord),
}

/// Evaluates `$expr` with `$body` bound to the body of `$record` (a `&Record`), whatever its
/// kind: for what is done the same way to every kind's body.
macro_rules! with_body {
    ($record:expr, $body:ident => $expr:expr) => {
        match $record {
            $crate::record::Record::Organization($body) => $expr,
            $crate::record::Record::StateBody($body) => $expr,
            $crate::record::Record::SocialOrder($body) => $expr,
            $crate::record::Record::Grant($body) => $expr,
            $crate::record::Record::Award($body) => $expr,
            $crate::record::Record::Application($body) => $expr,
            $crate::record::Record::Evaluation($body) => $expr,
            $crate::record::Record::Expert($body) => $expr,
            $crate::record::Record::Project($body) => $expr,
            $crate::record::Record::MediationCase($body) => $expr,
            $crate::record::Record::Plan($body) => $expr,
            $crate::record::Record::PartnershipOrder($body) => $expr,
            $crate::record::Record::ForeignFundingEntry($body) => $expr,
            $crate::record::Record::Body($body) => $expr,
            $crate::record::Record::VolunteerActivity($body) => $expr,
            $crate::record::Record::Event($body) => $expr,
        }
    };
}
pub(crate) use with_body;

/// The kind of a [`Record`], in the order of the dataset's collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// `organization`, collection `organizations`.
    Organization,
    /// `state_body`, collection `state_bodies`.
    StateBody,
    /// `social_order`, collection `social_orders`.
    SocialOrder,
    /// `grant`, collection `grants`.
    Grant,
    /// `award`, collection `awards`.
    Award,
    /// `application`, collection `applications`.
    Application,
    /// `evaluation`, collection `evaluations`.
    Evaluation,
    /// `expert`, collection `experts`.
    Expert,
    /// `project`, collection `projects`.
    Project,
    /// `mediation_case`, collection `mediation_cases`.
    MediationCase,
    /// `plan`, collection `plans`.
    Plan,
    /// `partnership_order`, collection `partnership_orders`.
    PartnershipOrder,
    /// `foreign_funding_entry`, collection `foreign_funding_entries`.
    ForeignFundingEntry,
    /// `body`, collection `bodies`.
    Body,
    /// `volunteer_activity`, collection `volunteer_activities`.
    VolunteerActivity,
    /// `event`, collection `events`.
    Event,
}

impl Kind {
    /// Every kind, in dataset order.
    pub const ALL: [Kind; 16] = [
        Kind::Organization,
        Kind::StateBody,
        Kind::SocialOrder,
        Kind::Grant,
        Kind::Award,
        Kind::Application,
        Kind::Evaluation,
        Kind::Expert,
        Kind::Project,
        Kind::MediationCase,
        Kind::Plan,
        Kind::PartnershipOrder,
        Kind::ForeignFundingEntry,
        Kind::Body,
        Kind::VolunteerActivity,
        Kind::Event,
    ];

    /// The kind's name in NDJSON (`social_order`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::StateBody => "state_body",
            Kind::SocialOrder => "social_order",
            Kind::Grant => "grant",
            Kind::Award => "award",
            Kind::Application => "application",
            Kind::Evaluation => "evaluation",
            Kind::Expert => "expert",
            Kind::Project => "project",
            Kind::MediationCase => "mediation_case",
            Kind::Plan => "plan",
            Kind::PartnershipOrder => "partnership_order",
            Kind::ForeignFundingEntry => "foreign_funding_entry",
            Kind::Body => "body",
            Kind::VolunteerActivity => "volunteer_activity",
            Kind::Event => "event",
        }
    }

    /// The name of the dataset collection (`social_orders`), also the JSON property, the XML
    /// element and the CSV table.
    pub fn collection(self) -> &'static str {
        match self {
            Kind::Organization => "organizations",
            Kind::StateBody => "state_bodies",
            Kind::SocialOrder => "social_orders",
            Kind::Grant => "grants",
            Kind::Award => "awards",
            Kind::Application => "applications",
            Kind::Evaluation => "evaluations",
            Kind::Expert => "experts",
            Kind::Project => "projects",
            Kind::MediationCase => "mediation_cases",
            Kind::Plan => "plans",
            Kind::PartnershipOrder => "partnership_orders",
            Kind::ForeignFundingEntry => "foreign_funding_entries",
            Kind::Body => "bodies",
            Kind::VolunteerActivity => "volunteer_activities",
            Kind::Event => "events",
        }
    }

    /// Whether the dataset's JSON leaves the collection out when it is empty: the collections
    /// added after the format's first version (from `plans` on), so that a dataset without them
    /// is written as it was before they came.
    pub fn omitted_when_empty(self) -> bool {
        matches!(
            self,
            Kind::Plan
                | Kind::PartnershipOrder
                | Kind::ForeignFundingEntry
                | Kind::VolunteerActivity
                | Kind::Body
        )
    }

    /// The kind whose collection is named `name`.
    pub fn from_collection(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.collection() == name)
    }
}

impl Record {
    /// The record's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Record::Organization(_) => Kind::Organization,
            Record::StateBody(_) => Kind::StateBody,
            Record::SocialOrder(_) => Kind::SocialOrder,
            Record::Grant(_) => Kind::Grant,
            Record::Award(_) => Kind::Award,
            Record::Application(_) => Kind::Application,
            Record::Evaluation(_) => Kind::Evaluation,
            Record::Expert(_) => Kind::Expert,
            Record::Project(_) => Kind::Project,
            Record::MediationCase(_) => Kind::MediationCase,
            Record::Plan(_) => Kind::Plan,
            Record::PartnershipOrder(_) => Kind::PartnershipOrder,
            Record::ForeignFundingEntry(_) => Kind::ForeignFundingEntry,
            Record::Body(_) => Kind::Body,
            Record::VolunteerActivity(_) => Kind::VolunteerActivity,
            Record::Event(_) => Kind::Event,
        }
    }

    /// Deserializes a record of `kind` from its JSON value.
    pub fn from_value(kind: Kind, value: serde_json::Value) -> Result<Record, serde_json::Error> {
        use serde_json::from_value;
        Ok(match kind {
            Kind::Organization => Record::Organization(from_value(value)?),
            Kind::StateBody => Record::StateBody(from_value(value)?),
            Kind::SocialOrder => Record::SocialOrder(from_value(value)?),
            Kind::Grant => Record::Grant(from_value(value)?),
            Kind::Award => Record::Award(from_value(value)?),
            Kind::Application => Record::Application(from_value(value)?),
            Kind::Evaluation => Record::Evaluation(from_value(value)?),
            Kind::Expert => Record::Expert(from_value(value)?),
            Kind::Project => Record::Project(from_value(value)?),
            Kind::MediationCase => Record::MediationCase(from_value(value)?),
            Kind::Plan => Record::Plan(from_value(value)?),
            Kind::PartnershipOrder => Record::PartnershipOrder(from_value(value)?),
            Kind::ForeignFundingEntry => Record::ForeignFundingEntry(from_value(value)?),
            Kind::Body => Record::Body(from_value(value)?),
            Kind::VolunteerActivity => Record::VolunteerActivity(from_value(value)?),
            Kind::Event => Record::Event(from_value(value)?),
        })
    }

    /// The record body as a JSON value (without the kind).
    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        with_body!(self, body => serde_json::to_value(body))
    }

    /// The record body as pretty JSON, fields in the model's order (without the kind).
    pub fn to_json_pretty(&self) -> Result<Vec<u8>, serde_json::Error> {
        with_body!(self, body => serde_json::to_vec_pretty(body))
    }

    /// Adds the record to the end of its collection in `ds`.
    pub fn push_into(self, ds: &mut Dataset) {
        match self {
            Record::Organization(r) => ds.organizations.push(r),
            Record::StateBody(r) => ds.state_bodies.push(r),
            Record::SocialOrder(r) => ds.social_orders.push(r),
            Record::Grant(r) => ds.grants.push(r),
            Record::Award(r) => ds.awards.push(r),
            Record::Application(r) => ds.applications.push(r),
            Record::Evaluation(r) => ds.evaluations.push(r),
            Record::Expert(r) => ds.experts.push(r),
            Record::Project(r) => ds.projects.push(r),
            Record::MediationCase(r) => ds.mediation_cases.push(r),
            Record::Plan(r) => ds.plans.push(r),
            Record::PartnershipOrder(r) => ds.partnership_orders.push(r),
            Record::ForeignFundingEntry(r) => ds.foreign_funding_entries.push(r),
            Record::Body(r) => ds.bodies.push(r),
            Record::VolunteerActivity(r) => ds.volunteer_activities.push(r),
            Record::Event(r) => ds.events.push(r),
        }
    }
}

/// Every record of `ds`, in dataset order (collections in [`Kind::ALL`] order, each in its own
/// order), borrowed and cloned one at a time.
pub fn records(ds: &Dataset) -> impl Iterator<Item = Record> + '_ {
    let o = ds.organizations.iter().cloned().map(Record::Organization);
    let s = ds.state_bodies.iter().cloned().map(Record::StateBody);
    let so = ds.social_orders.iter().cloned().map(Record::SocialOrder);
    let g = ds.grants.iter().cloned().map(Record::Grant);
    let a = ds.awards.iter().cloned().map(Record::Award);
    let ap = ds.applications.iter().cloned().map(Record::Application);
    let ev = ds.evaluations.iter().cloned().map(Record::Evaluation);
    let ex = ds.experts.iter().cloned().map(Record::Expert);
    let p = ds.projects.iter().cloned().map(Record::Project);
    let m = ds
        .mediation_cases
        .iter()
        .cloned()
        .map(Record::MediationCase);
    let pl = ds.plans.iter().cloned().map(Record::Plan);
    let sp = ds
        .partnership_orders
        .iter()
        .cloned()
        .map(Record::PartnershipOrder);
    let ff = ds
        .foreign_funding_entries
        .iter()
        .cloned()
        .map(Record::ForeignFundingEntry);
    let bd = ds.bodies.iter().cloned().map(Record::Body);
    let va = ds
        .volunteer_activities
        .iter()
        .cloned()
        .map(Record::VolunteerActivity);
    let e = ds.events.iter().cloned().map(Record::Event);
    o.chain(s)
        .chain(so)
        .chain(g)
        .chain(a)
        .chain(ap)
        .chain(ev)
        .chain(ex)
        .chain(p)
        .chain(m)
        .chain(pl)
        .chain(sp)
        .chain(ff)
        .chain(bd)
        .chain(va)
        .chain(e)
}

/// One line of an NDJSON file: the header (always the first line) or a record.
///
/// Serialized as `{"kind": "header", "record": {…}}` or `{"kind": "<kind>", "record": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(title = "engo NDJSON line")]
pub enum Line {
    /// The header line.
    Header(HeaderLine),
    /// A record line.
    Record(Record),
}

/// The header line: `{"kind": "header", "record": {schema_version, publisher, published_at}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum HeaderLine {
    /// The header.
    Header(Header),
}
