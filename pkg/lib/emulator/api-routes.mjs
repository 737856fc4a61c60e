// The management API of connectors.md §1: list, create, update, delete.
// Handlers return {status, body, headers?} or throw an ApiError.

import { ApiError, GRPC, validationError, violation } from "./grpc-errors.mjs";
import { payloadViolations, immutabilityViolations } from "./payload-rules.mjs";
import { parseJsonObject, decodeSegment } from "./http-util.mjs";
import { notFound } from "./provider-store.mjs";

export const PROVIDER_TYPES = Object.freeze(["DEFAULT", "CUSTOM", "ALL"]);
export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 100;

// Page tokens are opaque to clients: base64url of {"o": offset}.
export function encodePageToken(offset) {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

export function decodePageToken(token) {
  const bad = () => validationError([violation("page_token", "invalid", "invalid page token")]);
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw bad();
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (parsed === null || typeof parsed !== "object" || !Number.isInteger(parsed.o) || parsed.o < 0
    || encodePageToken(parsed.o) !== token) {
    throw bad();
  }
  return parsed.o;
}

function singleParam(params, name) {
  const values = params.getAll(name);
  if (values.length > 1) throw validationError([violation(name, "repeated", `${name} given more than once`)]);
  return values.length ? values[0] : null;
}

export function listProviders(ctx, { query }) {
  const params = new URLSearchParams(query);

  const type = singleParam(params, "filter.provider_type") ?? "DEFAULT";
  if (!PROVIDER_TYPES.includes(type)) {
    throw validationError([violation("filter.provider_type", "enum.in",
      `must be one of ${PROVIDER_TYPES.join(", ")}; got ${JSON.stringify(type)}`)]);
  }

  let pageSize = DEFAULT_PAGE_SIZE;
  const rawSize = singleParam(params, "page_size");
  if (rawSize !== null && rawSize !== "") {
    if (!/^\d{1,9}$/.test(rawSize)) {
      throw validationError([violation("page_size", "int.gte", "page_size must be a non-negative integer")]);
    }
    const n = Number(rawSize);
    pageSize = n === 0 ? DEFAULT_PAGE_SIZE : Math.min(n, MAX_PAGE_SIZE);
  }

  const rawToken = singleParam(params, "page_token");
  const offset = rawToken ? decodePageToken(rawToken) : 0;

  const identifier = singleParam(params, "identifier");
  let items = ctx.store.list(type);
  if (identifier) items = items.filter((p) => p.identifier === identifier);

  const total = items.length;
  const end = offset + pageSize;
  return {
    status: 200,
    body: {
      providers: items.slice(offset, end),
      next_page_token: end < total ? encodePageToken(end) : "",
      prev_page_token: offset > 0 ? encodePageToken(Math.max(0, offset - pageSize)) : "",
      total_size: total,
    },
  };
}

function checkPayload(body) {
  const violations = payloadViolations(body);
  if (violations.length) throw validationError(violations);
}

export function createProvider(ctx, { body }) {
  const payload = parseJsonObject(body);
  checkPayload(payload);
  const provider = ctx.write(() => ctx.store.create(payload));
  return { status: 201, body: { provider } };
}

export function updateProvider(ctx, { params, body }) {
  const identifier = decodeSegment(params[0]);
  const payload = parseJsonObject(body);
  checkPayload(payload);
  const stored = ctx.store.getCustom(identifier);
  if (!stored) throw notFound(identifier);
  const immutable = immutabilityViolations(stored.auth_patterns, payload.auth_patterns);
  if (immutable.length) {
    const what = [...new Set(immutable.map((v) => v.field.replace(/^.*\./, "")))].join(" and ");
    throw new ApiError(400, `an auth pattern's ${what} cannot change on update`,
      { code: GRPC.INVALID_ARGUMENT, errorCode: "INVALID_ARGUMENT", violations: immutable });
  }
  const provider = ctx.write(() => ctx.store.update(identifier, payload));
  return { status: 200, body: { provider } };
}

export function deleteProvider(ctx, { params }) {
  const identifier = decodeSegment(params[0]);
  ctx.write(() => ctx.store.delete(identifier));
  return { status: 200, body: {} };
}
