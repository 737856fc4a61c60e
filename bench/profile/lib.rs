//! Probes for bench/profile.mjs: each runs validate up to one phase, so the differences
//! between them time the phases, in the same wasm, called the same way as the package.

use connector_kit::json::Scanner;
use connector_kit::model::Document;
use connector_kit::validate::{self, Mode, Options};
use wasm_bindgen::prelude::*;

fn options(positions: bool) -> Options {
    Options { mode: Mode::Create, positions }
}

/// A call with nothing in or out.
#[wasm_bindgen]
pub fn probe_empty() -> u32 {
    0
}

/// The input crossing as the package does it: a JsValue read with `as_string()`.
#[wasm_bindgen]
pub fn probe_take(input: JsValue) -> usize {
    input.as_string().map_or(0, |s| s.len())
}

/// Crossing + a syntax-only scan of the whole text (no model).
#[wasm_bindgen]
pub fn probe_scan(input: JsValue) -> u32 {
    let text = input.as_string().unwrap_or_default();
    let mut s = Scanner::new(&text);
    (s.skip().is_ok() && s.finish().is_ok()) as u32
}

/// Crossing + parsing into the typed model.
#[wasm_bindgen]
pub fn probe_parse(input: JsValue) -> u32 {
    let text = input.as_string().unwrap_or_default();
    Document::parse(&text).is_ok() as u32
}

/// Crossing + parse + every rule; `positions` resolves line/column of the diagnostics.
#[wasm_bindgen]
pub fn probe_check(input: JsValue, positions: bool) -> u32 {
    let text = input.as_string().unwrap_or_default();
    validate::validate(&text, &options(positions)).diagnostics.len() as u32
}

/// … + the report serialised to JSON text inside wasm (not sent out).
#[wasm_bindgen]
pub fn probe_serialize(input: JsValue) -> usize {
    let text = input.as_string().unwrap_or_default();
    validate::validate(&text, &options(true)).to_json().len()
}

/// … + the report text sent out as a string (the JS side may JSON.parse it).
#[wasm_bindgen]
pub fn probe_report_text(input: JsValue) -> String {
    let text = input.as_string().unwrap_or_default();
    validate::validate(&text, &options(true)).to_json()
}

/// One WHATWG URL parse through the host's `URL` class (web_url, as the rules use it).
#[wasm_bindgen]
pub fn probe_url(url: &str) -> usize {
    connector_kit::web_url::parse(url).map_or(0, |u| u.href.len())
}

/// Serialising the report of a clean payload (no diagnostics) to JSON text.
#[wasm_bindgen]
pub fn probe_serialize_empty() -> usize {
    connector_kit::diagnostics::Report::new(Vec::new()).to_json().len()
}

/// What a leaner export could do: the text as `&str` (no JsValue round trip) and, since most
/// payloads are clean, "" for a report without diagnostics (JS makes the object; no JSON.parse).
#[wasm_bindgen]
pub fn probe_validate_lean(text: &str) -> String {
    let report = validate::validate(text, &options(true));
    if report.diagnostics.is_empty() {
        String::new()
    } else {
        report.to_json()
    }
}
