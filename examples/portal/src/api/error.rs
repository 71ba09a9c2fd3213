//! The one JSON error envelope of every error the server sends:
//! `{"error": {"status", "kind", "lang", "message", "findings"?, …}}`, with the message in the
//! language of `Accept-Language` (kk, ru, en) and `Content-Language`.
//!
//! Handlers answer with [`ApiError`]; the [`envelope`] middleware wraps what other layers
//! produce (axum's 405, a body limit's 413, a timeout's 408) in the same envelope.

use std::collections::BTreeMap;

use axum::{
    Json,
    extract::Request,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use engo::criteria::Finding;
use engo::model::Lang;
use serde::Serialize;

use crate::lang::{self, Text};

/// The language of a request.
pub(crate) fn lang_of(headers: &HeaderMap) -> Lang {
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

/// An error response.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) kind: &'static str,
    pub(crate) message: String,
    pub(crate) findings: Vec<Finding>,
    pub(crate) lang: Lang,
    pub(crate) extra: BTreeMap<&'static str, serde_json::Value>,
    pub(crate) headers: Vec<(header::HeaderName, String)>,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        kind: &'static str,
        lang: Lang,
        message: String,
    ) -> ApiError {
        ApiError {
            status,
            kind,
            message,
            findings: Vec::new(),
            lang,
            extra: BTreeMap::new(),
            headers: Vec::new(),
        }
    }

    /// An error whose message is `text` in `lang` with `params`.
    pub(crate) fn text(
        status: StatusCode,
        kind: &'static str,
        lang: Lang,
        text: Text,
        params: &[(&str, &str)],
    ) -> ApiError {
        ApiError::new(status, kind, lang, lang::render(text, lang, params))
    }

    pub(crate) fn malformed(lang: Lang, reason: impl std::fmt::Display) -> ApiError {
        let reason = reason.to_string();
        ApiError::text(
            StatusCode::BAD_REQUEST,
            "malformed",
            lang,
            Text::Malformed,
            &[("reason", &reason)],
        )
    }

    pub(crate) fn not_found(lang: Lang, what: &str, id: &str) -> ApiError {
        ApiError::text(
            StatusCode::NOT_FOUND,
            "not_found",
            lang,
            Text::NotFound,
            &[("what", what), ("id", id)],
        )
    }

    pub(crate) fn internal(lang: Lang, detail: impl std::fmt::Display) -> ApiError {
        tracing::error!(detail = %detail, "internal error");
        ApiError::text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            lang,
            Text::Internal,
            &[],
        )
    }

    /// 403: a mediation case is not published (Law on mediation No. 401-IV), whoever asks.
    pub(crate) fn confidential(lang: Lang) -> ApiError {
        ApiError::text(
            StatusCode::FORBIDDEN,
            "confidential",
            lang,
            Text::Confidential,
            &[],
        )
    }

    /// 503: a queue or a cap is full; retry after a second.
    pub(crate) fn busy(lang: Lang) -> ApiError {
        ApiError::text(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            lang,
            Text::Busy,
            &[],
        )
        .with_header(header::RETRY_AFTER, "1")
    }

    /// A conflict explained by `findings`; the message is the first finding's.
    pub(crate) fn conflict(
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

    pub(crate) fn with_header(mut self, name: header::HeaderName, value: &str) -> ApiError {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub(crate) fn with(
        mut self,
        key: &'static str,
        value: impl Into<serde_json::Value>,
    ) -> ApiError {
        self.extra.insert(key, value.into());
        self
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
        let headers = response.headers_mut();
        if let Ok(v) = HeaderValue::from_str(self.lang.code()) {
            headers.insert(header::CONTENT_LANGUAGE, v);
        }
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.insert(name, v);
            }
        }
        response
    }
}

/// The envelope of an error response another layer produced, by its status.
pub(crate) fn for_status(status: StatusCode, lang: Lang, method: &str, path: &str) -> ApiError {
    let limit = |n: usize| n.to_string();
    match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::text(
            status,
            "method_not_allowed",
            lang,
            Text::MethodNotAllowed,
            &[("method", method), ("id", path)],
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::text(
            status,
            "payload_too_large",
            lang,
            Text::PayloadTooLarge,
            &[("limit", &limit(crate::Limits::MAX_BODY))],
        ),
        StatusCode::URI_TOO_LONG => ApiError::text(
            status,
            "uri_too_long",
            lang,
            Text::UriTooLong,
            &[("limit", &limit(crate::Limits::MAX_URI))],
        ),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ApiError::text(
            status,
            "headers_too_large",
            lang,
            Text::HeadersTooLarge,
            &[("limit", &limit(crate::Limits::MAX_HEADERS))],
        ),
        StatusCode::REQUEST_TIMEOUT => ApiError::text(status, "timeout", lang, Text::Timeout, &[]),
        StatusCode::NOT_FOUND => {
            ApiError::text(status, "no_route", lang, Text::NoRoute, &[("id", path)])
        }
        StatusCode::SERVICE_UNAVAILABLE => ApiError::busy(lang),
        StatusCode::INTERNAL_SERVER_ERROR => {
            ApiError::text(status, "internal", lang, Text::Internal, &[])
        }
        other => ApiError::text(
            other,
            "failed",
            lang,
            Text::Failed,
            &[("status", other.as_str())],
        ),
    }
}

/// Middleware: refuses an over-long URI (414) or over-large headers (431) before routing, and
/// wraps every error response that is not already JSON in the envelope (keeping its headers,
/// such as `Allow` of a 405).
pub(crate) async fn envelope(request: Request, next: Next) -> Response {
    let lang = lang_of(request.headers());
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().chars().take(200).collect::<String>();
    let uri_len = request.uri().to_string().len();
    if uri_len > crate::Limits::MAX_URI {
        return for_status(StatusCode::URI_TOO_LONG, lang, &method, &path).into_response();
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if header_bytes > crate::Limits::MAX_HEADERS {
        return for_status(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            lang,
            &method,
            &path,
        )
        .into_response();
    }
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, _) = response.into_parts();
    let mut wrapped = for_status(status, lang, &method, &path).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            wrapped.headers_mut().insert(name.clone(), value.clone());
        }
    }
    wrapped
}
