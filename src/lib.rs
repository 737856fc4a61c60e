//! connector-kit: build, validate, preview and manage Scalekit custom connectors.

pub mod diagnostics;
pub mod json;
pub mod model;
pub mod rules;
mod suggest;
pub mod template;
pub mod validate;

#[cfg(target_arch = "wasm32")]
mod wasm;
