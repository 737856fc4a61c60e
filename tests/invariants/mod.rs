//! Invariants of the core's entry points, checked on any input: shared by the
//! bounded property test (tests/properties.rs, run by `cargo test`) and the
//! fuzz targets (fuzz/, which include this file by path). Each `check_*`
//! runs one entry-point family on its input and panics, saying what broke,
//! when an invariant does not hold. "No panic" alone is not enough: these
//! say what the answer must look like.
//!
//! Dependencies: connector-kit and its own dependencies only (serde_json,
//! base64, shlex), so the fuzz crate and the test crate can both include it.

#![allow(dead_code)]

use std::collections::BTreeMap;

use base64::Engine;
use connector_kit::builder::{build, Blueprint};
use connector_kit::diagnostics::{code, severity_of, Report, Severity, CODES};
use connector_kit::manage::diff::{diff, ChangeKind};
use connector_kit::manage::promote::{plan, Action};
use connector_kit::manage::update::{check_immutable, strip_server_keys, update_body};
use connector_kit::model::{Document, ParseError};
use connector_kit::openapi::{self, mcp};
use connector_kit::preview::{self, Values, MASK};
use connector_kit::template::{self, Place, TemplateErrorKind};
use connector_kit::validate::{self, Mode, MAX_DIAGNOSTICS};
use connector_kit::web_url;
use serde_json::Value;

// ---------------------------------------------------------------------------
// validate and the model

/// `validate` in both modes, with and without positions, and the model.
pub fn check_validate(src: &str) {
    let theirs = serde_json::from_str::<Value>(src);
    let create = validate::validate(src, &validate::Options { mode: Mode::Create, positions: true });
    check_report_against(src, &create, true, &theirs);
    let update = validate::validate(src, &validate::Options { mode: Mode::Update, positions: false });
    check_report_against(src, &update, false, &theirs);
    // Update checks everything create does, and more.
    let truncated = |r: &Report| r.diagnostics.iter().any(|d| d.code == code::TOO_MANY_DIAGNOSTICS);
    if !truncated(&create) && !truncated(&update) {
        let mut rest: Vec<(&str, &str)> = update.diagnostics.iter().map(|d| (d.code, d.path.as_str())).collect();
        for d in &create.diagnostics {
            let at = rest.iter().position(|x| *x == (d.code, d.path.as_str()));
            assert!(at.is_some(), "create reports {} at {:?} but update does not\n{src}", d.code, d.path);
            rest.remove(at.unwrap_or(0));
        }
    }
    check_model_against(src, &theirs);
}

/// The report of `validate` on `src`.
pub fn check_report(src: &str, report: &Report, positions: bool) {
    check_report_against(src, report, positions, &serde_json::from_str::<Value>(src));
}

/// The same, given serde_json's reading of `src`.
fn check_report_against(src: &str, report: &Report, positions: bool, theirs: &Result<Value, serde_json::Error>) {
    let has_error = report.diagnostics.iter().any(|d| d.severity == Severity::Error);
    assert_eq!(report.valid, !has_error, "`valid` must be true exactly when no diagnostic is an error\n{src}");
    assert!(report.diagnostics.len() <= MAX_DIAGNOSTICS + 1, "{} diagnostics", report.diagnostics.len());
    let lines: Vec<&str> = src.split('\n').collect();
    for d in &report.diagnostics {
        assert!(CODES.iter().any(|c| c.code == d.code), "undocumented code {}", d.code);
        assert_eq!(d.severity, severity_of(d.code), "severity of {}", d.code);
        assert!(!d.message.trim().is_empty(), "{} has an empty message", d.code);
        assert!(d.path.is_empty() || d.path.starts_with('/'), "{}: {:?} is not a JSON Pointer", d.code, d.path);
        if !positions || d.code == code::TOO_MANY_DIAGNOSTICS {
            assert!(d.line.is_none() && d.column.is_none(), "{} has a position it should not", d.code);
            continue;
        }
        let (Some(line), Some(column)) = (d.line, d.column) else { panic!("{} has no position\n{src}", d.code) };
        assert!(line >= 1 && line as usize <= lines.len(), "{}: line {line} is outside the text's {} lines", d.code, lines.len());
        let width: usize = lines[line as usize - 1].chars().map(char::len_utf16).sum();
        assert!(column >= 1 && column as usize <= width + 1, "{}: column {column} is outside line {line} ({width} UTF-16 units)", d.code);
    }
    // The verdict on JSON syntax agrees with serde_json's.
    let invalid_json = report.diagnostics.iter().any(|d| d.code == code::INVALID_JSON);
    match theirs {
        Ok(value) => {
            assert!(!invalid_json, "serde_json reads the text, validate says invalid-json\n{src}");
            let not_object = report.diagnostics.iter().any(|d| d.code == code::NOT_AN_OBJECT);
            assert_eq!(not_object, !value.is_object(), "not-an-object\n{src}");
        }
        Err(e) => assert!(invalid_json || out_of_range(e), "serde_json refuses the text ({e}), validate does not\n{src}"),
    }
    let json = report.to_json();
    assert!(serde_json::from_str::<Value>(&json).is_ok(), "the report is not JSON: {json}");
}

/// serde_json refuses numbers beyond f64; the scanner (like `JSON.parse`) does not.
fn out_of_range(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("number out of range")
}

/// `Document::parse` accepts what serde_json accepts, and `to_json` gives
/// back what serde_json reads, key order and duplicate keys included.
pub fn check_model(src: &str) {
    check_model_against(src, &serde_json::from_str::<Value>(src));
}

fn check_model_against(src: &str, theirs: &Result<Value, serde_json::Error>) {
    match Document::parse(src) {
        Ok(document) => {
            let ours = document.to_json();
            match theirs {
                Ok(theirs) => assert_eq!(
                    serde_json::to_string(&ours).ok(),
                    serde_json::to_string(theirs).ok(),
                    "to_json differs from serde_json's reading\n{src}"
                ),
                Err(e) => assert!(out_of_range(e), "the model accepts what serde_json refuses ({e})\n{src}"),
            }
        }
        Err(ParseError::Syntax(e)) => {
            assert!(theirs.is_err(), "the model refuses JSON serde_json reads ({})\n{src}", e.message);
            assert!(e.offset <= src.len() && !e.message.is_empty());
        }
        Err(ParseError::NotAnObject(_, span)) => {
            assert!(theirs.as_ref().map_or_else(out_of_range, |v| !v.is_object()), "not-an-object for an object\n{src}");
            assert!(span.start <= span.end && span.end as usize <= src.len());
        }
    }
}

// ---------------------------------------------------------------------------
// templates

/// Parse, variables and render of `src` with `values`.
pub fn check_template(src: &str, values: &BTreeMap<String, String>) {
    let parsed = template::parse(src);
    assert_eq!(parsed.is_ok(), template::variables(src).is_ok());
    let t = match parsed {
        Ok(t) => t,
        Err(e) => {
            assert_eq!(e.kind, TemplateErrorKind::Syntax);
            assert!(!e.message.is_empty());
            let span = e.span.expect("a syntax error has a span");
            assert!(src.get(span.clone()).is_some(), "span {span:?} is not a range of {src:?}");
            return;
        }
    };
    // The parts are the source, cut.
    let mut joined = String::new();
    for part in t.parts() {
        match part {
            template::Part::Literal(text) => {
                assert!(!text.contains("{{") && !text.contains("}}"), "literal {text:?} holds braces");
                joined.push_str(text);
            }
            template::Part::Placeholder(p) => {
                assert_eq!(src.get(p.span.clone()), Some(format!("{{{{{}}}}}", p.name).as_str()));
                joined.push_str(&src[p.span.clone()]);
            }
        }
    }
    assert_eq!(joined, src);
    let variables = t.variables();
    for (i, v) in variables.iter().enumerate() {
        assert!(!variables[..i].contains(v), "{v} listed twice");
    }

    let rendered = t.render(|name| values.get(name).map(String::as_str));
    let url = match rendered {
        Ok(url) => url,
        Err(e) => {
            assert_ne!(e.kind, TemplateErrorKind::Syntax);
            assert!(!e.message.is_empty());
            if let Some(variable) = &e.variable {
                assert!(variables.contains(&variable.as_str()), "error about {variable}, which the template does not use");
            }
            if let Some(span) = &e.span {
                assert!(src.get(span.clone()).is_some());
            }
            return;
        }
    };
    assert!(!url.contains("{{"), "rendered {url:?} holds `{{{{`");
    let parsed = web_url::parse(&url).unwrap_or_else(|e| panic!("rendered {url:?} does not parse: {e}"));
    for p in t.placeholders() {
        assert!(p.place.is_fillable(), "rendered with {{{{{}}}}} in {}", p.name, p.place.describe());
        let value = values.get(p.name).expect("rendered without a value");
        if matches!(p.place, Place::PathSegment | Place::QueryKey | Place::QueryValue) {
            let encoded = template::encode(value);
            assert!(url.contains(encoded.as_ref()), "{url:?} lacks {encoded:?}, the value of {{{{{}}}}}", p.name);
        }
    }
    // The host is the template's: its literal text with the host values written in.
    let mut expected = String::new();
    let mut at = 0;
    for p in t.placeholders() {
        expected.push_str(&src[at..p.span.start]);
        let is_host = matches!(p.place, Place::Host | Place::HostLabel);
        expected.push_str(if is_host { values.get(p.name).map_or("x", String::as_str) } else { "x" });
        at = p.span.end;
    }
    expected.push_str(&src[at..]);
    let expected = web_url::parse(&expected).unwrap_or_else(|e| panic!("{expected:?} does not parse: {e}"));
    assert!(parsed.host.eq_ignore_ascii_case(&expected.host), "host {:?}, expected {:?} (template {src:?}, url {url:?})", parsed.host, expected.host);
    assert_eq!((parsed.scheme.as_str(), parsed.port), (expected.scheme.as_str(), expected.port), "scheme or port changed: {url:?}");
}

// ---------------------------------------------------------------------------
// preview

/// `preview` with and without `reveal`, and `render_proxy_url`.
pub fn check_preview(src: &str, values: &Values, method: Option<&str>, path: Option<&str>) {
    let options = |reveal| preview::Options { method: method.map(str::to_string), path: path.map(str::to_string), reveal };
    let shown = preview::preview(src, values, &options(true));
    let masked = preview::preview(src, values, &options(false));
    let rendered = preview::render_proxy_url(src, values);

    // What a masked preview shows (error included) never holds a secret.
    let out = shown_text(&masked);
    // Not a leak: what the payload says (escapes decoded), and what the
    // preview shows with other values in place of the secrets.
    let said = serde_json::from_str::<Value>(src).map(|v| strings(&v).join("\n")).unwrap_or_default();
    let secret_values = secrets(src, values);
    let mut others = values.clone();
    for (name, _) in &secret_values {
        others.insert(name.clone(), "zzotherzz".to_string());
    }
    let said = format!("{said}\n{}", shown_text(&preview::preview(src, &others, &options(false))));
    for (name, secret) in secret_values {
        let shows = |needle: &str| !needle.is_empty() && out.contains(needle);
        let encoded = template::encode(&secret).into_owned();
        let b64 = base64::engine::general_purpose::STANDARD.encode(&secret);
        for (form, needle) in [("value", &secret), ("percent-encoded value", &encoded), ("base64", &b64)] {
            let innocent = src.contains(needle.as_str()) || said.contains(needle.as_str()) || values.iter().any(|(k, v)| *k != name && v.contains(needle.as_str())) || method.is_some_and(|m| m.to_ascii_uppercase().contains(needle.as_str())) || path.is_some_and(|p| p.contains(needle.as_str()));
            assert!(innocent || !shows(needle), "the masked preview shows the {form} of the secret `{name}` ({needle:?}):\n{out}\n{src}");
        }
    }
    if let Some(user) = values.get("username") {
        let pair = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{}", values.get("password").map_or("", String::as_str)));
        assert!(!out.contains(&pair) || src.contains(&pair), "the masked preview shows the Basic credential\n{out}");
    }

    match (&shown, &masked) {
        (Ok(shown), Ok(masked)) => {
            assert_eq!(shown.method, masked.method);
            assert_eq!(shown.headers.keys().collect::<Vec<_>>(), masked.headers.keys().collect::<Vec<_>>());
            let method = shown.method.as_str();
            assert!(!method.is_empty() && method.bytes().all(|b| b.is_ascii_graphic()), "method {method:?}");
            if path.is_none_or(str::is_empty) {
                assert_eq!(rendered.as_ref().ok(), Some(&shown.url), "render_proxy_url differs from the preview's URL");
            }
            for p in [shown, masked] {
                check_curl(p);
                for (name, value) in &p.headers {
                    let value = value.as_str().expect("header values are strings");
                    assert!(!value.contains(['\r', '\n', '\0']), "header {name} holds a line break: {value:?}");
                }
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.code, b.code, "reveal changes the error: {} / {}", a.message, b.message),
        (a, b) => panic!("reveal changes success: {:?} / {:?}\n{src}\n{values:?}", a.as_ref().map(|p| &p.url), b.as_ref().map(|p| &p.url)),
    }
    if let Err(e) = &masked {
        assert!(!e.code.is_empty() && !e.message.is_empty());
    }
}

/// All a preview shows: method, URL, headers and curl, or the error.
fn shown_text(preview: &Result<preview::Preview, connector_kit::error::Error>) -> String {
    match preview {
        Ok(p) => {
            let headers: Vec<String> = p.headers.iter().map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or(""))).collect();
            format!("{} {} {} {}", p.method, p.url, headers.join("\n"), p.curl)
        }
        Err(e) => format!("{} {} {}", e.message, e.hint.as_deref().unwrap_or(""), e.variable.as_deref().unwrap_or("")),
    }
}

/// Every key and string of `value`.
fn strings(value: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) => out.push(s.as_str()),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                out.extend(map.keys().map(String::as_str));
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    out
}

/// The curl command splits back (as a shell would) into the request.
fn check_curl(p: &preview::Preview) {
    if p.url.contains('\0') {
        return;
    }
    let mut expected = vec!["curl".to_string()];
    if p.method != "GET" {
        expected.extend(["-X".to_string(), p.method.clone()]);
    }
    expected.push(p.url.clone());
    for (name, value) in &p.headers {
        expected.extend(["-H".to_string(), format!("{name}: {}", value.as_str().unwrap_or(""))]);
    }
    assert_eq!(shlex::split(&p.curl), Some(expected), "curl does not split back: {}", p.curl);
}

/// The values of secret fields, worked out from the payload independently of
/// the preview: the credential its type sends (BASIC: the password) and every
/// `password` input. Only values long enough to be recognisable are listed.
pub fn secrets(src: &str, values: &Values) -> Vec<(String, String)> {
    let Ok(payload) = serde_json::from_str::<Value>(src) else { return Vec::new() };
    let Some(pattern) = payload.get("auth_patterns").and_then(|p| p.get(0)) else { return Vec::new() };
    let mut names: Vec<&str> = match pattern.get("type").and_then(Value::as_str) {
        Some("OAUTH" | "BEARER") => vec!["token"],
        Some("API_KEY") => vec!["api_key"],
        Some("BASIC") => vec!["password"],
        _ => Vec::new(),
    };
    for list in ["fields", "account_fields"] {
        for field in pattern.get(list).and_then(Value::as_array).into_iter().flatten() {
            if field.get("input_type").and_then(Value::as_str) == Some("password") {
                names.extend(field.get("field_name").and_then(Value::as_str));
            }
        }
    }
    let fixed = format!("curl -X -H Authorization: Bearer Basic {MASK} {} ck-masked-secret-3f9a https:// http:// GET POST", preview::OAUTH_TOKEN_PLACEHOLDER);
    let mut out = Vec::new();
    for name in names {
        if let Some(value) = values.get(name) {
            if value.chars().count() >= 6 && !fixed.contains(value.as_str()) && !MASK.contains(value.as_str()) {
                out.push((name.to_string(), value.clone()));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// OpenAPI import and the MCP decision

/// `import_text` of `text` with `options`.
pub fn check_openapi(text: &str, options: &openapi::Options) {
    let import = match openapi::import_text(text, options) {
        Ok(import) => import,
        Err(e) => {
            assert!(matches!(e.code.as_str(), "unknown-security-scheme" | "unknown-server"), "unexpected error {}: {}", e.code, e.message);
            assert!(!e.message.is_empty());
            return;
        }
    };
    for note in &import.notes {
        assert!(!note.code.is_empty() && !note.message.trim().is_empty(), "empty note {note:?}");
        assert!(note.path.is_empty() || note.path.starts_with('/'), "note path {:?}", note.path);
    }
    let _ = import.to_json();
    match &import.payload {
        Some(payload) => {
            assert!(payload.is_object(), "payload {payload}");
            let text = payload.to_string();
            let report = validate::validate(&text, &validate::Options::default());
            check_report(&text, &report, true);
            if !import.has_errors() {
                let errors: Vec<String> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{} {}: {}", d.code, d.path, d.message)).collect();
                assert!(errors.is_empty(), "an import without error notes gives a payload that does not validate:\n{}\n{text}", errors.join("\n"));
            }
        }
        None => assert!(import.has_errors(), "no payload, and no error note says why: {:?}", import.notes),
    }
}

/// `mcp::connector` of `findings`.
pub fn check_mcp(findings: &Value) {
    let result = match mcp::connector(findings) {
        Ok(result) => result,
        Err(e) => {
            assert_eq!(e.code, "invalid-argument");
            return;
        }
    };
    let kind = result.get("type").expect("type");
    assert!(kind.is_null() || matches!(kind.as_str(), Some("OAUTH" | "BASIC" | "BEARER" | "API_KEY" | "NO_AUTH")), "type {kind}");
    assert!(result.get("notes").is_some_and(Value::is_array));
    assert!(result.get("capabilities").is_some_and(Value::is_object));
    let blueprint = result.get("blueprint").expect("blueprint");
    assert_eq!(blueprint.is_null(), kind.is_null(), "a type without a blueprint, or the reverse");
    if !blueprint.is_null() {
        let blueprint = Blueprint::from_json(blueprint).unwrap_or_else(|e| panic!("the blueprint does not read: {}", e.message));
        // The URL is the caller's and may not be a template; the payload still is JSON.
        if let Ok(payload) = build(&blueprint) {
            assert!(payload.is_object());
        }
    }
}

// ---------------------------------------------------------------------------
// manage: diff, update body, promotion plan; the builder

/// Diff, update body and plan of two JSON values.
pub fn check_manage(current: &Value, proposed: &Value) {
    let d = diff(current, proposed);
    for change in &d.changes {
        let (side, value) = match change.kind {
            ChangeKind::Removed => (current, &change.before),
            ChangeKind::Added | ChangeKind::Changed => (proposed, &change.after),
        };
        assert!(value.is_some(), "{:?} at {} without its value", change.kind, change.path);
        // A member removed inside a list element matched by name (which may
        // have moved) is named by where that element is in the proposed payload.
        let parent = change.path.rsplit_once('/').map_or("", |(parent, _)| parent);
        let inside_moved = change.kind == ChangeKind::Removed && proposed.pointer(parent).is_some();
        assert!(side.pointer(&change.path) == value.as_ref() || inside_moved, "{:?} at {} does not point at its value", change.kind, change.path);
        if change.kind == ChangeKind::Changed {
            assert_ne!(change.before, change.after, "a change at {} that changes nothing", change.path);
        }
    }
    assert!(diff(proposed, proposed).changes.is_empty(), "a payload differs from itself: {:?}", diff(proposed, proposed).changes);
    let _ = serde_json::to_string(&d);

    match update_body(current, proposed) {
        Ok(body) => {
            let map = body.as_object().expect("the body is an object");
            assert_eq!(map.get("proxy_enabled"), Some(&Value::Bool(true)));
            for (key, value) in proposed.as_object().into_iter().flatten() {
                if key != "proxy_enabled" && key != "auth_patterns" {
                    assert_eq!(map.get(key), Some(value), "the body changes `{key}`");
                }
            }
            assert!(check_immutable(current, &body).is_ok());
            assert_eq!(update_body(current, &body).ok().as_ref(), Some(&body), "update_body is not idempotent");
        }
        Err(e) => assert!(!proposed.is_object() || check_immutable(current, proposed).is_err(), "refused: {} {}", e.code, e.message),
    }

    let created = plan(proposed, None).expect("a create plan");
    assert_eq!(created.action, Action::Create);
    assert_eq!(created.request.as_ref().map(|r| &r.body), Some(&strip_server_keys(proposed)));
    if let Ok(p) = plan(proposed, Some(current)) {
        assert_eq!(p.rows.len(), p.changes.len());
        assert_eq!(p.action == Action::None, p.request.is_none());
        if !current.is_null() {
            assert_ne!(p.action, Action::Create);
        }
        let _ = serde_json::to_string(&p);
    }
}

/// `Blueprint::from_json` then `build`.
pub fn check_blueprint(value: &Value) {
    let blueprint = match Blueprint::from_json(value) {
        Ok(blueprint) => blueprint,
        Err(e) => {
            assert_eq!(e.code, "invalid-blueprint", "{}", e.message);
            return;
        }
    };
    let payload = match build(&blueprint) {
        Ok(payload) => payload,
        Err(e) => {
            assert!(!e.code.is_empty() && !e.message.is_empty());
            return;
        }
    };
    assert_eq!(payload.get("display_name").and_then(Value::as_str), Some(blueprint.name.trim()));
    assert_eq!(payload.get("proxy_url").and_then(Value::as_str), Some(blueprint.base_url.trim()));
    let text = payload.to_string();
    check_report(&text, &validate::validate(&text, &validate::Options::default()), true);
    let pattern = &payload["auth_patterns"][0];
    let declared: Vec<&str> = ["fields", "account_fields"]
        .iter()
        .flat_map(|list| pattern.get(*list).and_then(Value::as_array).into_iter().flatten())
        .filter_map(|f| f.get("field_name").and_then(Value::as_str))
        .collect();
    for variable in template::variables(&blueprint.base_url).unwrap_or_default() {
        assert!(declared.contains(&variable), "{{{{{variable}}}}} has no field");
    }
}

// ---------------------------------------------------------------------------
// Seeds both sides use: the presets, the OpenAPI fixtures, example URLs.

/// The OpenAPI fixtures (tests/fixtures/openapi/), by name.
pub const OPENAPI_FIXTURES: &[(&str, &str)] = &[
    ("apikey-query-3.0.json", include_str!("../fixtures/openapi/apikey-query-3.0.json")),
    ("bearer-3.1.json", include_str!("../fixtures/openapi/bearer-3.1.json")),
    ("broken.json", include_str!("../fixtures/openapi/broken.json")),
    ("not-openapi.json", include_str!("../fixtures/openapi/not-openapi.json")),
    ("oauth-server-variables-3.0.json", include_str!("../fixtures/openapi/oauth-server-variables-3.0.json")),
    ("openid-3.0.json", include_str!("../fixtures/openapi/openid-3.0.json")),
    ("petstore-swagger2.json", include_str!("../fixtures/openapi/petstore-swagger2.json")),
    ("several-schemes-3.0.json", include_str!("../fixtures/openapi/several-schemes-3.0.json")),
];

/// The OpenID discovery fixture.
pub const DISCOVERY: &str = include_str!("../fixtures/openapi/openid-discovery.json");

/// Every quoted `http(s)://…` string of tests/template.rs, in order, once each.
pub fn example_urls() -> Vec<String> {
    let source = include_str!("../template.rs");
    let mut out: Vec<String> = Vec::new();
    for piece in source.split('"').skip(1).step_by(2) {
        if (piece.starts_with("https://") || piece.starts_with("http://")) && !out.iter().any(|u| u == piece) {
            out.push(piece.replace("\\\\", "\\"));
        }
    }
    out
}

/// MCP findings shaped like what `mcp-check` gathers.
pub const MCP_FINDINGS: &[&str] = &[
    r#"{"url": "https://mcp.example.com/mcp", "publicAccess": true}"#,
    r#"{"url": "https://mcp.example.com/mcp", "status": 401, "challenge": "Bearer realm=\"mcp\""}"#,
    r#"{"url": "https://mcp.example.com/mcp", "status": 401, "challenge": "Basic"}"#,
    r#"{"url": "https://mcp.example.com/mcp", "name": "Example MCP", "status": 401, "resourceMetadata": {"resource": "https://mcp.example.com/mcp", "authorization_servers": ["https://auth.example.com"]}, "authorizationServer": {"issuer": "https://auth.example.com", "registration_endpoint": "https://auth.example.com/register", "code_challenge_methods_supported": ["S256"], "response_types_supported": ["code"]}, "issuer": "https://auth.example.com", "sessionId": true}"#,
    r#"{"url": "http://localhost:3000/mcp", "status": 403, "authorizationServer": {"issuer": "x", "client_id_metadata_document_supported": true, "code_challenge_methods_supported": ["plain"]}}"#,
];

/// Blueprints like the builder's tests use.
pub const BLUEPRINTS: &[&str] = &[
    r#"{"name": "Acme", "type": "BEARER", "baseUrl": "https://api.acme.com"}"#,
    r#"{"name": "Klaviyo", "type": "API_KEY", "baseUrl": "https://a.klaviyo.com/api", "mutations": {"api_key": {"prefix": "Klaviyo-API-Key "}}, "headerOverride": "Authorization"}"#,
    r#"{"name": "Docs", "type": "NO_AUTH", "mcp": true, "baseUrl": "https://mcp.example.com/mcp"}"#,
    r#"{"name": "Asana", "type": "OAUTH", "baseUrl": "https://app.asana.com/api", "authorizeUri": "https://app.asana.com/-/oauth_authorize", "tokenUri": "https://app.asana.com/-/oauth_token", "scopes": ["profile", {"scope": "email", "required": true}]}"#,
    r#"{"name": "Freshdesk", "type": "BASIC", "baseUrl": "https://{{domain}}/api", "mutations": {"password": {"default": "X"}}}"#,
    r#"{"name": "Jira", "type": "OAUTH", "baseUrl": "https://api.atlassian.com/ex/{{cloud_id}}", "authorizeUri": "https://auth.atlassian.com/authorize", "tokenUri": "https://auth.atlassian.com/oauth/token"}"#,
    r#"{"name": "Acme", "type": "BEARER", "baseUrl": "https://{{region}}.acme.com", "inputs": [{"name": "region", "options": ["us=United States", "eu=Europe"]}], "metadata": {"team": "core"}, "iconSrc": "https://acme.com/i.svg"}"#,
];
