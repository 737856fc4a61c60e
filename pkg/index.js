// Browser and bundler entry (native ES modules, Vite, …). Instantiates the wasm with
// top-level await, so users need no init call. `new URL(…, import.meta.url)` is the form
// bundlers recognise to ship the .wasm as an asset.
import init from "./wasm/web/connector_kit.js";

await init({ module_or_path: new URL("./wasm/web/connector_kit_bg.wasm", import.meta.url) });

export * from "./wasm/api.js";
