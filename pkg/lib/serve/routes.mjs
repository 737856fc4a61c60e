// The request pipeline of `connector-kit serve`: source guard → session → route.
//
//   GET  /                          the page (www/index.html)
//   GET  /www/<path>                the page's files
//   GET  /pkg/<path>                the package's browser files only
//   GET  /api/session               { version, environments: [{ name, production, emulated, host }] }
//   POST /api/confirm-production    {"environment": NAME} → arms one write within 60 s (204)
//   GET|POST|PUT|DELETE /env/<name>/api/v1/<rest>   forwarded to that environment
//   anything else                   404

import { checkRequestSource } from "./guard.mjs";
import { checkSession, sessionCookie } from "./session.mjs";
import { sendFile } from "./static.mjs";
import { ServeError, safeApiRest } from "./forward.mjs";

export const MAX_BODY_BYTES = 1024 * 1024;
export const CONFIRMATION_MS = 60_000;

const UNAUTHORIZED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>connector-kit: open the link from serve</title></head>
<body><h1>Open the URL printed by <code>connector-kit serve</code></h1>
<p>This page needs the session that link carries. Copy the whole URL (with <code>?session=…</code>)
from the terminal where <code>connector-kit serve</code> runs and open it here.</p></body></html>
`;

const isApiPath = (p) => p === "/api" || p.startsWith("/api/") || p === "/env" || p.startsWith("/env/");

export function sendJson(req, res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { "Content-Type": "application/json" } : {}),
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(req.method === "HEAD" ? undefined : text);
}

/** An error in the form the path calls for: JSON `{code, message}` under /api and /env, else a short page. */
function sendError(req, res, pathname, status, code, message, headers = {}) {
  if (isApiPath(pathname)) return sendJson(req, res, status, { code, message }, headers);
  const html = status === 401
    ? UNAUTHORIZED_PAGE
    : `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${status}</title></head><body><p>${escapeHtml(message)}</p></body></html>\n`;
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html), ...headers });
  res.end(req.method === "HEAD" ? undefined : html);
  return undefined;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Reads the body (≤ MAX_BODY_BYTES). Over the limit: ServeError 413, and the rest is drained so
 * the client still reads the answer.
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const tooLarge = () => new ServeError(413, "payload-too-large", `request body larger than ${MAX_BODY_BYTES} bytes (1 MiB)`,
      { Connection: "close" });
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => { if (!failed) resolve(Buffer.concat(chunks)); });
    req.on("error", (err) => { if (!failed) { failed = true; reject(err); } });
  });
}

function jsonContentType(req) {
  const ct = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  return ct === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(ct);
}

/**
 * Production writes need an armed confirmation: one write, within CONFIRMATION_MS of arming.
 */
export function createConfirmations(now = () => Date.now()) {
  const armed = new Map(); // name -> expiry
  return {
    arm(name) { armed.set(name, now() + CONFIRMATION_MS); },
    /** True (and disarmed) when a confirmation was armed and is still fresh. */
    take(name) {
      const until = armed.get(name);
      armed.delete(name);
      return until !== undefined && now() <= until;
    },
  };
}

/**
 * Builds the request handler.
 * @param {{ token: string, allowed: {hosts: Set<string>, origins: Set<string>}, csp: () => string,
 *   headers: (csp: string) => object, files: ReturnType<import("./static.mjs").createStaticFiles>,
 *   upstreams: Map<string, ReturnType<import("./forward.mjs").createUpstream>>, version: string,
 *   confirmations: ReturnType<typeof createConfirmations>, log: (line: string) => void }} ctx
 */
export function createHandler(ctx) {
  const { token, files, upstreams, confirmations, log } = ctx; // ctx.allowed is set once the port is known

  return async function handle(req, res) {
    const started = process.hrtime.bigint();
    const method = (req.method ?? "GET").toUpperCase();
    const target = req.url ?? "/";
    const q = target.indexOf("?");
    const pathname = q < 0 ? target : target.slice(0, q);
    const rawQuery = q < 0 ? "" : target.slice(q + 1);

    res.on("close", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = res.headersSent ? res.statusCode : "dropped";
      log(`[serve] ${method} ${logPath(pathname, token)} ${status} ${ms.toFixed(0)}ms`);
    });
    for (const [k, v] of Object.entries(ctx.headers(ctx.csp()))) res.setHeader(k, v);

    const fail = (status, code, message, headers) => sendError(req, res, pathname, status, code, message, headers);

    try {
      // 1. Where it comes from: before anything else.
      const refused = checkRequestSource(req, ctx.allowed);
      if (refused) return fail(403, refused.code, refused.message);
      if (!pathname.startsWith("/")) return fail(400, "bad-request", "the request target must be a path");

      // 2. The session.
      const session = checkSession(req, { pathname, rawQuery }, token);
      if (session.kind === "exchange") {
        res.writeHead(303, { Location: session.location, "Set-Cookie": sessionCookie(token), "Content-Length": 0 });
        res.end();
        return undefined;
      }
      if (session.kind !== "ok") {
        return fail(401, session.kind === "missing" ? "session-required" : "session-invalid",
          session.kind === "missing"
            ? "no session: open the URL printed by connector-kit serve (tools: send the X-Connector-Kit-Session header)"
            : "wrong or stale session: open the URL printed by this run of connector-kit serve");
      }

      // 3. Routes.
      if (pathname.startsWith("/env/")) return await forwardRoute(req, res, method, pathname, rawQuery);
      if (pathname === "/api/session") {
        if (method !== "GET" && method !== "HEAD") return fail(404, "not-found", `no route ${method} ${pathname}`);
        return sendJson(req, res, 200, {
          version: ctx.version,
          environments: [...upstreams.values()].map((u) => u.describe()),
        });
      }
      if (pathname === "/api/confirm-production") {
        if (method !== "POST") return fail(404, "not-found", `no route ${method} ${pathname}`);
        return await confirmRoute(req, res);
      }
      if (method === "GET" || method === "HEAD") {
        let file = null;
        if (pathname === "/") file = files.index();
        else if (pathname.startsWith("/www/")) file = files.www(pathname.slice("/www/".length));
        else if (pathname.startsWith("/pkg/")) file = files.pkg(pathname.slice("/pkg/".length));
        if (file) return sendFile(req, res, file);
        if (pathname === "/") return fail(404, "not-found", "the page is not built: run node scripts/build.mjs (www/index.html is missing)");
      }
      return fail(404, "not-found", "not found");
    } catch (err) {
      if (err instanceof ServeError) return fail(err.status, err.code, err.message, err.headers);
      log(`[serve] internal error: ${err && err.name}: ${String(err && err.message).slice(0, 200)}`);
      if (res.headersSent) { res.destroy(); return undefined; }
      return fail(500, "internal-error", "internal error in connector-kit serve");
    }
  };

  async function confirmRoute(req, res) {
    if (!jsonContentType(req)) throw new ServeError(415, "unsupported-media-type", "send the body as application/json");
    const raw = await readBody(req);
    let body;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new ServeError(400, "bad-request", 'expected a JSON body {"environment": NAME}');
    }
    const name = body && typeof body === "object" && !Array.isArray(body) ? body.environment : undefined;
    if (typeof name !== "string" || name === "") throw new ServeError(400, "bad-request", 'expected a JSON body {"environment": NAME}');
    const upstream = upstreams.get(name);
    if (!upstream) throw new ServeError(404, "unknown-environment", "no such environment");
    if (!upstream.production) {
      throw new ServeError(400, "not-production", `environment "${name}" is not Production: its writes need no confirmation`);
    }
    confirmations.arm(name);
    return sendJson(req, res, 204);
  }

  async function forwardRoute(req, res, method, pathname, rawQuery) {
    const m = /^\/env\/([^/]+)\/api\/v1\/(.+)$/s.exec(pathname);
    const envName = /^\/env\/([^/]+)/.exec(pathname)?.[1];
    const upstream = envName !== undefined ? upstreams.get(safeDecode(envName)) : undefined;
    if (!upstream) throw new ServeError(404, "unknown-environment", "no such environment");
    if (!m || !safeApiRest(m[2])) throw new ServeError(404, "not-found", "not found: only /env/<name>/api/v1/… is forwarded");
    if (!["GET", "POST", "PUT", "DELETE"].includes(method)) throw new ServeError(404, "not-found", `no route ${method} for /env/…`);

    let body = null;
    let contentType;
    if (method === "POST" || method === "PUT" || method === "DELETE") {
      body = await readBody(req);
      if (body.length > 0) {
        if (!jsonContentType(req)) throw new ServeError(415, "unsupported-media-type", "send the body as application/json");
        contentType = "application/json";
      }
    } else {
      req.resume();
    }

    if (method !== "GET" && upstream.production && !confirmations.take(upstream.name)) {
      throw new ServeError(403, "confirmation-required",
        `"${upstream.name}" is a Production environment: confirm this write first (POST /api/confirm-production {"environment": "${upstream.name}"}); one confirmation allows one write within 60 s`);
    }
    const answer = await upstream.forward({ method, rest: m[2], rawQuery, body, contentType });
    res.writeHead(answer.status, { ...answer.headers, "Content-Length": answer.body.length });
    res.end(answer.body);
    return undefined;
  }
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The path as logged: no query (callers strip it), the session token blanked, control bytes escaped, bounded. */
export function logPath(pathname, token) {
  let p = token ? pathname.split(token).join("[redacted]") : pathname;
  if (p.length > 300) p = `${p.slice(0, 300)}…`;
  return p.replace(/[\0-\x20\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
