// Connectors as files. A file holds the payload only: what you would write by hand and what
// push sends. The server's own keys (id, identifier, is_custom, …) are left out, and so are the
// empty values it fills in for absent ones (description "", icon_src "", metadata {}); the
// identifier is the file's name instead. An update keeps what a file leaves out of
// description/icon_src/metadata, so a pulled file pushes back unchanged.
import { ConnectorError, validate } from "connector-kit";
import { readText } from "./files.mjs";

const SERVER_KEYS = ["id", "identifier", "categories", "display_priority", "coming_soon", "is_custom", "is_custom_mcp"];
const EMPTY_DEFAULTS = { description: "", icon_src: "" };

/** The payload of a connector the server returned. */
export function payloadOf(connector) {
  const payload = {};
  for (const [key, value] of Object.entries(connector)) {
    if (SERVER_KEYS.includes(key)) continue;
    if (Object.hasOwn(EMPTY_DEFAULTS, key) && value === EMPTY_DEFAULTS[key]) continue;
    if (key === "metadata" && isEmptyObject(value)) continue;
    payload[key] = value;
  }
  return payload;
}

function isEmptyObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Pretty JSON, 2-space indent, trailing newline. */
export function formatPayload(payload) {
  return `${JSON.stringify(payload, null, 2)}\n`;
}

/**
 * `<identifier>.json`; characters that are not safe in a file name on every OS
 * (identifiers may hold `:`) are percent-encoded.
 */
export function fileNameFor(identifier) {
  const safe = String(identifier).replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `${safe.replace(/^\./, "%2E")}.json`;
}

/**
 * Reads a payload file: `{ file, text, payload }`. Throws a FileProblem (exit 2) when it cannot
 * be read, a ConnectorError (exit 1) when it is not a JSON object.
 */
export async function readPayload(file) {
  const text = await readText(file);
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    const d = validate(text).diagnostics.find((x) => x.code === "invalid-json");
    const at = d?.line ? `:${d.line}:${d.column}` : "";
    throw new ConnectorError(`${file}${at}: ${d?.message ?? "Invalid JSON"}`, { code: "invalid-json", hint: `see connector-kit lint ${file}` });
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new ConnectorError(`${file}: the payload must be a JSON object`, { code: "not-an-object" });
  }
  return { file, text, payload };
}
