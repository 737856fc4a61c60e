// The manager module in browsers and bundlers, instantiated when lib/manage.js first imports it.
import init, * as glue from "../wasm/web-manage/connector_kit_manage.js";
import { ConnectorError } from "./errors.js";
import { heal } from "./heal.js";

await init({ module_or_path: new URL("../wasm/web-manage/connector_kit_manage_bg.wasm", import.meta.url) });

export const api = heal(glue, { ErrorClass: ConnectorError });
