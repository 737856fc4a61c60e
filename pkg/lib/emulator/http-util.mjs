// Small HTTP helpers: CORS headers, JSON replies, bounded body reading, log redaction.

import { ApiError, GRPC } from "./grpc-errors.mjs";
import { isPlainObject } from "./payload-rules.mjs";

export const MAX_BODY_BYTES = 1024 * 1024;

// The real API is not known to send CORS headers. The emulator allows pages on this machine
// (the wasm tests run in Chromium on another localhost origin) and no one else: a web page the
// user happens to visit cannot drive it.
export function corsHeaders(origin) {
  if (!origin || !isLoopbackOrigin(origin)) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "Retry-After, WWW-Authenticate",
    Vary: "Origin",
  };
}

export function isLoopbackOrigin(origin) {
  try {
    const { protocol, hostname } = new URL(origin);
    return (protocol === "http:" || protocol === "https:") && ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
  } catch {
    return false;
  }
}
export const ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
export const ALLOWED_HEADERS = "Authorization, Content-Type";

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendPreflight(req, res) {
  const headers = {
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    "Access-Control-Allow-Headers": ALLOWED_HEADERS,
    "Access-Control-Max-Age": "600",
    "Content-Length": "0",
  };
  // Chromium's Private Network Access preflight asks for this explicitly.
  if (req.headers["access-control-request-private-network"] === "true") {
    headers["Access-Control-Allow-Private-Network"] = "true";
  }
  res.writeHead(204, headers);
  res.end();
}

/** Reads the whole request body (at most MAX_BODY_BYTES) into a Buffer. */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new ApiError(413, `request body larger than ${MAX_BODY_BYTES} bytes`, { code: GRPC.RESOURCE_EXHAUSTED }));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => { if (!failed) resolve(Buffer.concat(chunks)); });
    req.on("error", (err) => { if (!failed) { failed = true; reject(err); } });
  });
}

/** Parses a JSON request body that must be an object; 400 otherwise. */
export function parseJsonObject(buf) {
  let value;
  try {
    value = JSON.parse(buf.toString("utf8"));
  } catch (err) {
    throw new ApiError(400, `invalid JSON body: ${buf.length === 0 ? "empty body" : err.message}`,
      { code: GRPC.INVALID_ARGUMENT });
  }
  if (!isPlainObject(value)) {
    throw new ApiError(400, "invalid JSON body: expected a JSON object", { code: GRPC.INVALID_ARGUMENT });
  }
  return value;
}

/** Decodes one path segment; 400 on a malformed percent-escape. */
export function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, "malformed percent-encoding in path", { code: GRPC.INVALID_ARGUMENT });
  }
}

const SECRET_PARAM = /token|secret|password|assertion|code|key/i;

/** The request target with secret-looking query values replaced (page_token is not a secret). */
export function redactTarget(target) {
  const q = target.indexOf("?");
  if (q < 0) return target;
  const params = new URLSearchParams(target.slice(q + 1));
  const out = [];
  for (const [name, value] of params) {
    out.push(`${encodeURIComponent(name)}=${SECRET_PARAM.test(name) && name !== "page_token" ? "[redacted]" : encodeURIComponent(value)}`);
  }
  return `${target.slice(0, q)}?${out.join("&")}`;
}
