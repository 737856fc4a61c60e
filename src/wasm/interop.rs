//! Every conversion between JavaScript values and the core's types.
//!
//! Untyped JSON crosses the boundary as text: a string in, `JSON.parse` on
//! the way out measured 1.5–2.7× faster than serde-wasm-bindgen here.

use std::cell::RefCell;
use std::collections::BTreeMap;

use js_sys::{Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::error::Error;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Makes thrown errors instances of the package's `ConnectorError` class.
#[wasm_bindgen(js_name = "__registerErrorClass")]
pub fn register_error_class(class: Function) {
    ERROR_CLASS.with(|slot| *slot.borrow_mut() = Some(class));
}

/// A core error as a JavaScript `ConnectorError` (an `Error` with `code`,
/// `hint`, `path`, `variable`, `status`, `violations`).
pub fn error(e: Error) -> JsValue {
    let js = js_sys::Error::new(&e.message);
    js.set_name("ConnectorError");
    if let Ok(Some(props)) = JSON::parse(&e.to_json()).map(|v| v.dyn_into::<Object>().ok()) {
        Object::assign(&js, &props);
    }
    ERROR_CLASS.with(|slot| {
        if let Some(class) = slot.borrow().as_ref() {
            if let Ok(prototype) = Reflect::get(class, &"prototype".into()) {
                if let Ok(prototype) = prototype.dyn_into::<Object>() {
                    Object::set_prototype_of(&js, &prototype);
                }
            }
        }
    });
    js.into()
}

/// An error about an argument the caller passed.
pub fn bad_argument(name: &str, expected: &str) -> JsValue {
    error(Error::new("invalid-argument", format!("`{name}` must be {expected}")))
}

/// JSON text from a string (as is) or any JSON-compatible value
/// (`JSON.stringify`). The flag says whether the input was text.
pub fn json_text(value: &JsValue, name: &str) -> Result<(String, bool), JsValue> {
    if let Some(text) = value.as_string() {
        return Ok((text, true));
    }
    if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Err(bad_argument(name, "JSON text or a JSON-compatible object"));
    }
    let text = JSON::stringify(value).map_err(|_| bad_argument(name, "JSON-compatible (no cycles or BigInts)"))?;
    text.as_string().map(|t| (t, false)).ok_or_else(|| bad_argument(name, "JSON text or a JSON-compatible object"))
}

/// A value for the core, from JSON text made in Rust.
pub fn from_json(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// A serializable core value as a plain JavaScript value.
pub fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error(Error::new("internal-error", e.to_string())))?;
    Ok(from_json(&text))
}

/// `Record<string, string>` → map. `undefined`/`null` is empty.
pub fn string_map(value: &JsValue, name: &str) -> Result<BTreeMap<String, String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(BTreeMap::new());
    }
    serde_wasm_bindgen::from_value(value.clone()).map_err(|_| bad_argument(name, "an object of string values"))
}

/// A member of an options object (`undefined` when absent or no object).
pub fn option(options: &JsValue, key: &str) -> JsValue {
    if !options.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// A string option; `Err` when present but not a string.
pub fn string_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let value = option(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| bad_argument(&format!("options.{key}"), "a string"))
}

/// A deserializable argument (via JSON text, so errors name what is wrong).
pub fn typed<T: serde::de::DeserializeOwned>(value: &JsValue, name: &str, expected: &str) -> Result<T, JsValue> {
    let (text, _) = json_text(value, name)?;
    serde_json::from_str(&text).map_err(|e| error(Error::new("invalid-argument", format!("`{name}` must be {expected}: {e}"))))
}

/// A JSON value from text or a JSON-compatible object.
pub fn json_value(value: &JsValue, name: &str) -> Result<serde_json::Value, JsValue> {
    typed(value, name, "JSON text or a JSON-compatible object")
}
