// Shared helpers for the serve tests (not a test file itself).

import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

export const BIN = fileURLToPath(new URL("../../pkg/bin/connector-kit.mjs", import.meta.url));
export const FIRST_LINE = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/\?session=([A-Za-z0-9_-]{43})$/;

/**
 * Runs `connector-kit <args>` as a child. `ready` resolves with the first stdout line; `exited`
 * with {code, signal, stdout, stderr}. Environment: a clean copy without SCALEKIT_* unless given.
 */
export function runBin(args, { env = {}, inheritScalekit = false } = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => inheritScalekit || !k.startsWith("SCALEKIT_")));
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => { stderr += d; });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`exited (${code}) before printing a line: ${stderr}`)));
  });
  lines.on("line", (l) => { stdout += `${l}\n`; });
  const exited = new Promise((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  ready.catch(() => {});
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

/** Starts `connector-kit serve …`; resolves with what its first line says, and a stop(). */
export async function startServeBin(args = [], opts = {}) {
  const run = runBin(["serve", ...args], opts);
  const first = await run.ready;
  const m = FIRST_LINE.exec(first);
  assert.ok(m, `first line: ${first}`);
  const port = Number(m[1]);
  return {
    ...run,
    first,
    port,
    token: m[2],
    base: `http://127.0.0.1:${port}`,
    async stop(signal = "SIGTERM") {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
      return run.exited;
    },
  };
}

/**
 * A raw HTTP request (node:http, so Host, Origin, Cookie and odd paths go out as given).
 * `session`: the token, sent as X-Connector-Kit-Session. `host: null` sends no Host header.
 */
export function request(port, path, { method = "GET", headers = {}, body, session, host } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (session) h["X-Connector-Kit-Session"] = session;
    let data;
    if (body !== undefined) {
      data = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      if (!Object.keys(h).some((k) => k.toLowerCase() === "content-type")) h["Content-Type"] = "application/json";
    }
    const req = http.request({
      host: "127.0.0.1",
      port,
      path,
      method,
      agent: false,
      setHost: host === undefined,
      headers: host ? { Host: host, ...h } : h,
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json, raw: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    if (data !== undefined) req.end(data);
    else req.end();
  });
}

/** Sends bytes as they are on a fresh connection; resolves with the whole answer as text. */
export function rawExchange(port, bytes) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks = [];
    socket.on("connect", () => socket.end(bytes));
    socket.on("data", (c) => chunks.push(c));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
  });
}

/** The status code of a raw HTTP answer. */
export function rawStatus(answer) {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1]);
}

/** Content-Security-Policy → Map(directive → [sources]). */
export function parseCsp(header) {
  assert.equal(typeof header, "string", "Content-Security-Policy present");
  const out = new Map();
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!out.has(name), `directive ${name} once`);
    out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** `'sha256-…'` of a text, as CSP spells it. */
export function cspHash(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The headers the contract puts on every response; `hashes` are the expected script-src hashes.
 */
export function assertSecurityHeaders(res, { hashes = null, what = "" } = {}) {
  const csp = parseCsp(res.headers["content-security-policy"]);
  const want = {
    "default-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https:"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
  };
  for (const [k, v] of Object.entries(want)) assert.deepEqual(csp.get(k), v, `${what} CSP ${k}`);
  const script = csp.get("script-src");
  assert.deepEqual(script.slice(0, 2), ["'self'", "'wasm-unsafe-eval'"], `${what} script-src`);
  for (const s of script.slice(2)) assert.match(s, /^'sha256-[A-Za-z0-9+/]{43}='$/, `${what} script-src hash`);
  assert.ok(!script.includes("'unsafe-inline'") && !script.includes("'unsafe-eval'"), `${what} no unsafe`);
  if (hashes) assert.deepEqual(script.slice(2), hashes, `${what} script-src hashes`);
  assert.deepEqual([...csp.keys()].sort(), [...Object.keys(want), "script-src"].sort(), `${what} CSP directives`);
  assert.equal(res.headers["x-content-type-options"], "nosniff", `${what} nosniff`);
  assert.equal(res.headers["referrer-policy"], "no-referrer", `${what} referrer-policy`);
  assert.equal(res.headers["cross-origin-opener-policy"], "same-origin", `${what} COOP`);
  assert.equal(res.headers["cache-control"], "no-store", `${what} cache-control`);
  assert.equal(res.headers["access-control-allow-origin"], undefined, `${what} no CORS`);
  assert.equal(res.headers["set-cookie"], undefined, `${what} no cookie outside the exchange`);
  return csp;
}

/** Starts a tiny HTTP server on 127.0.0.1; `handler(req, res)`. Resolves with {url, port, close}. */
export async function startHttp(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/**
 * A recording proxy in front of an upstream: every request (method, path, headers, body) is
 * kept in `seen`, every answer (status, headers, body) in `answers`.
 */
export async function startRecorder(upstreamUrl) {
  const seen = [];
  const answers = [];
  const rec = await startHttp(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    seen.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString("utf8") });
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    try {
      const r = await fetch(`${upstreamUrl}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined });
      const text = await r.text();
      answers.push({ status: r.status, headers: Object.fromEntries(r.headers), body: text });
      const out = {};
      for (const k of ["content-type", "retry-after"]) if (r.headers.get(k)) out[k] = r.headers.get(k);
      res.writeHead(r.status, out);
      res.end(text);
    } catch {
      res.destroy();
    }
  });
  return { ...rec, seen, answers };
}

/** A minimal valid payload. */
export function payload(displayName, extra = {}) {
  return {
    display_name: displayName,
    description: "test connector",
    auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token", label: "Token", input_type: "password" }] }],
    proxy_url: "https://api.example.com",
    proxy_enabled: true,
    ...extra,
  };
}
