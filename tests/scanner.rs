#![cfg(not(target_arch = "wasm32"))]
//! The strict JSON scanner against serde_json: the same documents accepted,
//! syntax errors at the same place, a clear message for each kind of error,
//! and bounded time and depth on hostile input.
//!
//! The oracle is `serde_json::from_str::<IgnoredAny>` with three documented
//! differences, each settled by serde_json's own `Value` parser:
//! - `IgnoredAny` does not check that `\u` escapes form valid code points:
//!   it accepts a lone surrogate (`"\ud800"`), which `Value` and we refuse
//!   (a Rust string cannot hold one);
//! - `IgnoredAny` has no depth limit; `Value` and we refuse more than 127
//!   nested arrays/objects;
//! - `Value` refuses numbers outside the f64 range (`1e400`), which we — like
//!   `IgnoredAny` and JSON.parse — accept: they are valid JSON. So `Value`
//!   reads the text with each such number blanked to `0` (offsets kept),
//!   which also gives the position of the first real error after it.

mod common;

use std::time::{Duration, Instant};

use common::*;
use connector_kit::json::{Scanner, MAX_DEPTH};
use connector_kit::model::{Document, ParseError};
use connector_kit::validate::{validate, Options};
use proptest::prelude::*;
use serde::de::IgnoredAny;

/// What serde_json decides, with the differences above settled.
fn serde_accepts(text: &str) -> bool {
    serde_json::from_str::<IgnoredAny>(text).is_ok() && value_accepting_big_numbers(text).is_ok()
}

/// The end of the JSON number starting at `start`: -?digits(.digits)?([eE][+-]?digits)?
fn number_end(text: &[u8], start: usize) -> usize {
    let digits = |mut i: usize| {
        while i < text.len() && text[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = start;
    if text.get(i) == Some(&b'-') {
        i += 1;
    }
    i = digits(i);
    if text.get(i) == Some(&b'.') {
        i = digits(i + 1);
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(text.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i);
    }
    i
}

fn is_out_of_range(error: &serde_json::Error) -> bool {
    error.to_string().starts_with("number out of range")
}

/// serde_json's `Value` parser, but accepting numbers outside f64 range:
/// each one it refuses is blanked to `0` and spaces (so every offset stays
/// the same) and the text read again — its verdict on the rest, and the
/// position of the first real error.
fn value_accepting_big_numbers(text: &str) -> Result<(), serde_json::Error> {
    let mut text = text.as_bytes().to_vec();
    let is_number = |b: u8| b.is_ascii_digit() || b"+-.eE".contains(&b);
    loop {
        let error = match serde_json::from_slice::<serde_json::Value>(&text) {
            Ok(_) => return Ok(()),
            Err(error) if is_out_of_range(&error) => error,
            Err(error) => return Err(error),
        };
        // serde_json names a byte inside the number (columns count bytes):
        // walk back to its start, then read it to its end.
        let line_start = text.split(|&b| b == b'\n').take(error.line() - 1).map(|line| line.len() + 1).sum::<usize>();
        let mut start = (line_start + error.column()).min(text.len());
        while start > 0 && is_number(text[start - 1]) {
            start -= 1;
        }
        let end = number_end(&text, start);
        assert!(start < end, "no number before {}:{}", error.line(), error.column());
        text[start] = b'0';
        text[start + 1..end].fill(b' ');
    }
}

/// Our verdict, three ways that must agree: the scanner alone, the model,
/// and `validate`'s `invalid-json` diagnostic (with its position).
fn ours(text: &str) -> Result<(), (u32, u32, String)> {
    let mut scanner = Scanner::new(text);
    let scanned = scanner.skip().and_then(|_| scanner.finish());
    let parsed = match Document::parse(text) {
        Ok(_) | Err(ParseError::NotAnObject(..)) => Ok(()),
        Err(ParseError::Syntax(error)) => Err(error),
    };
    let report = validate(text, &Options::default());
    let invalid = report.diagnostics.iter().find(|d| d.code == "invalid-json");
    assert_eq!(scanned.is_ok(), parsed.is_ok(), "scanner and model disagree on {text:?}");
    assert_eq!(scanned.is_ok(), invalid.is_none(), "scanner and validate disagree on {text:?}");
    if let (Err(a), Err(b)) = (&scanned, &parsed) {
        assert_eq!(a, b, "scanner and model report different errors for {text:?}");
    }
    match invalid {
        None => Ok(()),
        Some(d) => {
            assert_eq!(report.diagnostics.len(), 1, "invalid JSON is the only diagnostic");
            assert_eq!(d.path, "");
            let (line, column) = (d.line.unwrap(), d.column.unwrap());
            let offset = scanned.unwrap_err().offset;
            assert_eq!(line_col(text, offset), (line, column), "position of the syntax error in {text:?}");
            Err((line, column, d.message.clone()))
        }
    }
}

/// Where serde_json puts the error, when it names the offending character:
/// not for the end of the text (there is none; serde_json may then name the
/// last character), not for a line break (serde_json says column 0 of the
/// next line), not inside a `\u` escape (it reads all four hex digits
/// first, and judges surrogates after the next escape).
fn serde_position(text: &str, our_message: &str) -> Option<(u32, u32)> {
    if !text.is_ascii() || our_message.contains("\\u escape") || our_message.contains("The text ends") {
        return None;
    }
    let error = value_accepting_big_numbers(text).err()?;
    if error.classify() != serde_json::error::Category::Syntax || error.column() == 0 {
        return None;
    }
    Some((error.line() as u32, error.column() as u32))
}

/// Acceptance must match; for a syntax error serde_json locates, so must
/// the position.
fn agree(text: &str) {
    let ours = ours(text);
    assert_eq!(ours.is_ok(), serde_accepts(text), "acceptance of {text:?}: ours {ours:?}, serde_json {:?}", serde_json::from_str::<serde_json::Value>(text).err());
    if let Err((line, column, message)) = ours {
        if let Some(theirs) = serde_position(text, &message) {
            assert_eq!((line, column), theirs, "position of the error in {text:?} ({message}); serde_json: {:?}", serde_json::from_str::<serde_json::Value>(text).err());
        }
    }
}

// ---------------------------------------------------------------------------
// Every syntax error message, with its position.

/// (input, start of the message after "Invalid JSON: ", words of the hint, line, column)
const ERRORS: &[(&str, &str, &str, u32, u32)] = &[
    // Trailing commas.
    ("{\n  \"a\": 1,\n}", "Trailing comma before `}`", "remove the comma", 3, 1),
    ("[\n  1,\n  2,\n]", "Trailing comma before `]`", "remove the comma", 4, 1),
    // Missing colon, missing commas.
    ("{\n  \"a\" 1\n}", "Expected `:` after the key", "\"key\": value", 2, 7),
    ("{\n  \"a\": 1\n  \"b\": 2\n}", "Expected `,` or `}` after an object member", "comma may be missing", 3, 3),
    ("[\n  1\n  2\n]", "Expected `,` or `]` after an array element", "comma may be missing", 3, 3),
    // Quotes.
    ("{\n  'a': 1\n}", "Expected a key in double quotes, found a single quote", "double quotes", 2, 3),
    ("{\n  \"a\": 'b'\n}", "Expected a value, found a single quote", "double quotes", 2, 8),
    ("{\n  a: 1\n}", "Expected a key in double quotes", "JSON keys are quoted", 2, 3),
    ("{\n  1: 1\n}", "Expected a key in double quotes", "", 2, 3),
    // Not a value.
    ("{\"a\": True}", "Expected a value, found `True`", "lowercase", 1, 7),
    ("{\"a\": None}", "Expected a value, found `None`", "only null", 1, 7),
    ("{\"a\": undefined}", "Expected a value, found `undefined`", "only null", 1, 7),
    ("{\"a\": nil}", "Expected a value, found `nil`", "only null", 1, 8),
    ("{\"a\": tru }", "Expected a value, found `tru`", "", 1, 10),
    ("{\"a\": nulL}", "Expected a value, found `nulL`", "", 1, 10),
    ("{\n  // comment\n}", "Expected a key in double quotes", "", 2, 3),
    ("[1, // two\n2]", "Expected a value, found `/`", "no comments", 1, 5),
    ("[+1]", "Expected a value, found `+`", "", 1, 2),
    ("[.5]", "Expected a value, found `.`", "", 1, 2),
    ("[é]", "Expected a value, found `é`", "", 1, 2),
    // Strings.
    ("{\"a\": \"line\nbreak\"}", "A string holds a raw control character", "escaped", 1, 12),
    ("{\"a\": \"tab\there\"}", "A string holds a raw control character", "\\t", 1, 11),
    ("{\"a\": \"\\x41\"}", "Invalid escape in a string", "\\\\", 1, 9),
    ("{\"a\": \"C:\\Users\"}", "Invalid escape in a string", "\\\\", 1, 11),
    ("{\"a\": \"\\u12G4\"}", "Invalid \\u escape: expected four hex digits", "", 1, 12),
    ("{\"a\": \"\\ud800\"}", "A \\u escape holds a lone leading surrogate", "\\uDC00", 1, 8),
    ("{\"a\": \"\\ud800\\u0041\"}", "A \\u escape holds a lone leading surrogate", "", 1, 8),
    ("{\"a\": \"\\udc00\"}", "A \\u escape holds a lone trailing surrogate", "", 1, 8),
    // Numbers.
    ("{\"a\": 01}", "A number cannot have leading zeros", "quote it", 1, 8),
    ("{\"a\": -01}", "A number cannot have leading zeros", "", 1, 9),
    ("{\"a\": -x}", "Expected a digit after `-`", "", 1, 8),
    ("{\"a\": 1.}", "Expected a digit after the decimal point", "", 1, 9),
    ("{\"a\": 1.e5}", "Expected a digit after the decimal point", "", 1, 9),
    ("{\"a\": 1e}", "Expected a digit in the exponent", "", 1, 9),
    ("{\"a\": 1e+}", "Expected a digit in the exponent", "", 1, 10),
    ("[0x1F]", "Expected `,` or `]` after an array element", "", 1, 3),
    // Byte order mark, trailing text, empty input.
    ("\u{feff}{}", "The text starts with a byte order mark", "without a BOM", 1, 1),
    ("{}\n{}", "Unexpected text after the JSON value", "exactly one value", 2, 1),
    ("{} x", "Unexpected text after the JSON value", "", 1, 4),
    ("", "The text ends while a value is expected", "cut off", 1, 1),
    ("  \n ", "The text ends while a value is expected", "cut off", 2, 2),
    // The end of the text inside each construct.
    ("{", "The text ends while reading an object", "cut off", 1, 2),
    ("{\n  \"a\"", "The text ends while reading an object", "cut off", 2, 6),
    ("{\"a\":", "The text ends while a value is expected", "cut off", 1, 6),
    ("{\"a\": 1", "The text ends while reading an object", "cut off", 1, 8),
    ("{\"a\": 1,", "The text ends while reading an object", "cut off", 1, 9),
    ("[", "The text ends while a value is expected", "cut off", 1, 2),
    ("[1", "The text ends while reading an array", "cut off", 1, 3),
    ("[1,", "The text ends while a value is expected", "cut off", 1, 4),
    ("{\"a\": \"abc", "The text ends while reading a string", "cut off", 1, 11),
    ("{\"ab", "The text ends while reading a string", "cut off", 1, 5),
    ("\"a\\", "The text ends while reading a string", "cut off", 1, 4),
    ("\"\\u00", "The text ends while reading a \\u escape", "cut off", 1, 6),
    ("[nul", "The text ends while reading `null`", "cut off", 1, 5),
    ("[tr", "The text ends while reading `true`", "cut off", 1, 4),
    ("[-", "The text ends while reading a number", "cut off", 1, 3),
    ("[1.", "The text ends while reading a number", "cut off", 1, 4),
    ("[1e-", "The text ends while reading a number", "cut off", 1, 5),
];

#[test]
fn every_syntax_error_has_a_message_hint_and_position() {
    for &(text, message, hint, line, column) in ERRORS {
        let report = validate(text, &Options::default());
        let d = &report.diagnostics[0];
        let context = format!("{text:?}: {d:?}");
        assert_eq!(d.code, "invalid-json", "{context}");
        assert!(!report.valid);
        assert!(d.message.starts_with(&format!("Invalid JSON: {message}")), "{context}");
        if !hint.is_empty() {
            assert!(d.hint.as_deref().unwrap_or("").contains(hint), "hint of {context}");
        }
        assert_eq!((d.line, d.column), (Some(line), Some(column)), "{context}");
        agree(text);
    }
}

#[test]
fn agrees_with_serde_json_on_the_positions_it_reports() {
    // The cases where serde_json names the offending character, checked
    // against it directly: the same line and column.
    let mut compared = 0;
    for &(text, _, _, line, column) in ERRORS {
        let message = ours(text).unwrap_err().2;
        if let Some(theirs) = serde_position(text, &message) {
            assert_eq!((line, column), theirs, "{text:?}");
            compared += 1;
        }
    }
    assert!(compared >= 25, "only {compared} positions compared");
}

#[test]
fn documented_differences_from_serde_json() {
    // A lone surrogate: IgnoredAny accepts it, Value and we do not.
    let text = "\"\\ud800\"";
    assert!(serde_json::from_str::<IgnoredAny>(text).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
    assert!(ours(text).is_err());
    // Numbers outside f64: valid JSON, which Value refuses.
    for text in ["1e400", "-1e400", "[1e309]", "{\"display_priority\": 1e999}"] {
        assert!(serde_json::from_str::<IgnoredAny>(text).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
        assert!(ours(text).is_ok(), "{text}");
    }
    // Depth: IgnoredAny has no limit; Value's is ours.
    let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(serde_json::from_str::<IgnoredAny>(&deep).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&deep).is_err());
    assert!(ours(&deep).is_err());
    // A big number does not hide what follows it.
    for text in ["[1e400, \"\\udc00\"]", "[-1e999, 01]", "{\"a\": 1e400, \"b\": 1e400 \"c\"}"] {
        assert!(value_accepting_big_numbers(text).is_err(), "{text}");
        agree(text);
    }
    // serde_json reports a bad \u escape after its fourth digit; we at the bad digit.
    let text = "\"\\u12G4\"";
    let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
    assert_eq!((theirs.line(), theirs.column()), (1, 7));
    assert_eq!(ours(text).unwrap_err().1, 6);
    // At the end of the text there is no offending character: serde_json may
    // name the last one (IgnoredAny, here), we the end.
    let text = "[1e400,-";
    let theirs = serde_json::from_str::<IgnoredAny>(text).unwrap_err();
    assert_eq!((theirs.classify(), theirs.column()), (serde_json::error::Category::Syntax, 8));
    assert_eq!(ours(text).unwrap_err(), (1, 9, "Invalid JSON: The text ends while reading a number".to_string()));
    agree(text);
    // and a raw line break in a string at column 0 of the next line; we at the break.
    let text = "\"a\nb\"";
    let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
    assert_eq!((theirs.line(), theirs.column()), (2, 0));
    assert_eq!(ours(text).unwrap_err().0, 1);
}

#[test]
fn nesting_up_to_127_levels_is_fine_and_128_is_refused() {
    assert_eq!(MAX_DEPTH, 128);
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let at = |depth: usize| format!("{}1{}", open.repeat(depth), close.repeat(depth));
        assert!(ours(&at(127)).is_ok());
        let (line, column, message) = ours(&at(128)).unwrap_err();
        assert_eq!(message, "Invalid JSON: Nesting is deeper than 127 levels");
        // At the bracket that opens the 128th level.
        assert_eq!((line, column), (1, 127 * open.len() as u32 + 1));
        agree(&at(127));
        agree(&at(128));
    }
    // Through the payload's own keys too.
    let inner = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let payload = |depth: usize| format!("{{\"auth_patterns\": [{{\"fields\": [{{\"options\": [{{\"value\": {}}}]}}]}}]}}", inner(depth));
    assert!(ours(&payload(120)).is_ok());
    assert!(ours(&payload(121)).unwrap_err().2.contains("deeper than 127"));
}

#[test]
fn ten_thousand_levels_are_refused_quickly_and_clearly() {
    for text in ["[".repeat(10_000), "{\"a\":".repeat(10_000), format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))] {
        let start = Instant::now();
        let report = validate(&text, &Options::default());
        assert!(start.elapsed() < Duration::from_secs(1), "took {:?}", start.elapsed());
        let d = &report.diagnostics[0];
        assert_eq!(d.code, "invalid-json");
        assert!(d.message.contains("Nesting is deeper than 127 levels"), "{}", d.message);
        assert!(d.hint.as_deref().unwrap().contains("runaway brackets"));
        assert_eq!(d.line, Some(1));
    }
}

/// Ten megabytes of each hostile shape: bounded time (generous, for debug
/// builds; release builds take well under a second each).
#[test]
fn ten_megabytes_are_validated_in_bounded_time() {
    const SIZE: usize = 10 * 1024 * 1024;
    let repeat = |unit: &str| unit.repeat(SIZE / unit.len());
    let numbered = |f: &dyn Fn(usize) -> String| {
        let mut out = String::with_capacity(SIZE + 64);
        let mut i = 0;
        while out.len() < SIZE {
            out.push_str(&f(i));
            i += 1;
        }
        out
    };
    let shapes: Vec<(&str, String)> = vec![
        ("one long string", format!("{{\"description\": \"{}\"}}", repeat("a"))),
        ("a string of escapes", format!("{{\"description\": \"{}\"}}", repeat("\\u00e9\\n"))),
        ("a long unknown array", format!("{{\"x\": [{}0]}}", repeat("0,"))),
        ("many unknown keys", format!("{{{}\"z\": 0}}", numbered(&|i| format!("\"k{i}\": {i},")))),
        ("many repeated keys", format!("{{{}\"z\": 0}}", repeat("\"id\": \"x\","))),
        ("many metadata pairs", format!("{{\"metadata\": {{{}\"zzz\": \"v\"}}}}", numbered(&|i| format!("\"key{i}\": \"v\",")))),
        ("many fields", format!("{{\"auth_patterns\": [{{\"type\": \"BEARER\", \"fields\": [{}{{}}]}}]}}", numbered(&|i| format!("{{\"field_name\": \"f{i}\"}},")))),
        ("many scopes", format!("{{\"auth_patterns\": [{{\"type\": \"OAUTH\", \"oauth_config\": {{\"available_scopes\": [{}{{}}]}}}}]}}", numbered(&|i| format!("{{\"scope\": \"s{i}\"}},")))),
        ("many mutations", format!("{{\"auth_patterns\": [{{\"type\": \"BEARER\", \"auth_field_mutations\": {{{}\"token\": {{}}}}}}]}}", numbered(&|i| format!("\"m{i}\": {{}},")))),
        ("many placeholders", format!("{{\"proxy_url\": \"https://x.example.com/{}\"}}", repeat("{{a}}/"))),
        ("many distinct placeholders", format!("{{\"proxy_url\": \"https://x.example.com/{}\"}}", numbered(&|i| format!("{{{{p{i}}}}}/")))),
        ("deep and wide", format!("{{\"x\": [{}]}}", repeat("[[[[[[[[]]]]]]]],").trim_end_matches(','))),
    ];
    for (name, text) in &shapes {
        assert!(text.len() >= SIZE, "{name} is {} bytes", text.len());
        let start = Instant::now();
        let report = validate(text, &Options::default());
        let took = start.elapsed();
        assert!(took < Duration::from_secs(30), "{name}: {took:?}");
        assert!(report.diagnostics.len() <= 201, "{name}");
        assert!(!has(&report, "invalid-json"), "{name}: {}", dump(&report));
    }
}

// ---------------------------------------------------------------------------
// Properties: the same verdict as serde_json on generated text.

/// Pieces JSON is made of, and the mistakes people make with them.
const ALPHABET: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "'", " ", "\n", "\t", "\r", "0", "1", "9", "-", "+", ".", "e", "E", "a", "x", "u", "/", "true", "false",
    "null", "tru", "nul", "\"a\"", "\"k\":", "\\u00e9", "\\uD83D\\uDE00", "\\uD800", "\\uDC00", "\\n", "12", "0.5", "1e5", "-0", "01", "1e400", "\u{1}", "\u{7f}",
    "é", "😀", "\u{feff}",
];

fn jsonish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..24).prop_map(|pieces| pieces.concat())
}

/// Valid JSON text with one to three edits: cut, deletion, insertion.
fn mutated() -> impl Strategy<Value = String> {
    let edit = (0..4u8, any::<prop::sample::Index>(), 0..6usize, prop::sample::select(ALPHABET));
    (text_of_json(any_json()), prop::collection::vec(edit, 1..4)).prop_map(|(mut text, edits)| {
        for (kind, at, len, piece) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match kind {
                0 => text.truncate(i),
                1 => {
                    let mut j = (i + len).min(text.len());
                    while !text.is_char_boundary(j) {
                        j += 1;
                    }
                    text.replace_range(i..j, "");
                }
                _ => text.insert_str(i, piece),
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_json_is_accepted_like_serde_json(text in text_of_json(any_json())) {
        prop_assert!(serde_accepts(&text), "the generator made invalid JSON: {:?}", text);
        agree(&text);
    }

    #[test]
    fn mutated_json_is_judged_like_serde_json(text in mutated()) {
        agree(&text);
    }

    #[test]
    fn jsonish_text_is_judged_like_serde_json(text in jsonish()) {
        agree(&text);
    }

    #[test]
    fn jsonish_text_inside_a_payload_is_judged_like_serde_json(text in jsonish(), key in prop::sample::select(&["display_name", "auth_patterns", "proxy_enabled", "metadata", "display_priority", "x"][..])) {
        agree(&format!("{{\n  \"{key}\": {text}\n}}"));
        agree(&format!("{{\"auth_patterns\": [{{\"fields\": [{{\"options\": {text}}}]}}]}}"));
    }

    #[test]
    fn arbitrary_text_is_judged_like_serde_json(text in "\\PC{0,40}") {
        agree(&text);
    }
}
