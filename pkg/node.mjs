// Node ESM entry: the same web glue as index.js, instantiated synchronously from the file
// (fetch() cannot read file: URLs in Node).
import { readFileSync } from "node:fs";
import { initSync } from "./wasm/web/connector_kit.js";
import { lazyManage } from "./lib/manage.js";

initSync({ module: readFileSync(new URL("./wasm/web/connector_kit_bg.wasm", import.meta.url)) });

export * from "./wasm/api.js";
export const { ManagementClient, buildPayload, importOpenApi, mcpConnector } = lazyManage(() => import("./lib/manage-node.mjs"));
