// Browser and bundler entry (native ES modules, Vite, …). Instantiates the engine with
// top-level await, so users need no init call. `new URL(…, import.meta.url)` is the form
// bundlers recognise to ship the .wasm as an asset.
import init from "./wasm/web/connector_kit.js";
import { lazyManage } from "./lib/manage.js";

await init({ module_or_path: new URL("./wasm/web/connector_kit_bg.wasm", import.meta.url) });

export * from "./wasm/api.js";
export const { ManagementClient, buildPayload, importOpenApi, mcpConnector } = lazyManage(() => import("./lib/manage-web.js"));
