#![cfg(not(target_arch = "wasm32"))]
//! A short, bounded property test of the entry points the fuzz targets in
//! `fuzz/` cover, with the same invariants (tests/invariants/, included by
//! the fuzz targets too): validate and the model, templates, the wire
//! preview, OpenAPI import and the MCP decision, diff/update/promote and the
//! builder, and the display-name fixer. 400 cases each, so CI's `cargo test` runs it in
//! seconds; the fuzzers run the same checks for millions of inputs
//! (docs/fuzzing.md).
//!
//! Then the limits: 10,000 levels of nesting and 10 MB of input, to every
//! entry point, answered with a clear diagnostic or error.

mod common;
mod invariants;

use std::collections::BTreeMap;
use std::time::Instant;

use common::{payload_like, text_of_json};
use connector_kit::builder::{build, Blueprint};
use connector_kit::manage::diff::diff;
use connector_kit::manage::promote::plan;
use connector_kit::manage::update::update_body;
use connector_kit::model::{Document, ParseError};
use connector_kit::openapi::{self, mcp};
use connector_kit::preview::{self, Values};
use connector_kit::template;
use connector_kit::validate::{self, Mode};
use connector_kit::presets;
use connector_kit::rules;
use proptest::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Inputs: the project's examples, edited.

/// Pieces of URLs and templates.
const TOKENS: &[&str] = &[
    "https://", "http://", "://", ":", "/", "//", "\\", "?", "&", "=", "#", "@", ".", "-", "{{", "}}", "{", "}", "[", "]",
    "%", "%2e", " ", "api", "example.com", "x", "8443", "{{domain}}", "{{tenant}}", "{{token}}", "{{a}}", "{{}}", "{{ a }}",
    "{{{a}}}", "[::1]", "é", "127.0.0.1",
];

/// Field names values are given for.
const NAMES: &[&str] = &["token", "api_key", "username", "password", "domain", "version", "cloud_id", "tenant", "x", "a", "region"];

/// Values: secrets, hosts, path pieces and trouble.
const VALUES: &[&str] = &[
    "S3cr3t-T0ken-value", "sk_live_abcdef123456", "hunter2-password", "acme", "acme.freshdesk.com", "10.0.0.1", "v2", "a/b", ".",
    "..", "%2e", "", " ", "evil.example/x?", "a@b", "x:1", "ACME", "1.2", "a..b", "-a", "é", "line\nbreak", "q=1&r=2", "#frag",
    "[::1]", "ck-masked-secret-3f9a",
];

/// JSON text pieces for text-level edits.
const JSON_TOKENS: &[&str] = &["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "tru", "1e400", "-", "0", "01", " ", "\n", "é", "\u{feff}", "/*", "'", "\t"];

fn preset_value(i: usize) -> Value {
    let presets = presets::PRESETS;
    serde_json::from_str(presets[i % presets.len()].json).expect("preset JSON")
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("seed JSON")
}

/// One edit: steps down (each an index into members or elements), then
/// what to do there.
type Edit = (Vec<usize>, u8, common::Json);

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((prop::collection::vec(0..16usize, 0..5), 0..5u8, common::any_json()), 0..4)
}

/// Applies edits to `root` (replace, remove, duplicate, retype).
fn edited(mut root: Value, edits: &[Edit]) -> Value {
    for (steps, op, replacement) in edits {
        let mut at = &mut root;
        for &step in steps {
            let fits = match &*at {
                Value::Object(map) => step < map.len(),
                Value::Array(list) => step < list.len(),
                _ => false,
            };
            if !fits {
                break;
            }
            at = match at {
                Value::Object(map) => map.values_mut().nth(step).expect("checked"),
                Value::Array(list) => &mut list[step],
                other => other,
            };
        }
        let replacement: Value = serde_json::from_str(&replacement.compact()).unwrap_or(Value::Null);
        match (op, &mut *at) {
            (0, _) => *at = replacement,
            (1, Value::Object(map)) if !map.is_empty() => {
                let key = map.keys().next().cloned().unwrap_or_default();
                map.shift_remove(&key);
            }
            (1, Value::Array(list)) if !list.is_empty() => {
                list.pop();
            }
            (2, Value::Array(list)) if !list.is_empty() => {
                let copy = list[0].clone();
                list.push(copy);
            }
            (2, Value::Object(map)) => {
                map.insert("extra".into(), replacement);
            }
            (3, _) => *at = Value::String(VALUES[steps.len() % VALUES.len()].into()),
            _ => *at = Value::Null,
        }
    }
    root
}

/// A JSON value from a seed (preset, blueprint, MCP findings), edited.
fn seeded(seeds: Vec<Value>) -> impl Strategy<Value = Value> {
    (0..seeds.len(), edits()).prop_map(move |(i, edits)| edited(seeds[i].clone(), &edits))
}

fn presets_edited() -> impl Strategy<Value = Value> {
    seeded((0..presets::PRESETS.len()).map(preset_value).collect())
}

/// Payload text: edited presets (compact or pretty), payload-shaped random
/// JSON, and preset text with a few bytes changed.
fn payload_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (presets_edited(), any::<bool>()).prop_map(|(v, pretty)| if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap_or_default()),
        2 => text_of_json(payload_like()),
        2 => (0..presets::PRESETS.len(), prop::collection::vec((any::<prop::sample::Index>(), 0..3usize, prop::sample::select(JSON_TOKENS)), 1..4)).prop_map(|(i, cuts)| {
            let mut text = presets::PRESETS[i].json.to_string();
            for (at, remove, insert) in cuts {
                let mut start = at.index(text.len() + 1);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + remove).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(start..end, insert);
            }
            text
        }),
        1 => any::<String>(),
    ]
}

fn template_text() -> impl Strategy<Value = String> {
    let examples = invariants::example_urls();
    let piece = prop_oneof![
        3 => prop::sample::select(examples),
        3 => prop::sample::select(TOKENS).prop_map(str::to_string),
        2 => prop::sample::select(NAMES).prop_map(|n| format!("{{{{{n}}}}}")),
        1 => "[a-zA-Z0-9 ./?#@:%{}-]{0,8}",
    ];
    prop::collection::vec(piece, 1..7).prop_map(|pieces| pieces.concat())
}

fn values() -> impl Strategy<Value = BTreeMap<String, String>> {
    let value = prop_oneof![3 => prop::sample::select(VALUES).prop_map(str::to_string), 1 => "[a-zA-Z0-9._~/?#@:%-]{0,12}", 1 => any::<String>()];
    prop::collection::btree_map(prop::sample::select(NAMES).prop_map(str::to_string), value, 0..6)
}

fn openapi_text() -> impl Strategy<Value = String> {
    let seeds: Vec<Value> = invariants::OPENAPI_FIXTURES.iter().filter_map(|(_, text)| serde_json::from_str(text).ok()).collect();
    prop_oneof![
        4 => seeded(seeds).prop_map(|v| v.to_string()),
        1 => prop::sample::select(invariants::OPENAPI_FIXTURES.iter().map(|(_, t)| t.to_string()).collect::<Vec<_>>()),
        1 => text_of_json(common::any_json()),
    ]
}

fn json_values() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => presets_edited(),
        1 => common::any_json().prop_map(|j| serde_json::from_str(&j.compact()).unwrap_or(Value::Null)),
    ]
}

// ---------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn validate_and_the_model(src in payload_text()) {
        invariants::check_validate(&src);
    }

    #[test]
    fn templates(src in template_text(), values in values()) {
        invariants::check_template(&src, &values);
        let mut filled = values.clone();
        for name in template::variables(&src).unwrap_or_default() {
            filled.entry(name.to_string()).or_insert_with(|| "acme".to_string());
        }
        invariants::check_template(&src, &filled);
    }

    #[test]
    fn previews(src in payload_text(), values in values(), method in prop::option::of(prop::sample::select(&["GET", "post", "", "G\r\nX: y"][..])), path in prop::option::of(prop::sample::select(&["/v2/tickets", "v2", "//evil.example/x", "/a?b=c#d", "@evil.example"][..]))) {
        invariants::check_preview(&src, &values, method, path);
    }

    #[test]
    fn openapi_imports(text in openapi_text(), scheme in prop::option::of(prop::sample::select(&["oauth", "bearer", "apiKey", "basic", "openid"][..]))) {
        invariants::check_openapi(&text, &openapi::Options::default());
        let discovery = serde_json::from_str(invariants::DISCOVERY).ok();
        if let Some(scheme) = scheme {
            invariants::check_openapi(&text, &openapi::Options { security_scheme: Some(scheme.to_string()), discovery, ..openapi::Options::default() });
        }
        invariants::check_openapi(&text, &openapi::Options { document_url: Some("https://docs.example.com/specs/openapi.json".into()), server: Some(openapi::Server::Index(1)), ..openapi::Options::default() });
    }

    #[test]
    fn mcp_findings(findings in seeded(invariants::MCP_FINDINGS.iter().map(|t| parse(t)).collect())) {
        invariants::check_mcp(&findings);
    }

    #[test]
    fn diff_update_and_plan(current in json_values(), proposed in json_values()) {
        invariants::check_manage(&current, &proposed);
    }

    #[test]
    fn display_name_fixes_are_accepted(name in "[A-Za-z0-9 \\-_.À-ſ日😀\t]{0,40}|\\PC{0,300}") {
        // The fix the validator offers is a name the server accepts (or none),
        // and fixing it again changes nothing.
        let fixed = rules::display_name_fix(&name);
        prop_assert!(fixed.is_empty() || rules::display_name_allowed(&fixed), "{name:?} → {fixed:?}");
        prop_assert!(fixed.chars().count() <= 200 && fixed.trim() == fixed && !fixed.contains("  "));
        prop_assert_eq!(rules::display_name_fix(&fixed), fixed.clone());
        if rules::display_name_allowed(&name) && name.len() <= 200 {
            prop_assert_eq!(fixed, name.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn blueprints(blueprint in seeded(invariants::BLUEPRINTS.iter().map(|t| parse(t)).collect())) {
        invariants::check_blueprint(&blueprint);
    }
}

// ---------------------------------------------------------------------------
// Limits: 10,000 levels of nesting and 10 MB, to every entry point.

const DEEP: usize = 10_000;
const LARGE: usize = 10 * 1024 * 1024;

/// JSON text nested `DEEP` levels, arrays or objects, inside a payload member.
fn deep_texts() -> Vec<String> {
    let arrays = format!("{}1{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEEP), "}".repeat(DEEP));
    let inside = format!("{{\"display_name\": \"Acme\", \"metadata\": {objects}, \"proxy_url\": \"https://api.example.com\"}}");
    let unclosed = "[".repeat(DEEP);
    vec![arrays, objects, inside, unclosed]
}

/// A JSON value nested `DEEP` levels, built without a parser's limit
/// (`json!` would serialize it, recursively).
fn deep_value() -> Value {
    let mut value = json!(1);
    for i in 0..DEEP {
        value = if i % 2 == 0 { Value::Array(vec![value]) } else { Value::Object([("fields".to_string(), value)].into_iter().collect()) };
    }
    value
}

/// `object` with `key` set to a deep value.
fn with_deep(mut object: Value, key: &str) -> Value {
    object.as_object_mut().expect("an object").insert(key.to_string(), deep_value());
    object
}

/// Runs `f` on a thread with a small stack (like the 1 MB of WebAssembly),
/// so that unbounded recursion fails here rather than only in the browser.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(1 << 20).spawn(f).expect("thread").join().expect("no stack overflow")
}

/// Drops a deep value without recursing (the test's own business, not the core's).
fn flatten_drop(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(list) => stack.extend(list),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn assert_deep_message(message: &str) {
    assert!(message.contains("deeper than 127 levels"), "not a clear message about nesting: {message}");
}

#[test]
fn deep_json_text_gets_a_clear_diagnostic_everywhere() {
    on_small_stack(|| {
        for text in deep_texts() {
            let report = validate::validate(&text, &validate::Options::default());
            assert!(!report.valid);
            let d = &report.diagnostics[0];
            assert_eq!(d.code, "invalid-json");
            assert_deep_message(&d.message);
            let column = d.column.unwrap() as usize;
            assert_eq!(d.line, Some(1));
            assert!(matches!(&text[column - 1..column], "[" | "{"), "points at {:?}", &text[column - 1..]);
            let update = validate::validate(&text, &validate::Options { mode: Mode::Update, positions: false });
            assert_eq!(update.diagnostics[0].code, "invalid-json");
            assert!(matches!(Document::parse(&text), Err(ParseError::Syntax(_))));

            let values: Values = [("token".to_string(), "t0ken-value".to_string())].into();
            let e = preview::preview(&text, &values, &preview::Options::default()).unwrap_err();
            assert_eq!(e.code, "invalid-json");
            assert_eq!(preview::render_proxy_url(&text, &values).unwrap_err().code, "invalid-json");

            let import = openapi::import_text(&text, &openapi::Options::default()).unwrap();
            assert!(import.payload.is_none());
            assert_eq!(import.notes[0].code, "openapi-invalid");
            assert_deep_message(&import.notes[0].message);
        }
    });
}

#[test]
fn deep_templates_get_a_clear_error() {
    let nested = format!("https://x.com/{}a{}", "{{".repeat(DEEP), "}}".repeat(DEEP));
    let e = template::parse(&nested).unwrap_err();
    assert_eq!(e.kind.code(), "template-syntax");
    assert!(e.message.contains("nested"), "{}", e.message);
    let opened = format!("https://x.com/{}", "{{a".repeat(DEEP));
    assert!(template::parse(&opened).unwrap_err().message.contains("never closed"));
}

#[test]
fn deep_json_values_get_an_answer() {
    // Values built in code (no parser in the way), on a WebAssembly-sized stack.
    on_small_stack(|| {
        let payload = json!({"display_name": "Acme", "auth_patterns": [{"type": "BEARER", "fields": []}], "proxy_url": "https://api.example.com"});
        let proposed = with_deep(payload.clone(), "metadata");

        let d = diff(&payload, &proposed);
        assert_eq!(d.changes.len(), 1);
        assert_deep_message(d.changes[0].impact.as_deref().unwrap_or(""));
        assert_deep_message(&d.summary.text);
        assert_deep_message(&update_body(&payload, &proposed).map(drop).unwrap_err().message);
        assert_deep_message(&update_body(&proposed, &payload).map(drop).unwrap_err().message);
        assert_deep_message(&plan(&proposed, Some(&payload)).map(drop).unwrap_err().message);
        assert_deep_message(&plan(&proposed, None).map(drop).unwrap_err().message);
        flatten_drop(proposed);

        let blueprint = with_deep(json!({"name": "A", "type": "BEARER", "baseUrl": "https://a.com"}), "metadata");
        assert_eq!(Blueprint::from_json(&blueprint).map(drop).unwrap_err().code, "invalid-blueprint");
        flatten_drop(blueprint);
        // The MCP decision reads only the members it knows.
        let findings = with_deep(json!({"url": "https://mcp.example.com", "status": 401, "challenge": "Bearer"}), "extra");
        assert_eq!(mcp::connector(&findings).unwrap()["type"], "BEARER");
        flatten_drop(findings);
        let document = with_deep(json!({"openapi": "3.1.0"}), "info");
        let import = openapi::import(&document, &openapi::Options::default()).unwrap();
        assert!(import.payload.is_none());
        assert_deep_message(&import.notes[0].message);
        flatten_drop(document);
    });
}

/// A payload of about 10 MB: `fields` fields (names repeat, hints are long
/// enough to fill 10 MB), and `pad` bytes of description.
fn large_payload(fields: usize, pad: usize) -> String {
    let hint = "h".repeat(LARGE.saturating_sub(pad) / fields.max(1));
    let mut text = String::with_capacity(LARGE + 64 * fields + 1024);
    text.push_str("{\"display_name\": \"Acme\", \"description\": \"");
    text.push_str(&"d".repeat(pad));
    text.push_str("\", \"proxy_enabled\": true, \"proxy_url\": \"https://{{domain}}/api\", \"auth_patterns\": [{\"type\": \"BEARER\", \"fields\": [");
    for i in 0..fields {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!("{{\"field_name\": \"f{}\", \"label\": \"F\", \"input_type\": \"text\", \"hint\": \"{hint}\", \"required\": true}}", i % (fields / 2 + 1)));
    }
    text.push_str("]}]}");
    text
}

#[test]
fn large_inputs_get_an_answer() {
    let started = Instant::now();
    let lap = |what: &str| eprintln!("{:>6.1?} {what}", started.elapsed());
    let many_fields = large_payload(20_000, 0);
    assert!(many_fields.len() >= LARGE, "{}", many_fields.len());
    let long_string = large_payload(1, LARGE);
    let values: Values = [("token".to_string(), "t0ken-value".to_string()), ("domain".to_string(), "acme.example.com".to_string())].into();
    for text in [&many_fields, &long_string] {
        let report = validate::validate(text, &validate::Options::default());
        assert!(!report.valid);
        // Too many problems (many_fields repeats names): the first 200, then a line saying so.
        assert!(report.diagnostics.len() <= validate::MAX_DIAGNOSTICS + 1);
        let doc = Document::parse(text).unwrap();
        assert_eq!(doc.to_json(), serde_json::from_str::<Value>(text).unwrap());
        let shown = preview::preview(text, &values, &preview::Options::default()).unwrap();
        assert_eq!(shown.url, "https://acme.example.com/api");
    }
    lap("payloads: validate, model, preview");

    // 10 MB of whitespace, of garbage, of one string.
    for text in [" ".repeat(LARGE), "x".repeat(LARGE), format!("\"{}\"", "x".repeat(LARGE))] {
        let report = validate::validate(&text, &validate::Options::default());
        assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
        let import = openapi::import_text(&text, &openapi::Options::default()).unwrap();
        assert_eq!(import.notes.len(), 1);
    }
    lap("whitespace, garbage, a string");

    // A 10 MB template: 100,000 distinct placeholders, or plain text.
    let mut many = String::from("https://{{domain}}/");
    let filler = "b".repeat(90);
    let mut i = 0;
    while many.len() < LARGE {
        many.push_str(&format!("{{{{a{}}}}}/{filler}/", i % 100_000));
        i += 1;
    }
    let mut values: BTreeMap<String, String> = (0..100_000).map(|i| (format!("a{i}"), "x y".to_string())).collect();
    values.insert("domain".into(), "acme.example.com".into());
    assert_eq!(template::variables(&many).unwrap().len(), 100_001);
    lap("variables");
    let url = template::render(&many, |name| values.get(name).map(String::as_str)).unwrap();
    assert!(url.starts_with(&format!("https://acme.example.com/x%20y/{filler}/")));
    lap("render");
    let plain = format!("https://api.example.com/{}", "a/".repeat(LARGE / 2));
    assert_eq!(template::render(&plain, |_| None).unwrap(), plain);
    lap("plain");
    let report = validate::validate(&format!("{{\"proxy_url\": \"{many}\"}}"), &validate::Options::default());
    assert!(report.diagnostics.iter().any(|d| d.code == "url-too-long"));
    lap("validate");
    let blueprint = Blueprint::from_json(&json!({"name": "A", "type": "BEARER", "baseUrl": many})).unwrap();
    assert_eq!(build(&blueprint).unwrap()["auth_patterns"][0]["fields"].as_array().unwrap().len(), 100_002, "the token and a field per placeholder");
    lap("templates, builder");

    // 10 MB payloads for diff, update and plan; an OpenAPI document of 10 MB.
    let current: Value = serde_json::from_str(&many_fields).unwrap();
    let mut proposed = current.clone();
    proposed["auth_patterns"][0]["fields"].as_array_mut().unwrap().reverse();
    let d = diff(&current, &proposed);
    assert!(d.changes.len() < 10, "{} changes", d.changes.len());
    let body = update_body(&current, &proposed).unwrap();
    assert_eq!(body["auth_patterns"], proposed["auth_patterns"]);
    let mut served = current.clone();
    served["identifier"] = json!("acme");
    assert!(plan(&proposed, Some(&served)).is_ok());
    lap("diff, update, plan");
    let mut spec = parse(invariants::OPENAPI_FIXTURES[1].1);
    spec["info"]["description"] = Value::String("x ".repeat(LARGE / 2));
    let import = openapi::import_text(&spec.to_string(), &openapi::Options::default()).unwrap();
    assert!(import.payload.is_some());
    lap("openapi");
}
