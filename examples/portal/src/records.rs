//! The one place where the portal reads or changes engo records: the payload and reason a
//! client may send, a record's stage, the row a record is stored as, and the API's names of the
//! nine machines.

use engo::model::{
    Dataset, LocalizedText,
    lifecycle::{EventPayload, Machine, Stage},
};

use crate::{
    snapshot::{Location, Snapshot},
    store::{Collection, RecordRow, StoreError, body},
};

/// The path segment of the API of each machine (`/social-orders/{id}`).
pub(crate) fn route(machine: Machine) -> &'static str {
    match machine {
        Machine::SocialOrder => "social-orders",
        Machine::Grant => "grants",
        Machine::Application => "applications",
        Machine::Project => "projects",
        Machine::Milestone => "milestones",
        Machine::NgoReport => "ngo-reports",
        Machine::Organization => "organizations",
        Machine::Award => "awards",
        Machine::MediationCase => "mediation-cases",
        Machine::Plan => "plans",
        Machine::PartnershipOrder => "partnership-orders",
    }
}

/// The machine whose stage a collection's `stage` column states.
pub(crate) fn machine_of(collection: Collection) -> Option<Machine> {
    match collection {
        Collection::Organizations => Some(Machine::Organization),
        Collection::SocialOrders => Some(Machine::SocialOrder),
        Collection::Grants => Some(Machine::Grant),
        Collection::Awards => Some(Machine::Award),
        Collection::Applications => Some(Machine::Application),
        Collection::Projects => Some(Machine::Project),
        Collection::MediationCases => Some(Machine::MediationCase),
        Collection::Plans => Some(Machine::Plan),
        Collection::PartnershipOrders => Some(Machine::PartnershipOrder),
        Collection::StateBodies
        | Collection::Evaluations
        | Collection::Experts
        | Collection::ForeignFundingEntries
        | Collection::Bodies
        | Collection::VolunteerActivities => None,
    }
}

/// The fields of an event's payload (engo's `EventPayload`), the only ones a client may send:
/// an unknown field is refused, not dropped.
pub(crate) const PAYLOAD_FIELDS: [&str; 6] = [
    "winner",
    "amount",
    "application",
    "evaluation",
    "project",
    "report",
];

/// The payload of a request: an object with only [`PAYLOAD_FIELDS`], each as engo reads it.
pub(crate) fn parse_payload(value: Option<serde_json::Value>) -> Result<EventPayload, String> {
    let Some(value) = value else {
        return Ok(EventPayload::default());
    };
    let serde_json::Value::Object(fields) = &value else {
        return Err("payload: expected an object".to_owned());
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !PAYLOAD_FIELDS.contains(&k.as_str()))
    {
        return Err(format!(
            "payload: unknown field `{unknown}`, expected one of {}",
            PAYLOAD_FIELDS.join(", ")
        ));
    }
    serde_json::from_value(value).map_err(|e| format!("payload: {e}"))
}

/// The longest text of a reason, in characters, per language.
pub(crate) const MAX_REASON_CHARS: usize = 2000;

/// The `reason` of a request: `{"kk": …, "ru": …, "en": …}`, nothing else, each at most
/// [`MAX_REASON_CHARS`] characters, Kazakh or Russian present (engo's rule for every text).
pub(crate) fn parse_reason(
    value: Option<serde_json::Value>,
) -> Result<Option<LocalizedText>, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Reason {
        kk: Option<String>,
        ru: Option<String>,
        en: Option<String>,
    }
    let Some(value) = value else {
        return Ok(None);
    };
    let reason: Reason = serde_json::from_value(value).map_err(|e| format!("reason: {e}"))?;
    for (lang, text) in [("kk", &reason.kk), ("ru", &reason.ru), ("en", &reason.en)] {
        let chars = text.as_deref().map_or(0, |t| t.chars().count());
        if chars > MAX_REASON_CHARS {
            return Err(format!(
                "reason.{lang}: {chars} characters, at most {MAX_REASON_CHARS} are accepted"
            ));
        }
    }
    LocalizedText::from_parts(reason.kk, reason.ru, reason.en)
        .map(Some)
        .map_err(|e| format!("reason: {e}"))
}

/// Sets the stage of the record at `at` to `to`.
pub(crate) fn set_stage(ds: &mut Dataset, at: Location, to: Stage) -> Result<(), String> {
    let missing = || format!("no record at {at:?} for stage {}", to.as_str());
    let p = at.position;
    let inner = || at.inner.ok_or_else(missing);
    match to {
        Stage::SocialOrder(s) => ds.social_orders.get_mut(p).ok_or_else(missing)?.stage = s,
        Stage::Grant(s) => ds.grants.get_mut(p).ok_or_else(missing)?.stage = s,
        Stage::Application(s) => ds.applications.get_mut(p).ok_or_else(missing)?.stage = s,
        Stage::Project(s) => ds.projects.get_mut(p).ok_or_else(missing)?.stage = s,
        Stage::Milestone(s) => {
            let j = inner()?;
            let project = ds.projects.get_mut(p).ok_or_else(missing)?;
            project.milestones.get_mut(j).ok_or_else(missing)?.status = s;
        }
        Stage::NgoReport(s) => {
            let j = inner()?;
            let org = ds.organizations.get_mut(p).ok_or_else(missing)?;
            org.database_reports.get_mut(j).ok_or_else(missing)?.stage = s;
        }
        Stage::Organization(s) => {
            ds.organizations
                .get_mut(p)
                .ok_or_else(missing)?
                .status
                .stage = s;
        }
        Stage::Award(s) => ds.awards.get_mut(p).ok_or_else(missing)?.stage = s,
        Stage::MediationCase(s) => ds.mediation_cases.get_mut(p).ok_or_else(missing)?.stage = s,
        Stage::Plan(s) => ds.plans.get_mut(p).ok_or_else(missing)?.stage = s,
        Stage::PartnershipOrder(s) => {
            ds.partnership_orders.get_mut(p).ok_or_else(missing)?.stage = s;
        }
    }
    Ok(())
}

/// The number of records of `collection` in `ds`.
pub(crate) fn collection_len(ds: &Dataset, collection: Collection) -> usize {
    match collection {
        Collection::Organizations => ds.organizations.len(),
        Collection::StateBodies => ds.state_bodies.len(),
        Collection::SocialOrders => ds.social_orders.len(),
        Collection::Grants => ds.grants.len(),
        Collection::Awards => ds.awards.len(),
        Collection::Applications => ds.applications.len(),
        Collection::Evaluations => ds.evaluations.len(),
        Collection::Experts => ds.experts.len(),
        Collection::Projects => ds.projects.len(),
        Collection::MediationCases => ds.mediation_cases.len(),
        Collection::Plans => ds.plans.len(),
        Collection::PartnershipOrders => ds.partnership_orders.len(),
        Collection::ForeignFundingEntries => ds.foreign_funding_entries.len(),
        Collection::Bodies => ds.bodies.len(),
        Collection::VolunteerActivities => ds.volunteer_activities.len(),
    }
}

/// The row of the record at `position` of `collection`: its id, the stage its own machine
/// states, its JSON.
pub(crate) fn record_row(
    ds: &Dataset,
    collection: Collection,
    position: usize,
) -> Result<Option<RecordRow>, StoreError> {
    macro_rules! row {
        ($field:ident, |$r:ident| $id:expr, $stage:expr) => {
            match ds.$field.get(position) {
                Some($r) => Some(RecordRow {
                    collection,
                    position,
                    id: $id.as_str().to_owned(),
                    stage: $stage,
                    body: body($r, collection, position)?,
                }),
                None => None,
            }
        };
    }
    Ok(match collection {
        Collection::Organizations => row!(organizations, |r| r.bin, Some(r.status.stage.as_str())),
        Collection::StateBodies => row!(state_bodies, |r| r.bin, None),
        Collection::SocialOrders => row!(social_orders, |r| r.id, Some(r.stage.as_str())),
        Collection::Grants => row!(grants, |r| r.id, Some(r.stage.as_str())),
        Collection::Awards => row!(awards, |r| r.id, Some(r.stage.as_str())),
        Collection::Applications => row!(applications, |r| r.id, Some(r.stage.as_str())),
        Collection::Evaluations => row!(evaluations, |r| r.id, None),
        Collection::Experts => row!(experts, |r| r.id, None),
        Collection::Projects => row!(projects, |r| r.id, Some(r.stage.as_str())),
        Collection::MediationCases => row!(mediation_cases, |r| r.id, Some(r.stage.as_str())),
        Collection::Plans => row!(plans, |r| r.id, Some(r.stage.as_str())),
        Collection::PartnershipOrders => {
            row!(partnership_orders, |r| r.id, Some(r.stage.as_str()))
        }
        Collection::ForeignFundingEntries => row!(foreign_funding_entries, |r| r.id, None),
        Collection::Bodies => row!(bodies, |r| r.id, None),
        Collection::VolunteerActivities => row!(volunteer_activities, |r| r.id, None),
    })
}

/// The JSON of the lifecycle record at `at` in a snapshot: the record itself, or for a
/// milestone and an NGO-database report the item with the id of its project or organisation.
pub(crate) fn record_json(
    snapshot: &Snapshot,
    at: Location,
) -> Result<serde_json::Value, serde_json::Error> {
    let r = &snapshot.records;
    let p = at.position;
    let value = match (at.collection, at.inner) {
        (Collection::Projects, Some(j)) => {
            let project = r.projects.get(p);
            match project.and_then(|pr| pr.milestones.get(j)) {
                Some(m) => {
                    let mut v = serde_json::to_value(m)?;
                    if let (Some(obj), Some(pr)) = (v.as_object_mut(), project) {
                        obj.insert("project".to_owned(), pr.id.as_str().into());
                    }
                    v
                }
                None => serde_json::Value::Null,
            }
        }
        (Collection::Organizations, Some(j)) => {
            let org = r.organizations.get(p);
            match org.and_then(|o| o.database_reports.get(j)) {
                Some(report) => {
                    let mut v = serde_json::to_value(report)?;
                    if let (Some(obj), Some(o)) = (v.as_object_mut(), org) {
                        obj.insert("organization".to_owned(), o.bin.as_str().into());
                    }
                    v
                }
                None => serde_json::Value::Null,
            }
        }
        (Collection::Organizations, None) => serde_json::to_value(r.organizations.get(p))?,
        (Collection::SocialOrders, _) => serde_json::to_value(r.social_orders.get(p))?,
        (Collection::Grants, _) => serde_json::to_value(r.grants.get(p))?,
        (Collection::Applications, _) => serde_json::to_value(r.applications.get(p))?,
        (Collection::Projects, None) => serde_json::to_value(r.projects.get(p))?,
        (Collection::Awards, _) => serde_json::to_value(r.awards.get(p))?,
        (Collection::MediationCases, _) => serde_json::to_value(r.mediation_cases.get(p))?,
        (Collection::Plans, _) => serde_json::to_value(r.plans.get(p))?,
        (Collection::PartnershipOrders, _) => serde_json::to_value(r.partnership_orders.get(p))?,
        (
            Collection::StateBodies
            | Collection::Evaluations
            | Collection::Experts
            | Collection::ForeignFundingEntries
            | Collection::Bodies
            | Collection::VolunteerActivities,
            _,
        ) => serde_json::Value::Null,
    };
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_fields_are_checked_before_engo_reads_them() {
        let ok = parse_payload(Some(serde_json::json!({"amount": "1500000.00"}))).unwrap();
        assert!(ok.amount.is_some());
        let err =
            parse_payload(Some(serde_json::json!({"amount": "1.00", "winer": "x"}))).unwrap_err();
        assert!(err.contains("unknown field `winer`"), "{err}");
        assert!(parse_payload(Some(serde_json::json!([1]))).is_err());
        assert!(parse_payload(None).unwrap().is_empty());
        assert!(
            parse_reason(Some(serde_json::json!({"ru": "Отказ"})))
                .unwrap()
                .is_some()
        );
        assert!(parse_reason(Some(serde_json::json!({"ru": "x", "de": "y"}))).is_err());
        let long = "я".repeat(MAX_REASON_CHARS + 1);
        let err = parse_reason(Some(serde_json::json!({ "ru": long }))).unwrap_err();
        assert!(err.contains("at most"), "{err}");
        // Every field engo's payload has is listed (a new one would be refused until it is).
        let mut full = EventPayload::default();
        full.winner = Some("940140000385".parse().unwrap());
        full.amount = Some(engo::model::Money::from_tenge(1).unwrap());
        full.application = Some("APP-1".parse().unwrap());
        full.evaluation = Some("EV-1".parse().unwrap());
        full.project = Some("PRJ-1".parse().unwrap());
        full.report = Some("R-1".parse().unwrap());
        let all = serde_json::to_value(full).unwrap();
        let keys: Vec<&str> = all
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = PAYLOAD_FIELDS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }
}
