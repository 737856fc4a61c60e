//! connector-kit: build, validate, preview and manage Scalekit custom connectors.

pub mod builder;
pub mod client;
pub mod diagnostics;
pub mod error;
pub mod json;
pub mod manage;
pub mod model;
pub mod openapi;
pub mod presets;
pub mod preview;
mod quote;
pub mod rules;
pub mod schema;
mod suggest;
pub mod template;
pub mod validate;
pub mod web_url;

#[cfg(target_arch = "wasm32")]
mod wasm;
