//! JavaScript bindings: a thin skin over the core. Every export converts its
//! arguments, calls the core and converts the result back; all conversions
//! live in `interop`.

#[cfg(feature = "manage-exports")]
mod builder;
#[cfg(feature = "manage-exports")]
pub(crate) mod client;
#[cfg(feature = "engine-exports")]
mod engine;
mod interop;
#[cfg(feature = "engine-exports")]
mod manage;
#[cfg(feature = "manage-exports")]
mod openapi;
mod types;

use wasm_bindgen::prelude::*;

/// The version of connector-kit.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
