//! The server: `servers[n]` (3.x) or `schemes`/`host`/`basePath` (2.0) →
//! `proxy_url`, its variables → `{{placeholders}}` and fields.

use serde_json::{Map, Value};

use super::{is_https, text, token, Notes, Options, Server, Version, E, I, W};
use crate::builder::Input;
use crate::error::Error;
use crate::json::Lookup;
use crate::template;
use crate::web_url;

/// A select input's choices and default.
pub(super) struct Select {
    field: String,
    choices: Vec<String>,
    default: Option<String>,
}

/// The chosen server as the builder takes it.
#[derive(Default)]
pub(super) struct Picked {
    /// The `proxy_url` (empty when there is none).
    pub url: String,
    /// One input per placeholder.
    pub inputs: Vec<Input>,
    /// Options of the inputs for enum variables.
    pub selects: Vec<Select>,
}

const PASS_SERVER: &str = "pass the API's base URL as `server` (--server URL)";

pub(super) fn pick(document: &Value, version: Version, options: &Options, notes: &mut Notes) -> Result<Picked, Error> {
    let servers: &[Value] = match document.get("servers") {
        Some(Value::Array(list)) if version == Version::OpenApi3 => list,
        _ => &[],
    };
    let mut index = 0;
    match &options.server {
        Some(Server::Url(url)) => match servers.iter().position(|s| text(s, "url") == url) {
            Some(i) => index = i,
            None => return Ok(convert(url, None, "", options, notes)),
        },
        Some(Server::Index(i)) if *i < servers.len() => index = *i,
        Some(Server::Index(i)) if *i > 0 || version == Version::OpenApi3 => {
            let count = servers.len().max(1);
            let hint = if servers.is_empty() && version == Version::OpenApi3 { "pass a URL".to_string() } else { format!("choose 0 to {}, or pass a URL", count - 1) };
            return Err(Error::new("unknown-server", format!("There is no server {i}: the document lists {}", servers.len().max(usize::from(version == Version::Swagger2)))).hint(hint));
        }
        _ => {}
    }
    if version == Version::Swagger2 {
        return Ok(swagger2(document, options, notes));
    }
    let Some(server) = servers.get(index) else {
        notes.add(E, "server-missing", "/servers", format!("The document names no server, so there is no `proxy_url`: {PASS_SERVER}"));
        return Ok(Picked::default());
    };
    if options.server.is_none() && servers.len() > 1 {
        let mut others = String::new();
        for (i, s) in servers.iter().enumerate().skip(1) {
            others.push_str(&format!("{}{i}: {}", if i > 1 { ", " } else { "" }, text(s, "url")));
        }
        notes.add(I, "server-choice", "/servers", format!("The document lists {} servers; the first is used. Others ({others}) can be chosen with `server` (--server N)", servers.len()));
    }
    let path = format!("/servers/{index}");
    let url = text(server, "url");
    if url.is_empty() {
        notes.add(E, "server-missing", &format!("{path}/url"), "This server has no `url`".to_string());
        return Ok(Picked::default());
    }
    Ok(convert(url, server.get("variables").and_then(Value::as_object), &path, options, notes))
}

fn swagger2(document: &Value, options: &Options, notes: &mut Notes) -> Picked {
    let mut host = text(document, "host").to_string();
    if host.is_empty() {
        match options.document_url.as_deref().map(web_url::parse) {
            Some(Ok(url)) => {
                host = url.host;
                if let Some(port) = url.port {
                    host.push_str(&format!(":{port}"));
                }
                notes.add(I, "server-host", "/host", format!("The document has no `host`, so the API is served from the document's host, {host}"));
            }
            _ => {
                notes.add(E, "server-missing", "/host", format!("The document has no `host`, so there is no `proxy_url`: {PASS_SERVER}"));
                return Picked::default();
            }
        }
    }
    let base_path = text(document, "basePath");
    let slash = if base_path.starts_with('/') || base_path.is_empty() { "" } else { "/" };
    let url = format!("https://{host}{slash}{base_path}");
    let mut schemes = String::new();
    let mut https = false;
    for scheme in document.get("schemes").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        https |= scheme.eq_ignore_ascii_case("https");
        schemes.push_str(if schemes.is_empty() { "" } else { ", " });
        schemes.push_str(scheme);
    }
    if schemes.is_empty() {
        notes.add(I, "server-scheme", "/schemes", format!("The document names no `schemes`; https is assumed: {url}"));
    } else if !https {
        notes.add(W, "server-not-https", "/schemes", format!("The API declares only {schemes}, but the proxy calls https URLs only: `proxy_url` is {url}, which works only if the API answers over https too"));
    }
    convert(&url, None, "", options, notes)
}

/// The default of a server variable (or its first `enum` value).
fn default_of(variable: Option<&Value>) -> Option<String> {
    let variable = variable?;
    variable.get("default").or_else(|| variable.get("enum").and_then(Value::as_array).and_then(|e| e.first())).map(scalar)
}

/// A server URL with `{variable}`s → `proxy_url` with `{{placeholders}}`,
/// resolved, on https, and with a field per placeholder.
fn convert(url: &str, variables: Option<&Map<String, Value>>, path: &str, options: &Options, notes: &mut Notes) -> Picked {
    let url_path = if path.is_empty() { String::new() } else { format!("{path}/url") };
    let variable = |name: &str| variables.and_then(|v| v.get(name));

    // `{name}` → `{{field}}`; `names` pairs each variable with its field
    // (`fields` and `taken` index them, so long URLs convert in linear time).
    let mut names: Vec<(String, String)> = Vec::new();
    let mut fields = Lookup::default();
    let mut taken = Taken::default();
    let mut converted = String::new();
    let mut rest = url.trim();
    while let Some(open) = rest.find('{') {
        converted.push_str(rest.get(..open).unwrap_or(""));
        rest = rest.get(open..).unwrap_or("");
        let Some(close) = rest.find('}') else { break };
        let name = rest.get(1..close).unwrap_or("");
        let field = match fields.first(name).and_then(|i| names.get(i)) {
            Some((_, field)) => field.clone(),
            None => {
                let field = field_name(name, &mut taken);
                if variables.is_some() && variable(name).is_none() {
                    notes.add(W, "server-variable", &url_path, format!("The server URL uses `{{{name}}}`, which its `variables` do not define"));
                }
                fields.push(name, names.len());
                names.push((name.to_string(), field.clone()));
                field
            }
        };
        converted.push_str("{{");
        converted.push_str(&field);
        converted.push_str("}}");
        rest = rest.get(close + 1..).unwrap_or("");
    }
    converted.push_str(rest);

    let Some(mut resolved) = resolve(&converted, options.document_url.as_deref()) else {
        notes.add(E, "server-relative", &url_path, format!("The server URL `{url}` is relative to where the document is served: {PASS_SERVER}"));
        return Picked::default();
    };
    // A placeholder where a connector takes no value (scheme, port, …) gets its default.
    let mut stuck: Vec<(String, &'static str)> = Vec::new();
    if let Ok(parsed) = template::parse(&resolved) {
        for p in parsed.placeholders().filter(|p| !p.place.is_fillable()) {
            stuck.push((p.name.to_string(), p.place.describe()));
        }
    }
    let mut variable_of = Lookup::default();
    for (i, (_, field)) in names.iter().enumerate() {
        variable_of.push(field, i);
    }
    let mut defaults = Map::new();
    let mut removed = Lookup::default();
    for (field, place) in stuck {
        let Some((name, _)) = variable_of.first(&field).and_then(|i| names.get(i)) else { continue };
        if !removed.insert(&field) {
            continue;
        }
        let var_path = format!("{path}/variables/{}", token(name));
        match default_of(variable(name)) {
            Some(default) => {
                notes.add(I, "server-variable", &var_path, format!("Server variable `{name}` sits in {place}, where a connector takes no value: its default `{default}` is written in"));
                defaults.insert(field, Value::String(default));
            }
            None => notes.add(E, "server-variable", &var_path, format!("Server variable `{name}` sits in {place}, where a connector takes no value, and has no default to write in")),
        }
    }
    names.retain(|(_, field)| !removed.contains(field));
    if !defaults.is_empty() {
        // Every `{{field}}` of a defaulted variable, wherever it sits, becomes its default.
        if let Ok(parsed) = template::parse(&resolved) {
            resolved = parsed.substitute(|p| defaults.get(p.name).and_then(Value::as_str));
        }
    }

    if resolved.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("http://")) {
        resolved = format!("https://{}", resolved.get(7..).unwrap_or(""));
        notes.add(W, "server-not-https", &url_path, format!("The server `{url}` is http, but the proxy calls https URLs only: `proxy_url` is {resolved}, which works only if the API answers over https too"));
    } else if !is_https(&resolved) {
        notes.add(E, "server-not-https", &url_path, format!("The server `{url}` is not an https URL, and `proxy_url` must be one"));
    } else if !resolved.starts_with("https://") {
        // `HTTPS://`: the same URL, with the scheme as `proxy_url` must write it.
        resolved = format!("https://{}", resolved.get(8..).unwrap_or(""));
    }
    // A trailing slash only doubles the one every request path starts with.
    while resolved.ends_with('/') && resolved.len() > 9 {
        resolved.pop();
    }
    let length = crate::rules::char_len(&resolved);
    if length > *crate::rules::URL_LEN.end() {
        notes.add(E, "server-url-too-long", &url_path, format!("The server URL is {length} characters long; a `proxy_url` has at most {}", crate::rules::URL_LEN.end()));
    }
    match template::parse(&resolved) {
        Err(e) => notes.add(E, "server-template", &url_path, format!("The server URL cannot be a `proxy_url` template: {}", e.message)),
        Ok(parsed) if is_https(&resolved) => {
            // Checked as the validator checks `proxy_url`: a sample value in each placeholder.
            if let Err(reason) = web_url::check(&parsed.sample()) {
                notes.add(E, "server-invalid-url", &url_path, format!("The server URL `{url}` is not a valid URL: {reason}"));
            }
        }
        Ok(_) => {}
    }

    let mut picked = Picked { url: resolved, ..Picked::default() };
    for (name, field) in names {
        let var = variable(&name);
        let default = default_of(var);
        let mut choices = Vec::new();
        for choice in var.and_then(|v| v.get("enum")).and_then(Value::as_array).into_iter().flatten() {
            choices.push(scalar(choice));
        }
        let about = var.map_or("", |v| text(v, "description").trim());
        let hint = match &default {
            Some(default) if about.is_empty() => Some(format!("Default: {default}")),
            Some(default) => Some(format!("{about} (default: {default})")),
            None => (!about.is_empty()).then(|| about.to_string()),
        };
        if field != name {
            notes.add(I, "server-variable", &format!("{path}/variables/{}", token(&name)), format!("Server variable `{name}` is the field `{field}`"));
        }
        let input_type = (!choices.is_empty()).then(|| "select".to_string());
        picked.inputs.push(Input { name: field.clone(), hint, required: Some(true), input_type, ..Input::default() });
        if !choices.is_empty() {
            picked.selects.push(Select { field, choices, default });
        }
    }
    picked
}

/// The field names given so far, and the next suffix to try for each base.
#[derive(Default)]
struct Taken {
    fields: Lookup,
    next: Map<String, Value>,
}

/// A valid, unused field name for a server variable: letters, digits, `_`,
/// `-`, `.`, not starting with a digit, and not a credential's name.
fn field_name(name: &str, taken: &mut Taken) -> String {
    let mut field = String::new();
    for c in name.chars() {
        if field.is_empty() && !(c.is_ascii_alphabetic() || c == '_') {
            field.push('_');
        }
        field.push(if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') { c } else { '_' });
    }
    if field.is_empty() || crate::rules::MUTATION_TARGETS.contains(&field.as_str()) {
        field.push_str("_param");
    }
    let base = field.clone();
    let mut n = taken.next.get(&base).and_then(Value::as_u64).unwrap_or(2);
    while taken.fields.contains(&field) {
        field = format!("{base}_{n}");
        n += 1;
    }
    taken.next.insert(base, Value::from(n));
    taken.fields.insert(&field);
    field
}

/// An absolute URL, resolving a relative one against the document's URL.
fn resolve(url: &str, document_url: Option<&str>) -> Option<String> {
    if url.contains("://") {
        return Some(url.to_string());
    }
    let base = web_url::parse(document_url?).ok()?;
    if let Some(rest) = url.strip_prefix("//") {
        return Some(format!("{}://{rest}", base.scheme));
    }
    let port = base.port.map_or(String::new(), |p| format!(":{p}"));
    let dir = if url.starts_with('/') { "" } else { base.path.get(..=base.path.rfind('/').unwrap_or(0)).unwrap_or("/") };
    Some(format!("{}://{}{port}{dir}{}", base.scheme, base.host, url.strip_prefix("./").unwrap_or(url)))
}

/// A variable's value as text (`enum` and `default` are strings, but not always).
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Select options (with the default marked) on the fields of enum variables.
pub(super) fn add_options(payload: &mut Value, selects: &[Select]) {
    let Some(pattern) = payload.pointer_mut("/auth_patterns/0") else { return };
    let mut by_field = Lookup::default();
    for (i, select) in selects.iter().enumerate() {
        by_field.push(&select.field, i);
    }
    for list in ["fields", "account_fields"] {
        let Some(fields) = pattern.get_mut(list).and_then(Value::as_array_mut) else { continue };
        for field in fields.iter_mut().filter_map(Value::as_object_mut) {
            let Some(select) = field.get("field_name").and_then(Value::as_str).and_then(|name| by_field.first(name)).and_then(|i| selects.get(i)) else { continue };
            let mut options = Vec::new();
            for choice in &select.choices {
                let mut option = Map::new();
                option.insert("value".into(), choice.as_str().into());
                option.insert("display_name".into(), choice.as_str().into());
                if select.default.as_ref() == Some(choice) {
                    option.insert("default".into(), true.into());
                }
                options.push(Value::Object(option));
            }
            field.insert("options".into(), options.into());
        }
    }
}
