//! Helpers shared by the native test suites: an independent line/column
//! count, a JSON Pointer locator, a JSON tree that can hold duplicate keys,
//! and proptest strategies for JSON text and payload-shaped documents.

#![allow(dead_code)]

use std::fmt::Write;

use connector_kit::diagnostics::{Diagnostic, Report, Severity, CODES};
use connector_kit::json::{Kind, Scanner, Span};
use connector_kit::validate::{validate, Mode, Options};
use proptest::prelude::*;

pub const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/examples");

/// The provider's documented examples, as (file name, text).
pub fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(EXAMPLES)
        .expect("tests/fixtures/examples")
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("example text"))
        })
        .collect();
    out.sort();
    out
}

pub fn check(src: &str) -> Report {
    validate(src, &Options::default())
}

pub fn check_update(src: &str) -> Report {
    validate(src, &Options { mode: Mode::Update, positions: true })
}

/// One line per diagnostic, for failure messages.
pub fn dump(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let _ = writeln!(out, "  {:?} {} {} {:?}:{:?} | {} | {:?}", d.severity, d.code, d.path, d.line, d.column, d.message, d.hint);
    }
    out
}

/// The only diagnostic with `code` at `path`.
pub fn only(report: &Report, code: &str, path: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.code == code && d.path == path).collect();
    assert_eq!(found.len(), 1, "expected exactly one `{code}` at `{path}`, got:\n{}", dump(report));
    found[0].clone()
}

/// Whether a diagnostic with `code` exists.
pub fn has(report: &Report, code: &str) -> bool {
    report.diagnostics.iter().any(|d| d.code == code)
}

/// Asserts the report has no errors and no warnings (infos are style).
pub fn assert_clean(name: &str, report: &Report) {
    let loud: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.severity != Severity::Info).collect();
    assert!(report.valid && loud.is_empty(), "{name} should be clean:\n{}", dump(report));
}

/// The severity CODES documents for `code`.
pub fn documented_severity(code: &str) -> Severity {
    CODES.iter().find(|info| info.code == code).unwrap_or_else(|| panic!("`{code}` is not in CODES")).severity
}

// ---------------------------------------------------------------------------
// Positions, computed without the crate's `position` module.

/// 1-based line and column (UTF-16 code units) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (u32, u32) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].encode_utf16().count() as u32 + 1;
    (line, column)
}

/// The text from a 1-based line and column to the end of that line.
pub fn text_at(src: &str, line: u32, column: u32) -> &str {
    let text = src.split('\n').nth(line as usize - 1).unwrap_or_else(|| panic!("no line {line}"));
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units + 1 == column as usize {
            return &text[i..];
        }
        units += c.len_utf16();
    }
    assert_eq!(units + 1, column as usize, "column {column} is past the end of line {line}: {text:?}");
    ""
}

// ---------------------------------------------------------------------------
// JSON Pointers, resolved with the scanner into byte spans.

/// Splits an RFC 6901 pointer into unescaped tokens.
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    assert!(pointer.starts_with('/'), "not a JSON Pointer: {pointer:?}");
    pointer[1..].split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
}

/// The spans of every value `pointer` names in `src` (several when an
/// object repeats a key on the way), or none.
pub fn locate(src: &str, pointer: &str) -> Vec<Span> {
    let tokens = pointer_tokens(pointer);
    let mut found = Vec::new();
    let mut scanner = Scanner::new(src);
    walk(&mut scanner, &tokens, &mut found).expect("valid JSON");
    found
}

fn walk(s: &mut Scanner<'_>, tokens: &[String], found: &mut Vec<Span>) -> Result<(), connector_kit::json::SyntaxError> {
    let Some((first, rest)) = tokens.split_first() else {
        let (_, span) = s.skip()?;
        found.push(span);
        return Ok(());
    };
    match s.peek_kind()? {
        Kind::Object => {
            s.object(&mut |s, key, _| if key == first.as_str() { walk(s, rest, found) } else { s.skip().map(drop) })?;
        }
        Kind::Array => {
            s.array(&mut |s, i| if first.parse::<usize>().ok() == Some(i) && (i == 0 || !first.starts_with('0')) { walk(s, rest, found) } else { s.skip().map(drop) })?;
        }
        _ => {
            s.skip()?;
        }
    }
    Ok(())
}

/// The api.md contract for where a diagnostic points, checked for any
/// input: `path` is a JSON Pointer; `line`/`column` are the start of the
/// value it names, or — for a member that is not there — of its parent
/// object. Whole-document problems (`""`) point anywhere in the text.
pub fn assert_points_at_its_path(src: &str, report: &Report) {
    for d in &report.diagnostics {
        if d.path.is_empty() || d.code == "too-many-diagnostics" {
            continue;
        }
        let (line, column) = (d.line.expect("line"), d.column.expect("column"));
        let mut spans = locate(src, &d.path);
        let mut pointer = d.path.as_str();
        let mut what = "the value";
        if spans.is_empty() {
            pointer = &d.path[..d.path.rfind('/').unwrap()];
            spans = locate(src, pointer);
            what = "the parent of the missing member";
        }
        let starts: Vec<(u32, u32)> = spans.iter().map(|span| line_col(src, span.start as usize)).collect();
        assert!(
            starts.contains(&(line, column)),
            "`{}` at `{}` is at {line}:{column}, but {what} `{pointer}` starts at {starts:?}\nsource:\n{src}\nreport:\n{}",
            d.code,
            d.path,
            dump(report)
        );
    }
}

/// Report-wide invariants: `valid` iff no error, severities as documented,
/// positions present, at most 200 listed (+1 saying so).
pub fn assert_report_invariants(src: &str, report: &Report) {
    assert_eq!(report.valid, !report.diagnostics.iter().any(|d| d.severity == Severity::Error), "valid flag:\n{}", dump(report));
    assert!(report.diagnostics.len() <= 201, "{} diagnostics", report.diagnostics.len());
    for d in &report.diagnostics {
        assert_eq!(d.severity, documented_severity(d.code), "severity of {}", d.code);
        assert!(!d.message.is_empty(), "{} has an empty message", d.code);
        if d.code != "too-many-diagnostics" {
            assert!(d.line.is_some() && d.column.is_some(), "{} has no position", d.code);
            let (line, column) = (d.line.unwrap(), d.column.unwrap());
            assert!(line >= 1 && column >= 1);
            assert!(line as usize <= src.split('\n').count(), "{} points past the last line", d.code);
        }
    }
}

// ---------------------------------------------------------------------------
// A JSON tree that can repeat keys, and its printers.

#[derive(Clone, Debug)]
pub enum Json {
    Null,
    Bool(bool),
    /// Number text, valid JSON and within f64 range.
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn obj(members: &[(&str, Json)]) -> Json {
        Json::Obj(members.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    pub fn str(s: &str) -> Json {
        Json::Str(s.to_string())
    }

    /// Compact text.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// Two-space indented text, one member per line.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(2), 0);
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>, level: usize) {
        let newline = |out: &mut String, level: usize| {
            if let Some(n) = indent {
                out.push('\n');
                out.push_str(&" ".repeat(n * level));
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => write_string(out, s),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    item.write(out, indent, level + 1);
                }
                if !items.is_empty() {
                    newline(out, level);
                }
                out.push(']');
            }
            Json::Obj(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    write_string(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    value.write(out, indent, level + 1);
                }
                if !members.is_empty() {
                    newline(out, level);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string literal; control characters, quotes and backslashes are
/// escaped, and (to exercise the scanner's escapes) so are a few others.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '/' => out.push_str("\\/"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{2028}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ('\u{1f600}'..='\u{1f64f}').contains(&c) => {
                // An astral character as a surrogate pair escape.
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------
// Strategies.

/// Strings mixing plain text, escapes, non-ASCII and astral characters.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _./:{}-]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        1 => "[\"\\\\\n\t\u{1}\u{7f}é€😀🙂\u{2028}/]{0,6}",
    ]
}

/// Number text within f64 range.
pub fn any_number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        (-1.0e300f64..1.0e300).prop_map(|f| f.to_string()),
        ("-?(0|[1-9][0-9]{0,5})", "(\\.[0-9]{1,6})?", "([eE][+-]?[0-9]{1,2})?").prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        Just("-0".to_string()),
        Just("1E+2".to_string()),
    ]
}

pub fn any_scalar() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any_number().prop_map(Json::Num),
        any_text().prop_map(Json::Str),
    ]
}

/// Any JSON value (keys may repeat).
pub fn any_json() -> impl Strategy<Value = Json> {
    any_scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Arr),
            prop::collection::vec((prop_oneof![3 => any_text(), 1 => Just("a".to_string())], inner), 0..6).prop_map(Json::Obj),
        ]
    })
}

/// Any JSON object.
pub fn any_object() -> impl Strategy<Value = Json> {
    prop::collection::vec((any_text(), any_json()), 0..8).prop_map(Json::Obj)
}

/// A value for a payload key: usually the right type, often not.
fn value_or<S: Strategy<Value = Json> + 'static>(right: S) -> BoxedStrategy<Json> {
    prop_oneof![4 => right.boxed(), 1 => any_json().boxed()].boxed()
}

/// An object with members drawn from `members` (any subset, shuffled,
/// sometimes repeated) and sometimes an unknown key.
fn object_of(members: Vec<(&'static str, BoxedStrategy<Json>)>) -> BoxedStrategy<Json> {
    let n = members.len();
    let picks: Vec<BoxedStrategy<Option<(String, Json)>>> = members
        .into_iter()
        .map(|(key, value)| prop::option::weighted(0.6, value.prop_map(move |v| (key.to_string(), v))).boxed())
        .collect();
    (picks, prop::option::weighted(0.2, (any_text(), any_json())), prop::collection::vec(0..n.max(1), 0..2), any::<prop::sample::Index>())
        .prop_map(|(picked, unknown, repeats, shuffle)| {
            let mut members: Vec<(String, Json)> = picked.into_iter().flatten().collect();
            if let Some(extra) = unknown {
                members.push(extra);
            }
            for r in repeats {
                if let Some(member) = members.get(r).cloned() {
                    members.push(member);
                }
            }
            if !members.is_empty() {
                let k = shuffle.index(members.len());
                members.rotate_left(k);
            }
            Json::Obj(members)
        })
        .boxed()
}

fn text_of(choices: &'static [&'static str]) -> BoxedStrategy<Json> {
    prop_oneof![3 => prop::sample::select(choices).prop_map(Json::str), 1 => any_text().prop_map(Json::Str)].boxed()
}

fn bool_value() -> BoxedStrategy<Json> {
    value_or(any::<bool>().prop_map(Json::Bool))
}

fn list_of(item: BoxedStrategy<Json>, max: usize) -> BoxedStrategy<Json> {
    value_or(prop::collection::vec(item, 0..max).prop_map(Json::Arr))
}

const NAMES: &[&str] = &["token", "api_key", "username", "password", "domain", "version", "cloud_id", "tenant", ""];
const URLS: &[&str] = &[
    "https://api.example.com",
    "https://{{domain}}/api",
    "https://api.example.com/{{version}}",
    "https://{{tenant}}.example.com/x?a={{cloud_id}}",
    "https://api.atlassian.com/ex/{{cloud_id}}",
    "http://api.example.com/",
    "https://{{ domain }}",
    "https://a.com:{{port}}",
    "",
];

pub fn field() -> BoxedStrategy<Json> {
    let option = object_of(vec![
        ("value", value_or(any_text().prop_map(Json::Str))),
        ("display_name", value_or(any_text().prop_map(Json::Str))),
        ("description", value_or(any_text().prop_map(Json::Str))),
        ("default", bool_value()),
    ]);
    object_of(vec![
        ("field_name", value_or(text_of(NAMES))),
        ("label", value_or(any_text().prop_map(Json::Str))),
        ("input_type", value_or(text_of(&["text", "password", "select", "textarea", "secret"]))),
        ("hint", value_or(any_text().prop_map(Json::Str))),
        ("required", bool_value()),
        ("is_path_param", bool_value()),
        ("options", list_of(option, 3)),
        ("header_name", value_or(any_text().prop_map(Json::Str))),
    ])
}

pub fn auth_pattern() -> BoxedStrategy<Json> {
    let scope = object_of(vec![
        ("scope", value_or(text_of(&["read", "email", "", " "]))),
        ("display_name", value_or(any_text().prop_map(Json::Str))),
        ("description", value_or(any_text().prop_map(Json::Str))),
        ("required", bool_value()),
    ]);
    let oauth = object_of(vec![
        ("authorize_uri", value_or(text_of(URLS))),
        ("token_uri", value_or(text_of(URLS))),
        ("user_info_uri", value_or(text_of(URLS))),
        ("available_scopes", list_of(scope, 3)),
        ("pkce_enabled", bool_value()),
        ("allow_use_scalekit_credentials", bool_value()),
        ("custom_scope_name", value_or(any_text().prop_map(Json::Str))),
    ]);
    let mutation = object_of(vec![
        ("prefix", value_or(any_text().prop_map(Json::Str))),
        ("suffix", value_or(any_text().prop_map(Json::Str))),
        ("default", value_or(any_text().prop_map(Json::Str))),
    ]);
    let mutations = value_or(
        prop::collection::vec((prop::sample::select(&["token", "api_key", "username", "password", "bearer", "a/b~c"][..]), mutation), 0..3)
            .prop_map(|entries| Json::Obj(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
    );
    object_of(vec![
        ("type", value_or(text_of(&["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH", "OAUTH2"]))),
        ("display_name", value_or(any_text().prop_map(Json::Str))),
        ("description", value_or(any_text().prop_map(Json::Str))),
        ("fields", list_of(field(), 4)),
        ("account_fields", list_of(field(), 3)),
        ("oauth_config", value_or(oauth)),
        ("auth_header_key_override", value_or(text_of(&["X-API-Key", "X API Key", ""]))),
        ("auth_field_mutations", mutations),
        ("is_mcp", bool_value()),
        ("allowed_proxy_domains", list_of(text_of(&["api.example.com", "https://x.com", "*.example.com"]), 3)),
    ])
}

/// Objects shaped like a payload (served keys included), with random
/// values of random types at every level.
pub fn payload_like() -> BoxedStrategy<Json> {
    let metadata = value_or(prop::collection::vec((any_text(), value_or(any_text().prop_map(Json::Str))), 0..4).prop_map(Json::Obj));
    object_of(vec![
        ("display_name", value_or(text_of(&["Acme", "Jira-Cloud", "", "   "]))),
        ("description", value_or(any_text().prop_map(Json::Str))),
        ("auth_patterns", list_of(auth_pattern(), 3)),
        ("proxy_url", value_or(text_of(URLS))),
        ("proxy_enabled", bool_value()),
        ("icon_src", value_or(text_of(&["", "https://x.com/i.svg", "http://x"]))),
        ("metadata", metadata),
        ("id", value_or(any_text().prop_map(Json::Str))),
        ("identifier", value_or(any_text().prop_map(Json::Str))),
        ("categories", list_of(any_text().prop_map(Json::Str).boxed(), 3)),
        ("display_priority", value_or(any_number().prop_map(Json::Num))),
        ("coming_soon", bool_value()),
        ("is_custom", bool_value()),
        ("is_custom_mcp", bool_value()),
    ])
}

/// JSON text: the value printed compactly or pretty.
pub fn text_of_json(json: impl Strategy<Value = Json>) -> impl Strategy<Value = String> {
    (json, any::<bool>()).prop_map(|(json, pretty)| if pretty { json.pretty() } else { json.compact() })
}
