//! Connectors from API descriptions.
//!
//! [`import`] reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (as JSON: YAML is
//! converted by the caller) and builds the payload with the builder: the security
//! scheme becomes the auth pattern, the server and its variables become `proxy_url`
//! and its placeholders' fields. Whatever the connector format cannot express is a
//! [`Note`], never silently dropped. [`mcp`] decides which connector fits an MCP
//! server from what its OAuth discovery found.
//!
//! Nothing here panics on any input: the document is only ever read with `get`.
//! The code is plain loops over `serde_json::Value` on purpose: every iterator
//! chain or generic helper is stamped out again in the WebAssembly module.

pub mod mcp;
mod security;
mod servers;

use serde_json::{Map, Value};

use crate::builder::{self, Blueprint};
use crate::diagnostics::Severity;
use crate::error::Error;
use crate::rules;

/// How to import a document.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The connector's display name (default: `info.title`, made valid).
    pub name: Option<String>,
    /// The security scheme to use, by its name in the document.
    pub security_scheme: Option<String>,
    /// The server to use (default: the first).
    pub server: Option<Server>,
    /// The OpenID Connect discovery document of an `openIdConnect` scheme.
    pub discovery: Option<Value>,
    /// Where the document was read from: relative server URLs resolve against it.
    pub document_url: Option<String>,
}

/// A choice of server: an index into `servers`, or a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Server {
    Index(usize),
    Url(String),
}

impl Server {
    /// `"2"` is an index, anything else a URL.
    pub fn parse(text: &str) -> Server {
        match text.trim().parse() {
            Ok(index) => Server::Index(index),
            Err(_) => Server::Url(text.trim().to_string()),
        }
    }
}

/// Something the import could not express, or chose: `path` is a JSON Pointer
/// into the document (`""` for the whole document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub severity: Severity,
    /// Stable kebab-case id, e.g. `security-unsupported`.
    pub code: &'static str,
    pub message: String,
    pub path: String,
}

/// The result of an import.
#[derive(Clone, Debug, Default)]
pub struct Import {
    /// The payload, when an auth pattern could be chosen. With error notes it
    /// needs work before it validates.
    pub payload: Option<Value>,
    pub notes: Vec<Note>,
    /// The name of the security scheme used.
    pub scheme: Option<String>,
    /// The discovery document to fetch and pass as `discovery` (an
    /// `openIdConnect` scheme imported without it).
    pub discovery_url: Option<String>,
}

impl Import {
    /// Whether a note is an error.
    pub fn has_errors(&self) -> bool {
        self.notes.iter().any(|n| n.severity == Severity::Error)
    }

    /// `{ payload, notes, scheme?, discoveryUrl? }`.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("payload".into(), self.payload.clone().unwrap_or(Value::Null));
        out.insert("notes".into(), notes_json(&self.notes));
        if let Some(scheme) = &self.scheme {
            out.insert("scheme".into(), scheme.as_str().into());
        }
        if let Some(url) = &self.discovery_url {
            out.insert("discoveryUrl".into(), url.as_str().into());
        }
        Value::Object(out)
    }
}

pub(crate) fn notes_json(notes: &[Note]) -> Value {
    let mut list = Vec::with_capacity(notes.len());
    for note in notes {
        let severity = match note.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let mut out = Map::new();
        out.insert("severity".into(), severity.into());
        out.insert("code".into(), note.code.into());
        out.insert("message".into(), note.message.as_str().into());
        out.insert("path".into(), note.path.as_str().into());
        list.push(Value::Object(out));
    }
    Value::Array(list)
}

pub(crate) use Severity::{Error as E, Info as I, Warning as W};

/// Notes as they are collected.
#[derive(Default)]
pub(crate) struct Notes(pub Vec<Note>);

impl Notes {
    pub fn add(&mut self, severity: Severity, code: &'static str, path: &str, message: String) {
        self.0.push(Note { severity, code, message, path: path.to_string() });
    }
}

/// Which kind of document this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Version {
    Swagger2,
    OpenApi3,
}

/// Imports a document given as JSON text; invalid JSON is an error note.
pub fn import_text(text: &str, options: &Options) -> Result<Import, Error> {
    match serde_json::from_str::<Value>(text) {
        Ok(document) => import(&document, options),
        Err(e) => {
            let yaml = if text.trim_start().starts_with(['{', '[']) { "" } else { " (a YAML document must be converted to JSON first; the CLI does that)" };
            let message = match e.to_string().starts_with("recursion limit exceeded") {
                true => format!("The document is nested deeper than 127 levels (line {}, column {}); an API description is only a few levels deep", e.line(), e.column()),
                false => format!("The document is not valid JSON: {e}{yaml}"),
            };
            let note = Note { severity: E, code: "openapi-invalid", message, path: String::new() };
            Ok(Import { notes: vec![note], ..Import::default() })
        }
    }
}

/// Imports a document. Problems with the document are notes; only an option
/// that does not fit it (a scheme or server it does not have) is an error.
pub fn import(document: &Value, options: &Options) -> Result<Import, Error> {
    let mut notes = Notes::default();
    let mut result = Import::default();
    if crate::json::too_deep(document) {
        notes.add(E, "openapi-invalid", "", "The document is nested deeper than 127 levels; an API description is only a few levels deep".to_string());
    } else if let Some(version) = version(document, &mut notes) {
        let name = display_name_of(document, options, &mut notes);
        let server = servers::pick(document, version, options, &mut notes)?;
        if let Some(auth) = security::pick(document, version, options, &server.url, &mut notes)? {
            let mut blueprint = Blueprint { name, description: description(document), base_url: server.url, inputs: server.inputs, ..Blueprint::default() };
            result.scheme = Some(auth.name.clone());
            result.discovery_url = auth.apply(&mut blueprint);
            match builder::build(&blueprint) {
                Ok(mut payload) => {
                    servers::add_options(&mut payload, &server.selects);
                    result.payload = Some(payload);
                }
                Err(e) => notes.add(E, "openapi-unbuildable", "", format!("No payload could be built: {}", e.message)),
            }
        }
    }
    result.notes = notes.0;
    Ok(result)
}

fn version(document: &Value, notes: &mut Notes) -> Option<Version> {
    let (key, found, version) = if let Some(v) = document.get("openapi") {
        ("openapi", v, v.as_str().filter(|s| s.starts_with("3.")).map(|_| Version::OpenApi3))
    } else if let Some(v) = document.get("swagger") {
        ("swagger", v, (v.as_str() == Some("2.0")).then_some(Version::Swagger2))
    } else {
        let message = if document.is_object() { "Not an OpenAPI document: it has neither `openapi` (3.x) nor `swagger` (2.0)" } else { "An OpenAPI document is a JSON object" };
        notes.add(E, "openapi-invalid", "", message.to_string());
        return None;
    };
    if version.is_none() {
        notes.add(E, "openapi-version", &format!("/{key}"), format!("Unsupported `{key}` version {found}: OpenAPI 3.0 and 3.1 and Swagger 2.0 are read"));
    }
    version
}

/// The caller's name, or `info.title` made valid for `display_name`.
fn display_name_of(document: &Value, options: &Options, notes: &mut Notes) -> String {
    if let Some(name) = &options.name {
        return name.clone();
    }
    let title = document.pointer("/info/title").and_then(Value::as_str).unwrap_or("");
    let name = rules::display_name_fix(title);
    if name.is_empty() {
        notes.add(E, "openapi-name", "/info/title", format!("The title {} has no letter or digit to name the connector with: pass a name", crate::quote::quoted(title)));
    } else if name != title {
        notes.add(I, "openapi-name", "/info/title", format!("The title {} became the display name \"{name}\" (letters, digits and spaces only)", crate::quote::quoted(title)));
    }
    name
}

/// `info.summary`, or the first paragraph of `info.description`, on one line.
fn description(document: &Value) -> Option<String> {
    let summary = document.pointer("/info/summary").and_then(Value::as_str).filter(|s| !s.trim().is_empty());
    let text = summary.or_else(|| document.pointer("/info/description").and_then(Value::as_str))?;
    let mut line = String::new();
    for word in text.trim().split("\n\n").next().unwrap_or("").split_whitespace() {
        if line.chars().count() + word.chars().count() >= 300 {
            line.push('…');
            break;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    (!line.is_empty()).then_some(line)
}

/// The string member `key` of an object (`""` when absent or not a string).
pub(crate) fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// One reference token of a JSON Pointer (RFC 6901).
pub(crate) fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Whether `url` starts with `https://` (in any case).
pub(crate) fn is_https(url: &str) -> bool {
    url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}
