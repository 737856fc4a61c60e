//! Every conversion between JavaScript values and the core's types.
//!
//! Untyped JSON crosses the boundary as text: a string in, `JSON.parse` on
//! the way out measured 1.5–2.7× faster than serde-wasm-bindgen here.

use std::cell::RefCell;

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
#[cfg(feature = "engine-exports")]
pub fn string_map(value: &JsValue, name: &str) -> Result<std::collections::BTreeMap<String, String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(std::collections::BTreeMap::new());
    }
    let map = json_value(value, name)?;
    let object = map.as_object().ok_or_else(|| bad_argument(name, "an object of string values"))?;
    object.iter().map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())).ok_or_else(|| bad_argument(name, "an object of string values"))).collect()
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

/// A string argument; `Err` (a `ConnectorError`) when it is not a string.
#[cfg(feature = "manage-exports")]
pub fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| bad_argument(name, "a string"))
}

/// The options of `new ManagementClient(…)` as a client configuration. A
/// relative `environmentUrl` is resolved against the page's location.
#[cfg(feature = "manage-exports")]
pub fn client_config(options: &JsValue) -> Result<crate::client::Config, JsValue> {
    use crate::client::{resolve_environment_url, Config, Credentials};
    const KEYS: &[&str] = &["environmentUrl", "clientId", "clientSecret", "accessToken", "timeoutMs"];
    let Some(object) = options.dyn_ref::<Object>() else {
        return Err(bad_argument("options", "an object such as { environmentUrl, clientId, clientSecret }"));
    };
    for key in Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !KEYS.contains(&key.as_str()) {
            let mut e = Error::new("invalid-argument", format!("Unknown option `{key}`"));
            e.hint = Some(match crate::suggest::did_you_mean(&key, KEYS.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("options: {}", KEYS.join(", ")),
            });
            return Err(error(e));
        }
    }
    let url = string_option(options, "environmentUrl")?.filter(|u| !u.is_empty()).ok_or_else(|| bad_argument("options.environmentUrl", "a non-empty string"))?;
    let url = resolve_environment_url(&url, page_location().as_deref()).map_err(error)?;
    let credentials = match (string_option(options, "clientId")?, string_option(options, "clientSecret")?, string_option(options, "accessToken")?) {
        (Some(client_id), Some(client_secret), None) => Credentials::ClientSecret { client_id, client_secret },
        (None, None, Some(token)) => Credentials::AccessToken(token),
        (None, None, None) => Credentials::SameOrigin,
        (_, _, Some(_)) => return Err(error(Error::new("invalid-argument", "Give either `accessToken` or `clientId` and `clientSecret`, not both"))),
        _ => return Err(error(Error::new("invalid-argument", "`clientId` and `clientSecret` go together: give both"))),
    };
    let mut config = Config::new(url, credentials);
    let timeout = option(options, "timeoutMs");
    if !timeout.is_undefined() && !timeout.is_null() {
        config.timeout_ms = timeout.as_f64().filter(|ms| ms.fract() == 0.0 && (1.0..=3_600_000.0).contains(ms)).map(|ms| ms as u32).ok_or_else(|| bad_argument("options.timeoutMs", "a whole number of milliseconds, 1 to 3600000"))?;
    }
    Ok(config)
}

/// `globalThis.location.href`, in a browser page or worker.
#[cfg(feature = "manage-exports")]
fn page_location() -> Option<String> {
    let location = Reflect::get(&js_sys::global(), &"location".into()).ok().filter(JsValue::is_object)?;
    Reflect::get(&location, &"href".into()).ok()?.as_string()
}
