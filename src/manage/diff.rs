//! A semantic diff of two payloads: fields matched by `field_name`, scopes by
//! `scope`, options by `value`; `null`, absent, `[]`, `{}` and `""` are the same.
//! Each change says what it means for existing connections.

use serde::Serialize;
use serde_json::{Map, Value};

use super::SERVER_KEYS;
use crate::json::{too_deep, Lookup, TOO_DEEP};

/// What happened at a path.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One difference between the current and the proposed payload.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// JSON Pointer (in the proposed payload; in the current one for removals).
    pub path: String,
    pub kind: ChangeKind,
    /// The current value (absent for `added`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    pub before: Option<Value>,
    /// The proposed value (absent for `removed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    pub after: Option<Value>,
    /// What it means for existing connections and connected accounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
}

/// The five fields the provider's guide shows before an update.
pub const SUMMARY_FIELDS: [&str; 5] = ["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled"];

/// The short version of a diff.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Which of display_name, description, auth_patterns, proxy_url and proxy_enabled change.
    pub changed: Vec<String>,
    pub scopes_added: Vec<String>,
    pub scopes_removed: Vec<String>,
    /// Existing connected accounts must re-authorize.
    pub reauthorize: bool,
    /// Existing connections may need to be recreated.
    pub recreate_connections: bool,
    /// One line per summary field, for people.
    pub text: String,
}

/// A diff: every change, and the summary.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub summary: Summary,
}

/// Compares the current payload (or served connector) with a proposed one.
pub fn diff(current: &Value, proposed: &Value) -> Diff {
    if too_deep(current) || too_deep(proposed) {
        // Not compared: one change, at the root, says why.
        let text = TOO_DEEP.to_string();
        let change = Change { path: String::new(), kind: ChangeKind::Changed, before: None, after: None, impact: Some(text.clone()) };
        return Diff { changes: vec![change], summary: Summary { text, ..Summary::default() } };
    }
    let mut changes = Vec::new();
    let mut path = Vec::new();
    compare(&mut path, some(current), some(proposed), &mut changes);
    let summary = summarize(current, proposed, &changes);
    Diff { changes, summary }
}

/// `null` reads as absent.
fn some(value: &Value) -> Option<&Value> {
    (!value.is_null()).then_some(value)
}

/// The key of the list an element of `path` belongs to, if it is one.
fn list_key(path: &[String]) -> Option<&str> {
    path.last().map(String::as_str)
}

/// How elements of the list at `path` are matched.
fn match_key(list: Option<&str>) -> Option<&'static str> {
    match list {
        Some("fields" | "account_fields") => Some("field_name"),
        Some("available_scopes") => Some("scope"),
        Some("options") => Some("value"),
        _ => None,
    }
}

fn compare(path: &mut Vec<String>, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<Change>) {
    // An empty list, map or string means the same as none (`metadata: {}`, `fields: []`,
    // the `icon_src: ""` the server fills in).
    let vacant = |v: Option<&Value>| match v {
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(Value::String(s)) => s.is_empty(),
        other => other.is_none(),
    };
    if !path.is_empty() && vacant(before) && vacant(after) {
        return;
    }
    match (before, after) {
        (None, None) => {}
        (Some(Value::Object(a)), Some(Value::Object(b))) => compare_objects(path, a, b, out),
        (Some(Value::Array(a)), Some(Value::Array(b))) => compare_arrays(path, a, b, out),
        (a, b) if a == b => {}
        (a, b) => push(out, path, a, b),
    }
}

fn compare_objects(path: &mut Vec<String>, a: &Map<String, Value>, b: &Map<String, Value>, out: &mut Vec<Change>) {
    let top = path.is_empty();
    let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
    let keys: Vec<&String> = keys.filter(|k| !(top && SERVER_KEYS.contains(&k.as_str()))).collect();
    for key in keys {
        path.push(key.clone());
        compare(path, a.get(key).and_then(some), b.get(key).and_then(some), out);
        path.pop();
    }
}

fn compare_arrays(path: &mut Vec<String>, a: &[Value], b: &[Value], out: &mut Vec<Change>) {
    let by = match_key(list_key(path));
    let name = |v: &Value| by.and_then(|k| v.get(k)).and_then(Value::as_str).map(str::to_string);
    if by.is_some() && a.iter().chain(b).all(|v| name(v).is_some()) {
        // Each element pairs with the first unpaired one of its name (names
        // may repeat); the index by name keeps long lists linear.
        let mut unpaired = Lookup::default();
        for (j, before) in a.iter().enumerate() {
            unpaired.push(&name(before).unwrap_or_default(), j);
        }
        let mut paired = vec![false; a.len()];
        for (i, after) in b.iter().enumerate() {
            path.push(i.to_string());
            let before = unpaired.take(&name(after).unwrap_or_default());
            if let Some(seen) = before.and_then(|j| paired.get_mut(j)) {
                *seen = true;
            }
            compare(path, before.and_then(|j| a.get(j)), Some(after), out);
            path.pop();
        }
        for (j, before) in a.iter().enumerate().filter(|(j, _)| paired.get(*j) == Some(&false)) {
            path.push(j.to_string());
            push(out, path, Some(before), None);
            path.pop();
        }
        return;
    }
    if a.iter().chain(b).all(|v| !v.is_object() && !v.is_array()) && list_key(path) != Some("auth_patterns") {
        // A list of scalars: what was added and removed, wherever it sits
        // (compared by their JSON text, so long lists stay linear).
        let texts = |list: &[Value]| {
            let mut set = Lookup::default();
            for v in list {
                set.insert(&v.to_string());
            }
            set
        };
        let (in_a, in_b) = (texts(a), texts(b));
        for (i, v) in b.iter().enumerate().filter(|(_, v)| !in_a.contains(&v.to_string())) {
            path.push(i.to_string());
            push(out, path, None, Some(v));
            path.pop();
        }
        for (i, v) in a.iter().enumerate().filter(|(_, v)| !in_b.contains(&v.to_string())) {
            path.push(i.to_string());
            push(out, path, Some(v), None);
            path.pop();
        }
        return;
    }
    for i in 0..a.len().max(b.len()) {
        path.push(i.to_string());
        compare(path, a.get(i), b.get(i), out);
        path.pop();
    }
}

fn push(out: &mut Vec<Change>, path: &[String], before: Option<&Value>, after: Option<&Value>) {
    let kind = match (before, after) {
        (None, _) => ChangeKind::Added,
        (_, None) => ChangeKind::Removed,
        _ => ChangeKind::Changed,
    };
    let impact = impact(path, kind, before, after);
    out.push(Change { path: pointer(path), kind, before: before.cloned(), after: after.cloned(), impact });
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1"))).collect()
}

const REAUTHORIZE: &str = "existing connected accounts must re-authorize";
const RECREATE: &str = "existing connections may need to be recreated";

/// What a change means for connections already made.
fn impact(path: &[String], kind: ChangeKind, before: Option<&Value>, after: Option<&Value>) -> Option<String> {
    let keys: Vec<&str> = path.iter().map(String::as_str).collect();
    let has = |k: &str| keys.contains(&k);
    let last = keys.last().copied().unwrap_or("");
    let text = match keys.as_slice() {
        ["proxy_url"] => {
            if host(before) != host(after) {
                format!("tool calls go to a different host; {RECREATE}")
            } else {
                "tool calls go to a different base URL".to_string()
            }
        }
        ["proxy_enabled"] if after != Some(&Value::Bool(true)) => "tool calling through the proxy stops working".to_string(),
        ["display_name"] => "the connector's name changes; its identifier does not".to_string(),
        [.., "type"] | [.., "is_mcp"] if has("auth_patterns") && keys.len() == 3 => {
            "not allowed on update: a pattern's type and is_mcp cannot change (delete and create instead)".to_string()
        }
        _ if has("available_scopes") => match (kind, last) {
            (ChangeKind::Added, _) if keys.len() == 5 => format!("a new scope: {REAUTHORIZE} to grant it"),
            (ChangeKind::Removed, _) if keys.len() == 5 => format!("a scope removed: tokens already granted keep it until accounts re-authorize"),
            (_, "required") => format!("a scope's required flag flips: {REAUTHORIZE}"),
            _ => return None,
        },
        _ if has("oauth_config") => format!("the OAuth setup changes: {REAUTHORIZE}"),
        _ if has("auth_header_key_override") => format!("the proxy sends the credential under a different header; {RECREATE}"),
        _ if has("auth_field_mutations") => format!("the credential the proxy sends changes form; {RECREATE}"),
        [.., "fields" | "account_fields", _] => match kind {
            ChangeKind::Added if after.and_then(|f| f.get("required")) == Some(&Value::Bool(true)) => {
                format!("a new required input: existing connected accounts have no value for it; {REAUTHORIZE}")
            }
            ChangeKind::Added => "a new optional input".to_string(),
            ChangeKind::Removed => format!("values stored under this input are no longer used; {RECREATE}"),
            ChangeKind::Changed => return None,
        },
        [.., "required"] if has("fields") || has("account_fields") => {
            if after == Some(&Value::Bool(true)) {
                format!("an input becomes required: {REAUTHORIZE} if they lack it")
            } else {
                "an input becomes optional".to_string()
            }
        }
        [.., "is_path_param" | "field_name"] => RECREATE.to_string(),
        _ if has("auth_patterns") && !matches!(last, "display_name" | "description" | "label" | "hint") => RECREATE.to_string(),
        _ => return None,
    };
    Some(text)
}

/// The literal host of a URL template (`{{domain}}` stays as written).
fn host(url: Option<&Value>) -> Option<String> {
    let url = url?.as_str()?;
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    Some(authority.rsplit('@').next().unwrap_or("").to_ascii_lowercase())
}

fn summarize(current: &Value, proposed: &Value, changes: &[Change]) -> Summary {
    let mut summary = Summary::default();
    let mut lines = Vec::new();
    for field in SUMMARY_FIELDS {
        let prefix = format!("/{field}");
        let touched = changes.iter().any(|c| c.path == prefix || c.path.starts_with(&format!("{prefix}/")));
        if touched {
            summary.changed.push(field.to_string());
        }
        let detail = match (field, touched) {
            (_, false) => "unchanged".to_string(),
            ("auth_patterns", true) => "changed".to_string(),
            (_, true) => format!("{} → {}", short(current.get(field)), short(proposed.get(field))),
        };
        lines.push(format!("{field}: {detail}"));
    }
    for change in changes.iter().filter(|c| c.path.contains("/available_scopes/") && c.path.matches('/').count() == 5) {
        let name = |v: &Option<Value>| v.as_ref().and_then(|s| s.get("scope")).and_then(Value::as_str).map(str::to_string);
        match change.kind {
            ChangeKind::Added => summary.scopes_added.extend(name(&change.after)),
            ChangeKind::Removed => summary.scopes_removed.extend(name(&change.before)),
            ChangeKind::Changed => {}
        }
    }
    if !summary.scopes_added.is_empty() {
        lines.push(format!("scopes added: {}", summary.scopes_added.join(", ")));
    }
    if !summary.scopes_removed.is_empty() {
        lines.push(format!("scopes removed: {}", summary.scopes_removed.join(", ")));
    }
    summary.reauthorize = changes.iter().any(|c| c.impact.as_deref().is_some_and(|i| i.contains(REAUTHORIZE)));
    summary.recreate_connections = changes.iter().any(|c| c.impact.as_deref().is_some_and(|i| i.contains(RECREATE)));
    if summary.reauthorize {
        lines.push(format!("impact: {REAUTHORIZE}"));
    }
    if summary.recreate_connections {
        lines.push(format!("impact: {RECREATE}"));
    }
    summary.text = lines.join("\n");
    summary
}

/// A value in one line, at most 60 characters.
fn short(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => "(absent)".to_string(),
        Some(Value::String(s)) => format!("\"{s}\""),
        Some(v) => v.to_string(),
    };
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}
