//! Exports for changing connectors safely: diff and promotion plans.

use wasm_bindgen::prelude::*;

use super::interop::{error, json_value, to_js};
use crate::manage::{diff, promote};

/// A semantic diff of two payloads (fields matched by `field_name`, scopes by
/// `scope`), each change with its impact on existing connections, and the
/// five-field summary shown before an update.
#[wasm_bindgen(js_name = diffPayloads, unchecked_return_type = "Diff")]
pub fn diff_payloads(
    #[wasm_bindgen(unchecked_param_type = "string | Payload")] current: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Payload")] proposed: JsValue,
) -> Result<JsValue, JsValue> {
    let current = json_value(&current, "current")?;
    let proposed = json_value(&proposed, "proposed")?;
    to_js(&diff::diff(&current, &proposed))
}

/// Plans promoting a Dev connector (the source of truth) to an environment
/// that holds `production` (or `null`): create or update, a three-column
/// view (Dev | Production now | proposed) and the exact request to send.
/// Throws when a pattern's `type` or `is_mcp` would change.
#[wasm_bindgen(js_name = planPromotion, unchecked_return_type = "Plan")]
pub fn plan_promotion(
    #[wasm_bindgen(unchecked_param_type = "string | Payload")] dev: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Connector | null")] production: JsValue,
) -> Result<JsValue, JsValue> {
    let dev = json_value(&dev, "dev")?;
    let production = if production.is_null() || production.is_undefined() { None } else { Some(json_value(&production, "production")?) };
    to_js(&promote::plan(&dev, production.as_ref()).map_err(error)?)
}
