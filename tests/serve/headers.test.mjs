// The CSP (with the page's import map hash) and the other security headers, on every kind of answer.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../../pkg/lib/emulator.mjs";
import { importMapHashes } from "../../pkg/lib/serve/csp.mjs";
import { request, assertSecurityHeaders, cspHash, parseCsp, startServeBin } from "./helpers.mjs";
import { makeFixture, startFixtureServe, IMPORT_MAP } from "./fixture.mjs";

let fixture;
let emu;
let serve;
const mapHash = cspHash(IMPORT_MAP.replace(/\r\n/g, "\n"));

before(async () => {
  fixture = makeFixture();
  emu = await startEmulator({ port: 0, quiet: true, clientId: "skc_h", clientSecret: "sks_h" });
  serve = await startFixtureServe(fixture, {
    environments: [
      { name: "dev", url: emu.url, clientId: "skc_h", clientSecret: "sks_h", production: false },
      { name: "prod", url: emu.url, clientId: "skc_h", clientSecret: "sks_h", production: true },
      { name: "down", url: "http://127.0.0.1:9", clientId: "skc_h", clientSecret: "sks_h", production: false },
    ],
  });
});
after(async () => {
  await serve.close();
  await emu.close();
  fixture.remove();
});

test("the CSP allows exactly the page's import map by hash (newlines normalised as browsers do)", async () => {
  const res = await request(serve.port, "/", { session: serve.token });
  assert.equal(res.status, 200);
  const csp = assertSecurityHeaders(res, { hashes: [mapHash] });
  assert.deepEqual(csp.get("script-src"), ["'self'", "'wasm-unsafe-eval'", mapHash]);
  // The exact header string of the contract.
  assert.equal(res.headers["content-security-policy"],
    `default-src 'none'; script-src 'self' 'wasm-unsafe-eval' ${mapHash}; style-src 'self'; img-src 'self' data: https:; `
    + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
});

test("every kind of answer carries the headers", async () => {
  const s = serve.token;
  const cases = [
    ["page", "/", { session: s }, 200],
    ["www file", "/www/app.js", { session: s }, 200],
    ["wasm", "/pkg/wasm/web/connector_kit_bg.wasm", { session: s }, 200],
    ["session api", "/api/session", { session: s }, 200],
    ["forwarded", "/env/dev/api/v1/providers", { session: s }, 200],
    ["forwarded error", "/env/dev/api/v1/providers?filter.provider_type=NOPE", { session: s }, 400],
    ["confirmation required", "/env/prod/api/v1/custom-providers/x", { session: s, method: "DELETE" }, 403],
    ["confirm", "/api/confirm-production", { session: s, method: "POST", body: { environment: "prod" } }, 204],
    ["forwarded 404", "/env/prod/api/v1/custom-providers/x", { session: s, method: "DELETE" }, 404],
    ["upstream down", "/env/down/api/v1/providers", { session: s }, 502],
    ["too large", "/env/dev/api/v1/custom-providers", { session: s, method: "POST", body: "x".repeat(1024 * 1024 + 1) }, 413],
    ["not found", "/nope", { session: s }, 404],
    ["unknown env", "/env/nope/api/v1/providers", { session: s }, 404],
    ["no session", "/", {}, 401],
    ["no session api", "/api/session", {}, 401],
    ["foreign host", "/", { session: s, host: "evil.example" }, 403],
    ["foreign origin", "/api/session", { session: s, headers: { Origin: "http://evil.example" } }, 403],
  ];
  for (const [what, p, opts, status] of cases) {
    const res = await request(serve.port, p, opts);
    assert.equal(res.status, status, `${what}: ${res.text.slice(0, 200)}`);
    assertSecurityHeaders(res, { hashes: [mapHash], what });
  }
  const exchange = await request(serve.port, `/?session=${s}`);
  assert.equal(exchange.status, 303);
  const { "set-cookie": cookie, ...rest } = exchange.headers;
  assert.ok(cookie);
  assertSecurityHeaders({ headers: rest }, { hashes: [mapHash], what: "303" });
});

test("forwarded answers keep only content-type and retry-after from upstream (no CORS, no cookies)", async () => {
  emu.addFaults({ kind: "rate-limit", retryAfter: 7, path: "/api/v1/providers" });
  const res = await request(serve.port, "/env/dev/api/v1/providers", { session: serve.token });
  assert.equal(res.status, 429);
  assert.equal(res.headers["retry-after"], "7");
  assert.equal(res.headers["content-type"], "application/json");
  assert.equal(res.headers["access-control-allow-origin"], undefined, "the emulator's CORS header is not passed on");
  assert.equal(res.headers["access-control-expose-headers"], undefined);
  assert.equal(res.json.code, 8);
});

test("the hash follows the page when it changes; a page without an import map gets none", async () => {
  const index = path.join(fixture.www, "index.html");
  const original = fs.readFileSync(index, "utf8");
  try {
    const other = '{"imports":{"x":"/www/app.js"}}';
    fs.writeFileSync(index, `<!doctype html><script type=importmap>${other}</script><p>changed</p>`);
    const res = await request(serve.port, "/api/session", { session: serve.token });
    assert.deepEqual(parseCsp(res.headers["content-security-policy"]).get("script-src").slice(2), [cspHash(other)]);
    fs.writeFileSync(index, "<!doctype html><p>no map, bigger file</p><script>alert(1)</script>");
    const none = await request(serve.port, "/", { session: serve.token });
    assert.deepEqual(parseCsp(none.headers["content-security-policy"]).get("script-src"), ["'self'", "'wasm-unsafe-eval'"]);
  } finally {
    fs.writeFileSync(index, original);
  }
});

test("import map extraction", () => {
  assert.deepEqual(importMapHashes('<script type="importmap">{}</script>'), [cspHash("{}")]);
  assert.deepEqual(importMapHashes("<SCRIPT TYPE='importmap' nonce=x>{}</SCRIPT >"), [cspHash("{}")]);
  assert.deepEqual(importMapHashes('<script type="module">{}</script><script>{}</script>'), []);
  assert.deepEqual(importMapHashes('<script type="importmapx">{}</script>'), []);
});

test("the real page through the real bin: the CSP hashes www/index.html's import map", async () => {
  const bin = await startServeBin();
  try {
    const res = await request(bin.port, "/", { session: bin.token });
    const repo = fileURLToPath(new URL("../../", import.meta.url));
    const page = [path.join(repo, "pkg", "www", "index.html"), path.join(repo, "www", "index.html")].find((p) => fs.existsSync(p));
    if (!page) {
      assert.equal(res.status, 404);
      assertSecurityHeaders(res, { hashes: [] });
      return;
    }
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "text/html; charset=utf-8");
    assertSecurityHeaders(res, { hashes: importMapHashes(fs.readFileSync(page, "utf8")) });
  } finally {
    await bin.stop();
  }
});
