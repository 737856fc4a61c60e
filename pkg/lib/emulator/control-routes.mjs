// /_emulator/… control endpoints for tests. Not part of the real API; no token needed; never faulted.

import { ApiError, GRPC, validationError, violation } from "./grpc-errors.mjs";
import { parseJsonObject, decodeSegment } from "./http-util.mjs";

/** What GET /_emulator/state and `emulator.state()` return. */
export function stateSnapshot(ctx) {
  return structuredClone({
    providers: [...ctx.store.custom.values()],
    connections: Object.fromEntries(ctx.store.connections),
    faults: ctx.faults.list(),
    active_tokens: ctx.tokens.activeCount(),
  });
}

export function addConnection(ctx, { body }) {
  const req = parseJsonObject(body);
  const problems = [];
  if (typeof req.identifier !== "string" || req.identifier === "") {
    problems.push(violation("identifier", "required", "identifier (a string) is required"));
  }
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    problems.push(violation("count", "int.gte", "count must be an integer ≥ 1"));
  }
  if (problems.length) throw validationError(problems);
  const connections = ctx.write(() => ctx.store.addConnections(req.identifier, count));
  return { status: 201, body: { identifier: req.identifier, connections } };
}

export function removeConnections(ctx, { params }) {
  const identifier = decodeSegment(params[0]);
  const connections = ctx.write(() => ctx.store.clearConnections(identifier));
  return { status: 200, body: { identifier, connections } };
}

export function addFaults(ctx, { body }) {
  let spec;
  try {
    spec = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw new ApiError(400, `invalid JSON body: ${body.length === 0 ? "empty body" : err.message}`, { code: GRPC.INVALID_ARGUMENT });
  }
  return { status: 201, body: { faults: ctx.faults.add(spec) } };
}

export function listFaults(ctx) {
  return { status: 200, body: { faults: ctx.faults.list() } };
}

export function clearFaults(ctx) {
  return { status: 200, body: { cleared: ctx.faults.clear() } };
}

export function expireTokens(ctx) {
  return { status: 200, body: { expired: ctx.tokens.expireAll() } };
}

export function reset(ctx) {
  ctx.write(() => ctx.store.reset());
  ctx.faults.clear();
  return { status: 200, body: {} };
}

export function getState(ctx) {
  return { status: 200, body: stateSnapshot(ctx) };
}
