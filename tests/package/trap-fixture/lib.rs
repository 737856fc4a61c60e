//! Exports that trap on purpose (a panic is `unreachable` under panic = "abort").
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static CALLS: RefCell<u32> = const { RefCell::new(0) };
}

/// Echoes its input; counts calls so a test can see the state was reset.
#[wasm_bindgen]
pub fn echo(text: String) -> String {
    CALLS.with(|c| *c.borrow_mut() += 1);
    text
}

/// How many times `echo` ran in this instance.
#[wasm_bindgen]
pub fn calls() -> u32 {
    CALLS.with(|c| *c.borrow())
}

/// Panics (so traps) when `fail` is true, while holding a RefCell borrow.
#[wasm_bindgen]
pub fn boom(fail: bool) -> String {
    CALLS.with(|c| {
        let _held = c.borrow_mut();
        if fail {
            panic!("boom");
        }
    });
    "fine".into()
}

/// A thrown JS error (not a trap): must pass through untouched.
#[wasm_bindgen(js_name = throwsError)]
pub fn throws_error() -> Result<(), JsError> {
    Err(JsError::new("expected failure"))
}

/// Resolves to its input after a turn of the event loop, or traps in the future.
#[wasm_bindgen(js_name = later)]
pub async fn later(fail: bool) -> Result<JsValue, JsValue> {
    let tick = js_sys::Promise::resolve(&JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(tick).await?;
    if fail {
        panic!("async boom");
    }
    Ok(JsValue::from_str("later"))
}

/// Resolves with whatever `promise` resolves to: an async call still in flight
/// while the instance is reset.
#[wasm_bindgen(js_name = waitFor)]
pub async fn wait_for(promise: js_sys::Promise) -> Result<JsValue, JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise).await
}

/// A class with a constructor, state, a trapping method and an async method.
#[wasm_bindgen]
pub struct Counter {
    label: String,
    count: u32,
}

#[wasm_bindgen]
impl Counter {
    #[wasm_bindgen(constructor)]
    pub fn new(label: String) -> Counter {
        Counter { label, count: 0 }
    }

    /// Made without the constructor (by a factory), so it cannot be rebuilt.
    #[wasm_bindgen(js_name = fromFactory)]
    pub fn from_factory() -> Counter {
        Counter { label: "factory".into(), count: 0 }
    }

    pub fn incr(&mut self) -> u32 {
        self.count += 1;
        self.count
    }

    #[wasm_bindgen(getter)]
    pub fn label(&self) -> String {
        self.label.clone()
    }

    pub fn boom(&self) -> u32 {
        panic!("method boom")
    }
}
