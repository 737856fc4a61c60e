//! The one error type of the core, surfaced to JavaScript as `ConnectorError`.

use serde::Serialize;

use crate::template::TemplateError;

/// A failure the caller must handle: a template that cannot be rendered, a
/// payload a preview cannot use, an API call that failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Error {
    /// Stable kebab-case id, e.g. `template-unsafe-value`, `not-found`.
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// JSON Pointer of the payload member the error is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The template variable the error is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
    /// HTTP status, for API failures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The server's field violations, for API failures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<Violation>,
}

/// One field the server refused, from a gRPC-gateway error's details.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Violation {
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub constraint: String,
}

impl Error {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Error {
        Error { code: code.into(), message: message.into(), ..Error::default() }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Error {
        self.path = Some(path.into());
        self
    }

    pub fn variable(mut self, variable: impl Into<String>) -> Error {
        self.variable = Some(variable.into());
        self
    }

    /// The error as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"code":"internal-error","message":"unserializable error"}"#.to_string())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<TemplateError> for Error {
    fn from(e: TemplateError) -> Error {
        Error { code: e.kind.code().to_string(), message: e.message, hint: e.hint, variable: e.variable, ..Error::default() }
    }
}
