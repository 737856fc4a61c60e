// The manager module in Node ESM: the web glue, instantiated synchronously from the file.
import { readFileSync } from "node:fs";
import * as glue from "../wasm/web-manage/connector_kit_manage.js";
import { ConnectorError } from "./errors.js";
import { heal } from "./heal.js";

glue.initSync({ module: readFileSync(new URL("../wasm/web-manage/connector_kit_manage_bg.wasm", import.meta.url)) });

export const api = heal(glue, { ErrorClass: ConnectorError });
