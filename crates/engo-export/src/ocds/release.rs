//! The OCDS 1.1 release as serde types, borrowing from the dataset. Fields are declared in the
//! order they are written; absent ones (`None`, an empty list) are left out.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use engo_model::{
    Bin, Lang, LocalizedText, Money, OrgId, Quantity,
    id::{RecordRef, SocialOrderId},
    lifecycle::Machine,
};
use serde::{Serialize, Serializer, ser::SerializeMap};

pub(super) use super::bid::{Bid, Bids};

pub(super) use crate::pretty::OrgName;
use crate::pretty::{MoneyNumber, QuantityNumber, Timestamp, serialize_as_text};

/// The ocid of a contracting process: `<prefix>-<order id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ocid<'a> {
    pub(super) prefix: &'a str,
    pub(super) order: &'a SocialOrderId,
}

impl fmt::Display for Ocid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.prefix, self.order)
    }
}

/// What a release id is made of, after the ocid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReleaseKind<'a> {
    /// The release of an event of the log: `<ocid>-<machine>-<entity>-<seq>`.
    Event {
        machine: Machine,
        entity: &'a RecordRef,
        seq: u64,
    },
    /// The one release of a process the log says nothing about: `<ocid>-<YYYYMMDDTHHMMSS>`.
    Published(DateTime<FixedOffset>),
    /// The release of an `import` event (a record taken over from an earlier register in the
    /// stage it states): `<ocid>-<machine>-<entity>-<seq>-import`, tagged with every stage on
    /// the table's shortest path to that stage.
    Import {
        machine: Machine,
        entity: &'a RecordRef,
        seq: u64,
    },
    /// The compiled release of a record: `<ocid>-compiled`.
    Compiled,
}

/// The id of a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ReleaseId<'a> {
    pub(super) ocid: Ocid<'a>,
    pub(super) kind: ReleaseKind<'a>,
}

impl fmt::Display for ReleaseId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ocid = self.ocid;
        match self.kind {
            ReleaseKind::Event {
                machine,
                entity,
                seq,
            } => write!(f, "{ocid}-{machine}-{entity}-{seq}"),
            ReleaseKind::Import {
                machine,
                entity,
                seq,
            } => write!(f, "{ocid}-{machine}-{entity}-{seq}-import"),
            ReleaseKind::Published(at) => write!(f, "{ocid}-{}", at.format("%Y%m%dT%H%M%S")),
            ReleaseKind::Compiled => write!(f, "{ocid}-compiled"),
        }
    }
}

/// The id of the award of a project, `<ocid>-award-<project>` (also a contract's `awardID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AwardId<'a> {
    pub(super) ocid: Ocid<'a>,
    pub(super) project: &'a str,
}

impl fmt::Display for AwardId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-award-{}", self.ocid, self.project)
    }
}

serialize_as_text!(Ocid<'_>, ReleaseId<'_>, AwardId<'_>);

/// A day as the start of that day in Asia/Almaty (`2025-03-01T00:00:00+05:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DayStart(pub(super) NaiveDate);

impl Serialize for DayStart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}T00:00:00+05:00", self.0))
    }
}

/// A day as the end of that day in Asia/Almaty (`2025-03-01T23:59:59+05:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DayEnd(pub(super) NaiveDate);

impl Serialize for DayEnd {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}T23:59:59+05:00", self.0))
    }
}

/// A text field: `<field>` in the release language, then `<field>_<lang>` for every language
/// present. Written flattened into the object that has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Localized<'a> {
    pub(super) field: &'static str,
    pub(super) lang: Lang,
    pub(super) text: &'a LocalizedText,
}

impl Localized<'_> {
    /// Writes the entries into the map of the object that has the text.
    fn write_into<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(self.field, self.text.get(self.lang))?;
        for (lang, text) in self.text.iter() {
            map.serialize_entry(&format_args!("{}_{}", self.field, lang.code()), text)?;
        }
        Ok(())
    }
}

impl Serialize for Localized<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.write_into(&mut map)?;
        map.end()
    }
}

/// A party's `name` with its language versions, or only its org-id when the dataset does not
/// name it. Written flattened into the party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartyName<'a> {
    Named(Localized<'a>),
    Unnamed(Bin),
}

impl Serialize for PartyName<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PartyName::Named(text) => text.serialize(serializer),
            PartyName::Unnamed(bin) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("name", &bin.org_id())?;
                map.end()
            }
        }
    }
}

/// An amount in tenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Value {
    amount: MoneyNumber,
    currency: &'static str,
}

impl Value {
    pub(super) fn kzt(amount: Money) -> Value {
        Value {
            amount: MoneyNumber(amount),
            currency: "KZT",
        }
    }
}

/// A period of days: from the start of the first to the end of the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Period {
    pub(super) start_date: DayStart,
    pub(super) end_date: DayEnd,
}

impl From<engo_model::record::Period> for Period {
    fn from(p: engo_model::record::Period) -> Period {
        Period {
            start_date: DayStart(p.start),
            end_date: DayEnd(p.end),
        }
    }
}

/// `tender.tenderPeriod`: the application window, from the announcement of the competition to
/// the opening of the review of bids (`endDate` absent while the window is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TenderPeriod {
    pub(super) start_date: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) end_date: Option<Timestamp>,
}

/// `tender.items[]`: what the order buys, classified by its priority area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Item<'a> {
    pub(super) id: &'static str,
    #[serde(flatten)]
    pub(super) description: Localized<'a>,
    pub(super) classification: Classification<'a>,
}

/// An item's classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Classification<'a> {
    /// [`super::PRIORITY_AREA_SCHEME`].
    pub(super) scheme: &'static str,
    pub(super) id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<&'a str>,
}

/// A reference to an organisation (`buyer`, `tenderers`, `suppliers`, a transaction's payer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct OrgRef<'a> {
    pub(super) id: OrgId,
    pub(super) name: OrgName<'a>,
}

/// A party with its roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Party<'a> {
    pub(super) id: OrgId,
    #[serde(flatten)]
    pub(super) name: PartyName<'a>,
    pub(super) identifier: Identifier<'a>,
    pub(super) roles: Vec<&'static str>,
}

/// A party's identifier in the `KZ-BIN` scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Identifier<'a> {
    pub(super) scheme: &'static str,
    pub(super) id: Bin,
    pub(super) legal_name: OrgName<'a>,
}

/// `planning`: the budget of the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Planning<'a> {
    pub(super) budget: Budget<'a>,
}

/// `planning.budget`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Budget<'a> {
    pub(super) id: &'a str,
    #[serde(flatten)]
    pub(super) description: Localized<'a>,
    pub(super) amount: Value,
}

/// The order in which an object's fields are written: the declared order, except that a field
/// that first appeared in a later release of a compiled record comes last, after those that
/// appeared before it (the OCDS merge appends a new field to the object). Always the declared
/// order in a release. Only the objects with a field that can appear late carry one: a
/// milestone's `dateMet` and a document's `url` are last anyway, and an observation's
/// `period` is there from the first release or never.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FieldOrder<F> {
    late: Vec<F>,
}

impl<F> Default for FieldOrder<F> {
    fn default() -> Self {
        FieldOrder { late: Vec::new() }
    }
}

impl<F: Copy + PartialEq> FieldOrder<F> {
    /// Notes that `field`, absent from the object until now, appeared.
    pub(super) fn appeared(&mut self, field: F) {
        if !self.late.contains(&field) {
            self.late.push(field);
        }
    }

    fn fields<'s>(&'s self, declared: &'s [F]) -> impl Iterator<Item = F> + 's {
        let early = declared.iter().filter(|f| !self.late.contains(f));
        early.chain(&self.late).copied()
    }
}

/// The fields of an object, in the declared order, for its [`FieldOrder`]; and its
/// `Serialize`, which writes them in that order with the object's `write(field, map)`.
macro_rules! ordered_fields {
    ($ty:ident, $field:ident { $($variant:ident),* $(,)? }) => {
        #[doc = concat!("A field of [`", stringify!($ty), "`].")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(super) enum $field {
            $($variant),*
        }

        impl $field {
            const ALL: &'static [$field] = &[$($field::$variant),*];
        }

        impl Serialize for $ty<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                for field in self.order.fields($field::ALL) {
                    self.write(field, &mut map)?;
                }
                map.end()
            }
        }
    };
}

/// Writes a list unless it is empty.
fn list<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    items: &[T],
) -> Result<(), M::Error> {
    if items.is_empty() {
        return Ok(());
    }
    map.serialize_entry(key, items)
}

/// Writes a value unless it is absent.
fn optional<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(v) => map.serialize_entry(key, v),
        None => Ok(()),
    }
}

/// A release of a contracting process. Its sections come in phase order (tender and bids, then
/// awards, then contracts); a section that first appears in a later release of a compiled
/// record than a section declared after it is written after that one (see [`FieldOrder`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Release<'a> {
    pub(super) ocid: Ocid<'a>,
    pub(super) id: ReleaseId<'a>,
    pub(super) date: Timestamp,
    pub(super) tag: Vec<&'static str>,
    pub(super) initiation_type: &'static str,
    pub(super) language: &'static str,
    pub(super) parties: Vec<Party<'a>>,
    pub(super) buyer: OrgRef<'a>,
    pub(super) planning: Planning<'a>,
    pub(super) tender: Option<Tender<'a>>,
    pub(super) bids: Option<Bids<'a>>,
    pub(super) awards: Vec<Award<'a>>,
    pub(super) contracts: Vec<Contract<'a>>,
    pub(super) order: FieldOrder<ReleaseField>,
}

ordered_fields!(
    Release,
    ReleaseField {
        Ocid,
        Id,
        Date,
        Tag,
        InitiationType,
        Language,
        Parties,
        Buyer,
        Planning,
        Tender,
        Bids,
        Awards,
        Contracts,
    }
);

impl Release<'_> {
    fn write<M: SerializeMap>(&self, field: ReleaseField, map: &mut M) -> Result<(), M::Error> {
        match field {
            ReleaseField::Ocid => map.serialize_entry("ocid", &self.ocid),
            ReleaseField::Id => map.serialize_entry("id", &self.id),
            ReleaseField::Date => map.serialize_entry("date", &self.date),
            ReleaseField::Tag => map.serialize_entry("tag", &self.tag),
            ReleaseField::InitiationType => {
                map.serialize_entry("initiationType", self.initiation_type)
            }
            ReleaseField::Language => map.serialize_entry("language", self.language),
            ReleaseField::Parties => map.serialize_entry("parties", &self.parties),
            ReleaseField::Buyer => map.serialize_entry("buyer", &self.buyer),
            ReleaseField::Planning => map.serialize_entry("planning", &self.planning),
            ReleaseField::Tender => optional(map, "tender", &self.tender),
            ReleaseField::Bids => optional(map, "bids", &self.bids),
            ReleaseField::Awards => list(map, "awards", &self.awards),
            ReleaseField::Contracts => list(map, "contracts", &self.contracts),
        }
    }
}

/// `tender`: the competition of the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tender<'a> {
    pub(super) id: &'a str,
    pub(super) title: Localized<'a>,
    pub(super) description: Option<Localized<'a>>,
    pub(super) status: &'static str,
    pub(super) procuring_entity: OrgRef<'a>,
    pub(super) items: Vec<Item<'a>>,
    pub(super) value: Value,
    pub(super) procurement_method: &'static str,
    pub(super) procurement_method_details: &'static str,
    pub(super) main_procurement_category: &'static str,
    pub(super) tender_period: Option<TenderPeriod>,
    pub(super) contract_period: Period,
    pub(super) tenderers: Vec<OrgRef<'a>>,
    pub(super) number_of_tenderers: Option<usize>,
    pub(super) targets: Vec<Metric<'a>>,
    pub(super) order: FieldOrder<TenderField>,
}

ordered_fields!(
    Tender,
    TenderField {
        Id,
        Title,
        Description,
        Status,
        ProcuringEntity,
        Items,
        Value,
        ProcurementMethod,
        ProcurementMethodDetails,
        MainProcurementCategory,
        TenderPeriod,
        ContractPeriod,
        Tenderers,
        NumberOfTenderers,
        Targets,
    }
);

impl Tender<'_> {
    fn write<M: SerializeMap>(&self, field: TenderField, map: &mut M) -> Result<(), M::Error> {
        match field {
            TenderField::Id => map.serialize_entry("id", self.id),
            TenderField::Title => self.title.write_into(map),
            TenderField::Description => match &self.description {
                Some(d) => d.write_into(map),
                None => Ok(()),
            },
            TenderField::Status => map.serialize_entry("status", self.status),
            TenderField::ProcuringEntity => {
                map.serialize_entry("procuringEntity", &self.procuring_entity)
            }
            TenderField::Items => list(map, "items", &self.items),
            TenderField::Value => map.serialize_entry("value", &self.value),
            TenderField::ProcurementMethod => {
                map.serialize_entry("procurementMethod", self.procurement_method)
            }
            TenderField::ProcurementMethodDetails => {
                map.serialize_entry("procurementMethodDetails", self.procurement_method_details)
            }
            TenderField::MainProcurementCategory => {
                map.serialize_entry("mainProcurementCategory", self.main_procurement_category)
            }
            TenderField::TenderPeriod => optional(map, "tenderPeriod", &self.tender_period),
            TenderField::ContractPeriod => {
                map.serialize_entry("contractPeriod", &self.contract_period)
            }
            TenderField::Tenderers => list(map, "tenderers", &self.tenderers),
            TenderField::NumberOfTenderers => {
                optional(map, "numberOfTenderers", &self.number_of_tenderers)
            }
            TenderField::Targets => list(map, "targets", &self.targets),
        }
    }
}

/// The award of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Award<'a> {
    pub(super) id: AwardId<'a>,
    pub(super) status: &'static str,
    pub(super) date: Option<Timestamp>,
    pub(super) value: Value,
    pub(super) suppliers: Vec<OrgRef<'a>>,
    pub(super) related_bid: Option<&'a str>,
    pub(super) order: FieldOrder<AwardField>,
}

ordered_fields!(
    Award,
    AwardField {
        Id,
        Status,
        Date,
        Value,
        Suppliers,
        RelatedBid,
    }
);

impl Award<'_> {
    fn write<M: SerializeMap>(&self, field: AwardField, map: &mut M) -> Result<(), M::Error> {
        match field {
            AwardField::Id => map.serialize_entry("id", &self.id),
            AwardField::Status => map.serialize_entry("status", self.status),
            AwardField::Date => optional(map, "date", &self.date),
            AwardField::Value => map.serialize_entry("value", &self.value),
            AwardField::Suppliers => list(map, "suppliers", &self.suppliers),
            AwardField::RelatedBid => optional(map, "relatedBid", &self.related_bid),
        }
    }
}

/// The contract of one project (its id is the project's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Contract<'a> {
    pub(super) id: &'a str,
    pub(super) award_id: AwardId<'a>,
    pub(super) title: Localized<'a>,
    pub(super) status: &'static str,
    pub(super) period: Period,
    pub(super) value: Value,
    pub(super) date_signed: Option<Timestamp>,
    pub(super) agreed_metrics: Vec<Metric<'a>>,
    pub(super) implementation: Option<Implementation<'a>>,
    pub(super) order: FieldOrder<ContractField>,
}

ordered_fields!(
    Contract,
    ContractField {
        Id,
        AwardId,
        Title,
        Status,
        Period,
        Value,
        DateSigned,
        AgreedMetrics,
        Implementation,
    }
);

impl Contract<'_> {
    fn write<M: SerializeMap>(&self, field: ContractField, map: &mut M) -> Result<(), M::Error> {
        match field {
            ContractField::Id => map.serialize_entry("id", self.id),
            ContractField::AwardId => map.serialize_entry("awardID", &self.award_id),
            ContractField::Title => self.title.write_into(map),
            ContractField::Status => map.serialize_entry("status", self.status),
            ContractField::Period => map.serialize_entry("period", &self.period),
            ContractField::Value => map.serialize_entry("value", &self.value),
            ContractField::DateSigned => optional(map, "dateSigned", &self.date_signed),
            ContractField::AgreedMetrics => list(map, "agreedMetrics", &self.agreed_metrics),
            ContractField::Implementation => optional(map, "implementation", &self.implementation),
        }
    }
}

/// `contracts[].implementation`; present only when one of its lists is not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Implementation<'a> {
    pub(super) milestones: Vec<Milestone<'a>>,
    pub(super) transactions: Vec<Transaction<'a>>,
    pub(super) documents: Vec<Document<'a>>,
    pub(super) metrics: Vec<Metric<'a>>,
    pub(super) order: FieldOrder<ImplementationField>,
}

ordered_fields!(
    Implementation,
    ImplementationField {
        Milestones,
        Transactions,
        Documents,
        Metrics,
    }
);

impl Implementation<'_> {
    fn write<M: SerializeMap>(
        &self,
        field: ImplementationField,
        map: &mut M,
    ) -> Result<(), M::Error> {
        match field {
            ImplementationField::Milestones => list(map, "milestones", &self.milestones),
            ImplementationField::Transactions => list(map, "transactions", &self.transactions),
            ImplementationField::Documents => list(map, "documents", &self.documents),
            ImplementationField::Metrics => list(map, "metrics", &self.metrics),
        }
    }
}

impl Implementation<'_> {
    pub(super) fn is_empty(&self) -> bool {
        self.milestones.is_empty()
            && self.transactions.is_empty()
            && self.documents.is_empty()
            && self.metrics.is_empty()
    }
}

/// A milestone of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Milestone<'a> {
    pub(super) id: &'a str,
    #[serde(flatten)]
    pub(super) title: Localized<'a>,
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) due_date: DayEnd,
    pub(super) status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) date_met: Option<DayStart>,
}

/// A tranche paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Transaction<'a> {
    pub(super) id: &'a str,
    pub(super) date: DayStart,
    pub(super) value: Value,
    pub(super) payer: OrgRef<'a>,
    pub(super) payee: OrgRef<'a>,
}

/// A report of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Document<'a> {
    pub(super) id: &'a str,
    pub(super) document_type: &'static str,
    pub(super) date_published: DayStart,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<&'a str>,
}

/// An indicator as a metric of the metrics extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Metric<'a> {
    pub(super) id: &'a str,
    #[serde(flatten)]
    pub(super) title: Localized<'a>,
    pub(super) observations: Vec<Observation<'a>>,
}

/// What an observation of a metric is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ObservationId {
    Target,
    Baseline,
    /// The actual of the indicator's `n`th period, from 1.
    Actual(usize),
}

impl Serialize for ObservationId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ObservationId::Target => serializer.serialize_str("target"),
            ObservationId::Baseline => serializer.serialize_str("baseline"),
            ObservationId::Actual(n) => serializer.collect_str(&format_args!("actual-{n}")),
        }
    }
}

/// An observation of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Observation<'a> {
    pub(super) id: ObservationId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) period: Option<Period>,
    pub(super) measure: QuantityNumber,
    pub(super) unit: Unit<'a>,
}

impl<'a> Observation<'a> {
    pub(super) fn new(id: ObservationId, measure: Quantity, unit: &'a str) -> Observation<'a> {
        Observation {
            id,
            period: None,
            measure: QuantityNumber(measure),
            unit: Unit { name: unit },
        }
    }
}

/// The unit of an observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Unit<'a> {
    pub(super) name: &'a str,
}
