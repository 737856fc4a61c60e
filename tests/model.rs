#![cfg(not(target_arch = "wasm32"))]
//! The typed model is lossless: parse → to_json gives back exactly what
//! serde_json reads (values and key order), whatever the document holds —
//! served keys, nulls, unknown keys, wrong types, repeated keys. And wrong
//! types are kept where they are, never a failure of the whole document.

mod common;

use common::*;
use connector_kit::json::Kind;
use connector_kit::model::{Document, Member, ParseError};
use connector_kit::validate::{validate, Mode, Options};
use proptest::prelude::*;
use serde_json::Value;

/// parse → to_json equals serde_json's reading, key order included
/// (`Map`'s `==` ignores order, so the texts are compared).
fn assert_lossless(text: &str) {
    let expected: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("serde_json refuses the input ({e}):\n{text}"));
    let document = Document::parse(text).unwrap_or_else(|e| panic!("{e:?}:\n{text}"));
    let got = document.to_json();
    assert_eq!(serde_json::to_string(&got).unwrap(), serde_json::to_string(&expected).unwrap(), "round trip of:\n{text}");
}

#[test]
fn the_examples_round_trip() {
    for (name, text) in examples() {
        assert_lossless(&text);
        // …and their compact forms.
        let compact = serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
        assert_lossless(&compact);
        assert!(Document::parse(&text).is_ok(), "{name}");
    }
}

/// A connector as list returns it.
const SERVED: &str = r#"{
  "id": "prv_71823",
  "identifier": "custom:acme_crm",
  "display_name": "Acme CRM",
  "description": "Contacts and deals",
  "categories": ["crm", "sales"],
  "auth_patterns": [
    {
      "type": "OAUTH",
      "display_name": "OAuth 2.0",
      "description": "Sign in with Acme",
      "fields": null,
      "account_fields": [
        {
          "field_name": "site",
          "label": "Site",
          "input_type": "select",
          "hint": "Your region",
          "required": true,
          "is_path_param": true,
          "options": [
            {"value": "eu", "display_name": "Europe", "description": "eu.acme.example", "default": true, "rank": 1},
            {"value": "us", "display_name": "US", "description": null, "default": false}
          ],
          "header_name": null,
          "validation": {"pattern": "^[a-z]+$"}
        }
      ],
      "oauth_config": {
        "authorize_uri": "https://auth.acme.example/authorize",
        "token_uri": "https://auth.acme.example/token",
        "user_info_uri": null,
        "available_scopes": [
          {"scope": "contacts.read", "display_name": "Read contacts", "description": "", "required": true, "group": "contacts"}
        ],
        "pkce_enabled": true,
        "allow_use_scalekit_credentials": false,
        "custom_scope_name": "",
        "client_auth_method": "post"
      },
      "auth_header_key_override": null,
      "auth_field_mutations": null,
      "is_mcp": false,
      "allowed_proxy_domains": ["eu.acme.example", "us.acme.example"],
      "priority": 0
    }
  ],
  "icon_src": "https://cdn.acme.example/icon.svg",
  "display_priority": 12.5,
  "coming_soon": false,
  "proxy_url": "https://{{site}}.acme.example/api",
  "proxy_enabled": true,
  "is_custom": true,
  "is_custom_mcp": false,
  "metadata": {"team": "platform", "owner": "jane"},
  "create_time": "2026-11-02T10:00:00Z",
  "update_time": null
}"#;

#[test]
fn a_served_connector_round_trips() {
    assert_lossless(SERVED);
    let document = Document::parse(SERVED).unwrap();
    let p = &document.payload;
    assert_eq!(p.id.as_ref().and_then(Member::ok).map(|s| s.as_ref()), Some("prv_71823"));
    assert_eq!(p.identifier.as_ref().and_then(Member::ok).map(|s| s.as_ref()), Some("custom:acme_crm"));
    assert_eq!(p.categories.as_ref().and_then(Member::ok).map(Vec::len), Some(2));
    assert_eq!(p.is_custom.as_ref().and_then(Member::ok), Some(&true));
    assert_eq!(p.is_custom_mcp.as_ref().and_then(Member::ok), Some(&false));
    assert_eq!(p.display_priority.as_ref().and_then(Member::ok), Some(&serde_json::json!(12.5)));
    let extras: Vec<&str> = p.extras.iter().map(|e| e.key.as_ref()).collect();
    assert_eq!(extras, ["create_time", "update_time"]);
    let pattern = p.auth_patterns.as_ref().unwrap().ok().unwrap()[0].ok().unwrap();
    // null where a list or object is absent: kept as null, not a wrong type.
    let fields = pattern.fields.as_ref().unwrap();
    assert_eq!((fields.node.kind, fields.node.value.is_none(), fields.node.is_wrong_type()), (Kind::Null, true, false));
    assert_eq!(pattern.auth_field_mutations.as_ref().unwrap().node.kind, Kind::Null);
    assert_eq!(pattern.extras.iter().map(|e| e.key.as_ref()).collect::<Vec<_>>(), ["priority"]);
    // A served connector is a valid payload (update mode: everything is sent).
    let report = validate(SERVED, &Options { mode: Mode::Update, positions: true });
    assert!(report.valid, "{}", dump(&report));
}

#[test]
fn unknown_keys_wrong_types_and_repeats_at_every_level_round_trip() {
    let text = r#"{
  "x-first": {"nested": [1, {"deep": null}]},
  "display_name": 42,
  "description": ["not", "a", "string"],
  "auth_patterns": [
    "BEARER",
    null,
    7,
    {
      "type": ["BEARER"],
      "zzz": true,
      "fields": {"field_name": "token"},
      "account_fields": [
        "token",
        {"field_name": {"a": 1}, "label": 3, "input_type": null, "required": "yes", "is_path_param": 1, "options": "none", "header_name": false, "x": [], "label": "again"},
        {"options": [1, null, {"value": 2, "display_name": [], "default": "true", "default": false, "extra": {}}]}
      ],
      "oauth_config": {"available_scopes": {"scope": "a"}, "pkce_enabled": "true", "token_uri": 1, "token_uri": "https://x.example.com", "weird": [[]]},
      "auth_field_mutations": {"token": {"prefix": 1, "suffix": null, "other": "x", "prefix": "Bearer "}, "token": "dup", "bad": [], "api_key": null},
      "is_mcp": "false",
      "allowed_proxy_domains": "api.example.com",
      "type": "API_KEY"
    }
  ],
  "proxy_url": {"https": true},
  "proxy_enabled": "true",
  "icon_src": 0,
  "metadata": {"team": 1, "team": "two", "": null, "nested": {"a": "b"}},
  "categories": "crm",
  "display_priority": "high",
  "coming_soon": 0,
  "is_custom": null,
  "is_custom_mcp": [],
  "id": 1,
  "identifier": {},
  "display_name": "Later Wins",
  "x-last": -0.0e-0
}"#;
    assert_lossless(text);
    let document = Document::parse(text).unwrap();
    let p = &document.payload;
    // The later copy is the one in the slot; the earlier one is kept as an extra.
    assert_eq!(p.display_name.as_ref().and_then(Member::ok).map(|s| s.as_ref()), Some("Later Wins"));
    let earlier = p.extras.iter().find(|e| e.key == "display_name").unwrap();
    assert_eq!((earlier.kind, earlier.span.text(text), earlier.duplicate.map(|s| s.text(text))), (Kind::Number, "42", Some("\"Later Wins\"")));
    // Wrong types are kept with their kind and span.
    let enabled = &p.proxy_enabled.as_ref().unwrap().node;
    assert!(enabled.is_wrong_type());
    assert_eq!((enabled.kind, enabled.span.text(text)), (Kind::String, "\"true\""));
    let url = &p.proxy_url.as_ref().unwrap().node;
    assert_eq!((url.kind, url.span.text(text)), (Kind::Object, "{\"https\": true}"));
    // List elements of the wrong type, one by one.
    let patterns = p.auth_patterns.as_ref().unwrap().ok().unwrap();
    let kinds: Vec<(Kind, bool)> = patterns.iter().map(|n| (n.kind, n.ok().is_some())).collect();
    assert_eq!(kinds, [(Kind::String, false), (Kind::Null, false), (Kind::Number, false), (Kind::Object, true)]);
    let pattern = patterns[3].ok().unwrap();
    assert_eq!(pattern.kind.as_ref().and_then(Member::ok).map(|s| s.as_ref()), Some("API_KEY"));
    // And the validator reports each where it is, without failing.
    let report = validate(text, &Options::default());
    assert!(!report.valid);
    assert!(report.diagnostics.iter().filter(|d| d.code == "wrong-type").count() >= 20, "{}", dump(&report));
    assert_points_at_its_path(text, &report);
}

#[test]
fn strings_with_escapes_round_trip() {
    let text = r#"{"display_name": "A\"B\\C\/D\b\f\n\r\t\u00e9\uD83D\uDE00", "x\u0041": "\u0000", "proxy_url": "https:\/\/x.example.com"}"#;
    assert_lossless(text);
    let document = Document::parse(text).unwrap();
    let name = document.payload.display_name.as_ref().unwrap();
    assert_eq!(name.ok().map(|s| s.as_ref()), Some("A\"B\\C/D\u{8}\u{c}\n\r\té😀"));
    assert_eq!(name.node.span.text(text), r#""A\"B\\C\/D\b\f\n\r\t\u00e9\uD83D\uDE00""#);
    // An escaped key is matched by its value: `x\u0041` is the unknown key `xA`.
    assert_eq!(document.payload.extras[0].key, "xA");
    // `proxy_url` spelt with an escape is still proxy_url.
    let text = r#"{"proxy\u005furl": "https://x.example.com"}"#;
    assert!(Document::parse(text).unwrap().payload.proxy_url.is_some());
    assert_lossless(text);
}

#[test]
fn numbers_round_trip_as_serde_json_reads_them() {
    for number in ["0", "-0", "1", "-1", "1.5", "1e3", "1E+3", "-2.5e-3", "18446744073709551615", "-9223372036854775808", "123456789012345678901234567890", "0.1", "1.7976931348623157e308", "5e-324"] {
        assert_lossless(&format!("{{\"display_priority\": {number}, \"x\": [{number}], \"metadata\": {{\"n\": {number}}}}}"));
    }
}

#[test]
fn only_non_json_and_non_objects_fail_to_parse() {
    for (text, kind) in [("[]", Kind::Array), ("\"Acme\"", Kind::String), ("null", Kind::Null), (" 1 ", Kind::Number), ("true", Kind::Bool)] {
        match Document::parse(text) {
            Err(ParseError::NotAnObject(found, span)) => {
                assert_eq!(found, kind);
                assert_eq!(span.text(text), text.trim());
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    for text in ["", "{", "[] []", "{\"a\": 1} x", "{\"a\" 1}"] {
        assert!(matches!(Document::parse(text), Err(ParseError::Syntax(_))), "{text}");
    }
    assert!(Document::parse("{}").is_ok());
    assert_lossless("{}");
    assert_lossless(" \n{ } \n");
}

#[test]
fn spans_cover_keys_and_values() {
    let text = "{\n  \"display_name\" : \"Acme\" ,\n  \"proxy_enabled\":false\n}";
    let document = Document::parse(text).unwrap();
    let name = document.payload.display_name.as_ref().unwrap();
    assert_eq!(name.key.text(text), "\"display_name\"");
    assert_eq!(name.node.span.text(text), "\"Acme\"");
    assert_eq!(name.index, 0);
    let enabled = document.payload.proxy_enabled.as_ref().unwrap();
    assert_eq!((enabled.node.span.text(text), enabled.index), ("false", 1));
    assert_eq!(document.payload.span.text(text), text);
}

// ---------------------------------------------------------------------------
// Properties.

/// Every known top-level member's span holds the value serde_json reads
/// for its key (the last copy), and the key span its key.
fn assert_spans_match(text: &str) {
    let document = Document::parse(text).unwrap();
    let value: Value = serde_json::from_str(text).unwrap();
    let p = &document.payload;
    let check = |key: &str, member: Option<(&connector_kit::json::Span, &connector_kit::json::Span)>| {
        let expected = value.get(key);
        match (member, expected) {
            (Some((key_span, span)), Some(expected)) => {
                let got: Value = serde_json::from_str(span.text(text)).unwrap();
                assert_eq!(&got, expected, "{key}");
                assert_eq!(serde_json::from_str::<String>(key_span.text(text)).unwrap(), key);
            }
            (None, None) => {}
            (got, expected) => panic!("{key}: model {got:?}, serde_json {expected:?}"),
        }
    };
    macro_rules! members {
        ($($field:ident = $key:literal),*) => {
            $( check($key, p.$field.as_ref().map(|m| (&m.key, &m.node.span))); )*
        };
    }
    members!(
        display_name = "display_name",
        description = "description",
        auth_patterns = "auth_patterns",
        proxy_url = "proxy_url",
        proxy_enabled = "proxy_enabled",
        icon_src = "icon_src",
        metadata = "metadata",
        id = "id",
        identifier = "identifier",
        categories = "categories",
        display_priority = "display_priority",
        coming_soon = "coming_soon",
        is_custom = "is_custom",
        is_custom_mcp = "is_custom_mcp"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_object_round_trips(json in any_object(), pretty in any::<bool>()) {
        let text = if pretty { json.pretty() } else { json.compact() };
        assert_lossless(&text);
    }

    #[test]
    fn any_payload_like_object_round_trips(json in payload_like(), pretty in any::<bool>()) {
        let text = if pretty { json.pretty() } else { json.compact() };
        assert_lossless(&text);
        assert_spans_match(&text);
    }

    #[test]
    fn validate_never_panics_on_payload_like_objects(json in payload_like()) {
        let text = json.compact();
        for mode in [Mode::Create, Mode::Update] {
            for positions in [true, false] {
                let report = validate(&text, &Options { mode, positions });
                prop_assert_eq!(report.valid, !report.diagnostics.iter().any(|d| d.severity == connector_kit::diagnostics::Severity::Error));
            }
        }
    }

    #[test]
    fn validate_never_panics_on_any_text(text in prop_oneof!["\\PC{0,80}", any::<String>(), text_of_json(any_json())]) {
        let report = validate(&text, &Options::default());
        assert_report_invariants(&text, &report);
    }
}
