//! Reading records: lists with their stages (paginated, with links), one record with its stage
//! and history, the organisations with their filters. Every read is answered from the current
//! snapshot: it never waits for a writer.
//!
//! Reads are public, so they keep the rules of the open data (`engo::open_dataset`): every IIN
//! and e-mail address in a text or an id is masked ([`engo::criteria::privacy::mask`]), and a
//! mediation case is never shown (403 `confidential`: its figures are `/open-data/mediation`).

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
    routing::{MethodRouter, get},
};
use engo::criteria::privacy;
use engo::model::{
    Bin, Kato, Lang,
    classifier::AreaCode,
    id::RecordRef,
    lifecycle::{EventRecord, Machine, OrganizationStage, Stage},
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use super::{ApiError, ApiResult, AppState, lang_of};
use crate::{
    records::{record_json, route},
    snapshot::{Snapshot, Track},
};

/// The most items a list returns at once.
const MAX_LIMIT: usize = 1000;
/// Items a list returns when `limit` is not given.
const DEFAULT_LIMIT: usize = 100;

/// The query of the lists of records.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListQuery {
    stage: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// The query of `GET /organizations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrganizationQuery {
    region: Option<String>,
    area: Option<String>,
    status: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// A page of a list: its bounds, and the links to it and its neighbours.
struct Page {
    limit: usize,
    offset: usize,
}

impl Page {
    fn new(lang: Lang, limit: Option<usize>, offset: Option<usize>) -> Result<Page, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::malformed(
                lang,
                format!("limit must be between 1 and {MAX_LIMIT}, found {limit}"),
            ));
        }
        Ok(Page {
            limit,
            offset: offset.unwrap_or(0),
        })
    }

    /// The response: `{total, offset, limit, <key>: items, links}` and a `Link` header.
    /// `filters` are the query's other parameters, already validated.
    fn respond(
        &self,
        path: &str,
        filters: &[(&str, String)],
        key: &str,
        total: usize,
        items: impl Serialize,
    ) -> Response {
        let link = |offset: usize| {
            let mut query: Vec<String> = filters.iter().map(|(k, v)| format!("{k}={v}")).collect();
            query.push(format!("limit={}", self.limit));
            query.push(format!("offset={offset}"));
            format!("{path}?{}", query.join("&"))
        };
        let mut links = serde_json::Map::new();
        links.insert("self".to_owned(), link(self.offset).into());
        let mut header_links = Vec::new();
        if self.offset + self.limit < total {
            let next = link(self.offset + self.limit);
            header_links.push(format!("<{next}>; rel=\"next\""));
            links.insert("next".to_owned(), next.into());
        }
        if self.offset > 0 {
            let prev = link(self.offset.saturating_sub(self.limit));
            header_links.push(format!("<{prev}>; rel=\"prev\""));
            links.insert("prev".to_owned(), prev.into());
        }
        let mut body = serde_json::Map::new();
        body.insert("total".to_owned(), total.into());
        body.insert("offset".to_owned(), self.offset.into());
        body.insert("limit".to_owned(), self.limit.into());
        body.insert(
            key.to_owned(),
            serde_json::to_value(items).unwrap_or_default(),
        );
        body.insert("links".to_owned(), links.into());
        let mut response = Json(body).into_response();
        if let (false, Ok(v)) = (
            header_links.is_empty(),
            HeaderValue::from_str(&header_links.join(", ")),
        ) {
            response.headers_mut().insert(header::LINK, v);
        }
        response
    }
}

/// One line of a list of records.
#[derive(Debug, Serialize)]
struct ListItem<'a> {
    id: Cow<'a, str>,
    stage: &'static str,
    seq: u64,
}

/// `GET /<records>?stage=&limit=&offset=` of one machine.
pub(crate) fn list_route(machine: Machine) -> MethodRouter<AppState> {
    get(
        move |state: State<AppState>,
              query: Result<Query<ListQuery>, QueryRejection>,
              headers: HeaderMap| list_records(machine, state, query, headers),
    )
}

async fn list_records(
    machine: Machine,
    State(state): State<AppState>,
    query: Result<Query<ListQuery>, QueryRejection>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    if machine == Machine::MediationCase {
        return Err(ApiError::confidential(lang));
    }
    let Query(query) = query.map_err(|e| ApiError::malformed(lang, e.body_text()))?;
    let page = Page::new(lang, query.limit, query.offset)?;
    let wanted = match &query.stage {
        Some(s) => Some(Stage::parse(machine, s).map_err(|e| ApiError::malformed(lang, e))?),
        None => None,
    };
    let snapshot = state.snapshots.load();
    let matching: Vec<&Track> = snapshot
        .entities
        .slots(machine)
        .filter_map(|slot| snapshot.tracks.get(slot))
        .filter(|t| wanted.is_none_or(|w| w == t.stage))
        .collect();
    let total = matching.len();
    let items: Vec<ListItem<'_>> = matching
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .map(|t| ListItem {
            id: privacy::mask(&t.key),
            stage: t.stage.as_str(),
            seq: t.last_seq,
        })
        .collect();
    let filters: Vec<(&str, String)> = wanted
        .map(|w| ("stage", w.as_str().to_owned()))
        .into_iter()
        .collect();
    Ok(page.respond(
        &format!("/{}", route(machine)),
        &filters,
        "items",
        total,
        items,
    ))
}

/// A record with its stage and its history.
#[derive(Debug, Serialize)]
struct RecordView<'a> {
    machine: Machine,
    id: &'a str,
    stage: &'static str,
    /// The last sequence number (0: no event yet); the next event must carry `seq + 1`.
    seq: u64,
    record: serde_json::Value,
    history: Vec<HistoryItem<'a>>,
}

/// One step of a record's history.
#[derive(Debug, Serialize)]
struct HistoryItem<'a> {
    from: &'static str,
    to: &'static str,
    #[serde(flatten)]
    event: &'a EventRecord,
}

/// The view of one track.
fn view(snapshot: &Snapshot, track: &Track) -> Result<serde_json::Value, serde_json::Error> {
    let history = track
        .steps
        .iter()
        .filter_map(|step| {
            snapshot.events.get(step.index).map(|event| HistoryItem {
                from: step.from.as_str(),
                to: step.to.as_str(),
                event,
            })
        })
        .collect();
    let mut value = serde_json::to_value(RecordView {
        machine: track.machine,
        id: &track.key,
        stage: track.stage.as_str(),
        seq: track.last_seq,
        record: record_json(snapshot, track.location)?,
        history,
    })?;
    mask_personal(&mut value);
    Ok(value)
}

/// Keys whose strings are an organisation's public contacts, published as they are (as in the
/// open data: they are never a private person's).
const PUBLIC_CONTACTS: [&str; 2] = ["email", "website"];

/// `value` with every IIN and e-mail address in its strings masked, but for an organisation's
/// public contacts.
fn mask_personal(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            if let Cow::Owned(masked) = privacy::mask(text) {
                *text = masked;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_personal),
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                if !(PUBLIC_CONTACTS.contains(&key.as_str()) && field.is_string()) {
                    mask_personal(field);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The id of a record in a path: a BIN for organisations (400 with the check-digit reason),
/// a record id for the others.
pub(crate) fn parse_id(machine: Machine, lang: Lang, id: &str) -> Result<RecordRef, ApiError> {
    let shown: String = id.chars().take(100).collect();
    if machine == Machine::Organization {
        let bin = id
            .parse::<Bin>()
            .map_err(|e| ApiError::malformed(lang, format!("BIN {shown:?}: {e}")))?;
        return bin
            .as_str()
            .parse::<RecordRef>()
            .map_err(|e| ApiError::malformed(lang, format!("BIN {shown:?}: {e}")));
    }
    id.parse::<RecordRef>()
        .map_err(|e| ApiError::malformed(lang, format!("id {shown:?}: {e}")))
}

/// `GET /<records>/{id}`: the record, its stage and its history.
pub(crate) fn get_route(machine: Machine) -> MethodRouter<AppState> {
    get(
        move |state: State<AppState>, id: Path<String>, headers: HeaderMap| {
            get_record(machine, state, id, headers)
        },
    )
}

async fn get_record(
    machine: Machine,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    if machine == Machine::MediationCase {
        return Err(ApiError::confidential(lang));
    }
    let entity = parse_id(machine, lang, &id)?;
    let snapshot = state.snapshots.load();
    let Some(track) = snapshot.track(machine, entity.as_str()) else {
        return Err(ApiError::not_found(lang, machine.as_str(), entity.as_str()));
    };
    let value = view(&snapshot, track).map_err(|e| ApiError::internal(lang, e))?;
    Ok(Json(value).into_response())
}

/// `GET /organizations?region=&area=&status=&limit=&offset=`.
pub(crate) async fn list_organizations(
    State(state): State<AppState>,
    query: Result<Query<OrganizationQuery>, QueryRejection>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    let Query(query) = query.map_err(|e| ApiError::malformed(lang, e.body_text()))?;
    let page = Page::new(lang, query.limit, query.offset)?;
    let mut filters = Vec::new();
    let region = match &query.region {
        Some(r) => {
            let kato = r
                .parse::<Kato>()
                .map_err(|e| ApiError::malformed(lang, format!("region {r:?}: {e}")))?;
            filters.push(("region", kato.as_str().to_owned()));
            Some(kato)
        }
        None => None,
    };
    let area = match &query.area {
        Some(a) => {
            let code = a
                .parse::<AreaCode>()
                .map_err(|e| ApiError::malformed(lang, format!("area {a:?}: {e}")))?;
            filters.push(("area", code.as_str().to_owned()));
            Some(code)
        }
        None => None,
    };
    let status = match &query.status {
        Some(s) => {
            let stage = s
                .parse::<OrganizationStage>()
                .map_err(|e| ApiError::malformed(lang, e))?;
            filters.push(("status", stage.as_str().to_owned()));
            Some(stage)
        }
        None => None,
    };
    let snapshot = state.snapshots.load();
    let matching: Vec<_> = snapshot
        .records
        .organizations
        .iter()
        .filter(|o| {
            region.as_ref().is_none_or(|r| {
                o.region == *r || (r.is_region() && o.region.region_code() == r.region_code())
            })
        })
        .filter(|o| area.as_ref().is_none_or(|a| o.areas.contains(a)))
        .filter(|o| status.is_none_or(|s| o.status.stage == s))
        .collect();
    let total = matching.len();
    let mut items = serde_json::to_value(
        matching
            .into_iter()
            .skip(page.offset)
            .take(page.limit)
            .collect::<Vec<_>>(),
    )
    .map_err(|e| ApiError::internal(lang, e))?;
    mask_personal(&mut items);
    Ok(page.respond("/organizations", &filters, "organizations", total, items))
}
