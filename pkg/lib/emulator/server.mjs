// startEmulator(): wires the store, tokens, faults and routes into a node:http server.

import http from "node:http";
import { ApiError, GRPC, grpcErrorBody, grpcCodeForStatus } from "./grpc-errors.mjs";
import { ProviderStore } from "./provider-store.mjs";
import { readDataFile, writeDataFileAtomic } from "./persistence.mjs";
import { TokenIssuer, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN_TTL } from "./tokens.mjs";
import { FaultQueue } from "./faults.mjs";
import { corsHeaders, isLoopbackOrigin, sendJson, sendPreflight, readBody, redactTarget } from "./http-util.mjs";
import { handleTokenRequest, requireBearer } from "./token-endpoint.mjs";
import { listProviders, createProvider, updateProvider, deleteProvider } from "./api-routes.mjs";
import * as control from "./control-routes.mjs";

// One row per path: which methods it answers and whether they need a Bearer token.
// A path that matches with another method gets 405; no match at all gets 404.
const ROUTES = [
  { path: /^\/oauth\/token$/, methods: { POST: (ctx, r) => handleTokenRequest(ctx, r.req, r.body) } },
  { path: /^\/api\/v1\/providers$/, auth: true, methods: { GET: listProviders } },
  { path: /^\/api\/v1\/custom-providers$/, auth: true, methods: { POST: createProvider } },
  { path: /^\/api\/v1\/custom-providers\/([^/]+)$/, auth: true, methods: { PUT: updateProvider, DELETE: deleteProvider } },
  { path: /^\/_emulator\/connections$/, methods: { POST: control.addConnection } },
  { path: /^\/_emulator\/connections\/([^/]+)$/, methods: { DELETE: control.removeConnections } },
  { path: /^\/_emulator\/faults$/, methods: { GET: control.listFaults, POST: control.addFaults, DELETE: control.clearFaults } },
  { path: /^\/_emulator\/expire-tokens$/, methods: { POST: control.expireTokens } },
  { path: /^\/_emulator\/reset$/, methods: { POST: control.reset } },
  { path: /^\/_emulator\/state$/, methods: { GET: control.getState } },
];

const MALFORMED_BODY = '{"provider": {"id": "prv_trunc';

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Why a request from a web page of another site is refused, or null. Browsers send `Origin` with
 * every cross-origin write, also the ones CORS never lets them read (a no-cors POST to
 * /_emulator/reset); a rebound DNS name reaches a loopback listener with its own `Host`.
 */
function foreignPage(req, loopback) {
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) return "requests from pages of other sites are refused (Origin)";
  if (loopback && !LOOPBACK_NAMES.includes(String(req.headers.host ?? "").toLowerCase().replace(/:\d+$/, ""))) {
    return "this emulator answers only to 127.0.0.1, localhost and [::1] (Host)";
  }
  return null;
}

function checkOptions({ port, host, clientId, clientSecret, tokenTtl, dataFile }) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError("port must be an integer 0–65535");
  if (typeof host !== "string" || host === "") throw new TypeError("host must be a non-empty string");
  if (typeof clientId !== "string" || clientId === "") throw new TypeError("clientId must be a non-empty string");
  if (typeof clientSecret !== "string" || clientSecret === "") throw new TypeError("clientSecret must be a non-empty string");
  if (!Number.isInteger(tokenTtl) || tokenTtl < 1) throw new TypeError("tokenTtl must be a positive integer (seconds)");
  if (dataFile !== undefined && dataFile !== null && (typeof dataFile !== "string" || dataFile === "")) {
    throw new TypeError("dataFile must be a file path");
  }
}

/**
 * Starts the emulator. Resolves once it listens.
 * @returns {Promise<{url: string, port: number, host: string, close(): Promise<void>, state(): object,
 *   reset(): void, expireTokens(): number, addConnections(identifier: string, count?: number): number,
 *   clearConnections(identifier: string): number, addFaults(spec: object|object[]): object[],
 *   clearFaults(): number, server: import("node:http").Server}>}
 */
export async function startEmulator({
  port = 0,
  host = "127.0.0.1",
  clientId = DEFAULT_CLIENT_ID,
  clientSecret = DEFAULT_CLIENT_SECRET,
  tokenTtl = DEFAULT_TOKEN_TTL,
  dataFile,
  quiet = false,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  checkOptions({ port, host, clientId, clientSecret, tokenTtl, dataFile });

  const store = new ProviderStore();
  if (dataFile) {
    const data = readDataFile(dataFile);
    if (data !== null) {
      try {
        store.loadData(data);
      } catch (err) {
        throw new Error(`data file ${dataFile}: ${err.message}`);
      }
    }
  }

  const ctx = {
    store,
    tokens: new TokenIssuer({ clientId, clientSecret, ttlSeconds: tokenTtl }),
    faults: new FaultQueue(),
    /** Runs a state change; on any failure (including saving) the state is rolled back. */
    write(change) {
      const snap = store.snapshot();
      let result;
      try {
        result = change();
      } catch (err) {
        store.restore(snap);
        throw err;
      }
      if (dataFile) {
        try {
          writeDataFileAtomic(dataFile, store.toData());
        } catch (err) {
          store.restore(snap);
          throw new ApiError(500, `could not save the data file: ${err.code ?? err.message}`, { code: GRPC.INTERNAL });
        }
      }
      return result;
    },
  };

  /** Listening on loopback: only loopback names may reach it (not a rebound DNS name). */
  const loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host) || /^127\./.test(host);
  let closed = false;
  let closing = null;
  const timers = new Set();
  const sleep = (ms) => new Promise((resolve) => {
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  async function handle(req, res) {
    const started = Date.now();
    const method = req.method.toUpperCase();
    const target = req.url ?? "/";
    const q = target.indexOf("?");
    const pathname = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? "" : target.slice(q + 1);
    let outcome = null;

    if (!quiet) {
      res.on("close", () => {
        const status = outcome ?? (res.headersSent ? res.statusCode : "dropped");
        log(`[emulator] ${method} ${redactTarget(target)} ${status} ${Date.now() - started}ms`);
      });
    }
    for (const [k, v] of Object.entries(corsHeaders(req.headers.origin))) res.setHeader(k, v);

    const fail = (err) => {
      if (err instanceof ApiError) return sendJson(res, err.status, err.body(), err.headers);
      if (!quiet) log(`[emulator] internal error: ${err && err.message}`);
      return sendJson(res, 500, grpcErrorBody(GRPC.INTERNAL, "internal emulator error"));
    };

    const foreign = foreignPage(req, loopback);
    if (foreign) {
      req.resume();
      return sendJson(res, 403, grpcErrorBody(GRPC.PERMISSION_DENIED, foreign));
    }

    let body;
    try {
      body = await readBody(req);
    } catch (err) {
      res.setHeader("Connection", "close");
      return fail(err);
    }

    const fault = ctx.faults.take(method, pathname);
    if (fault) {
      switch (fault.kind) {
        case "drop":
          outcome = "dropped (fault)";
          req.socket.destroy();
          return undefined;
        case "status":
          return sendJson(res, fault.status,
            grpcErrorBody(grpcCodeForStatus(fault.status), fault.message ?? `emulated ${fault.status} fault`));
        case "rate-limit":
          return sendJson(res, 429, grpcErrorBody(GRPC.RESOURCE_EXHAUSTED, "rate limit exceeded"),
            { "Retry-After": String(fault.retryAfter) });
        case "malformed": {
          const text = fault.body ?? MALFORMED_BODY;
          res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
          return res.end(text);
        }
        case "latency":
          await sleep(fault.ms);
          if (closed) return undefined;
          break; // then answer normally
        default:
          break;
      }
    }

    if (method === "OPTIONS") return sendPreflight(req, res);

    const route = ROUTES.find((r) => r.path.test(pathname));
    if (!route) return sendJson(res, 404, { code: GRPC.NOT_FOUND, message: "Not Found", details: [] });
    const handler = route.methods[method];
    if (!handler) {
      return sendJson(res, 405, { code: GRPC.UNIMPLEMENTED, message: "Method Not Allowed", details: [] },
        { Allow: [...Object.keys(route.methods), "OPTIONS"].join(", ") });
    }
    try {
      if (route.auth) requireBearer(ctx, req);
      const params = route.path.exec(pathname).slice(1);
      const out = await handler(ctx, { req, params, query, body });
      return sendJson(res, out.status, out.body, out.headers);
    } catch (err) {
      return fail(err);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, grpcErrorBody(GRPC.INTERNAL, "internal emulator error"));
      else res.destroy(err);
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const actualPort = server.address().port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    host,
    server,
    close() {
      if (closing) return closing;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      closing = new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    state: () => control.stateSnapshot(ctx),
    reset: () => { ctx.write(() => store.reset()); ctx.faults.clear(); },
    expireTokens: () => ctx.tokens.expireAll(),
    addConnections: (identifier, count = 1) => ctx.write(() => store.addConnections(identifier, count)),
    clearConnections: (identifier) => ctx.write(() => store.clearConnections(identifier)),
    addFaults: (spec) => ctx.faults.add(spec),
    clearFaults: () => ctx.faults.clear(),
  };
}
