//! API failures as `Error`s: a kebab code from the HTTP status, the server's
//! message and field violations, and a hint saying what to do.

use serde_json::Value;

use super::runtime::{HttpResponse, Method, TransportError};
use crate::error::{Error, Violation};

/// What a request was for, to word its errors.
#[derive(Clone, Debug)]
pub(crate) struct Op {
    pub method: Method,
    /// Path and query under the environment URL.
    pub path: String,
    /// e.g. "the update of `my_asana`".
    pub what: String,
    /// The token request (OAuth error bodies, `invalid-client`).
    pub token: bool,
}

impl Op {
    /// Writes change state, so they are never retried blindly.
    pub fn is_write(&self) -> bool {
        !self.token && self.method != Method::Get
    }

    /// Method and path without the query, for messages.
    fn request_line(&self) -> String {
        let path = self.path.split('?').next().unwrap_or_default();
        format!("{} {path}", self.method.as_str())
    }
}

/// The kebab code for an HTTP status.
pub fn code_for_status(status: u16) -> &'static str {
    match status {
        400 => "invalid-argument",
        401 => "unauthenticated",
        403 => "permission-denied",
        404 => "not-found",
        409 => "already-exists",
        429 => "rate-limited",
        500..=599 => "server-error",
        _ => "http-error",
    }
}

const CONNECTIONS_REMEDY: &str = "delete the connector's connections and connected accounts first (in the dashboard), then delete it again";

/// The error for a non-2xx answer.
pub(crate) fn from_status(op: &Op, response: &HttpResponse) -> Error {
    let body: Value = serde_json::from_str(&response.body).unwrap_or(Value::Null);
    let text = |key: &str| body.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
    let server_message = text("message").or_else(|| text("error_description")).or_else(|| text("error"));
    let status = response.status;
    let mut error = Error::new(code_for_status(status), server_message.map_or_else(|| format!("{} failed with HTTP {status}", op.request_line()), str::to_string));
    error.status = Some(status);
    error.violations = violations(&body);
    if op.token && status == 401 {
        error.code = "invalid-client".into();
        return error.hint("the client id or secret was refused: check both belong to this environment");
    }
    if server_message.is_some_and(|m| m.contains("existing connections")) {
        return error.hint(CONNECTIONS_REMEDY);
    }
    match status {
        403 => error.hint("the client may not manage connectors in this environment"),
        404 if op.method != Method::Get => error.hint("no custom connector has that identifier: list() shows them"),
        409 => error.hint("a connector with this display name exists: find it by name and update it instead"),
        429 if op.is_write() => error.hint("the server refused the request before running it; try again later"),
        429 => error.hint("rate limited after retrying; try again later"),
        500..=599 if op.is_write() => error.hint("the change may or may not have been made: list() to check before retrying"),
        _ => error,
    }
}

/// Field violations from a gRPC-gateway body's `details[].validation_error_info`.
fn violations(body: &Value) -> Vec<Violation> {
    let Some(details) = body.get("details").and_then(Value::as_array) else { return Vec::new() };
    details
        .iter()
        .filter_map(|d| d.pointer("/validation_error_info/field_violations").and_then(Value::as_array))
        .flatten()
        .filter(|v| v.is_object())
        .map(|v| {
            let text = |key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_string();
            Violation { field: text("field"), description: text("description"), constraint: text("constraint") }
        })
        .collect()
}

/// The error for an answer that is not the JSON expected.
pub(crate) fn bad_response(op: &Op, status: Option<u16>, detail: impl std::fmt::Display) -> Error {
    let mut error = Error::new("bad-response", format!("The answer to {} was not the JSON expected: {detail}", op.request_line()));
    error.status = status;
    if op.is_write() {
        return error.hint("the server accepted the request, so the change was probably made: list() to check");
    }
    error
}

/// The error when no answer arrived (after any retries).
pub(crate) fn from_transport(op: &Op, failure: &TransportError, timeout_ms: u32, attempts: u32) -> Error {
    let tries = if attempts > 1 { format!(" ({attempts} attempts)") } else { String::new() };
    if op.is_write() {
        let why = match failure {
            TransportError::Timeout => format!("no answer came within {}", seconds(timeout_ms)),
            TransportError::Network(detail) => format!("the connection failed ({detail})"),
        };
        return Error::new("outcome-unknown", format!("It is not known whether {} happened: {why}", op.what))
            .hint("list() (or get the connector) to check before retrying; do not retry blindly");
    }
    match failure {
        TransportError::Timeout => Error::new("timeout", format!("{} got no answer within {}{tries}", op.request_line(), seconds(timeout_ms))).hint("the server is slow or unreachable; try again, or raise the timeout"),
        TransportError::Network(detail) => Error::new("network", format!("{} failed: {detail}{tries}", op.request_line()))
            .hint("check the environment URL and the network; in a browser, the server may not allow this page's origin (CORS): use `connector-kit serve`"),
    }
}

fn seconds(ms: u32) -> String {
    if ms.is_multiple_of(1000) { format!("{} s", ms / 1000) } else { format!("{ms} ms") }
}

/// Replaces every occurrence of the secrets in an error's text.
pub(crate) fn scrub(mut error: Error, secrets: &[&str]) -> Error {
    let clean = |text: &mut String| {
        for secret in secrets.iter().filter(|s| !s.is_empty()) {
            if text.contains(secret) {
                *text = text.replace(secret, "[redacted]");
            }
        }
    };
    clean(&mut error.message);
    if let Some(hint) = error.hint.as_mut() {
        clean(hint);
    }
    for violation in &mut error.violations {
        clean(&mut violation.field);
        clean(&mut violation.description);
        clean(&mut violation.constraint);
    }
    error
}
