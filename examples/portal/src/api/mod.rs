//! The HTTP API: routes by resource, the layers every request passes (request id, request log,
//! metrics, CORS for reads, body limit and timeout, the error envelope), and the small
//! resources (index, health, readiness, metrics, OpenAPI, tables of stages, head of the log).

mod error;
mod events;
mod open_data;
mod records;

use std::{sync::Arc, time::Instant};

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, MatchedPath, Path, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use engo::model::lifecycle::{Machine, machine_table, tables_document};
use tower_http::{
    cors::{Any, CorsLayer},
    request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    timeout::RequestBodyTimeoutLayer,
    trace::TraceLayer,
};

pub(crate) use error::{ApiError, for_status, lang_of};

use crate::{
    Limits, exports::Exports, exports::Format, metrics::Metrics, records::route,
    snapshot::SnapshotCell, writer::Writer,
};

/// What every handler shares.
#[derive(Debug, Clone)]
pub(crate) struct AppState {
    pub(crate) snapshots: SnapshotCell,
    pub(crate) writer: Writer,
    pub(crate) exports: Arc<Exports>,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) limits: Limits,
}

type ApiResult = Result<Response, ApiError>;

/// The header of request ids.
const REQUEST_ID: &str = "x-request-id";

/// Request ids: a per-process random prefix and a counter (`3f9a1c2e-42`).
#[derive(Debug, Clone)]
struct RequestIds {
    prefix: Arc<str>,
    next: Arc<std::sync::atomic::AtomicU64>,
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

/// The OpenAPI 3.1 description of this API.
pub(crate) const OPENAPI: &str = include_str!("../../openapi.json");

/// Every route, with its layers.
pub(crate) fn router(state: AppState) -> Router {
    let mut router = Router::new()
        .route("/", get(index))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .route("/log/head", get(log_head))
        .route("/stages", get(all_stages))
        .route("/stages/{machine}", get(stages))
        .route("/organizations", get(records::list_organizations))
        .route("/open-data/{format}", get(open_data::export))
        .route("/open-data/csv/{file}", get(open_data::csv_file));
    for machine in Machine::ALL.iter().copied() {
        let base = format!("/{}", route(machine));
        if machine != Machine::Organization {
            router = router.route(&base, records::list_route(machine));
        }
        router = router
            .route(&format!("{base}/{{id}}"), records::get_route(machine))
            .route(
                &format!("{base}/{{id}}/events"),
                events::post_route(machine),
            );
    }
    let mut prefix = [0u8; 4];
    let _ = getrandom::fill(&mut prefix);
    let ids = RequestIds {
        prefix: crate::auth::hex(&prefix).into(),
        next: Arc::default(),
    };
    let limits = state.limits;
    router
        .fallback(no_route)
        .layer(middleware::from_fn(error::envelope))
        .layer(DefaultBodyLimit::max(Limits::MAX_BODY))
        .layer(RequestBodyTimeoutLayer::new(limits.body_timeout))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::HEAD])
                .expose_headers([
                    header::ETAG,
                    header::LINK,
                    header::CONTENT_LANGUAGE,
                    header::HeaderName::from_static(REQUEST_ID),
                ]),
        )
        .layer(middleware::from_fn_with_state(state.clone(), measure))
        .layer(PropagateRequestIdLayer::new(
            header::HeaderName::from_static(REQUEST_ID),
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let id = request
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!(
                    "request",
                    id = %id,
                    method = %request.method(),
                    path = %request.uri().path(),
                )
            }),
        )
        .layer(SetRequestIdLayer::new(
            header::HeaderName::from_static(REQUEST_ID),
            ids,
        ))
        .with_state(state)
}

/// Middleware: counts every answer by route and status, and its latency.
async fn measure(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .request(&route, response.status().as_u16(), started.elapsed());
    response
}

async fn no_route(uri: axum::http::Uri, method: Method, headers: HeaderMap) -> ApiError {
    for_status(
        StatusCode::NOT_FOUND,
        lang_of(&headers),
        method.as_str(),
        uri.path(),
    )
}

async fn index() -> Response {
    let machines: Vec<&str> = Machine::ALL.iter().map(|m| route(*m)).collect();
    Json(serde_json::json!({
        "service": "portal",
        "engo": env!("CARGO_PKG_VERSION"),
        "openapi": "/openapi.json",
        "records": machines.iter().map(|r| format!("/{r}/{{id}}")).collect::<Vec<_>>(),
        "events": machines.iter().map(|r| format!("/{r}/{{id}}/events")).collect::<Vec<_>>(),
        "organizations": "/organizations?region=&area=&status=&limit=&offset=",
        "open_data": Format::ALL.iter().map(|f| format!("/open-data/{}", f.name())).collect::<Vec<_>>(),
        "stages": Machine::ALL.iter().map(|m| format!("/stages/{}", m.as_str())).collect::<Vec<_>>(),
        "log": "/log/head",
        "health": "/health",
        "ready": "/ready",
        "metrics": "/metrics",
    }))
    .into_response()
}

/// `GET /health`: the process answers.
async fn health() -> Response {
    Json(serde_json::json!({ "status": "ok" })).into_response()
}

/// `GET /ready`: the writer runs and the database answers (503 otherwise).
async fn ready(State(state): State<AppState>, headers: HeaderMap) -> ApiResult {
    if state.writer.ready().await {
        let log_index = state.snapshots.load().log_index;
        Ok(Json(serde_json::json!({ "status": "ready", "log_index": log_index })).into_response())
    } else {
        Err(ApiError::busy(lang_of(&headers)))
    }
}

/// `GET /metrics`: Prometheus text format.
async fn metrics(State(state): State<AppState>) -> Response {
    let snapshot = state.snapshots.load();
    let mut response = state.metrics.render(snapshot.log_index).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

/// `GET /openapi.json`.
async fn openapi() -> Response {
    let mut response = OPENAPI.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// `GET /log/head`: the head of the published log — the position, chain hash and time of its
/// last event, as `log-head.json` of `engo publish` — and the number of events of the portal's
/// whole log (confidential ones included: the position the open-data downloads are tagged with).
async fn log_head(State(state): State<AppState>) -> Response {
    let snapshot = state.snapshots.load();
    let head = snapshot.head.as_ref();
    Json(serde_json::json!({
        "index": head.map(|h| h.index),
        "hash": head.map(|h| h.hash),
        "time": head.map(|h| h.time),
        "events": snapshot.log_index,
    }))
    .into_response()
}

/// `GET /stages`: every table.
async fn all_stages() -> Response {
    Json(tables_document()).into_response()
}

/// `GET /stages/{machine}`: the transition table (`social_order` or `social-order`).
async fn stages(Path(machine): Path<String>, headers: HeaderMap) -> ApiResult {
    match machine.replace('-', "_").parse::<Machine>() {
        Ok(m) => Ok(Json(machine_table(m)).into_response()),
        Err(_) => Err(ApiError::not_found(
            lang_of(&headers),
            "machine",
            &machine.chars().take(100).collect::<String>(),
        )),
    }
}
