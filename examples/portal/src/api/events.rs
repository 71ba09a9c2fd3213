//! `POST /<records>/{id}/events`: one transition, by an authenticated principal, written before
//! the answer.
//!
//! The handler checks what needs no state — credentials present (401), `Content-Type` (415),
//! the body's size (413), form and fields (400) — then hands the write to the writer and awaits
//! its answer without holding anything.

use axum::{
    Json,
    body::Bytes,
    extract::{Path, State, rejection::BytesRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{MethodRouter, post},
};
use engo::model::{Lang, lifecycle::Machine};
use serde::Serialize;

use super::{ApiError, ApiResult, AppState, for_status, lang_of, records::parse_id};
use crate::{
    auth::{self, AuthError},
    lang::{self, Text},
    records::{parse_payload, parse_reason, route},
    state::{Applied, EventRequest, Refusal, WriteRequest},
    writer::Unavailable,
};

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
    actor: &'a engo::model::lifecycle::Actor,
    profile: &'a str,
    log_index: usize,
}

/// The route of one machine.
pub(crate) fn post_route(machine: Machine) -> MethodRouter<AppState> {
    post(
        move |state: State<AppState>,
              id: Path<String>,
              headers: HeaderMap,
              body: Result<Bytes, BytesRejection>| {
            post_event(machine, state, id, headers, body)
        },
    )
}

fn unauthorized(lang: Lang, e: &AuthError) -> ApiError {
    let reason = e.to_string();
    ApiError::text(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        lang,
        Text::Unauthorized,
        &[("reason", &reason)],
    )
    .with_header(header::WWW_AUTHENTICATE, "Bearer realm=\"engo\"")
}

/// Whether the body is declared JSON (`application/json`, any parameters).
fn declared_json(headers: &HeaderMap) -> Result<(), String> {
    let found = headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or("?"))
        .unwrap_or("none");
    let essence = found.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(found.chars().take(100).collect())
    }
}

async fn post_event(
    machine: Machine,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let lang = lang_of(&headers);
    let credential = auth::credential(
        headers
            .get(header::AUTHORIZATION)
            .map(|v| v.to_str().unwrap_or("")),
    )
    .map_err(|e| unauthorized(lang, &e))?;
    if let Err(found) = declared_json(&headers) {
        return Err(ApiError::text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            lang,
            Text::UnsupportedMediaType,
            &[("found", &found)],
        ));
    }
    let body = body.map_err(|e| {
        let path = format!("/{}/{id}/events", route(machine));
        for_status(e.status(), lang, "POST", &path)
    })?;
    let entity = parse_id(machine, lang, &id)?;
    let request: EventRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::malformed(lang, format!("body: {e}")))?;
    let payload = parse_payload(request.payload).map_err(|e| ApiError::malformed(lang, e))?;
    let reason = parse_reason(request.reason).map_err(|e| ApiError::malformed(lang, e))?;
    let write = WriteRequest {
        machine,
        entity,
        credential,
        body: body.to_vec(),
        seq: request.seq,
        event: request.event,
        payload,
        reason,
    };
    let entity = write.entity.clone();
    let outcome = state.writer.apply(write).await.map_err(|e| match e {
        Unavailable::Busy => ApiError::busy(lang),
        Unavailable::Gone => ApiError::internal(lang, "the writer stopped"),
    })?;
    match outcome {
        Ok(applied) => {
            state.metrics.committed();
            Ok(created(&applied))
        }
        Err(refusal) => Err(refused(lang, machine, entity.as_str(), refusal)),
    }
}

fn created(applied: &Applied) -> Response {
    let view = AppliedView {
        machine: applied.event.machine,
        id: applied.event.entity.as_str(),
        seq: applied.event.seq,
        event: applied.event.event.as_str(),
        transition: applied.transition,
        from: applied.from.as_str(),
        stage: applied.to.as_str(),
        at: applied.event.at.to_rfc3339(),
        actor: &applied.event.actor,
        profile: &applied.event.profile,
        log_index: applied.log_index,
    };
    let mut response = (StatusCode::CREATED, Json(view)).into_response();
    let location = format!(
        "/{}/{}",
        route(applied.event.machine),
        applied.event.entity.as_str()
    );
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

fn refused(lang: Lang, machine: Machine, entity: &str, refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::Unauthorized(e) => unauthorized(lang, &e),
        Refusal::Forbidden { bin, event, roles } => {
            let roles_text = roles.join(", ");
            ApiError::text(
                StatusCode::FORBIDDEN,
                "forbidden",
                lang,
                Text::Forbidden,
                &[
                    ("bin", &bin),
                    ("machine", machine.as_str()),
                    ("id", entity),
                    ("event", event),
                    ("roles", &roles_text),
                ],
            )
            .with("roles", roles)
        }
        Refusal::RateLimited(wait) => {
            let seconds = wait.as_secs().max(1).to_string();
            ApiError::text(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                lang,
                Text::RateLimited,
                &[("seconds", &seconds)],
            )
            .with_header(header::RETRY_AFTER, &seconds)
        }
        Refusal::NotFound => ApiError::not_found(lang, machine.as_str(), entity),
        Refusal::Stale { expected, finding } => {
            ApiError::conflict(lang, "stale_seq", None, vec![finding])
                .with("expected_seq", expected)
        }
        Refusal::NotAllowed { finding } => {
            ApiError::conflict(lang, "not_allowed", None, vec![finding])
        }
        Refusal::GuardFailed {
            transition,
            findings,
        } => {
            let message = lang::render(Text::GuardFailed, lang, &[("transition", transition)]);
            ApiError::conflict(lang, "guard_failed", Some(message), findings)
                .with("transition", transition)
        }
        Refusal::Invalid { message } => ApiError::malformed(lang, message),
        Refusal::Internal(detail) => ApiError::internal(lang, detail),
    }
}
