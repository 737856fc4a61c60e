//! connector-kit: build, validate, preview and manage Scalekit custom connectors.

pub mod template;
