//! Exports of the engine: validation, templates, preview, presets, schema.

use wasm_bindgen::prelude::*;

use super::types::{PreviewOptions, ValidateOptions};
use super::interop::{self, error, json_text, string_map, string_option, to_js};
use crate::error::Error;
use crate::validate::{self, Mode};
use crate::{presets, preview, template};

/// Validates a connector payload, given as JSON text or as an object.
/// Invalid JSON is reported as a diagnostic, never thrown.
// The report crosses as JSON text, empty when clean; the package's glue
// (pkg/lib/errors.js `results`) turns it into the Report object.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "string | Payload")] input: JsValue,
    options: Option<ValidateOptions>,
) -> Result<JsValue, JsValue> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let mode = match string_option(&options, "mode")?.as_deref() {
        None | Some("create") => Mode::Create,
        Some("update") => Mode::Update,
        Some(other) => return Err(error(Error::new("invalid-argument", format!("`options.mode` must be \"create\" or \"update\", not \"{other}\"")))),
    };
    let (text, positions) = json_text(&input, "input")?;
    let report = validate::validate(&text, &validate::Options { mode, positions });
    let clean = report.valid && report.diagnostics.is_empty();
    Ok(JsValue::from_str(&if clean { String::new() } else { report.to_json() }))
}

/// The distinct `{{name}}` placeholders of a template, in order of first appearance.
#[wasm_bindgen(js_name = templateVariables)]
pub fn template_variables(template: &str) -> Result<Vec<String>, JsValue> {
    template::variables(template).map(|names| names.into_iter().map(str::to_string).collect()).map_err(|e| error(e.into()))
}

/// Fills every placeholder of a URL template; throws a `ConnectorError` on a
/// missing value, a malformed template, or a value that would change the
/// URL's structure. Path and query values are percent-encoded.
#[wasm_bindgen(js_name = renderTemplate)]
pub fn render_template(template: &str, #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] values: JsValue) -> Result<String, JsValue> {
    let values = string_map(&values, "values")?;
    template::render(template, |name| values.get(name).map(String::as_str)).map_err(|e| error(e.into()))
}

/// Renders a payload's `proxy_url` with `values` (as `renderTemplate`).
#[wasm_bindgen(js_name = renderProxyUrl)]
pub fn render_proxy_url(
    #[wasm_bindgen(unchecked_param_type = "string | Payload")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] values: JsValue,
) -> Result<String, JsValue> {
    let (text, _) = json_text(&payload, "payload")?;
    let values = string_map(&values, "values")?;
    preview::render_proxy_url(&text, &values).map_err(error)
}

/// What the proxy would send for a payload and a connected account's values
/// (keyed by field_name). Secrets are masked unless `reveal` is true.
#[wasm_bindgen(js_name = previewRequest, unchecked_return_type = "RequestPreview")]
pub fn preview_request(
    #[wasm_bindgen(unchecked_param_type = "string | Payload")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] values: JsValue,
    options: Option<PreviewOptions>,
) -> Result<JsValue, JsValue> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let (text, _) = json_text(&payload, "payload")?;
    let values = string_map(&values, "values")?;
    let reveal = interop::option(&options, "reveal");
    let options = preview::Options {
        method: string_option(&options, "method")?,
        path: string_option(&options, "path")?,
        reveal: reveal.as_bool().unwrap_or(false),
    };
    let result = preview::preview(&text, &values, &options).map_err(error)?;
    to_js(&result)
}

/// The named presets: the provider's documented examples and NO_AUTH MCP.
#[wasm_bindgen(unchecked_return_type = "PresetInfo[]")]
pub fn presets() -> Result<JsValue, JsValue> {
    to_js(&presets::PRESETS)
}

/// The payload of the preset called `name`; throws when there is none.
#[wasm_bindgen(unchecked_return_type = "Payload")]
pub fn preset(name: &str) -> Result<JsValue, JsValue> {
    match presets::find(name) {
        Some(preset) => Ok(interop::from_json(preset.json)),
        None => {
            let names: Vec<&str> = presets::PRESETS.iter().map(|p| p.name).collect();
            Err(error(Error::new("unknown-preset", format!("There is no preset `{name}`")).hint(format!("presets: {}", names.join(", ")))))
        }
    }
}

/// A JSON Schema (2020-12) of the payload, for editors and other tools.
#[wasm_bindgen(js_name = jsonSchema)]
pub fn json_schema() -> JsValue {
    interop::from_json(crate::schema::SCHEMA_JSON)
}

/// Every diagnostic code `validate` can report, with its severity and a
/// one-line example.
#[wasm_bindgen(js_name = diagnosticCodes, unchecked_return_type = "DiagnosticCode[]")]
pub fn diagnostic_codes() -> Result<JsValue, JsValue> {
    to_js(&crate::diagnostics::CODES)
}
