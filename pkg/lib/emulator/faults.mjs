// Queued faults for tests (POST /_emulator/faults). A fault hits the next `count` requests that
// match its optional `method` and `path` prefix; the first queued match wins, one fault per request.
// Faults are taken before a request is handled, so a faulted request (other than `latency`, which
// then answers normally) never changes state. Control endpoints (/_emulator/…) are never faulted,
// and CORS preflights only when the fault names method OPTIONS.

import { violation, validationError } from "./grpc-errors.mjs";
import { isPlainObject } from "./payload-rules.mjs";

export const FAULT_KINDS = Object.freeze(["latency", "status", "rate-limit", "malformed", "drop"]);

const KEYS_BY_KIND = {
  latency: ["ms"],
  status: ["status", "message"],
  "rate-limit": ["retryAfter"],
  malformed: ["body"],
  drop: [],
};
const COMMON_KEYS = ["kind", "method", "path", "count"];

const isInt = (v, min, max) => Number.isInteger(v) && v >= min && v <= max;

/** Validates one fault spec; returns the normalized fault or throws a 400 ApiError. */
export function normalizeFault(spec, at = "") {
  const f = (name) => (at ? `${at}.${name}` : name);
  const out = [];
  if (!isPlainObject(spec)) throw validationError([violation(at || "fault", "type", "a fault must be an object")]);
  const kind = spec.kind;
  if (!FAULT_KINDS.includes(kind)) {
    throw validationError([violation(f("kind"), "enum.in", `kind must be one of ${FAULT_KINDS.join(", ")}`)]);
  }
  const allowed = new Set([...COMMON_KEYS, ...KEYS_BY_KIND[kind]]);
  for (const key of Object.keys(spec)) {
    if (!allowed.has(key)) out.push(violation(f(key), "unknown", `unknown key for a ${kind} fault (allowed: ${[...allowed].join(", ")})`));
  }
  const fault = { kind, method: null, path: "/", count: 1 };
  if (spec.method !== undefined) {
    if (typeof spec.method !== "string" || !/^[A-Za-z]+$/.test(spec.method)) out.push(violation(f("method"), "type", "method must be an HTTP method name"));
    else fault.method = spec.method.toUpperCase();
  }
  if (spec.path !== undefined) {
    if (typeof spec.path !== "string" || !spec.path.startsWith("/")) out.push(violation(f("path"), "string.prefix", "path must be a string starting with /"));
    else fault.path = spec.path;
  }
  if (spec.count !== undefined) {
    if (!isInt(spec.count, 1, 1_000_000)) out.push(violation(f("count"), "int.gte", "count must be an integer ≥ 1"));
    else fault.count = spec.count;
  }
  switch (kind) {
    case "latency":
      if (!isInt(spec.ms, 0, 600_000)) out.push(violation(f("ms"), "required", "ms must be an integer 0–600000"));
      else fault.ms = spec.ms;
      break;
    case "status":
      if (!isInt(spec.status, 400, 599)) out.push(violation(f("status"), "required", "status must be an integer 400–599"));
      else fault.status = spec.status;
      if (spec.message !== undefined) {
        if (typeof spec.message !== "string") out.push(violation(f("message"), "type", "message must be a string"));
        else fault.message = spec.message;
      }
      break;
    case "rate-limit":
      fault.retryAfter = 1;
      if (spec.retryAfter !== undefined) {
        if (!isInt(spec.retryAfter, 0, 86_400)) out.push(violation(f("retryAfter"), "type", "retryAfter must be an integer 0–86400 (seconds)"));
        else fault.retryAfter = spec.retryAfter;
      }
      break;
    case "malformed":
      if (spec.body !== undefined) {
        if (typeof spec.body !== "string") out.push(violation(f("body"), "type", "body must be a string"));
        else fault.body = spec.body;
      }
      break;
    default:
      break;
  }
  if (out.length) throw validationError(out);
  return fault;
}

export class FaultQueue {
  constructor() {
    this.faults = [];
    this.nextId = 1;
  }

  /** Adds one spec or an array of specs (all or nothing); returns the queued faults. */
  add(specs) {
    const list = Array.isArray(specs) ? specs : [specs];
    const normalized = list.map((s, i) => normalizeFault(s, Array.isArray(specs) ? `[${i}]` : ""));
    const queued = normalized.map((fault) => ({ id: `flt_${this.nextId++}`, ...fault }));
    this.faults.push(...queued);
    return queued.map((q) => ({ ...q }));
  }

  /** The fault to apply to this request (its count is consumed), or null. */
  take(method, pathname) {
    if (pathname === "/_emulator" || pathname.startsWith("/_emulator/")) return null;
    const index = this.faults.findIndex((q) => (q.method === null ? method !== "OPTIONS" : q.method === method)
      && pathname.startsWith(q.path));
    if (index < 0) return null;
    const fault = this.faults[index];
    fault.count -= 1;
    if (fault.count <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }

  list() {
    return this.faults.map((q) => ({ ...q }));
  }

  clear() {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }
}
