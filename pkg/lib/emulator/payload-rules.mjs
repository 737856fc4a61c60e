// The rules the *server* enforces on a connector payload (connectors.md §1–§2), written from the
// spec on purpose without any connector-kit validation code: tests against the emulator should
// catch a validator and a server that disagree.
//
// Deliberately NOT enforced here (the server stores auth_patterns untyped and accepts them):
// oauth_config shapes, fields, mutations, templates, proxy_enabled being true, NO_AUTH being MCP-only.

import { violation } from "./grpc-errors.mjs";

export const AUTH_TYPES = Object.freeze(["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"]);
export const DISPLAY_NAME_PATTERN = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
export const LIMITS = Object.freeze({
  displayNameMax: 200,
  urlMax: 2048,
  metadataMaxPairs: 20,
  metadataKeyMin: 3,
  metadataKeyMax: 25,
  metadataValueMin: 1,
  metadataValueMax: 256,
});

// protojson reads `null` as "not set"; so do we.
const isSet = (v) => v !== undefined && v !== null;
export const isPlainObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const charCount = (s) => [...s].length; // lengths count characters (code points), as protovalidate does

function jsonType(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function typeViolation(field, expected, value) {
  return violation(field, "type", `value must be ${expected}, got ${jsonType(value)}`);
}

function checkLength(out, field, value, min, max) {
  const n = charCount(value);
  if (n < min) out.push(violation(field, "string.min_len", `value length must be at least ${min} characters`));
  else if (n > max) out.push(violation(field, "string.max_len", `value length must be at most ${max} characters`));
}

function checkHttpsUrl(out, field, value) {
  if (charCount(value) > LIMITS.urlMax) {
    out.push(violation(field, "string.max_len", `value length must be at most ${LIMITS.urlMax} characters`));
  }
  if (!value.startsWith("https://")) {
    out.push(violation(field, "string.prefix", "value does not have prefix `https://`"));
  }
}

/**
 * Checks a create/update body. Returns the list of field violations (empty when acceptable).
 * `body` must already be a JSON object.
 */
export function payloadViolations(body) {
  const out = [];

  const name = body.display_name;
  if (!isSet(name) || name === "") out.push(violation("display_name", "required", "value is required"));
  else if (typeof name !== "string") out.push(typeViolation("display_name", "a string", name));
  else if (charCount(name) > LIMITS.displayNameMax) {
    out.push(violation("display_name", "string.max_len", `value length must be at most ${LIMITS.displayNameMax} characters`));
  } else if (!DISPLAY_NAME_PATTERN.test(name)) {
    out.push(violation("display_name", "string.pattern",
      `value does not match regex pattern \`${DISPLAY_NAME_PATTERN.source}\` (letters, digits and spaces only)`));
  }

  if (isSet(body.description) && typeof body.description !== "string") {
    out.push(typeViolation("description", "a string", body.description));
  }

  const proxyUrl = body.proxy_url;
  if (!isSet(proxyUrl) || proxyUrl === "") out.push(violation("proxy_url", "required", "value is required"));
  else if (typeof proxyUrl !== "string") out.push(typeViolation("proxy_url", "a string", proxyUrl));
  else checkHttpsUrl(out, "proxy_url", proxyUrl);

  if (isSet(body.proxy_enabled) && typeof body.proxy_enabled !== "boolean") {
    out.push(typeViolation("proxy_enabled", "a boolean", body.proxy_enabled));
  }

  const icon = body.icon_src;
  if (isSet(icon)) {
    if (typeof icon !== "string") out.push(typeViolation("icon_src", "a string", icon));
    else if (icon !== "") checkHttpsUrl(out, "icon_src", icon);
  }

  const metadata = body.metadata;
  if (isSet(metadata)) {
    if (!isPlainObject(metadata)) out.push(typeViolation("metadata", "an object of strings", metadata));
    else {
      const entries = Object.entries(metadata);
      if (entries.length > LIMITS.metadataMaxPairs) {
        out.push(violation("metadata", "map.max_pairs", `map must be at most ${LIMITS.metadataMaxPairs} entries`));
      }
      for (const [key, value] of entries) {
        const field = `metadata[${JSON.stringify(key)}]`;
        const keyLen = charCount(key);
        if (keyLen < LIMITS.metadataKeyMin) {
          out.push(violation(field, "map.keys.string.min_len", `key length must be at least ${LIMITS.metadataKeyMin} characters`));
        } else if (keyLen > LIMITS.metadataKeyMax) {
          out.push(violation(field, "map.keys.string.max_len", `key length must be at most ${LIMITS.metadataKeyMax} characters`));
        }
        if (typeof value !== "string") out.push(typeViolation(field, "a string", value));
        else {
          const n = charCount(value);
          if (n < LIMITS.metadataValueMin) {
            out.push(violation(field, "map.values.string.min_len", `value length must be at least ${LIMITS.metadataValueMin} characters`));
          } else if (n > LIMITS.metadataValueMax) {
            out.push(violation(field, "map.values.string.max_len", `value length must be at most ${LIMITS.metadataValueMax} characters`));
          }
        }
      }
    }
  }

  const patterns = body.auth_patterns;
  if (!isSet(patterns)) out.push(violation("auth_patterns", "required", "value is required"));
  else if (!Array.isArray(patterns)) out.push(typeViolation("auth_patterns", "an array", patterns));
  else {
    if (patterns.length === 0) out.push(violation("auth_patterns", "repeated.min_items", "value must contain exactly 1 item(s)"));
    if (patterns.length > 1) out.push(violation("auth_patterns", "repeated.max_items", "value must contain exactly 1 item(s)"));
    patterns.forEach((p, i) => {
      const at = `auth_patterns[${i}]`;
      if (!isPlainObject(p)) {
        out.push(typeViolation(at, "an object", p));
        return;
      }
      if (!isSet(p.type) || p.type === "") out.push(violation(`${at}.type`, "required", "value is required"));
      else if (typeof p.type !== "string") out.push(typeViolation(`${at}.type`, "a string", p.type));
      else if (!AUTH_TYPES.includes(p.type)) {
        out.push(violation(`${at}.type`, "enum.in", `value must be one of ${AUTH_TYPES.join(", ")}; got ${JSON.stringify(p.type)}`));
      }
      if (isSet(p.is_mcp) && typeof p.is_mcp !== "boolean") out.push(typeViolation(`${at}.is_mcp`, "a boolean", p.is_mcp));
    });
  }

  return out;
}

/** A pattern's `type` and `is_mcp` cannot change on update. Returns violations naming which. */
export function immutabilityViolations(storedPatterns, newPatterns) {
  const out = [];
  const n = Math.min(storedPatterns.length, newPatterns.length);
  for (let i = 0; i < n; i++) {
    const before = storedPatterns[i] ?? {};
    const after = newPatterns[i];
    if (before.type !== after.type) {
      out.push(violation(`auth_patterns[${i}].type`, "immutable",
        `the type of an auth pattern cannot change on update (stored ${before.type}, got ${after.type})`));
    }
    const wasMcp = before.is_mcp === true;
    const isMcp = after.is_mcp === true;
    if (wasMcp !== isMcp) {
      out.push(violation(`auth_patterns[${i}].is_mcp`, "immutable",
        `is_mcp of an auth pattern cannot change on update (stored ${wasMcp}, got ${isMcp})`));
    }
  }
  return out;
}
