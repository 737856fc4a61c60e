//! The builder's export. It lives in the manager module (loaded on first
//! use), like the OpenAPI import and the MCP check that feed it, so the
//! engine stays small.

use wasm_bindgen::prelude::*;

use super::interop::{error, json_value, to_js};
use crate::builder;

/// A complete payload from a compact description: name, type, MCP or not,
/// base URL, extra inputs, scopes, header override, mutations.
#[wasm_bindgen(js_name = buildPayload, unchecked_return_type = "Payload")]
pub fn build_payload(#[wasm_bindgen(unchecked_param_type = "Blueprint")] blueprint: JsValue) -> Result<JsValue, JsValue> {
    let blueprint = builder::Blueprint::from_json(&json_value(&blueprint, "blueprint")?).map_err(error)?;
    let payload = builder::build(&blueprint).map_err(error)?;
    to_js(&payload)
}
