// Forwarding to the embedded emulators (the real bin, no configuration): the page's whole flow,
// Production confirmations, what is and is not forwarded.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServeBin, request, payload, startHttp } from "./helpers.mjs";
import { startEmulator } from "../../pkg/lib/emulator.mjs";
import { startServe } from "../../pkg/lib/serve/index.mjs";
import { createConfirmations, CONFIRMATION_MS } from "../../pkg/lib/serve/routes.mjs";
import { safeApiRest } from "../../pkg/lib/serve/forward.mjs";

let serve;
let cookie;
let envs;
const seen = []; // every browser-facing answer, to check no token ever shows

before(async () => {
  serve = await startServeBin();
  const exchange = await request(serve.port, `/?session=${serve.token}`);
  cookie = exchange.headers["set-cookie"][0].split(";")[0];
  envs = (await request(serve.port, "/api/session", { headers: { Cookie: cookie } })).json.environments;
});
after(async () => {
  await serve.stop();
  for (const r of seen) {
    assert.ok(!/Bearer\s+\S|access_token|sks_|skc_/.test(r.text), `an answer mentions a credential: ${r.text.slice(0, 200)}`);
    assert.ok(!/bearer/i.test(JSON.stringify(r.headers)));
  }
});

async function call(method, path, body, headers = {}) {
  const res = await request(serve.port, path, { method, body, headers: { Cookie: cookie, ...headers } });
  seen.push(res);
  return res;
}

test("/api/session: version and the two embedded environments, nothing secret", async () => {
  const res = await call("GET", "/api/session");
  assert.equal(res.status, 200);
  assert.equal(res.headers["content-type"], "application/json");
  assert.match(res.json.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(Object.keys(res.json).sort(), ["environments", "version"]);
  assert.equal(res.json.environments.length, 2);
  const [dev, prod] = res.json.environments;
  for (const e of res.json.environments) {
    assert.deepEqual(Object.keys(e).sort(), ["emulated", "host", "name", "production"]);
    assert.match(e.host, /^127\.0\.0\.1:\d+$/);
    assert.equal(e.emulated, true);
  }
  assert.deepEqual([dev.name, dev.production, prod.name, prod.production], ["dev", false, "prod", true]);
  assert.ok(!/skc_|sks_|secret/i.test(res.text));
});

test("create → list → update → delete on dev through /env/dev/api/v1, with the cookie only", async () => {
  const created = await call("POST", "/env/dev/api/v1/custom-providers", payload("Serve Flow"));
  assert.equal(created.status, 201, created.text);
  assert.equal(created.headers["content-type"], "application/json");
  const id = created.json.provider.identifier;
  assert.equal(id, "serve_flow");

  const list = await call("GET", "/env/dev/api/v1/providers?filter.provider_type=CUSTOM&identifier=serve_flow");
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.providers.map((p) => p.identifier), ["serve_flow"], "the query string is kept");

  const updated = await call("PUT", `/env/dev/api/v1/custom-providers/${encodeURIComponent(id)}`,
    payload("Serve Flow", { description: "updated" }));
  assert.equal(updated.status, 200, updated.text);
  assert.equal(updated.json.provider.description, "updated");

  const invalid = await call("PUT", `/env/dev/api/v1/custom-providers/${id}`, { display_name: "Serve Flow" });
  assert.equal(invalid.status, 400, "upstream errors come back as they are");
  assert.equal(invalid.json.message, "Validation error");

  const deleted = await call("DELETE", `/env/dev/api/v1/custom-providers/${id}`);
  assert.equal(deleted.status, 200);
  assert.deepEqual(deleted.json, {});
  const gone = await call("DELETE", `/env/dev/api/v1/custom-providers/${id}`);
  assert.equal(gone.status, 404);

  // The upstream saw bearer tokens (it answers nothing without one); the browser never did.
  const devHost = envs.find((e) => e.name === "dev").host;
  const state = await (await fetch(`http://${devHost}/_emulator/state`)).json();
  assert.ok(state.active_tokens >= 1);
  const direct = await fetch(`http://${devHost}/api/v1/providers`);
  assert.equal(direct.status, 401, "the emulator does require the bearer serve adds");
});

test("Production: writes refused without confirmation, allowed exactly once after it", async () => {
  const refused = await call("POST", "/env/prod/api/v1/custom-providers", payload("Prod One"));
  assert.equal(refused.status, 403);
  assert.equal(refused.json.code, "confirmation-required");
  assert.match(refused.json.message, /Production/);

  const reads = await call("GET", "/env/prod/api/v1/providers?filter.provider_type=CUSTOM");
  assert.equal(reads.status, 200, "reads need no confirmation");
  assert.equal(reads.json.providers.length, 0, "the refused write never reached upstream");

  const armed = await call("POST", "/api/confirm-production", { environment: "prod" });
  assert.equal(armed.status, 204);
  assert.equal(armed.text, "");
  const created = await call("POST", "/env/prod/api/v1/custom-providers", payload("Prod One"));
  assert.equal(created.status, 201, created.text);
  const again = await call("PUT", "/env/prod/api/v1/custom-providers/prod_one", payload("Prod One", { description: "x" }));
  assert.equal(again.status, 403, "one confirmation, one write");
  assert.equal(again.json.code, "confirmation-required");

  // Re-arming twice still allows one write.
  await call("POST", "/api/confirm-production", { environment: "prod" });
  await call("POST", "/api/confirm-production", { environment: "prod" });
  assert.equal((await call("DELETE", "/env/prod/api/v1/custom-providers/prod_one")).status, 200);
  assert.equal((await call("DELETE", "/env/prod/api/v1/custom-providers/prod_one")).status, 403);

  // A confirmation is for the environment named, and only a Production one.
  const dev = await call("POST", "/api/confirm-production", { environment: "dev" });
  assert.equal(dev.status, 400);
  assert.equal(dev.json.code, "not-production");
  const unknown = await call("POST", "/api/confirm-production", { environment: "nope" });
  assert.equal(unknown.status, 404);
  for (const body of ["{", "[]", "{}", '{"environment": 1}']) {
    const bad = await call("POST", "/api/confirm-production", body);
    assert.equal(bad.status, 400, body);
  }
  const plain = await call("POST", "/api/confirm-production", '{"environment":"prod"}', { "Content-Type": "text/plain" });
  assert.equal(plain.status, 415, "a form or text/plain body (what a cross-site form can send) is refused");
  assert.equal((await call("GET", "/api/confirm-production")).status, 404);
  assert.equal((await call("POST", "/env/prod/api/v1/custom-providers", payload("Prod Two"))).status, 403, "nothing armed by the failures");
});

test("a confirmation lapses after 60 s", () => {
  let now = 1000;
  const c = createConfirmations(() => now);
  c.arm("prod");
  now += CONFIRMATION_MS + 1;
  assert.equal(c.take("prod"), false);
  c.arm("prod");
  now += CONFIRMATION_MS;
  assert.equal(c.take("prod"), true);
  assert.equal(c.take("prod"), false);
  assert.equal(CONFIRMATION_MS, 60_000);
});

test("only /env/<name>/api/v1/… is forwarded; no climbing to other upstream paths", async () => {
  const cases = [
    ["GET", "/env/nope/api/v1/providers", 404, "unknown-environment"],
    ["GET", "/env/dev/oauth/token", 404],
    ["POST", "/env/dev/oauth/token", 404],
    ["GET", "/env/dev/_emulator/state", 404],
    ["GET", "/env/dev/api/v1/", 404],
    ["GET", "/env/dev/api/v2/providers", 404],
    ["GET", "/env/dev/api/v1/../../_emulator/state", 404],
    ["GET", "/env/dev/api/v1/%2e%2e/%2e%2e/_emulator/state", 404],
    ["GET", "/env/dev/api/v1/..%2f..%2f_emulator%2fstate", 404],
    ["GET", "/env/dev/api/v1/providers/..", 404],
    ["GET", "/env/dev/api/v1/.%2E/.%2e/oauth/token", 404],
    ["GET", "/env/dev/api/v1//providers", 404],
    ["GET", "/env/dev/api/v1/providers%00", 404],
    ["GET", "/env/dev/api/v1/%5c%5cevil.example/x", 404],
    ["GET", "/env/%2e%2e/api/v1/providers", 404],
    ["GET", "/env/dev%2f..%2fprod/api/v1/providers", 404],
    ["PATCH", "/env/dev/api/v1/providers", 404],
    ["OPTIONS", "/env/dev/api/v1/providers", 404],
    ["HEAD", "/env/dev/api/v1/providers", 404],
    ["GET", "/api/nope", 404],
    ["POST", "/api/session", 404],
  ];
  for (const [method, path, status, code] of cases) {
    const res = await call(method, path);
    assert.equal(res.status, status, `${method} ${path}: ${res.text}`);
    if (code) assert.equal(res.json.code, code);
  }
  assert.ok(safeApiRest("custom-providers/my%3Aasana_x-2"));
  for (const bad of ["", "a//b", "..", "a/%2E%2e", "a%2fb", "a%5Cb", "a%00", "a b", "a\\b", "%"]) assert.ok(!safeApiRest(bad), bad);
});

test("request bodies: JSON only, at most 1 MiB", async () => {
  const big = JSON.stringify({ display_name: "Big", description: "x".repeat(1024 * 1024) });
  const tooLarge = await call("POST", "/env/dev/api/v1/custom-providers", big);
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.json.code, "payload-too-large");
  // Chunked, no Content-Length: counted as it comes.
  const chunked = await new Promise((resolve, reject) => {
    import("node:http").then(({ default: http }) => {
      const req = http.request({ host: "127.0.0.1", port: serve.port, path: "/env/dev/api/v1/custom-providers", method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json", "Transfer-Encoding": "chunked" } }, (res) => {
        let text = "";
        res.on("data", (d) => { text += d; });
        res.on("end", () => resolve({ status: res.statusCode, text }));
      });
      req.on("error", reject);
      for (let i = 0; i < 17; i++) req.write("x".repeat(64 * 1024));
      req.end();
    });
  });
  assert.equal(chunked.status, 413);
  const exact = await call("POST", "/env/dev/api/v1/custom-providers", `{"a":"${"x".repeat(1024 * 1024 - 8)}"}`);
  assert.equal(exact.status, 400, "exactly 1 MiB goes through (the emulator refuses the payload itself)");
  const text = await call("POST", "/env/dev/api/v1/custom-providers", JSON.stringify(payload("Text Body")), { "Content-Type": "text/plain" });
  assert.equal(text.status, 415);
  const form = await call("POST", "/env/dev/api/v1/custom-providers", "display_name=x", { "Content-Type": "application/x-www-form-urlencoded" });
  assert.equal(form.status, 415);
  const list = await call("GET", "/env/dev/api/v1/providers?filter.provider_type=CUSTOM");
  assert.ok(!list.json.providers.some((p) => p.display_name === "Text Body"));
});

test("the browser's own Authorization, cookies and session header never reach upstream", async () => {
  const seenUp = [];
  const up = await startHttp((req, res) => {
    seenUp.push({ url: req.url, headers: req.headers });
    if (req.url === "/oauth/token") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ access_token: "tok_upstream_only", token_type: "Bearer", expires_in: 3600 }));
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", "Set-Cookie": "up=1", "X-Upstream": "1", "Access-Control-Allow-Origin": "*" });
    res.end('{"ok":true}');
  });
  const s = await startServe({ environments: [{ name: "x", url: up.url, clientId: "skc_x", clientSecret: "sks_x" }], log: () => {} });
  try {
    const res = await request(s.port, "/env/x/api/v1/things?a=1&b=%20", {
      headers: { Cookie: `ck_session=${s.token}; other=1`, Authorization: "Bearer from-the-page", "X-Forwarded-Host": "evil.example", "X-Custom": "1" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers["set-cookie"], undefined);
    assert.equal(res.headers["x-upstream"], undefined);
    const api = seenUp.find((r) => r.url.startsWith("/api/"));
    assert.equal(api.url, "/api/v1/things?a=1&b=%20");
    assert.equal(api.headers.authorization, "Bearer tok_upstream_only");
    for (const h of ["cookie", "x-connector-kit-session", "x-forwarded-host", "x-custom", "origin", "referer"]) assert.equal(api.headers[h], undefined, h);
    assert.equal(api.headers.host, `127.0.0.1:${up.port}`);
  } finally {
    await s.close();
    await up.close();
  }
});

test("upstream timeout → 504; redirects are not followed → 502", async () => {
  const emu = await startEmulator({ port: 0, quiet: true });
  const redirectTarget = [];
  const evil = await startHttp((req, res) => { redirectTarget.push(req.url); res.end("{}"); });
  const redirector = await startHttp((req, res) => {
    if (req.url === "/oauth/token") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"access_token":"t","expires_in":3600}');
      return;
    }
    res.writeHead(307, { Location: `${evil.url}/steal` });
    res.end();
  });
  const s = await startServe({
    environments: [
      { name: "slow", url: emu.url, clientId: "skc_emulator", clientSecret: "sks_emulator" },
      { name: "moved", url: redirector.url, clientId: "a", clientSecret: "b" },
    ],
    upstreamTimeoutMs: 300,
    log: () => {},
  });
  try {
    emu.addFaults({ kind: "latency", ms: 2000, path: "/api/v1/providers" });
    const slow = await request(s.port, "/env/slow/api/v1/providers", { session: s.token });
    assert.equal(slow.status, 504);
    assert.equal(slow.json.code, "upstream-timeout");
    assert.match(slow.json.message, /environment "slow" .* did not answer/);
    const moved = await request(s.port, "/env/moved/api/v1/providers", { session: s.token });
    assert.equal(moved.status, 502);
    assert.equal(moved.json.code, "upstream-redirect");
    assert.equal(moved.headers.location, undefined);
    assert.deepEqual(redirectTarget, [], "the redirect target was never contacted");
    emu.addFaults({ kind: "drop", path: "/api/v1/providers" });
    const drop = await request(s.port, "/env/slow/api/v1/providers", { session: s.token });
    assert.equal(drop.status, 502);
    assert.match(drop.json.message, /cannot reach environment "slow"/);
  } finally {
    await s.close();
    await Promise.all([emu.close(), evil.close(), redirector.close()]);
  }
});
