//! connector-kit: build, validate, preview and manage Scalekit custom connectors.

pub mod template;

#[cfg(target_arch = "wasm32")]
mod wasm;
