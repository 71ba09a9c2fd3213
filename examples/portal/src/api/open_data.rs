//! `GET /open-data/{format}` and `GET /open-data/csv/{file}`: the cached exports, with `ETag`,
//! `If-None-Match`, `Range` and gzip; at most [`crate::Limits::downloads`] downloads at once.

use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use futures_util::StreamExt as _;
use tower::ServiceExt as _;
use tower_http::services::ServeFile;

use super::{ApiError, ApiResult, AppState, lang_of};
use crate::exports::{Format, csv_file_names};

/// Whether an `If-None-Match` header names `etag` (or `*`).
fn matches(header: &HeaderValue, etag: &str) -> bool {
    header.to_str().is_ok_and(|v| {
        v.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    })
}

/// Serves one cached file, holding a download permit until its body is sent.
async fn serve(
    state: &AppState,
    path: &std::path::Path,
    content_type: &'static str,
    file_name: &str,
    etag: &str,
    request: Request,
) -> ApiResult {
    let lang = lang_of(request.headers());
    if request
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| matches(v, etag))
    {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        if let Ok(v) = HeaderValue::from_str(etag) {
            response.headers_mut().insert(header::ETAG, v);
        }
        return Ok(response);
    }
    let permit = state
        .exports
        .download()
        .ok_or_else(|| ApiError::busy(lang))?;
    let served = ServeFile::new(path)
        .precompressed_gzip()
        .oneshot(request)
        .await
        .map_err(|e| ApiError::internal(lang, e))?;
    let (mut parts, body) = served.into_parts();
    if parts.status == StatusCode::NOT_FOUND {
        // The generation was replaced between the lookup and the open: rare; retry.
        return Err(ApiError::busy(lang));
    }
    let headers = &mut parts.headers;
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    let stream = Body::new(body).into_data_stream().map(move |chunk| {
        // The permit goes with the last chunk.
        let _held = &permit;
        chunk
    });
    Ok(Response::from_parts(parts, Body::from_stream(stream)))
}

/// `GET /open-data/{format}`.
pub(crate) async fn export(
    State(state): State<AppState>,
    Path(format): Path<String>,
    request: Request,
) -> ApiResult {
    let lang = lang_of(request.headers());
    let Some(format) = Format::parse(&format) else {
        let shown: String = format.chars().take(100).collect();
        return Err(ApiError::not_found(lang, "format", &shown));
    };
    let snapshot = state.snapshots.load();
    let built = state
        .exports
        .get(format, snapshot)
        .await
        .map_err(|e| ApiError::internal(lang, e))?;
    let etag = built.etag();
    serve(
        &state,
        &built.path,
        format.content_type(),
        format.file_name(),
        &etag,
        request,
    )
    .await
}

/// `GET /open-data/csv/{file}`: one file of the data package. The name is checked before
/// anything is built.
pub(crate) async fn csv_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    request: Request,
) -> ApiResult {
    let lang = lang_of(request.headers());
    if !csv_file_names().contains(&file) {
        let shown: String = file.chars().take(100).collect();
        return Err(ApiError::not_found(lang, "file", &shown));
    }
    let snapshot = state.snapshots.load();
    let built = state
        .exports
        .get(Format::Csv, snapshot)
        .await
        .map_err(|e| ApiError::internal(lang, e))?;
    let Some(dir) = &built.dir else {
        return Err(ApiError::internal(lang, "the CSV export has no directory"));
    };
    let content_type = if file.ends_with(".json") {
        "application/json"
    } else {
        "text/csv; charset=utf-8"
    };
    let etag = format!("\"{file}-{}\"", built.log_index);
    serve(
        &state,
        &dir.join(&file),
        content_type,
        &file,
        &etag,
        request,
    )
    .await
}
