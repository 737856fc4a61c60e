// Issue 7.6, as an attacker would: each attack tried is a test.
//
//   serve       a request that tries to reach anything but the configured upstream's API paths
//               (encoded and raw climbing, backslashes, absolute-form and CONNECT targets, Host and
//               X-Forwarded-* tricks, request smuggling, a hostile upstream's redirect): a recording
//               proxy in front of the upstream and an "evil" listener see where each one goes.
//   templates   hostile values in every URL position, rendered by the PACKAGE in Chromium (the
//               host's URL class, not the url crate) and in Node: refused, or the URL keeps its
//               structure in both parsers and both agree.
//   the page    HTML/JS payloads in every place it shows user or server text — display names,
//               descriptions, labels, hints, scopes, option and metadata text, diagnostic messages
//               that echo values, server error messages and violations, connector names and
//               identifiers in the list, diff and promotion before/after values — from the editor
//               and from a hostile upstream: nothing executes, no element is injected, no CSP
//               violation, no dialog.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderTemplate, ManagementClient } from "connector-kit";
import { startEmulator } from "../../pkg/lib/emulator.mjs";
import { chromium } from "playwright-core";
import { launchBrowser, openPage, builder, until } from "../e2e/helpers.mjs";
import { startServeBin, startHttp, rawStatus, request } from "../serve/helpers.mjs";
import { run as runCli } from "../cli/helpers.mjs";
import { startRecordingProxy } from "./recording-proxy.mjs";

const ID = "skc_attacks";
const SECRET = "sks_attacks_secret_0000";

// ---- the cast -----------------------------------------------------------------------------------

/** Where a smuggled request would land: it must never be reached. */
const evilSeen = [];
let evil;
/** What the hostile upstream was asked. */
const hostileSeen = [];
let hostile;
let emulator;
let proxy;
let serve;
let browser;

/** An HTML/JS payload that marks the page if it ever runs or becomes an element. */
const X = (tag) => `<img src=x id=ckpwn-${tag} onerror="window.__ckpwn='${tag}'"><script>window.__ckpwn='${tag}'</script><ckpwn-el data-t="${tag}"></ckpwn-el>"'\`<svg onload=window.__ckpwn=1>{{7*7}}\${7*7}`;

/** A gRPC-gateway error body, everything in it hostile. */
const grpcError = (code, tag) => ({
  code, message: X(`${tag}-message`),
  details: [{
    "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", error_code: X(`${tag}-code`),
    validation_error_info: { field_violations: [{ field: X(`${tag}-field`), description: X(`${tag}-description`), constraint: X(`${tag}-constraint`) }] },
  }],
});

/** The hostile environments' connectors; Production's (under /prod) differ from the other's. */
const hostileConnectors = (prod = false) => [
  {
    id: "prv_1", identifier: "xss_one", display_name: X("list-name"), description: X("list-description"), categories: [],
    auth_patterns: [{ type: X("type"), display_name: X("pattern-name"), description: X("pattern-description"),
      fields: [{ field_name: X("field-name"), label: X("field-label"), hint: X("field-hint"), input_type: X("input-type") }] }],
    icon_src: `https://icon.invalid/x.svg"><img src=x id=ckpwn-icon onerror=window.__ckpwn=1>`,
    proxy_url: "https://api.example.com", proxy_enabled: true, is_custom: true, metadata: { [X("mk").slice(0, 20)]: X("mv").slice(0, 200) },
  },
  { id: "prv_2", identifier: X("identifier"), display_name: "Hostile Identifier", description: "", auth_patterns: [{ type: "BEARER", fields: [] }], proxy_url: "https://api.example.com", proxy_enabled: true, is_custom: true },
  { id: "prv_3", identifier: ".", display_name: "Dot Identifier", description: "", auth_patterns: [{ type: "BEARER", fields: [] }], proxy_url: "https://api.example.com", proxy_enabled: true, is_custom: true },
  { id: "prv_4", identifier: "..", display_name: "Dot Dot Identifier", description: "", auth_patterns: [{ type: "BEARER", fields: [] }], proxy_url: "https://api.example.com", proxy_enabled: true, is_custom: true },
  {
    id: "prv_5", identifier: "canary_update", display_name: "Canary Update", description: X(prod ? "prod-now" : "diff-before"), categories: [],
    auth_patterns: [{ type: "OAUTH", display_name: "OAuth", description: "d",
      oauth_config: { authorize_uri: "https://auth.example.com/a", token_uri: "https://auth.example.com/t", available_scopes: [{ scope: X("scope-before"), display_name: X("scope-name-before"), required: true }] },
      fields: [{ field_name: "client_id", label: X("label-before"), hint: "h", input_type: "text" }] }],
    proxy_url: "https://api.example.com", proxy_enabled: true, is_custom: true, metadata: { team: X("meta-before").slice(0, 250) },
  },
];

/** A management API that answers everything with hostile text (and a redirect, on asking). */
function hostileHandler(req, res) {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    hostileSeen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    const send = (status, body, headers = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    const prod = req.url.startsWith("/prod/");
    const [path, query = ""] = (prod ? req.url.slice("/prod".length) : req.url).split("?");
    if (path.includes("redirect")) return send(302, {}, { location: `${evil.url}/stolen` });
    if (path.includes("echo")) return send(400, { code: 3, message: `you sent ${req.headers.authorization}`, details: [], echo: req.headers, last_token_request: hostileSeen.filter((r) => r.url.endsWith("/oauth/token")).at(-1)?.body });
    if (req.method === "POST" && path === "/oauth/token") return send(200, { access_token: "hostile_token_value", token_type: "Bearer", expires_in: 3600 });
    if (req.method === "GET" && path === "/api/v1/providers") {
      const id = new URLSearchParams(query).get("identifier");
      const all = hostileConnectors(prod);
      return send(200, { providers: id === null ? all : all.filter((c) => c.identifier === id), next_page_token: "", total_size: all.length });
    }
    if (req.method === "POST") return send(409, grpcError(6, "create"));
    if (req.method === "PUT") return send(400, grpcError(3, "update"));
    if (req.method === "DELETE") return send(400, grpcError(9, "delete"));
    return send(404, grpcError(5, "other"));
  });
}

before(async () => {
  evil = await startHttp((req, res) => { evilSeen.push(`${req.method} ${req.url}`); res.end("evil"); });
  evil.server.on("connection", () => evilSeen.push("(connection)"));
  hostile = await startHttp(hostileHandler);
  emulator = await startEmulator({ port: 0, quiet: true, clientId: ID, clientSecret: SECRET });
  proxy = await startRecordingProxy(emulator.url);
  const env = {};
  for (const name of ["DEV", "HOSTILE", "PROD"]) Object.assign(env, { [`SCALEKIT_${name}_CLIENT_ID`]: ID, [`SCALEKIT_${name}_CLIENT_SECRET`]: SECRET });
  serve = await startServeBin(["--port", "0", "--env", `dev=${proxy.url}`, "--env", `hostile=${hostile.url}`, "--env", `prod=${hostile.url}/prod`], { env });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await serve?.stop();
  await proxy?.close();
  await emulator?.close();
  await hostile?.close();
  await evil?.close();
});

// ---- serve --------------------------------------------------------------------------------------

const FORBIDDEN_UPSTREAM_HEADERS = ["cookie", "x-connector-kit-session", "x-forwarded-host", "x-forwarded-for", "x-forwarded-proto",
  "forwarded", "x-original-url", "x-rewrite-url", "x-http-method-override", "origin", "referer", "proxy-authorization"];

/** Whether a request that reached the upstream is one serve may send: its token, or one /api/v1 path. */
/**
 * Sends bytes as they are and reads until serve closes the connection (the requests ask it to).
 * Unlike ending our side first, this lets a forwarded request finish.
 */
function rawSend(port, bytes, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks = [];
    const done = (suffix = "") => { clearTimeout(timer); socket.destroy(); resolve(Buffer.concat(chunks).toString("latin1") + suffix); };
    const timer = setTimeout(() => done(chunks.length ? "" : "(no answer in time)"), timeoutMs);
    socket.on("connect", () => socket.write(bytes));
    socket.on("data", (c) => chunks.push(c));
    socket.on("close", () => done());
    socket.on("error", (e) => done(`(socket error ${e.code})`));
  });
}

function upstreamProblem(x) {
  const [pathPart] = x.target.split("?");
  for (const h of FORBIDDEN_UPSTREAM_HEADERS) if (x.headers[h] !== undefined) return `carried the browser's ${h} header`;
  if (pathPart === "/oauth/token") {
    return x.method === "POST" && /^grant_type=client_credentials&/.test(x.body) && /^connector-kit-serve\b/.test(x.headers["user-agent"] ?? "") ? null : "a token request serve did not make";
  }
  if (!pathPart.startsWith("/api/v1/")) return "a path outside /api/v1/";
  if (!/^Bearer ske_[A-Za-z0-9_-]+$/.test(x.headers.authorization ?? "")) return "no serve token";
  for (const raw of pathPart.slice("/api/v1/".length).split("/")) {
    let seg;
    try { seg = decodeURIComponent(raw); } catch { return `an undecodable segment ${raw}`; }
    if (raw === "" || seg === "." || seg === ".." || /[/\\\0-\x1f]/.test(seg)) return `a segment ${JSON.stringify(raw)} that climbs or splits`;
  }
  return null;
}

test("serve: no request target, Host or header trick reaches anything but the configured upstream's API paths", async () => {
  const port = serve.port;
  const token = serve.token;
  const E = `127.0.0.1:${evil.port}`;
  const ok = (target, extra = "") => `${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Connector-Kit-Session: ${token}\r\n${extra}Connection: close\r\n\r\n`;
  const attempts = [
    // Climbing out of /api/v1 to the token endpoint, the emulator's control routes or another host.
    ["encoded ../ (the issue's example)", ok("GET /env/dev/api/v1/..%2f..%2foauth/token")],
    ["encoded ../ upper case", ok("GET /env/dev/api/v1/..%2F..%2Foauth%2Ftoken")],
    ["raw dot segments", ok("GET /env/dev/api/v1/../../oauth/token")],
    ["encoded dot segments", ok("GET /env/dev/api/v1/%2e%2e/%2e%2e/_emulator/state")],
    ["mixed dots", ok("GET /env/dev/api/v1/.%2E/.%2e/_emulator/state")],
    ["single dots", ok("GET /env/dev/api/v1/./providers")],
    ["backslashes", ok("GET /env/dev/api/v1/..\\..\\oauth/token")],
    ["encoded backslashes", ok("GET /env/dev/api/v1/..%5c..%5coauth%5ctoken")],
    ["double slash to a host", ok(`GET /env/dev/api/v1//${E}/x`)],
    ["userinfo-looking segment", ok(`GET /env/dev/api/v1/@${E}/x`)],
    ["a host in the query", ok(`GET /env/dev/api/v1/providers?next=http://${E}/&filter.provider_type=CUSTOM`)],
    ["a fragment in the target", ok(`GET /env/dev/api/v1/providers#@${E}`)],
    ["semicolon path parameter", ok("GET /env/dev/api/v1/providers;/../../oauth/token")],
    ["fullwidth solidus", ok("GET /env/dev/api/v1/%EF%BC%8F..%EF%BC%8F_emulator%EF%BC%8Fstate")],
    ["overlong UTF-8 dots", ok("GET /env/dev/api/v1/%C0%AE%C0%AE/oauth/token")],
    ["NUL", ok("GET /env/dev/api/v1/providers%00.json")],
    ["encoded CRLF header injection", ok("GET /env/dev/api/v1/providers%0d%0aHost:%20evil.example")],
    ["an environment named ..", ok("GET /env/../env/dev/api/v1/providers")],
    ["an environment name holding a path", ok("GET /env/dev%2fapi%2fv1%2f..%2f..%2foauth/api/v1/providers")],
    ["another API version", ok("GET /env/dev/api/v2/providers")],
    ["PATCH", ok("PATCH /env/dev/api/v1/custom-providers/x")],
    ["TRACE", ok("TRACE /env/dev/api/v1/providers")],
    // The request target names another host.
    ["absolute-form target to another host", ok(`GET http://${E}/env/dev/api/v1/providers`)],
    ["absolute-form target to serve itself", ok(`GET http://127.0.0.1:${port}/env/dev/api/v1/providers`)],
    ["CONNECT to another host", `CONNECT ${E} HTTP/1.1\r\nHost: ${E}\r\nX-Connector-Kit-Session: ${token}\r\n\r\n`],
    ["asterisk-form", ok("OPTIONS *")],
    // Host and forwarding headers.
    ["Host of another server", `GET /env/dev/api/v1/providers HTTP/1.1\r\nHost: ${E}\r\nX-Connector-Kit-Session: ${token}\r\nConnection: close\r\n\r\n`],
    ["Host with userinfo", `GET /env/dev/api/v1/providers HTTP/1.1\r\nHost: 127.0.0.1:${port}@${E}\r\nX-Connector-Kit-Session: ${token}\r\nConnection: close\r\n\r\n`],
    ["Host with a suffix", `GET /env/dev/api/v1/providers HTTP/1.1\r\nHost: localhost:${port}.evil.example\r\nX-Connector-Kit-Session: ${token}\r\nConnection: close\r\n\r\n`],
    ["two Host headers, the foreign one first", `GET /env/dev/api/v1/providers HTTP/1.1\r\nHost: ${E}\r\nHost: 127.0.0.1:${port}\r\nX-Connector-Kit-Session: ${token}\r\nConnection: close\r\n\r\n`],
    ["forwarding and rewrite headers", ok("GET /env/dev/api/v1/providers?filter.provider_type=CUSTOM",
      `X-Forwarded-Host: ${E}\r\nX-Forwarded-For: 10.0.0.1\r\nForwarded: host=${E}\r\nX-Original-URL: /oauth/token\r\nX-Rewrite-URL: /_emulator/reset\r\nX-HTTP-Method-Override: DELETE\r\nCookie: ck_session=${token}; other=1\r\nAuthorization: Bearer attacker\r\nProxy-Authorization: Basic eDp5\r\n`)],
    // Request smuggling: a second request hidden in the first one's body.
    ["Content-Length and Transfer-Encoding together", `POST /env/dev/api/v1/custom-providers HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Connector-Kit-Session: ${token}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /env/dev/api/v1/../../_emulator/reset HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Connector-Kit-Session: ${token}\r\n\r\n`],
    ["a pipelined second request climbing", `GET /env/dev/api/v1/providers?filter.provider_type=CUSTOM HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Connector-Kit-Session: ${token}\r\n\r\nGET /env/dev/api/v1/..%2f..%2f_emulator%2freset HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Connector-Kit-Session: ${token}\r\nConnection: close\r\n\r\n`],
    ["obs-fold header continuation", `GET /env/dev/api/v1/providers HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Connector-Kit-Session: ${token}\r\nX-A: 1\r\n Host: ${E}\r\nConnection: close\r\n\r\n`],
    // A hostile upstream's redirect: not followed.
    ["the upstream redirects elsewhere", ok("GET /env/hostile/api/v1/redirect")],
  ];
  const outcomes = [];
  for (const [label, bytes] of attempts) {
    const before = proxy.exchanges.length;
    const answer = await rawSend(port, bytes);
    const reached = proxy.exchanges.slice(before);
    const problems = reached.map((x) => [x, upstreamProblem(x)]).filter(([, p]) => p);
    outcomes.push({ label, status: rawStatus(answer) || answer.slice(0, 40), reached: reached.map((x) => `${x.method} ${x.target}`), problems: problems.map(([x, p]) => `${x.method} ${x.target}: ${p}`) });
  }
  const bad = outcomes.filter((o) => o.problems.length);
  assert.deepEqual(bad, [], `requests reached the upstream where they must not:\n${JSON.stringify(bad, null, 2)}`);
  assert.deepEqual(evilSeen, [], "nothing ever reached the other host");
  const byLabel = Object.fromEntries(outcomes.map((o) => [o.label, o]));
  // The ones that must be refused outright, with nothing sent upstream.
  for (const label of ["encoded ../ (the issue's example)", "encoded ../ upper case", "raw dot segments", "encoded dot segments", "mixed dots",
    "single dots", "backslashes", "encoded backslashes", "double slash to a host", "a fragment in the target", "semicolon path parameter",
    "overlong UTF-8 dots", "NUL", "encoded CRLF header injection", "an environment named ..", "an environment name holding a path",
    "another API version", "PATCH", "TRACE", "absolute-form target to another host", "absolute-form target to serve itself", "asterisk-form",
    "Host of another server", "Host with userinfo", "Host with a suffix", "two Host headers, the foreign one first"]) {
    const o = byLabel[label];
    assert.ok(o.status >= 400 && o.status < 500 || typeof o.status === "string", `${label}: refused (got ${o.status})`);
    assert.deepEqual(o.reached, [], `${label}: nothing sent upstream`);
  }
  assert.equal(byLabel["the upstream redirects elsewhere"].status, 502, "a redirect is an error, not followed");
  // Forwarded, but only as serve's own request.
  const fwd = byLabel["forwarding and rewrite headers"];
  assert.equal(fwd.status, 200);
  assert.deepEqual(fwd.reached, ["GET /api/v1/providers?filter.provider_type=CUSTOM"]);
  // Every request the upstream ever saw passes the same check.
  for (const x of proxy.exchanges) assert.equal(upstreamProblem(x), null, `${x.method} ${x.target}`);
});

test("a hostile list: an identifier that is a dot segment cannot send the client's or the CLI's writes elsewhere", { timeout: 60_000 }, async () => {
  // `DELETE …/custom-providers/.` is sent as `DELETE …/custom-providers/` (URL parsers resolve dot
  // segments) and `..` as `DELETE /api/v1/`: the collection or the API root, not one connector.
  const seen = hostileSeen.length;
  const client = new ManagementClient({ environmentUrl: hostile.url, clientId: ID, clientSecret: SECRET });
  for (const id of [".", ".."]) {
    await assert.rejects(client.delete(id), (e) => e.code === "invalid-argument", `delete(${JSON.stringify(id)})`);
    const [current] = (await client.list()).filter((c) => c.identifier === id);
    await assert.rejects(client.update(id, current), (e) => e.status === 404 || e.code === "invalid-argument");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-attacks-"));
  try {
    const env = { SCALEKIT_HOSTILE_ENVIRONMENT_URL: hostile.url, SCALEKIT_HOSTILE_CLIENT_ID: ID, SCALEKIT_HOSTILE_CLIENT_SECRET: SECRET };
    let r = await runCli(["delete", "Dot Identifier", "--env", "hostile", "--yes"], { cwd: dir, env });
    assert.notEqual(r.code, 0, r.stdout + r.stderr);
    fs.writeFileSync(path.join(dir, "dot.json"), JSON.stringify({ display_name: "Dot Dot Identifier", description: "d", proxy_url: "https://api.example.com", proxy_enabled: true,
      auth_patterns: [{ type: "BEARER", display_name: "T", description: "d", fields: [{ field_name: "token", label: "Token", hint: "h", input_type: "password", required: true }] }] }));
    r = await runCli(["push", "dot.json", "--env", "hostile", "--yes"], { cwd: dir, env });
    assert.notEqual(r.code, 0, r.stdout + r.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const writes = hostileSeen.slice(seen).filter((x) => x.method !== "GET" && x.url !== "/oauth/token").map((x) => `${x.method} ${x.url}`);
  assert.deepEqual(writes, [], "no write was sent");
});

test("serve's embedded emulators: a page on another site, or a rebound host name, can neither read nor change them", { timeout: 90_000 }, async () => {
  // serve guards its own port (Host, Origin, session); its embedded dev and prod emulators listen
  // on ports of their own. A web page must not reach around serve through them.
  const own = await startServeBin([]);
  const attackerSite = await startHttp((req, res) => { res.writeHead(200, { "content-type": "text/html" }); res.end("<!doctype html><title>harmless</title>"); });
  const rebindBrowser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
      // An attacker's names, resolving to this machine (DNS rebinding, simulated).
      "--host-resolver-rules=MAP evil.test 127.0.0.1, MAP rebind.test 127.0.0.1"],
  });
  try {
    const session = await request(own.port, "/api/session", { session: own.token });
    const dev = session.json.environments.find((e) => e.name === "dev");
    assert.match(dev.host, /^127\.0\.0\.1:\d+$/);
    const emuPort = Number(dev.host.split(":")[1]);
    const created = await request(own.port, "/env/dev/api/v1/custom-providers", { method: "POST", session: own.token,
      body: { display_name: "Victim Connector", description: "d", proxy_url: "https://api.example.com", proxy_enabled: true,
        auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token", input_type: "password" }] }] } });
    assert.equal(created.status, 201);
    const state = async () => (await fetch(`http://127.0.0.1:${emuPort}/_emulator/state`)).json();

    const context = await rebindBrowser.newContext();
    const page = await context.newPage();
    // A page on another site: blind (no-cors) writes to the emulator's control routes, and reads.
    await page.goto(`http://evil.test:${attackerSite.port}/`);
    const crossSite = await page.evaluate(async (emu) => {
      const out = [];
      const blind = [["/_emulator/reset", ""], ["/_emulator/faults", JSON.stringify({ kind: "status", status: 500, count: 1000 })],
        ["/_emulator/connections", JSON.stringify({ identifier: "victim_connector", count: 5 })], ["/_emulator/expire-tokens", ""]];
      for (const [route, body] of blind) {
        try { await fetch(`http://127.0.0.1:${emu}${route}`, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body }); out.push(`${route}: sent`); } catch (e) { out.push(`${route}: ${e.name}`); }
      }
      try { out.push(`read: ${await (await fetch(`http://127.0.0.1:${emu}/_emulator/state`)).text()}`); } catch (e) { out.push(`read: ${e.name}`); }
      return out;
    }, emuPort);
    // DNS rebinding: the attacker's name now points at the emulator's port, so its pages are
    // same-origin with it.
    const rebound = await page.goto(`http://rebind.test:${emuPort}/_emulator/state`);
    const reboundText = await rebound.text();
    const reboundWrite = await page.evaluate(async () => {
      const r = await fetch("/_emulator/reset", { method: "POST" });
      const f = await fetch("/_emulator/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "drop", count: 1000 }) });
      return [r.status, f.status];
    });
    await context.close();

    const after = await state();
    assert.ok(!crossSite.some((o) => /^read: \{/.test(o)), `another site read the emulator: ${crossSite}`);
    assert.ok(!reboundText.includes("Victim Connector"), `a rebound page read the dev environment: ${reboundText.slice(0, 120)}`);
    assert.deepEqual(after.providers.map((p) => p.display_name), ["Victim Connector"], "the connector is still there");
    assert.deepEqual(after.faults, [], `no fault was planted (rebound writes answered ${reboundWrite})`);
    assert.deepEqual(after.connections, {}, "no connection was added");
    assert.ok(after.active_tokens > 0, "serve's token was not expired");
  } finally {
    await rebindBrowser.close();
    await attackerSite.close();
    await own.stop();
  }
});

test("serve: an upstream that echoes serve's token and secret in its answers does not hand them to the browser", async () => {
  const res = await request(serve.port, "/env/hostile/api/v1/echo", { session: serve.token });
  assert.equal(res.status, 400);
  assert.ok(hostileSeen.some((r) => r.headers.authorization === "Bearer hostile_token_value"), "serve did send its token upstream");
  assert.ok(!res.text.includes("hostile_token_value"), `the token came back to the browser: ${res.text.slice(0, 200)}`);
  assert.ok(!res.text.includes(SECRET), `the client secret came back to the browser: ${res.text.slice(0, 300)}`);
  assert.match(res.text, /\[redacted\]/);
});

// ---- templates, through the package, in Chromium and in Node ------------------------------------

const HOST_VALUES = [
  "evil.com", "evil.com/", "evil.com/x", "evil.com?x", "evil.com#x", "u@evil.com", "u:p@evil.com", "evil.com:8080", "evil.com:",
  "evil.com\\x", "evil\\.com", "evil%2ecom", "evil%2Fcom", "evil%252fcom", "%65vil.com", "evil。com", "evil．com", "evil｡com",
  "evil／x", "evil＼x", "evil＃x", "evil？x", "evil＠x", "evil：80", "ＥＶＩＬ.com", "0x7f.1", "127.1", "0177.0.0.1", "2130706433",
  "0x7f000001", "127.0.0.1.", "1.2.3", "999.1.1.1", "[::1]", "::1", "[::ffff:127.0.0.1]", "localhost", "a\tb.com", "a\nb.com", "a\rb.com",
  "ev\til.com", " evil.com", "evil.com ", "\u0000evil.com", "a\u00adb.com", "a\u200bb.com", "ex\u0430mple.com", "xn--80ak6aa92e.com",
  "xn--zz", "ß.de", "..", ".", "", "a..b", "-a.com", "a-.com", "a_b.com", `${"a".repeat(64)}.com`, `${"a.".repeat(130)}com`,
  "%00", "%", "%zz", "é.com", "<script>", "javascript:alert(1)", "http://evil.com", "//evil.com", "\\\\evil.com", "evil.com%23",
  "evil.com&x", "evil.com=", "*.com", "a b.com", "evil.com\u3000", "evil\u2024com", "evil\ufe52com",
];
const PATH_VALUES = [
  "a/b", "..", ".", "%2e%2e", "%2E", ".%2e", "...", "", "a\\b", "..\\..", "a?b=c", "a#b", "a&b=c", "a=b", "%2f", "%252f", "a b",
  "a\tb", "a\nb", "a\rb", "／..／..", "\\..\\..", "@evil.com", "//evil.com", "http://evil.com", "é", "\u0000", "%00", "a;b", "?",
  "#", "&", "=", "~", "+", "a%", "%zz", "<script>", "'\"`", "💥",
];
/** [template, place, { host: expected hostname as a function of the value } ] */
const FILLABLE = [
  ["https://{{v}}/api", "host"],
  ["https://{{v}}.example.com/api", "label"],
  ["https://api.{{v}}.example.com", "label"],
  ["https://{{v}}example.com", "label"],
  ["https://example.{{v}}", "label"],
  ["https://api.example.com/{{v}}", "path"],
  ["https://api.example.com/a/{{v}}/b", "path"],
  ["https://api.example.com/x{{v}}y", "path"],
  ["https://api.example.com/?{{v}}=1", "query-key"],
  ["https://api.example.com/?q={{v}}", "query-value"],
  ["https://api.example.com/p?a=1&q={{v}}&b=2", "query-value"],
];
const REFUSED_PLACES = [
  "https://{{v}}@api.example.com", "https://u:{{v}}@api.example.com", "https://api.example.com:{{v}}", "{{v}}://api.example.com",
  "https://api.example.com/#{{v}}", "https://api.example.com/x#a{{v}}",
];

function cases() {
  const out = [];
  for (const [template, place] of FILLABLE) {
    for (const v of place === "host" || place === "label" ? HOST_VALUES : [...PATH_VALUES, ...HOST_VALUES.slice(0, 30)]) out.push({ template, place, v });
  }
  for (const template of REFUSED_PLACES) for (const v of ["a", "evil.com", "80", "x@y", ""]) out.push({ template, place: "refused", v });
  // Two placeholders in one host: each value alone may pass, together they must still make one
  // DNS name or a dotted IPv4 address.
  for (const template of ["https://{{v}}.{{w}}/api", "https://{{v}}{{w}}.example.com", "https://{{v}}.{{w}}.example.com"]) {
    for (const [v, w] of [["127", "1"], ["0x7f", "1"], ["0x7f", "0x1"], ["127", "0.0.1"], ["a", ""], ["", "a"], ["evil", "com"], ["evil", "com/x"],
      ["evil", "com:80"], ["a", "b@c"], ["1", "2"], ["0", "0"], ["x", "0x"], ["2130706433", ""], ["a", "-b"], ["a-", "b"], ["xn--", "zz"]]) {
      out.push({ template, place: "host2", v, w });
    }
  }
  for (const c of out) c.values = c.w === undefined ? { v: c.v } : { v: c.v, w: c.w };
  return out;
}

/** Renders every case with `render`, and parses what comes out with `parse` (a WHATWG URL class). */
function runCases(list, render, UrlClass) {
  return list.map(({ template, values }) => {
    try {
      const url = render(template, values);
      const u = new UrlClass(url);
      return { ok: true, url, parts: { protocol: u.protocol, username: u.username, password: u.password, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash } };
    } catch (error) {
      return { ok: false, code: error?.code ?? String(error?.name), message: String(error?.message ?? error) };
    }
  });
}

/** What the URL must look like when a value was accepted; `null` when it does. */
function structureProblem({ template, place, v, w }, r) {
  const p = r.parts;
  if (p.protocol !== "https:" || p.username || p.password || p.port || p.hash) return `scheme/userinfo/port/fragment changed: ${JSON.stringify(p)}`;
  if (place === "host2") {
    const host = template.replace("{{v}}", v).replace("{{w}}", w).replace(/^https:\/\//, "").split(/[/?#]/)[0].toLowerCase();
    if (p.hostname !== host) return `host ${p.hostname}, expected ${host}`;
    if (!/^[a-z0-9.-]+$/.test(host)) return `a host with other characters was accepted (${host})`;
    const last = host.split(".").at(-1);
    if (/^(\d+|0x[0-9a-f]*)$/i.test(last) && !/^(\d{1,3}\.){3}\d{1,3}$/.test(host)) return `a numeric host that is not a dotted quad was accepted (${host})`;
    return p.pathname === new URL(template.replace("{{v}}", "x").replace("{{w}}", "x")).pathname ? null : `path changed: ${p.pathname}`;
  }
  // The host is the template's with the value in its place, nothing more (or the fixed one).
  const want = place === "host" || place === "label"
    ? template.replace("{{v}}", v).replace(/^https:\/\//, "").split(/[/?#]/)[0].toLowerCase()
    : "api.example.com";
  if (p.hostname !== want) return `host ${p.hostname}, expected ${want}`;
  if (place === "label" && !/^[a-z0-9-]+$/i.test(v)) return `a label value with more than letters, digits and '-' was accepted (${JSON.stringify(v)})`;
  if (place === "host") {
    if (!/^[a-z0-9.-]+$/i.test(v)) return `a host value with other characters was accepted (${JSON.stringify(v)})`;
    const last = v.split(".").at(-1);
    const quad = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
    if (/^(\d+|0x[0-9a-f]*)$/i.test(last) && !quad.test(v)) return `a numeric host that is not a dotted quad was accepted (${v})`;
  }
  const skeleton = new URL(template.replace("{{v}}", "x"));
  if (p.pathname.split("/").length !== skeleton.pathname.split("/").length) return `path segments changed: ${p.pathname}`;
  if (place === "path") {
    const segments = template.replace(/^https:\/\/[^/]+/, "").split("/");
    const at = segments.findIndex((s) => s.includes("{{v}}"));
    const got = p.pathname.split("/")[at];
    let back;
    try { back = decodeURIComponent(got); } catch { back = `(undecodable ${got})`; }
    if (back !== segments[at].replace("{{v}}", v)) return `the segment does not decode back to the value: ${got}`;
  }
  if (place === "query-key" || place === "query-value") {
    const params = [...new URLSearchParams(p.search)];
    if (params.length !== [...new URLSearchParams(skeleton.search)].length) return `query pairs changed: ${p.search}`;
    const back = place === "query-key" ? params[0][0] : new URLSearchParams(p.search).get("q");
    if (back !== v) return `the query does not decode back to the value: ${p.search}`;
  }
  return null;
}

test("templates: hostile values in every URL position, through the package in Chromium and in Node", { timeout: 120_000 }, async () => {
  const list = cases();
  const session = await openPage(browser, { url: serve.first, origin: serve.base });
  try {
    // The same loop as runCases, in the page (its CSP forbids shipping it as source to eval).
    const inBrowser = await session.page.evaluate(async (list) => {
      const ck = await import("connector-kit");
      return list.map(({ template, values }) => {
        try {
          const url = ck.renderTemplate(template, values);
          const u = new URL(url);
          return { ok: true, url, parts: { protocol: u.protocol, username: u.username, password: u.password, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash } };
        } catch (e) {
          return { ok: false, code: e?.code ?? String(e?.name), message: String(e?.message ?? e) };
        }
      });
    }, list);
    const inNode = runCases(list, renderTemplate, URL);
    const problems = [];
    for (const [i, c] of list.entries()) {
      const b = inBrowser[i];
      const n = inNode[i];
      const what = `${c.template} with ${JSON.stringify(c.values)}`;
      if (b.ok !== n.ok || b.url !== n.url || b.code !== n.code) {
        // Known and accepted (tests/template.rs bad_punycode_is_refused_or_kept_as_the_host): a
        // label that looks like punycode but does not decode passes Chromium's URL class, not
        // Node's. What Chromium returns must still keep the template's structure.
        if (/(^|\.)xn--/i.test(Object.values(c.values).join("")) && !n.ok && b.ok) {
          const p = structureProblem(c, b);
          if (p) problems.push(`${what} → ${b.url} (Chromium): ${p}`);
          continue;
        }
        problems.push(`${what}: Chromium ${b.ok ? b.url : b.code} vs Node ${n.ok ? n.url : n.code}`);
        continue;
      }
      if (c.place === "refused") {
        if (b.ok || b.code !== "template-placement") problems.push(`${what}: expected template-placement, got ${b.ok ? b.url : b.code}`);
        continue;
      }
      if (!b.ok) {
        if (!/^template-(unsafe-value|invalid-url)$/.test(b.code)) problems.push(`${what}: refused with ${b.code} (${b.message})`);
        continue;
      }
      for (const [who, r] of [["Chromium", b], ["Node", n]]) {
        const p = structureProblem(c, r);
        if (p) problems.push(`${what} → ${r.url} (${who}): ${p}`);
      }
    }
    assert.deepEqual(problems, [], problems.join("\n"));
    // The lookalikes the browser's parser would fold into a dot or a slash are refused, not mapped.
    for (const v of ["evil。com", "evil．com", "evil｡com", "evil／x", "0x7f.1", "127.1", "evil%2Fcom", "a\tb.com", "evil\\.com"]) {
      const i = list.findIndex((c) => c.template === "https://{{v}}/api" && c.v === v);
      assert.equal(inBrowser[i].ok, false, `${v} as a host is refused in Chromium`);
    }
  } finally {
    await session.context.close();
  }
});

// ---- the page -----------------------------------------------------------------------------------

/** Every sign of injection in the document and the component's shadow root. */
function injectedSigns() {
  const roots = [document.body];
  for (const el of document.querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
  const found = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      if (tag.startsWith("ckpwn") || ["script", "iframe", "object", "embed", "svg", "math", "frame", "base", "meta", "link", "style", "form"].includes(tag) && !(tag === "form" && el.getAttribute("part") === "form")) {
        found.push(`<${tag}> in ${root === document.body ? "the document" : "the shadow root"}`);
      }
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${attr.name}= on <${tag}>`);
        if ((attr.name === "id" || attr.name === "class") && /ckpwn/.test(attr.value)) found.push(`${attr.name}=${attr.value} on <${tag}>`);
        if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name) && /^\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(`${attr.name}=${attr.value} on <${tag}>`);
      }
      if (tag === "img" && !/^https:\/\//.test(el.getAttribute("src") ?? "")) found.push(`<img src=${el.getAttribute("src")}>`);
    }
  }
  if (window.__ckpwn !== undefined) found.push(`window.__ckpwn = ${window.__ckpwn}`);
  return found;
}

const XSS_PAYLOAD = {
  display_name: X("display-name"),
  description: X("description"),
  [X("unknown-key")]: X("unknown-value"),
  auth_patterns: [{
    type: "OAUTH", display_name: X("pattern-name"), description: X("pattern-description"), auth_header_key_override: X("header"),
    oauth_config: {
      authorize_uri: `https://auth.example.com/${X("authorize")}`, token_uri: "https://auth.example.com/t",
      available_scopes: [{ scope: X("scope"), display_name: X("scope-name"), description: X("scope-description"), required: true }],
    },
    fields: [
      { field_name: "region", label: X("label"), hint: X("hint"), input_type: "select", required: true,
        options: [{ value: X("option-value"), display_name: X("option-name") }] },
      { field_name: "tenant", label: X("tenant-label"), hint: X("tenant-hint"), input_type: X("input-type"), is_path_param: true },
    ],
    account_fields: [{ field_name: X("account-field"), label: X("account-label"), hint: X("account-hint") }],
    auth_field_mutations: { token: { prefix: X("prefix"), suffix: X("suffix") }, [X("mutation-target")]: { prefix: "x" } },
  }],
  proxy_url: "https://{{tenant}}.example.com/api",
  proxy_enabled: true,
  icon_src: `javascript:window.__ckpwn='icon'`,
  metadata: { [X("mk").slice(0, 20)]: X("mv").slice(0, 200) },
};

test("the page: hostile text from the editor and from a hostile upstream shows as text, nothing runs or is injected", { timeout: 180_000 }, async () => {
  const session = await openPage(browser, { url: serve.first, origin: serve.base });
  const { page } = session;
  const b = builder(page);
  const violations = [];
  await page.exposeFunction("__ckViolation", (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener("securitypolicyviolation", (e) => window.__ckViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  let baseline = [];
  const signs = async (step) => {
    // Every sign beyond those the page had before the attacks (counted, not just named).
    const left = [...baseline];
    const found = (await page.evaluate(injectedSigns)).filter((f) => {
      const i = left.indexOf(f);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
    assert.deepEqual(found, [], `${step}: injected`);
  };
  try {
    await b.editor.waitFor();
    // The page's own elements (its inline SVG icons) are not signs of anything.
    baseline = await page.evaluate(injectedSigns);
    assert.ok(baseline.every((f) => /^<svg> in the document$/.test(f)), `the page before any attack: ${baseline}`);
    // The detector itself: elements planted where an injection would land are found.
    await page.evaluate(() => {
      const el = document.createElement("div");
      el.id = "ck-planted";
      el.append(document.createElement("img"), document.createElement("ckpwn-el"));
      el.firstChild.id = "ckpwn-planted";
      document.querySelector("connector-builder").shadowRoot.append(el);
    });
    const planted = await page.evaluate(injectedSigns);
    await page.evaluate(() => document.querySelector("connector-builder").shadowRoot.getElementById("ck-planted").remove());
    assert.equal(planted.length - baseline.length, 3, `the detector sees planted elements: ${planted}`);

    // 1. Everything the editor feeds the form, the problems, the template and the wire preview.
    await b.editor.fill(JSON.stringify(XSS_PAYLOAD, null, 2));
    await until(async () => (await b.diagnostics.count()) > 3, { message: "the problems" });
    await b.tab("try").click();
    await b.q('[part="template"] input[data-var="tenant"]').fill(X("tenant-value"));
    await page.waitForTimeout(300);
    const shown = await page.evaluate(() => document.querySelector("connector-builder").shadowRoot.textContent);
    assert.ok(shown.includes("ckpwn-unknown-key"), "the hostile key is named in a problem, as text");
    await signs("editor → form, problems, template, preview");

    // A malformed placeholder echoed by the template panel.
    const bad = structuredClone(XSS_PAYLOAD);
    bad.proxy_url = `https://{{<img src=x id=ckpwn-tpl onerror=window.__ckpwn=1>}}.example.com/${X("path")}`;
    await b.editor.fill(JSON.stringify(bad, null, 2));
    await until(async () => /Refused/.test(await b.q('[part="template"]').textContent()), { message: "the template refused" });
    await signs("a malformed template");

    // 2. A hostile upstream: connector names and identifiers in the list.
    await b.tab("manage").click();
    await b.action("environment").selectOption("hostile");
    await until(async () => (await b.q('[part="connector-list"] .connector').count()) === hostileConnectors().length, { message: "the hostile list" });
    assert.ok((await b.q('[part="connector-list"]').textContent()).includes(X("list-name")), "the hostile name is shown as text");
    await signs("the hostile list");

    // Open it: the server's values in the form, the notice and the problems.
    await b.q('[part="connector-list"] .connector').nth(0).locator('[data-action="open"]').click();
    await until(async () => (await b.text()).includes("ckpwn-list-description"), { message: "the hostile connector in the editor" });
    await page.waitForTimeout(300);
    await signs("a hostile connector opened");

    // 3. Create: the server refuses with hostile text (message and field violations).
    const create = { display_name: "Canary Create", description: X("create-description"), proxy_url: "https://api.example.com", proxy_enabled: true,
      auth_patterns: [{ type: "BEARER", display_name: "T", description: "d", fields: [{ field_name: "token", label: X("create-label"), hint: "h", input_type: "password", required: true }] }] };
    await page.evaluate((p) => { document.querySelector("connector-builder").payload = p; }, create);
    await b.action("save").click();
    await b.dialog("create").waitFor();
    await b.action("confirm-create").click();
    await until(async () => /ckpwn-create-message/.test(await b.dialog("create").textContent()), { message: "the hostile create error" });
    await signs("a hostile create error");
    await page.keyboard.press("Escape");
    await b.dialog("create").waitFor({ state: "detached" });

    // 4. Update through the diff: before (the server's) and after (ours), both hostile; then the
    // server's hostile refusal.
    const update = structuredClone(hostileConnectors()[4]);
    for (const k of ["id", "identifier", "categories", "is_custom"]) delete update[k];
    update.description = X("diff-after");
    update.auth_patterns[0].oauth_config.available_scopes.push({ scope: X("scope-after"), display_name: X("scope-name-after"), required: false });
    update.auth_patterns[0].fields[0].label = X("label-after");
    update.metadata.team = X("meta-after").slice(0, 250);
    await page.evaluate((p) => { document.querySelector("connector-builder").payload = p; }, update);
    await b.action("save").click();
    const dialog = b.dialog("update");
    await dialog.waitFor();
    const diffText = await dialog.textContent();
    assert.ok(diffText.includes("ckpwn-diff-before") && diffText.includes("ckpwn-diff-after"), "before and after are shown");
    assert.ok(diffText.includes("ckpwn-scope-after"), "the added scope is shown");
    await signs("the diff");
    await b.action("confirm-update").click();
    await until(async () => /ckpwn-update-message/.test(await dialog.textContent()), { message: "the hostile update error" });
    assert.ok((await dialog.textContent()).includes("ckpwn-update-field"), "the violations are shown");
    await signs("a hostile update error");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // 5. Promote hostile → prod: the three columns, then a hostile refusal.
    await b.action("promote").click();
    const promote = b.dialog("promote");
    await promote.waitFor();
    await signs("the promotion view");
    const columns = await promote.textContent();
    assert.ok(columns.includes("ckpwn-diff-before") && columns.includes("ckpwn-prod-now"), "the three columns show Dev's and Production's values");
    await b.action("confirm-production").check();
    await b.action("confirm-promote").click();
    await until(async () => /ckpwn-(update|create)-message/.test(await promote.textContent()), { message: "the hostile promote error" });
    await signs("a hostile promote error");
    await page.keyboard.press("Escape");
    await promote.waitFor({ state: "detached" });

    // 6. Delete: the hostile name to type, then the server's hostile refusal.
    const row = b.q('[part="connector-list"] .connector').nth(0);
    await row.locator('[data-action="delete"]').click();
    const del = b.dialog("delete");
    await del.waitFor();
    await b.action("type-name").fill(X("list-name"));
    await b.action("confirm-delete").click();
    await until(async () => /ckpwn-delete-message/.test(await del.textContent()), { message: "the hostile delete error" });
    await signs("a hostile delete error");
    await page.keyboard.press("Escape");
    await del.waitFor({ state: "detached" });

    // 7. Identifiers that are dot segments: the request must still name that one connector.
    for (const [index, name] of [[2, "Dot Identifier"], [3, "Dot Dot Identifier"]]) {
      const seen = hostileSeen.length;
      await b.q('[part="connector-list"] .connector').nth(index).locator('[data-action="delete"]').click();
      await b.dialog("delete").waitFor();
      await b.action("type-name").fill(name);
      await b.action("confirm-delete").click();
      await until(async () => (await b.dialog("delete").locator('[part="error"]').count()) > 0, { message: `${name}: the delete's answer` });
      const sent = hostileSeen.slice(seen).filter((r) => r.method === "DELETE").map((r) => r.url);
      assert.ok(sent.every((u) => /^\/api\/v1\/custom-providers\/[^/]+$/.test(u) && !/^\/api\/v1\/custom-providers\/(\.|%2e){1,2}$/i.test(u)),
        `${name}: a DELETE must name one connector, not ${JSON.stringify(sent)}`);
      await page.keyboard.press("Escape");
      await b.dialog("delete").waitFor({ state: "detached" });
    }

    await signs("the end");
    assert.deepEqual(violations, [], "no Content-Security-Policy violation: nothing even tried");
    assert.deepEqual(session.seen.dialogs, [], "no alert, confirm or prompt");
    assert.deepEqual(session.seen.pageErrors, [], "no page errors");
    assert.deepEqual(evilSeen, [], "nothing reached the other host");
  } finally {
    await session.context.close();
  }
});
