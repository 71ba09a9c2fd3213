//! The HTTP API: routes, handlers, and how refusals become status codes and localized bodies.

use std::{collections::BTreeMap, sync::Arc};

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use chrono::{FixedOffset, Utc};
use engo::criteria::Finding;
use engo::model::lifecycle::{Stage, machine_table, tables_document};
use engo::model::{
    Bin, Dataset, Kato, Lang,
    classifier::AreaCode,
    id::RecordRef,
    lifecycle::{EventRecord, Machine, OrganizationStage},
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::{
    export::{self, CsvPackage, Format},
    lang::{self, Text},
    state::{self, Applied, EventRequest, Refusal, Target},
    store::Collection,
};

/// The shared state of the handlers: one mutex, so every write goes through one place.
pub(crate) type Shared = Arc<Mutex<state::State>>;

/// The most items a list returns at once.
const MAX_LIMIT: usize = 1000;
/// Items a list returns when `limit` is not given.
const DEFAULT_LIMIT: usize = 100;

/// The language of the request.
fn lang_of(headers: &HeaderMap) -> Lang {
    lang::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// A finding with its message in the response's language.
#[derive(Debug, Serialize)]
struct FindingView<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    message: String,
}

/// An error response: `{"error": {status, kind, message, findings, …}}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    kind: &'static str,
    message: String,
    findings: Vec<Finding>,
    lang: Lang,
    extra: BTreeMap<&'static str, serde_json::Value>,
}

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, lang: Lang, message: String) -> ApiError {
        ApiError {
            status,
            kind,
            message,
            findings: Vec::new(),
            lang,
            extra: BTreeMap::new(),
        }
    }

    fn malformed(lang: Lang, reason: impl std::fmt::Display) -> ApiError {
        let reason = reason.to_string();
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            lang,
            lang::render(Text::Malformed, lang, &[("reason", &reason)]),
        )
    }

    fn not_found(lang: Lang, what: &str, id: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            lang,
            lang::render(Text::NotFound, lang, &[("what", what), ("id", id)]),
        )
    }

    fn internal(lang: Lang, detail: impl std::fmt::Display) -> ApiError {
        eprintln!("portal: internal error: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            lang,
            lang::render(Text::Internal, lang, &[]),
        )
    }

    /// A conflict explained by `findings`; the message is the first finding's.
    fn conflict(
        lang: Lang,
        kind: &'static str,
        message: Option<String>,
        findings: Vec<Finding>,
    ) -> ApiError {
        let message = message
            .or_else(|| findings.first().map(|f| f.message(lang)))
            .unwrap_or_default();
        ApiError {
            findings,
            ..ApiError::new(StatusCode::CONFLICT, kind, lang, message)
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let findings: Vec<FindingView<'_>> = self
            .findings
            .iter()
            .map(|finding| FindingView {
                finding,
                message: finding.message(self.lang),
            })
            .collect();
        let mut error = serde_json::Map::new();
        error.insert("status".to_owned(), self.status.as_u16().into());
        error.insert("kind".to_owned(), self.kind.into());
        error.insert("message".to_owned(), self.message.into());
        error.insert("lang".to_owned(), self.lang.code().into());
        if !findings.is_empty() {
            error.insert(
                "findings".to_owned(),
                serde_json::to_value(&findings).unwrap_or_default(),
            );
        }
        for (k, v) in self.extra {
            error.insert(k.to_owned(), v);
        }
        let body = serde_json::json!({ "error": error });
        let mut response = (self.status, Json(body)).into_response();
        if let Ok(v) = HeaderValue::from_str(self.lang.code()) {
            response.headers_mut().insert(header::CONTENT_LANGUAGE, v);
        }
        response
    }
}

type ApiResult = Result<Response, ApiError>;

/// Every route.
pub(crate) fn router(shared: Shared) -> Router {
    let mut router = Router::new()
        .route("/", get(index))
        .route("/organizations", get(list_organizations))
        .route("/organizations/{bin}", get(get_organization))
        .route("/stages", get(all_stages))
        .route("/stages/{machine}", get(stages))
        .route("/open-data/{format}", get(open_data))
        .route("/open-data/csv/{file}", get(open_data_csv_file));
    for target in Target::ALL {
        let base = format!("/{}", target.route());
        router = router
            .route(
                &base,
                get(
                    move |s: State<Shared>,
                          q: Result<Query<ListQuery>, QueryRejection>,
                          h: HeaderMap| { list_records(target, s, q, h) },
                ),
            )
            .route(
                &format!("{base}/{{id}}"),
                get(move |s: State<Shared>, p: Path<String>, h: HeaderMap| {
                    get_record(target, s, p, h)
                }),
            )
            .route(
                &format!("{base}/{{id}}/events"),
                post(
                    move |s: State<Shared>, p: Path<String>, h: HeaderMap, b: Bytes| {
                        post_event(target, s, p, h, b)
                    },
                ),
            );
    }
    router.fallback(no_route).with_state(shared)
}

async fn no_route(uri: axum::http::Uri, headers: HeaderMap) -> ApiError {
    let lang = lang_of(&headers);
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no_route",
        lang,
        lang::render(Text::NoRoute, lang, &[("id", uri.path())]),
    )
}

async fn index() -> Response {
    let formats: Vec<String> = Format::ALL
        .iter()
        .map(|f| format!("/open-data/{}", f.name()))
        .collect();
    let machines: Vec<String> = Machine::ALL
        .iter()
        .map(|m| format!("/stages/{}", m.as_str()))
        .collect();
    Json(serde_json::json!({
        "service": "portal",
        "engo": env!("CARGO_PKG_VERSION"),
        "records": Target::ALL.iter().map(|t| format!("/{}/{{id}}", t.route())).collect::<Vec<_>>(),
        "events": Target::ALL.iter().map(|t| format!("/{}/{{id}}/events", t.route())).collect::<Vec<_>>(),
        "organizations": "/organizations?region=&area=&status=&limit=&offset=",
        "open_data": formats,
        "stages": machines,
    }))
    .into_response()
}

/// The query of the lists.
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

fn page(
    lang: Lang,
    limit: Option<usize>,
    offset: Option<usize>,
) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::malformed(
            lang,
            format!("limit must be between 1 and {MAX_LIMIT}, found {limit}"),
        ));
    }
    Ok((limit, offset.unwrap_or(0)))
}

/// A record with its stage and its history.
#[derive(Debug, Serialize)]
struct RecordView<'a, T: Serialize> {
    machine: Machine,
    id: &'a str,
    stage: &'static str,
    /// The last sequence number (0: no event yet); the next event must carry `seq + 1`.
    seq: u64,
    record: &'a T,
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

fn history<'a>(
    state: &state::State,
    ds: &'a Dataset,
    machine: Machine,
    id: &str,
) -> (u64, Vec<HistoryItem<'a>>) {
    let Some(track) = state.track(machine, id) else {
        return (0, Vec::new());
    };
    let items = track
        .steps
        .iter()
        .filter_map(|step| {
            ds.events.get(step.index).map(|event| HistoryItem {
                from: step.from.as_str(),
                to: step.to.as_str(),
                event,
            })
        })
        .collect();
    (track.last_seq, items)
}

fn parse_id(lang: Lang, id: &str) -> Result<RecordRef, ApiError> {
    id.parse::<RecordRef>()
        .map_err(|e| ApiError::malformed(lang, format!("id {id:?}: {e}")))
}

/// `GET /<records>/{id}`: the record, its stage and its history.
async fn get_record(
    target: Target,
    State(shared): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    let entity = parse_id(lang, &id)?;
    let state = shared.lock().await;
    let ds = state.dataset();
    let machine = target.machine();
    let Some(position) = state.position(target.collection(), entity.as_str()) else {
        return Err(ApiError::not_found(lang, machine.as_str(), entity.as_str()));
    };
    let stage = state.stage(machine, entity.as_str()).as_str();
    let (seq, history) = history(&state, &ds, machine, entity.as_str());
    drop(state);
    macro_rules! view {
        ($field:ident) => {
            match ds.$field.get(position) {
                Some(record) => serde_json::to_value(RecordView {
                    machine,
                    id: entity.as_str(),
                    stage,
                    seq,
                    record,
                    history,
                }),
                None => return Err(ApiError::internal(lang, "index out of date")),
            }
        };
    }
    let value = match target {
        Target::SocialOrder => view!(social_orders),
        Target::Grant => view!(grants),
        Target::Application => view!(applications),
        Target::Project => view!(projects),
    };
    let value = value.map_err(|e| ApiError::internal(lang, e))?;
    Ok(Json(value).into_response())
}

/// One line of a list of records.
#[derive(Debug, Serialize)]
struct ListItem {
    id: String,
    stage: &'static str,
    seq: u64,
}

/// `GET /<records>?stage=&limit=&offset=`: ids, stages and last sequence numbers.
async fn list_records(
    target: Target,
    State(shared): State<Shared>,
    query: Result<Query<ListQuery>, QueryRejection>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    let Query(query) = query.map_err(|e| ApiError::malformed(lang, e.body_text()))?;
    let (limit, offset) = page(lang, query.limit, query.offset)?;
    let machine = target.machine();
    let wanted = match &query.stage {
        Some(s) => Some(Stage::parse(machine, s).map_err(|e| ApiError::malformed(lang, e))?),
        None => None,
    };
    let state = shared.lock().await;
    let ds = state.dataset();
    let ids: Vec<&str> = match target {
        Target::SocialOrder => ds.social_orders.iter().map(|r| r.id.as_str()).collect(),
        Target::Grant => ds.grants.iter().map(|r| r.id.as_str()).collect(),
        Target::Application => ds.applications.iter().map(|r| r.id.as_str()).collect(),
        Target::Project => ds.projects.iter().map(|r| r.id.as_str()).collect(),
    };
    let matching: Vec<ListItem> = ids
        .into_iter()
        .map(|id| ListItem {
            id: id.to_owned(),
            stage: state.stage(machine, id).as_str(),
            seq: state.track(machine, id).map_or(0, |t| t.last_seq),
        })
        .filter(|item| wanted.is_none_or(|w| w.as_str() == item.stage))
        .collect();
    drop(state);
    let total = matching.len();
    let items: Vec<ListItem> = matching.into_iter().skip(offset).take(limit).collect();
    Ok(Json(
        serde_json::json!({ "total": total, "offset": offset, "limit": limit, "items": items }),
    )
    .into_response())
}

/// `GET /organizations?region=&area=&status=`.
async fn list_organizations(
    State(shared): State<Shared>,
    query: Result<Query<OrganizationQuery>, QueryRejection>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    let Query(query) = query.map_err(|e| ApiError::malformed(lang, e.body_text()))?;
    let (limit, offset) = page(lang, query.limit, query.offset)?;
    let region = match &query.region {
        Some(r) => Some(
            r.parse::<Kato>()
                .map_err(|e| ApiError::malformed(lang, format!("region {r:?}: {e}")))?,
        ),
        None => None,
    };
    let area = match &query.area {
        Some(a) => Some(
            a.parse::<AreaCode>()
                .map_err(|e| ApiError::malformed(lang, format!("area {a:?}: {e}")))?,
        ),
        None => None,
    };
    let status = match &query.status {
        Some(s) => Some(
            s.parse::<OrganizationStage>()
                .map_err(|e| ApiError::malformed(lang, e))?,
        ),
        None => None,
    };
    let ds = shared.lock().await.dataset();
    let matching: Vec<_> = ds
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
    let page: Vec<_> = matching.into_iter().skip(offset).take(limit).collect();
    Ok(Json(serde_json::json!({ "total": total, "offset": offset, "limit": limit, "organizations": page })).into_response())
}

/// `GET /organizations/{bin}`: invalid BIN → 400 with the reason.
async fn get_organization(
    State(shared): State<Shared>,
    Path(bin): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    let bin = bin
        .parse::<Bin>()
        .map_err(|e| ApiError::malformed(lang, format!("BIN {bin:?}: {e}")))?;
    let state = shared.lock().await;
    let ds = state.dataset();
    let Some(position) = state.position(Collection::Organizations, bin.as_str()) else {
        return Err(ApiError::not_found(lang, "organization", bin.as_str()));
    };
    let machine = Machine::Organization;
    let stage = state.stage(machine, bin.as_str()).as_str();
    let (seq, history) = history(&state, &ds, machine, bin.as_str());
    drop(state);
    let Some(record) = ds.organizations.get(position) else {
        return Err(ApiError::internal(lang, "index out of date"));
    };
    let view = RecordView {
        machine,
        id: bin.as_str(),
        stage,
        seq,
        record,
        history,
    };
    Ok(Json(serde_json::to_value(view).map_err(|e| ApiError::internal(lang, e))?).into_response())
}

/// What `POST …/events` answers with 201.
#[derive(Debug, Serialize)]
struct AppliedView<'a> {
    machine: Machine,
    id: &'a str,
    seq: u64,
    event: &'static str,
    transition: &'static str,
    from: &'static str,
    stage: &'static str,
    at: String,
    profile: &'a str,
}

/// Asia/Almaty, the offset the log writes.
fn almaty_now() -> chrono::DateTime<FixedOffset> {
    // Whole seconds: the log does not need more, and it reads better.
    let now = chrono::DateTime::<Utc>::from(std::time::SystemTime::now());
    let now = chrono::DateTime::<Utc>::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    match FixedOffset::east_opt(5 * 3600) {
        Some(offset) => now.with_timezone(&offset),
        None => now.fixed_offset(),
    }
}

/// `POST /<records>/{id}/events`: one transition, written before the answer.
async fn post_event(
    target: Target,
    State(shared): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let lang = lang_of(&headers);
    let entity = parse_id(lang, &id)?;
    let request: EventRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::malformed(lang, format!("body: {e}")))?;
    // One writer at a time: the lock is held across the SQLite transaction, on a blocking
    // thread so that the fsync does not stall the async workers.
    let mut state = Arc::clone(&shared).lock_owned().await;
    let now = almaty_now();
    let entity_for_task = entity.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        state.apply_event(target, &entity_for_task, request, now)
    })
    .await
    .map_err(|e| ApiError::internal(lang, e))?;
    match outcome {
        Ok(applied) => Ok(created(target, &applied)),
        Err(refusal) => Err(refused(lang, target, &entity, refusal)),
    }
}

fn created(target: Target, applied: &Applied) -> Response {
    let view = AppliedView {
        machine: applied.event.machine,
        id: applied.event.entity.as_str(),
        seq: applied.event.seq,
        event: applied.event.event.as_str(),
        transition: applied.transition,
        from: applied.from.as_str(),
        stage: applied.to.as_str(),
        at: applied.event.at.to_rfc3339(),
        profile: &applied.event.profile,
    };
    let mut response = (StatusCode::CREATED, Json(view)).into_response();
    let location = format!("/{}/{}", target.route(), applied.event.entity.as_str());
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

fn refused(lang: Lang, target: Target, entity: &RecordRef, refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::NotFound => ApiError::not_found(lang, target.machine().as_str(), entity.as_str()),
        Refusal::Stale { expected, finding } => {
            let mut e = ApiError::conflict(lang, "stale_seq", None, vec![finding]);
            e.extra.insert("expected_seq", expected.into());
            e
        }
        Refusal::TimeBackwards { finding } => {
            ApiError::conflict(lang, "time_backwards", None, vec![finding])
        }
        Refusal::NotAllowed { finding } => {
            ApiError::conflict(lang, "not_allowed", None, vec![finding])
        }
        Refusal::GuardFailed {
            transition,
            findings,
        } => {
            let message = lang::render(Text::GuardFailed, lang, &[("transition", transition)]);
            let mut e = ApiError::conflict(lang, "guard_failed", Some(message), findings);
            e.extra.insert("transition", transition.into());
            e
        }
        Refusal::Invalid { message } => ApiError::malformed(lang, message),
        Refusal::Internal(detail) => ApiError::internal(lang, detail),
    }
}

/// `GET /stages`: every table.
async fn all_stages() -> Response {
    Json(tables_document()).into_response()
}

/// `GET /stages/{machine}`: the transition table (`social_order` or `social-order`).
async fn stages(Path(machine): Path<String>, headers: HeaderMap) -> ApiResult {
    let lang = lang_of(&headers);
    match machine.replace('-', "_").parse::<Machine>() {
        Ok(m) => Ok(Json(machine_table(m)).into_response()),
        Err(_) => Err(ApiError::not_found(lang, "machine", &machine)),
    }
}

fn attachment(content_type: &'static str, file_name: &str, body: axum::body::Body) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// `GET /open-data/{format}`: the export, streamed.
async fn open_data(
    State(shared): State<Shared>,
    Path(format): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    let Some(format) = Format::parse(&format) else {
        return Err(ApiError::not_found(lang, "format", &format));
    };
    let ds = shared.lock().await.dataset();
    Ok(attachment(
        format.content_type(),
        format.file_name(),
        export::body(format, ds),
    ))
}

/// `GET /open-data/csv/{file}`: one file of the CSV data package.
async fn open_data_csv_file(
    State(shared): State<Shared>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let lang = lang_of(&headers);
    let ds = shared.lock().await.dataset();
    let wanted = file.clone();
    let data = tokio::task::spawn_blocking(move || -> std::io::Result<Option<Vec<u8>>> {
        let package = CsvPackage::write(&ds)?;
        match package.file(&wanted)? {
            Some(path) => std::fs::read(path).map(Some),
            None => Ok(None),
        }
    })
    .await
    .map_err(|e| ApiError::internal(lang, e))?
    .map_err(|e| ApiError::internal(lang, e))?;
    let Some(data) = data else {
        return Err(ApiError::not_found(lang, "file", &file));
    };
    let content_type = if file.ends_with(".json") {
        "application/json"
    } else {
        "text/csv; charset=utf-8"
    };
    Ok(attachment(
        content_type,
        &file,
        axum::body::Body::from(data),
    ))
}
