// Types of every entry: the declarations wasm-bindgen generates from the Rust bindings.
export * from "./wasm/node/connector_kit.js";
